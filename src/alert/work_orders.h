// Work orders: the 发现—派单—处置—反馈 loop that closes every graded alert.
//
// An order is created from each raised alert (an `alert` step's table, in rows or events mode),
// assigned to a team through a dispatch function, and moves through
//   new → dispatched → in_progress → resolved → verified → closed
// with two side states: overdue (its deadline to resolve passed while still open; entered once,
// at the deadline) and escalated (its alert escalated to a more severe level, which also pulls
// the deadline in). From a side state the order goes on with dispatched, in_progress or resolved;
// a failed verification sends a resolved order back to in_progress. Any other move is illegal
// and rejected. Every transition is kept with its time, actor and source.
//
// With escalate_overdue, a missed deadline is 超期升级督办: the order goes overdue and at once
// escalated one level (blue → yellow → orange → red) with a fresh deadline of the new level from
// that moment; missing that one escalates again, until red, whose missed deadline is only overdue.
//
// Transitions come from an actions table (real handling records) or, without one, from a seeded
// simulation of handling times per level (marked simulated in both outputs). Deadlines per level
// (from creation to resolved) default to 红 2 h, 橙 8 h, 黄 24 h, 蓝 72 h.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alert/alert_level.h"
#include "core/table.h"
#include "core/time.h"

namespace xf {

enum class OrderState {
  kNew,
  kDispatched,
  kInProgress,
  kResolved,
  kVerified,
  kClosed,
  kOverdue,
  kEscalated
};

const char* OrderStateName(OrderState s);  // "in_progress"
// Accepts the names above, "in progress" and "reopen" (= in_progress).
std::optional<OrderState> ParseOrderState(std::string_view text);
bool CanTransition(OrderState from, OrderState to);
// Not yet resolved: the deadline still applies.
bool IsOpen(OrderState s);

// A team that can take orders. Skills are alert rule ids; empty: any rule.
struct WorkOrderTeam {
  std::string id;
  std::vector<std::string> skills;
  int64_t capacity = 0;  // orders it can take in total; 0: no limit
  double lat = NAN, lon = NAN;
};

struct WorkOrderRequest {
  std::string order_id;
  std::string rule;
  AlertLevel level = AlertLevel::kBlue;
  int64_t time = 0;  // creation, microseconds
  double lat = NAN, lon = NAN;
  std::string skill;  // what the team must be able to do; empty: the rule
};

// The seam for assignment: one team index per request (-1: none capable or free), requests in
// creation order. The default is NearestLeastLoadedDispatch; a pipeline may plug in an optimiser.
using WorkOrderDispatchFn = std::function<std::vector<int>(const std::vector<WorkOrderRequest>&,
                                                           const std::vector<WorkOrderTeam>&)>;

// The skill a request needs: its skill, else its rule.
const std::string& RequiredSkill(const WorkOrderRequest& r);

// Greedy in creation order: among capable teams with spare capacity, the nearest (when both have
// coordinates; haversine), then the one with the fewest orders so far, then the first listed.
std::vector<int> NearestLeastLoadedDispatch(const std::vector<WorkOrderRequest>& requests,
                                            const std::vector<WorkOrderTeam>& teams);

struct WorkOrderAction {
  std::string key;  // order id or alert id
  OrderState to = OrderState::kDispatched;
  int64_t time = 0;  // microseconds
  std::string actor, note;
  int64_t row = 0;  // 1-based row in the actions table, for errors
};

// Mean handling times of the simulation, per level (microseconds).
struct HandlingTimes {
  int64_t dispatch, start, resolve, verify, close;
};

struct WorkOrderOptions {
  std::array<int64_t, 4> deadline = {2 * kMicrosPerHour, 8 * kMicrosPerHour, 24 * kMicrosPerHour,
                                     72 * kMicrosPerHour};  // red … blue
  std::vector<WorkOrderTeam> teams;                         // empty: one team "duty" for everything
  WorkOrderDispatchFn dispatch;                             // empty: NearestLeastLoadedDispatch
  std::string lat, lon;  // optional coordinate columns of the alert table
  // Optional column of the alert table naming the skill an order needs (a hazard type, a trade);
  // teams' skills are matched against it instead of the rule id. A NULL cell falls back to the
  // rule.
  std::string skill;
  bool escalate_overdue = false;  // a missed deadline escalates the order one level (see above)
  std::optional<std::vector<WorkOrderAction>> actions;  // none: simulate
  bool simulate = true;  // without actions: simulate handling (false: orders stay new)
  uint64_t seed = 0;
  // Overdue is judged up to this time (microseconds); default: the latest time in the input.
  std::optional<int64_t> as_of;
};

struct WorkOrderResult {
  // order_id, alert_id, rule, entity, level, level_code, level_zh, team, created, deadline,
  // state (the last one), dispatched_at, resolved_at, closed_at (NULL until reached), overdue,
  // escalated, simulated (bool), transitions (int64), message.
  TablePtr orders;
  // order_id, seq (1…), from_state ("" for the creation), to_state, time, actor, source
  // (created / action / simulated / deadline / alert), note. In order id, then seq order.
  TablePtr transitions;
};

// Spec errors for a missing alert column; data errors for an illegal action ("order WO-000003:
// cannot go from closed to in_progress (actions row 7)"), an action for an unknown order, or an
// action dated before the order's previous transition.
WorkOrderResult BuildWorkOrders(const Table& alerts, const WorkOrderOptions& options);

}  // namespace xf
