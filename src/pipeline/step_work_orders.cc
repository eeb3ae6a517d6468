// work_orders: work orders from an alert table, with every transition kept (alert/work_orders.h).
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "alert/work_orders.h"
#include "core/error.h"
#include "model/dispatch.h"
#include "core/strings.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

// The `severity_first` policy: the dispatch optimiser (model/dispatch.h) serves the most severe
// alerts first, each by the nearest capable team with spare capacity, instead of taking orders in
// creation order.
std::vector<int> SeverityFirstDispatch(const std::vector<WorkOrderRequest>& requests,
                                       const std::vector<WorkOrderTeam>& teams) {
  // Distances only mean something when every alert and team has coordinates; otherwise all are
  // placed at one point and the first capable team with spare capacity wins.
  auto located = [](double lat, double lon) { return std::isfinite(lat) && std::isfinite(lon); };
  bool geo = true;
  for (const WorkOrderRequest& r : requests) geo = geo && located(r.lat, r.lon);
  for (const WorkOrderTeam& t : teams) geo = geo && located(t.lat, t.lon);
  std::vector<model::DispatchRequest> reqs;
  reqs.reserve(requests.size());
  for (const WorkOrderRequest& r : requests) {
    reqs.push_back({.lat = geo ? r.lat : 0,
                    .lon = geo ? r.lon : 0,
                    .priority = -static_cast<double>(static_cast<int>(r.level)),  // red first
                    .demand = 1,
                    .skill = RequiredSkill(r)});
  }
  std::vector<model::DispatchResource> res;
  res.reserve(teams.size());
  for (const WorkOrderTeam& t : teams) {
    res.push_back({.lat = geo ? t.lat : 0,
                   .lon = geo ? t.lon : 0,
                   .capacity = t.capacity > 0 ? static_cast<double>(t.capacity)
                                              : std::numeric_limits<double>::infinity(),
                   .skills = t.skills});
  }
  const model::DispatchResult d = model::Dispatch(reqs, res);
  return {d.resource.begin(), d.resource.end()};
}

class WorkOrdersStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    if (o.Has("deadlines")) {
      SpecNode d = o.Get("deadlines");
      if (!d.IsMap()) d.Fail("expected {red: 2h, orange: 8h, yellow: 24h, blue: 72h}");
      for (const auto& [key, value] : d.Entries()) {
        std::optional<AlertLevel> level = ParseAlertLevel(key);
        if (!level)
          value.Fail(fmt::format("unknown level '{}'; valid: red, orange, yellow, blue", key));
        const int64_t v = value.AsDuration();
        if (v <= 0) value.Fail("a deadline must be a positive duration");
        options_.deadline[static_cast<size_t>(*level)] = v;
      }
    }
    teams_ = o.GetString("teams", "");
    actions_ = o.GetString("actions", "");
    options_.lat = o.GetString("lat", "");
    options_.lon = o.GetString("lon", "");
    if (options_.lat.empty() != options_.lon.empty())
      o.Fail("give both `lat` and `lon`, or neither");
    options_.skill = o.GetString("skill", "");
    options_.escalate_overdue = o.GetBool("escalate_overdue", false);
    options_.simulate = o.GetBool("simulate", true);
    const std::string policy = o.GetString("dispatch", "in_order");
    if (policy == "severity_first") {
      options_.dispatch = SeverityFirstDispatch;
    } else if (policy != "in_order") {
      o.Get("dispatch").Fail(
          fmt::format("unknown dispatch policy '{}'; valid: in_order, severity_first", policy));
    }
    if (o.Has("as_of")) {
      int64_t t = 0;
      if (!ParseTimestamp(o.Get("as_of").AsString(), &t))
        o.Get("as_of").Fail("expected a timestamp");
      options_.as_of = t;
    }
    node_ = o;
  }

  void Run(StepContext& ctx) override {
    int alerts = -1, teams = -1, actions = -1;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      const std::string& name = ctx.input_name(i);
      if (!teams_.empty() && name == teams_)
        teams = i;
      else if (!actions_.empty() && name == actions_)
        actions = i;
      else if (alerts < 0)
        alerts = i;
    }
    if (!teams_.empty() && teams < 0) node_.Get("teams").Fail("not one of the step's `in` tables");
    if (!actions_.empty() && actions < 0)
      node_.Get("actions").Fail("not one of the step's `in` tables");
    if (alerts < 0) node_.Fail("no alert table among the step's `in` tables");
    WorkOrderOptions o = options_;
    o.seed = ctx.seed();
    const Table& in = *ctx.input(alerts);
    if (!o.lat.empty()) {
      RequireColumn(node_.Get("lat"), in, o.lat);
      RequireColumn(node_.Get("lon"), in, o.lon);
    }
    if (!o.skill.empty()) RequireColumn(node_.Get("skill"), in, o.skill);
    try {
      if (teams >= 0) o.teams = ReadTeams(*ctx.input(teams));
      if (actions >= 0) o.actions = ReadActions(*ctx.input(actions));
      WorkOrderResult r = BuildWorkOrders(in, o);
      ctx.SetOutput(0, r.orders);
      if (ctx.num_outputs() > 1) ctx.SetOutput(1, r.transitions);
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  std::vector<WorkOrderTeam> ReadTeams(const Table& t) {
    RequireColumn(node_.Get("teams"), t, "team");
    std::vector<WorkOrderTeam> out;
    for (int64_t i = 0; i < t.num_rows(); ++i) {
      WorkOrderTeam team;
      team.id = t.column("team")->GetValue(i).ToString();
      if (t.ColumnIndex("skills") >= 0 && !t.column("skills")->IsNull(i)) {
        std::string s = t.column("skills")->GetValue(i).ToString();
        size_t from = 0;
        while (from <= s.size()) {
          size_t comma = std::min(s.find(',', from), s.size());
          std::string one(TrimAscii(std::string_view(s).substr(from, comma - from)));
          if (!one.empty() && one != "*") team.skills.push_back(one);
          from = comma + 1;
        }
      }
      if (t.ColumnIndex("capacity") >= 0 && !t.column("capacity")->IsNull(i)) {
        team.capacity = static_cast<int64_t>(t.column("capacity")->GetValue(i).AsDouble());
      }
      for (auto [col, into] : {std::pair{"lat", &team.lat}, std::pair{"lon", &team.lon}}) {
        if (t.ColumnIndex(col) >= 0 && !t.column(col)->IsNull(i)) {
          *into = t.column(col)->GetValue(i).AsDouble();
        }
      }
      out.push_back(std::move(team));
    }
    return out;
  }

  std::vector<WorkOrderAction> ReadActions(const Table& t) {
    const char* key = t.ColumnIndex("order_id") >= 0 ? "order_id" : "alert_id";
    RequireColumn(node_.Get("actions"), t, key);
    RequireColumn(node_.Get("actions"), t, "action");
    RequireColumn(node_.Get("actions"), t, "time");
    const Column& time = *t.column("time");
    if (time.type() != TypeId::kTimestamp && time.type() != TypeId::kDate) {
      node_.Get("actions").Fail("the actions table's `time` must be a timestamp or a date");
    }
    std::vector<WorkOrderAction> out;
    for (int64_t i = 0; i < t.num_rows(); ++i) {
      WorkOrderAction a;
      a.row = i + 1;
      a.key = t.column(key)->GetValue(i).ToString();
      const std::string action = t.column("action")->GetValue(i).ToString();
      std::optional<OrderState> to = ParseOrderState(action);
      if (!to || *to == OrderState::kNew || *to == OrderState::kOverdue) {
        throw Error(ErrorKind::kData,
                    fmt::format("actions row {}: unknown action '{}'; valid: dispatched, "
                                "in_progress, resolved, verified, closed, escalated, reopen",
                                a.row, action),
                    SourceContext{.line = a.row, .column_name = "action"});
      }
      if (time.IsNull(i)) {
        throw Error(ErrorKind::kData, fmt::format("actions row {} has no time", a.row),
                    SourceContext{.line = a.row, .column_name = "time"});
      }
      a.to = *to;
      a.time = time.type() == TypeId::kDate ? int64_t{time.data<int32_t>()[i]} * kMicrosPerDay -
                                                  int64_t{kShanghaiOffsetSeconds} * kMicrosPerSecond
                                            : time.data<int64_t>()[i];
      if (t.ColumnIndex("actor") >= 0) a.actor = t.column("actor")->GetValue(i).ToString();
      if (t.ColumnIndex("note") >= 0) a.note = t.column("note")->GetValue(i).ToString();
      out.push_back(std::move(a));
    }
    return out;
  }

  WorkOrderOptions options_;
  std::string teams_, actions_;
  SpecNode node_;
};

}  // namespace

StepKind WorkOrdersStepKind() {
  return {.name = "work_orders",
          .summary =
              "Work orders from alerts (new → dispatched → in_progress → resolved → "
              "verified → closed, plus overdue and escalated), every transition kept.",
          .max_inputs = 3,
          .max_outputs = 2,
          .inputs_doc = "alerts (from an alert step), optional teams, optional actions",
          .outputs_doc = "work orders, optional transitions",
          .options = {{"deadlines", "map", false,
                       "Time to resolve per level, e.g. {red: 2h, orange: 8h, yellow: 24h, blue: "
                       "72h} (these are the defaults)."},
                      {"teams", "text", false,
                       "Name of the `in` table of teams: team, skills (rule ids, comma-separated; "
                       "empty or * = any), capacity (0 = no limit), lat, lon. Default: one team "
                       "'duty'."},
                      {"actions", "text", false,
                       "Name of the `in` table of handling records: order_id or alert_id, action "
                       "(dispatched, in_progress, resolved, verified, closed, escalated, reopen), "
                       "time, optional actor, note. Without it, handling is simulated."},
                      {"lat", "column", false,
                       "Latitude column of the alerts, for nearest-team dispatch."},
                      {"lon", "column", false, "Longitude column of the alerts."},
                      {"skill", "column", false,
                       "Column of the alerts naming the skill an order needs (e.g. a hazard "
                       "type); teams' skills are matched against it. Default: the rule id."},
                      {"escalate_overdue", "bool", false,
                       "A missed deadline escalates the order one level (blue → yellow → orange "
                       "→ red) with a fresh deadline of the new level (超期升级督办); default "
                       "false: overdue once, no escalation."},
                      {"dispatch", "text", false,
                       "in_order (default): orders take the nearest capable team with spare "
                       "capacity, then the least loaded, in creation order; severity_first: the "
                       "dispatch optimiser serves red before orange before yellow before blue, "
                       "each by the nearest capable team with spare capacity."},
                      {"simulate", "bool", false,
                       "Without actions, simulate handling times per level (default true; false: "
                       "orders stay new and only deadlines apply)."},
                      {"as_of", "text", false,
                       "Judge overdue orders up to this time (default: the latest time seen)."}},
          .make = [] { return std::make_unique<WorkOrdersStep>(); }};
}

}  // namespace xf::pipeline
