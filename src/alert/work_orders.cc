#include "alert/work_orders.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

#include "core/error.h"
#include "core/hash.h"

namespace xf {

namespace {

constexpr const char* kStateNames[] = {"new",      "dispatched", "in_progress", "resolved",
                                       "verified", "closed",     "overdue",     "escalated"};

// Simulated mean handling times per level: the more severe, the faster the response.
constexpr HandlingTimes kSimulated[] = {
    {10 * kMicrosPerMinute, 20 * kMicrosPerMinute, 90 * kMicrosPerMinute, kMicrosPerHour,
     30 * kMicrosPerMinute},  // red
    {30 * kMicrosPerMinute, kMicrosPerHour, 5 * kMicrosPerHour, 2 * kMicrosPerHour,
     kMicrosPerHour},  // orange
    {kMicrosPerHour, 2 * kMicrosPerHour, 16 * kMicrosPerHour, 4 * kMicrosPerHour,
     2 * kMicrosPerHour},  // yellow
    {4 * kMicrosPerHour, 8 * kMicrosPerHour, 48 * kMicrosPerHour, 8 * kMicrosPerHour,
     4 * kMicrosPerHour},  // blue
};

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = M_PI / 180, kEarthKm = 6371.0088;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

// An exponential handling time with the given mean, from a hash-derived uniform: the same order
// gets the same times whatever other orders exist (no shared random stream).
int64_t SimulatedDuration(uint64_t seed, const std::string& key, int step, int64_t mean) {
  const uint64_t h = HashCombine(HashCombine(seed, HashBytes(key)), HashInt64(step + 1));
  const double u = (static_cast<double>(h >> 11) + 0.5) / 9007199254740992.0;  // (0, 1)
  return std::max<int64_t>(kMicrosPerMinute, static_cast<int64_t>(-std::log(u) * mean));
}

struct Step {
  int64_t time;
  OrderState to;
  std::string actor, source, note;
  int64_t action_row = 0;           // actions only
  std::optional<AlertLevel> level;  // alert escalations
};

struct Order {
  std::string id, alert_id, rule, skill, entity, message;
  AlertLevel level;
  int64_t created, deadline;
  int team = -1;
  OrderState state = OrderState::kNew;
  bool overdue = false, escalated = false;
  bool late = false;  // overdue against the current deadline
  std::optional<int64_t> dispatched_at, resolved_at, closed_at;
  int transitions = 0;
  double lat = NAN, lon = NAN;
  std::vector<Step> steps;  // pending, from actions / alerts / simulation
};

int64_t MicrosOf(const Column& c, int64_t row) {
  if (c.type() == TypeId::kDate) {
    // Midnight in China's time zone, where the dates of the data are.
    return int64_t{c.data<int32_t>()[row]} * kMicrosPerDay -
           int64_t{kShanghaiOffsetSeconds} * kMicrosPerSecond;
  }
  return c.data<int64_t>()[row];
}

}  // namespace

const char* OrderStateName(OrderState s) { return kStateNames[static_cast<int>(s)]; }

std::optional<OrderState> ParseOrderState(std::string_view text) {
  std::string t(text);
  for (char& c : t) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' || c == '-') c = '_';
  }
  if (t == "reopen" || t == "reopened") return OrderState::kInProgress;
  for (int i = 0; i < 8; ++i) {
    if (t == kStateNames[i]) return static_cast<OrderState>(i);
  }
  return std::nullopt;
}

bool IsOpen(OrderState s) {
  return s == OrderState::kNew || s == OrderState::kDispatched || s == OrderState::kInProgress ||
         s == OrderState::kOverdue || s == OrderState::kEscalated;
}

bool CanTransition(OrderState from, OrderState to) {
  using S = OrderState;
  switch (from) {
    case S::kNew:
      return to == S::kDispatched || to == S::kOverdue || to == S::kEscalated;
    case S::kDispatched:
      return to == S::kInProgress || to == S::kOverdue || to == S::kEscalated;
    case S::kInProgress:
      return to == S::kResolved || to == S::kOverdue || to == S::kEscalated;
    case S::kResolved:
      return to == S::kVerified || to == S::kInProgress;
    case S::kVerified:
      return to == S::kClosed;
    case S::kClosed:
      return false;
    case S::kOverdue:
      return to == S::kDispatched || to == S::kInProgress || to == S::kResolved ||
             to == S::kEscalated;
    case S::kEscalated:
      return to == S::kDispatched || to == S::kInProgress || to == S::kResolved ||
             to == S::kOverdue || to == S::kEscalated;
  }
  return false;
}

const std::string& RequiredSkill(const WorkOrderRequest& r) {
  return r.skill.empty() ? r.rule : r.skill;
}

std::vector<int> NearestLeastLoadedDispatch(const std::vector<WorkOrderRequest>& requests,
                                            const std::vector<WorkOrderTeam>& teams) {
  std::vector<int> out(requests.size(), -1);
  std::vector<int64_t> load(teams.size(), 0);
  for (size_t r = 0; r < requests.size(); ++r) {
    const WorkOrderRequest& q = requests[r];
    int best = -1;
    double best_km = 0;
    for (size_t t = 0; t < teams.size(); ++t) {
      const WorkOrderTeam& team = teams[t];
      if (!team.skills.empty() && std::find(team.skills.begin(), team.skills.end(),
                                            RequiredSkill(q)) == team.skills.end()) {
        continue;
      }
      if (team.capacity > 0 && load[t] >= team.capacity) continue;
      const bool located = std::isfinite(q.lat) && std::isfinite(q.lon) &&
                           std::isfinite(team.lat) && std::isfinite(team.lon);
      const double km = located ? HaversineKm(q.lat, q.lon, team.lat, team.lon)
                                : std::numeric_limits<double>::infinity();
      if (best < 0 || km < best_km ||
          (km == best_km && load[t] < load[static_cast<size_t>(best)])) {
        best = static_cast<int>(t);
        best_km = km;
      }
    }
    out[r] = best;
    if (best >= 0) ++load[static_cast<size_t>(best)];
  }
  return out;
}

WorkOrderResult BuildWorkOrders(const Table& alerts, const WorkOrderOptions& o) {
  for (const char* c : {"alert_id", "rule", "level", "entity", "time"}) {
    if (alerts.ColumnIndex(c) < 0) {
      throw Error(ErrorKind::kSpec,
                  fmt::format("work orders are made from an alert table; it has no '{}' column "
                              "(columns: {})",
                              c, alerts.schema().ToString()),
                  SourceContext{.column_name = c});
    }
  }
  const Column& time = *alerts.column("time");
  if (time.type() != TypeId::kDate && time.type() != TypeId::kTimestamp) {
    throw Error(ErrorKind::kSpec, "the alert table's time must be a date or a timestamp",
                SourceContext{.column_name = "time"});
  }
  const Column* state = alerts.ColumnIndex("state") >= 0 ? alerts.column("state").get() : nullptr;
  const Column* message =
      alerts.ColumnIndex("message") >= 0 ? alerts.column("message").get() : nullptr;
  const Column* lat = o.lat.empty() ? nullptr : alerts.column(o.lat).get();
  const Column* lon = o.lon.empty() ? nullptr : alerts.column(o.lon).get();
  if (!o.skill.empty() && alerts.ColumnIndex(o.skill) < 0) {
    throw Error(ErrorKind::kSpec,
                fmt::format("the alert table has no skill column '{}' (columns: {})", o.skill,
                            alerts.schema().ToString()),
                SourceContext{.column_name = o.skill});
  }
  const Column* skill = o.skill.empty() ? nullptr : alerts.column(o.skill).get();
  auto text = [&](const char* col, int64_t row) {
    return alerts.column(col)->GetValue(row).ToString();
  };

  // Orders from raised alerts (every row of a rows-mode table); escalations of events-mode
  // tables become pending steps of their order.
  std::vector<Order> orders;
  std::map<std::string, size_t> by_alert, by_id;
  int64_t latest = std::numeric_limits<int64_t>::min();
  std::vector<int64_t> rows(static_cast<size_t>(alerts.num_rows()));
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int64_t>(i);
  std::stable_sort(rows.begin(), rows.end(), [&](int64_t a, int64_t b) {
    if (time.IsNull(a) != time.IsNull(b)) return time.IsNull(b);
    return !time.IsNull(a) && MicrosOf(time, a) < MicrosOf(time, b);
  });
  for (int64_t row : rows) {
    if (time.IsNull(row)) {
      throw Error(ErrorKind::kData, "an alert without a time cannot open a work order",
                  SourceContext{.line = row + 1, .column_name = "time"});
    }
    const int64_t t = MicrosOf(time, row);
    latest = std::max(latest, t);
    const std::string alert_id = text("alert_id", row);
    const std::string st = state ? text("state", row) : "raised";
    std::optional<AlertLevel> level = ParseAlertLevel(text("level", row));
    if (!level) {
      throw Error(ErrorKind::kData, fmt::format("unknown alert level '{}'", text("level", row)),
                  SourceContext{.line = row + 1, .column_name = "level"});
    }
    if (st == "raised") {
      if (by_alert.count(alert_id)) continue;  // one order per alert
      Order ord;
      ord.id = fmt::format("WO-{:06d}", orders.size() + 1);
      ord.alert_id = alert_id;
      ord.rule = text("rule", row);
      if (skill && !skill->IsNull(row)) ord.skill = skill->GetValue(row).ToString();
      ord.entity = text("entity", row);
      ord.message = message ? message->GetValue(row).ToString() : "";
      ord.level = *level;
      ord.created = t;
      ord.deadline = t + o.deadline[static_cast<size_t>(*level)];
      if (lat && lon && !lat->IsNull(row) && !lon->IsNull(row)) {
        ord.lat = lat->GetValue(row).AsDouble();
        ord.lon = lon->GetValue(row).AsDouble();
      }
      by_alert[alert_id] = orders.size();
      by_id[ord.id] = orders.size();
      orders.push_back(std::move(ord));
    } else if (st == "escalated") {
      auto it = by_alert.find(alert_id);
      if (it == by_alert.end()) continue;
      orders[it->second].steps.push_back(
          {t, OrderState::kEscalated, "", "alert",
           fmt::format("alert escalated to {}", AlertLevelName(*level)), 0, *level});
    }
  }

  // Assignment through the dispatch seam.
  std::vector<WorkOrderTeam> teams = o.teams;
  if (teams.empty()) teams.push_back({"duty", {}, 0, NAN, NAN});
  std::vector<WorkOrderRequest> requests;
  for (const Order& ord : orders) {
    requests.push_back({ord.id, ord.rule, ord.level, ord.created, ord.lat, ord.lon, ord.skill});
  }
  std::vector<int> assigned =
      o.dispatch ? o.dispatch(requests, teams) : NearestLeastLoadedDispatch(requests, teams);
  if (assigned.size() != orders.size()) {
    throw Error(ErrorKind::kInternal, "the dispatch function returned the wrong number of teams");
  }
  for (size_t k = 0; k < orders.size(); ++k) {
    const int t = assigned[k];
    orders[k].team = t >= 0 && static_cast<size_t>(t) < teams.size() ? t : -1;
  }

  // Handling: recorded actions, or a simulation.
  const bool simulated = !o.actions && o.simulate;
  if (o.actions) {
    for (const WorkOrderAction& a : *o.actions) {
      size_t idx = 0;
      if (auto it = by_id.find(a.key); it != by_id.end()) {
        idx = it->second;
      } else if (auto al = by_alert.find(a.key); al != by_alert.end()) {
        idx = al->second;
      } else {
        throw Error(
            ErrorKind::kData,
            fmt::format("action for an unknown order or alert '{}' (actions row {})", a.key, a.row),
            SourceContext{.line = a.row});
      }
      orders[idx].steps.push_back({a.time, a.to, a.actor, "action", a.note, a.row, {}});
      latest = std::max(latest, a.time);
    }
  } else if (simulated) {
    for (Order& ord : orders) {
      if (ord.team < 0) continue;  // nobody to handle it: it stays new (and goes overdue)
      const HandlingTimes& h = kSimulated[static_cast<size_t>(ord.level)];
      const std::string& actor = teams[static_cast<size_t>(ord.team)].id;
      int64_t t = ord.created;
      const std::pair<OrderState, int64_t> plan[] = {{OrderState::kDispatched, h.dispatch},
                                                     {OrderState::kInProgress, h.start},
                                                     {OrderState::kResolved, h.resolve},
                                                     {OrderState::kVerified, h.verify},
                                                     {OrderState::kClosed, h.close}};
      int step = 0;
      for (const auto& [to, mean] : plan) {
        t += SimulatedDuration(o.seed, ord.alert_id, step++, mean);
        ord.steps.push_back({t, to, actor, "simulated", "", 0, {}});
        latest = std::max(latest, t);
      }
    }
  }
  const int64_t as_of = o.as_of.value_or(latest);

  // Run each order's state machine, inserting overdue at the deadline.
  std::vector<std::string> tr_order, tr_from, tr_to, tr_actor, tr_source, tr_note;
  std::vector<int64_t> tr_seq, tr_time;
  for (Order& ord : orders) {
    int64_t last = ord.created;
    auto record = [&](const std::string& from, OrderState to, int64_t t, const std::string& actor,
                      const std::string& source, const std::string& note) {
      tr_order.push_back(ord.id);
      tr_seq.push_back(++ord.transitions);
      tr_from.push_back(from);
      tr_to.push_back(OrderStateName(to));
      tr_time.push_back(t);
      tr_actor.push_back(actor);
      tr_source.push_back(source);
      tr_note.push_back(note);
      last = t;
    };
    auto go = [&](OrderState to, int64_t t, const std::string& actor, const std::string& source,
                  const std::string& note, int64_t action_row) {
      if (!CanTransition(ord.state, to)) {
        throw Error(ErrorKind::kData,
                    fmt::format("order {} (alert {}): cannot go from {} to {}{}", ord.id,
                                ord.alert_id, OrderStateName(ord.state), OrderStateName(to),
                                action_row ? fmt::format(" (actions row {})", action_row) : ""),
                    SourceContext{.line = action_row});
      }
      if (t < last) {
        throw Error(ErrorKind::kData,
                    fmt::format("order {}: {} is dated before its previous transition{}", ord.id,
                                OrderStateName(to),
                                action_row ? fmt::format(" (actions row {})", action_row) : ""),
                    SourceContext{.line = action_row});
      }
      record(OrderStateName(ord.state), to, t, actor, source, note);
      ord.state = to;
      if (to == OrderState::kDispatched && !ord.dispatched_at) ord.dispatched_at = t;
      if (to == OrderState::kResolved) ord.resolved_at = t;
      if (to == OrderState::kInProgress) ord.resolved_at.reset();  // reopened
      if (to == OrderState::kClosed) ord.closed_at = t;
      if (to == OrderState::kOverdue) ord.overdue = true;
      if (to == OrderState::kEscalated) ord.escalated = true;
    };
    auto check_deadline = [&](int64_t now) {
      // Without escalate_overdue an order goes overdue once; with it, each missed deadline
      // escalates one level with a fresh deadline, so the loop ends at red at the latest.
      while (!ord.late && (o.escalate_overdue || !ord.overdue) && IsOpen(ord.state) &&
             ord.deadline <= now) {
        const int64_t at = std::max(ord.deadline, last);
        go(OrderState::kOverdue, at, "", "deadline",
           fmt::format("not resolved within the {} deadline", AlertLevelName(ord.level)), 0);
        ord.late = true;
        if (!o.escalate_overdue || ord.level == AlertLevel::kRed) break;
        const AlertLevel from = ord.level;
        ord.level = static_cast<AlertLevel>(static_cast<int>(ord.level) - 1);
        ord.deadline = at + o.deadline[static_cast<size_t>(ord.level)];
        go(OrderState::kEscalated, at, "", "deadline",
           fmt::format("overdue: escalated from {} to {} (超期升级督办)", AlertLevelName(from),
                       AlertLevelName(ord.level)),
           0);
        ord.late = false;
      }
    };
    record("", OrderState::kNew, ord.created,
           ord.team >= 0 ? teams[static_cast<size_t>(ord.team)].id : "", "created",
           ord.team >= 0 ? "" : "no capable team");
    std::stable_sort(ord.steps.begin(), ord.steps.end(),
                     [](const Step& a, const Step& b) { return a.time < b.time; });
    for (const Step& s : ord.steps) {
      check_deadline(s.time);
      if (s.level) {
        if (!IsOpen(ord.state)) continue;  // escalating a resolved order changes nothing
        if (*s.level < ord.level) {
          ord.level = *s.level;
          ord.deadline = std::min(ord.deadline, s.time + o.deadline[static_cast<size_t>(*s.level)]);
        }
      }
      go(s.to, s.time, s.actor, s.source, s.note, s.action_row);
    }
    check_deadline(as_of);
  }

  // Outputs.
  auto strings = [](const std::vector<std::string>& v) {
    auto c = Column::Make(TypeId::kString);
    for (const std::string& s : v) c->AppendString(s);
    return c;
  };
  auto stamp = [](const std::vector<std::optional<int64_t>>& v) {
    auto c = Column::Make(TypeId::kTimestamp);
    for (const auto& t : v) t ? c->AppendTimestamp(*t) : c->AppendNull();
    return c;
  };
  std::vector<std::string> id, alert_id, rule, entity, level, code, zh, team, st, msg;
  std::vector<std::optional<int64_t>> created, deadline, dispatched, resolved, closed;
  auto overdue = Column::Make(TypeId::kBool), escalated = Column::Make(TypeId::kBool),
       sim = Column::Make(TypeId::kBool), count = Column::Make(TypeId::kInt64);
  for (const Order& ord : orders) {
    id.push_back(ord.id);
    alert_id.push_back(ord.alert_id);
    rule.push_back(ord.rule);
    entity.push_back(ord.entity);
    level.push_back(AlertLevelName(ord.level));
    code.push_back(AlertLevelCode(ord.level));
    zh.push_back(AlertLevelZh(ord.level));
    team.push_back(ord.team >= 0 ? teams[static_cast<size_t>(ord.team)].id : "");
    st.push_back(OrderStateName(ord.state));
    msg.push_back(ord.message);
    created.push_back(ord.created);
    deadline.push_back(ord.deadline);
    dispatched.push_back(ord.dispatched_at);
    resolved.push_back(ord.resolved_at);
    closed.push_back(ord.closed_at);
    overdue->AppendBool(ord.overdue);
    escalated->AppendBool(ord.escalated);
    sim->AppendBool(simulated);
    count->AppendInt64(ord.transitions);
  }
  WorkOrderResult out;
  const TypeId S = TypeId::kString, T = TypeId::kTimestamp, B = TypeId::kBool;
  out.orders =
      Table::Make(Schema({{"order_id", S},
                          {"alert_id", S},
                          {"rule", S},
                          {"entity", S},
                          {"level", S},
                          {"level_code", S},
                          {"level_zh", S},
                          {"team", S},
                          {"created", T},
                          {"deadline", T},
                          {"state", S},
                          {"dispatched_at", T},
                          {"resolved_at", T},
                          {"closed_at", T},
                          {"overdue", B},
                          {"escalated", B},
                          {"simulated", B},
                          {"transitions", TypeId::kInt64},
                          {"message", S}}),
                  {strings(id), strings(alert_id), strings(rule), strings(entity), strings(level),
                   strings(code), strings(zh), strings(team), stamp(created), stamp(deadline),
                   strings(st), stamp(dispatched), stamp(resolved), stamp(closed), overdue,
                   escalated, sim, count, strings(msg)});
  auto seq = Column::Make(TypeId::kInt64);
  for (int64_t s : tr_seq) seq->AppendInt64(s);
  std::vector<std::optional<int64_t>> times(tr_time.begin(), tr_time.end());
  out.transitions =
      Table::Make(Schema({{"order_id", S},
                          {"seq", TypeId::kInt64},
                          {"from_state", S},
                          {"to_state", S},
                          {"time", T},
                          {"actor", S},
                          {"source", S},
                          {"note", S}}),
                  {strings(tr_order), seq, strings(tr_from), strings(tr_to), stamp(times),
                   strings(tr_actor), strings(tr_source), strings(tr_note)});
  return out;
}

}  // namespace xf
