// Work orders: the state machine, deadlines, escalation, dispatch and the simulation.
#include "alert/work_orders.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/error.h"
#include "core/time.h"

namespace xf {
namespace {

const int64_t kT0 = int64_t{DaysFromCivil(2024, 6, 3)} * kMicrosPerDay;  // 08:00 in Shanghai
constexpr int64_t kMin = kMicrosPerMinute, kHour = kMicrosPerHour;

struct AlertRow {
  const char* id;
  const char* rule;
  const char* level;
  const char* state;  // raised / escalated / cleared
  int64_t at;         // offset from kT0
};

TablePtr Alerts(const std::vector<AlertRow>& rows, bool with_state) {
  auto id = Column::Make(TypeId::kString), rule = Column::Make(TypeId::kString),
       level = Column::Make(TypeId::kString), entity = Column::Make(TypeId::kString),
       time = Column::Make(TypeId::kTimestamp), state = Column::Make(TypeId::kString),
       lat = Column::Make(TypeId::kFloat64), lon = Column::Make(TypeId::kFloat64);
  for (const AlertRow& r : rows) {
    id->AppendString(r.id);
    rule->AppendString(r.rule);
    level->AppendString(r.level);
    entity->AppendString("E-" + std::string(r.id));
    time->AppendTimestamp(kT0 + r.at);
    state->AppendString(r.state);
    lat->AppendFloat64(30.0);
    lon->AppendFloat64(std::string(r.id) == "A2" ? 121.0 : 120.0);
  }
  std::vector<Field> f = {{"alert_id", TypeId::kString}, {"rule", TypeId::kString},
                          {"level", TypeId::kString},    {"entity", TypeId::kString},
                          {"time", TypeId::kTimestamp},  {"lat", TypeId::kFloat64},
                          {"lon", TypeId::kFloat64}};
  std::vector<ColumnPtr> c = {id, rule, level, entity, time, lat, lon};
  if (with_state) {
    f.push_back({"state", TypeId::kString});
    c.push_back(state);
  }
  return Table::Make(Schema(f), c);
}

// "from>to@minutes source" for one order.
std::vector<std::string> Moves(const WorkOrderResult& r, const std::string& order) {
  std::vector<std::string> out;
  const Table& t = *r.transitions;
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    if (t.column("order_id")->GetString(i) != order) continue;
    out.push_back(fmt::format(
        "{}>{}@{} {}", t.column("from_state")->GetString(i), t.column("to_state")->GetString(i),
        (t.column("time")->data<int64_t>()[i] - kT0) / kMin, t.column("source")->GetString(i)));
  }
  return out;
}

std::string Cell(const Table& t, const char* col, int64_t row) {
  return t.column(col)->GetValue(row).ToString();
}

using V = std::vector<std::string>;

TEST(WorkOrders, TransitionTable) {
  using S = OrderState;
  EXPECT_TRUE(CanTransition(S::kNew, S::kDispatched));
  EXPECT_TRUE(CanTransition(S::kResolved, S::kInProgress));  // verification failed
  EXPECT_TRUE(CanTransition(S::kOverdue, S::kResolved));
  EXPECT_FALSE(CanTransition(S::kNew, S::kResolved));
  EXPECT_FALSE(CanTransition(S::kDispatched, S::kClosed));
  EXPECT_FALSE(CanTransition(S::kVerified, S::kInProgress));
  EXPECT_FALSE(CanTransition(S::kResolved, S::kOverdue));  // resolved in time is not overdue
  for (int to = 0; to < 8; ++to) EXPECT_FALSE(CanTransition(S::kClosed, static_cast<S>(to)));
  EXPECT_EQ(ParseOrderState("In Progress"), S::kInProgress);
  EXPECT_EQ(ParseOrderState("reopen"), S::kInProgress);
  EXPECT_FALSE(ParseOrderState("done").has_value());
}

std::vector<WorkOrderAction> Actions(
    const std::vector<std::tuple<const char*, const char*, int64_t>>& rows) {
  std::vector<WorkOrderAction> out;
  int64_t row = 0;
  for (auto [key, action, at] : rows) {
    out.push_back({key, *ParseOrderState(action), kT0 + at, "team-a", "", ++row});
  }
  return out;
}

TEST(WorkOrders, ActionsDriveTheOrderAndOverdueIsFlaggedAtTheDeadline) {
  TablePtr alerts =
      Alerts({{"A1", "leak", "red", "raised", 0}, {"A2", "leak", "blue", "raised", 0}}, false);
  WorkOrderOptions o;
  o.actions = Actions({{"WO-000001", "dispatched", 5 * kMin},
                       {"A1", "in_progress", 20 * kMin},  // by alert id works too
                       {"WO-000001", "resolved", 3 * kHour},
                       {"WO-000001", "verified", 4 * kHour},
                       {"WO-000001", "closed", 4 * kHour + 30 * kMin},
                       {"WO-000002", "dispatched", kHour}});
  WorkOrderResult r = BuildWorkOrders(*alerts, o);
  // Red: 2 h to resolve; resolved at 3 h → overdue inserted at 120 min. Every move kept.
  EXPECT_EQ(Moves(r, "WO-000001"),
            (V{">new@0 created", "new>dispatched@5 action", "dispatched>in_progress@20 action",
               "in_progress>overdue@120 deadline", "overdue>resolved@180 action",
               "resolved>verified@240 action", "verified>closed@270 action"}));
  // Blue: 72 h; judged as of the latest time seen (4.5 h): not overdue.
  EXPECT_EQ(Moves(r, "WO-000002"), (V{">new@0 created", "new>dispatched@60 action"}));
  const Table& orders = *r.orders;
  EXPECT_EQ(Cell(orders, "state", 0), "closed");
  EXPECT_EQ(Cell(orders, "overdue", 0), "true");
  EXPECT_EQ(Cell(orders, "simulated", 0), "false");
  EXPECT_EQ(orders.column("transitions")->GetValue(0).int_value(), 7);
  EXPECT_EQ(orders.column("deadline")->data<int64_t>()[0], kT0 + 2 * kHour);
  EXPECT_EQ(orders.column("deadline")->data<int64_t>()[1], kT0 + 72 * kHour);
  EXPECT_EQ(Cell(orders, "state", 1), "dispatched");
  EXPECT_EQ(Cell(orders, "overdue", 1), "false");
  EXPECT_EQ(Cell(orders, "team", 1), "duty");
  // Judged later, the blue order is overdue too, at its deadline.
  o.as_of = kT0 + 80 * kHour;
  r = BuildWorkOrders(*alerts, o);
  EXPECT_EQ(Moves(r, "WO-000002").back(), "dispatched>overdue@4320 deadline");
}

TEST(WorkOrders, IllegalActionsAreRejected) {
  TablePtr alerts = Alerts({{"A1", "leak", "red", "raised", 0}}, false);
  WorkOrderOptions o;
  o.actions = Actions({{"WO-000001", "resolved", 5 * kMin}});
  try {
    BuildWorkOrders(*alerts, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot go from new to resolved (actions row 1)"),
              std::string::npos)
        << e.what();
  }
  o.actions = Actions({{"WO-000001", "dispatched", 5 * kMin}, {"WO-000001", "in_progress", kMin}});
  EXPECT_THROW(BuildWorkOrders(*alerts, o), Error);  // dated before the previous move
  o.actions = Actions({{"WO-000009", "dispatched", 5 * kMin}});
  EXPECT_THROW(BuildWorkOrders(*alerts, o), Error);  // unknown order
}

TEST(WorkOrders, AlertEscalationEscalatesTheOrderAndPullsTheDeadlineIn) {
  TablePtr events = Alerts({{"A1", "leak", "yellow", "raised", 0},
                            {"A1", "leak", "orange", "escalated", kHour},
                            {"A1", "leak", "orange", "cleared", 2 * kHour}},
                           true);
  WorkOrderOptions o;
  o.simulate = false;
  o.as_of = kT0 + 10 * kHour;
  WorkOrderResult r = BuildWorkOrders(*events, o);
  ASSERT_EQ(r.orders->num_rows(), 1);  // one order per alert, not per event
  EXPECT_EQ(Cell(*r.orders, "level", 0), "orange");
  // Yellow gave 24 h; orange from the escalation gives 1 h + 8 h = 9 h.
  EXPECT_EQ(r.orders->column("deadline")->data<int64_t>()[0], kT0 + 9 * kHour);
  EXPECT_EQ(Moves(r, "WO-000001"),
            (V{">new@0 created", "new>escalated@60 alert", "escalated>overdue@540 deadline"}));
  EXPECT_EQ(Cell(*r.orders, "escalated", 0), "true");
}

TEST(WorkOrders, DispatchNearestCapableWithCapacity) {
  std::vector<WorkOrderTeam> teams = {{"west", {"leak"}, 1, 30.0, 120.0},
                                      {"east", {"leak"}, 0, 30.0, 121.0},
                                      {"fire", {"fire"}, 0, 30.0, 120.0}};
  std::vector<WorkOrderRequest> req = {{"1", "leak", AlertLevel::kRed, 0, 30.0, 120.01},
                                       {"2", "leak", AlertLevel::kRed, 0, 30.0, 120.02},
                                       {"3", "fire", AlertLevel::kRed, 0, 30.0, 121.0},
                                       {"4", "smoke", AlertLevel::kRed, 0, 30.0, 121.0}};
  // 1 → west (nearest); 2 → east (west is full); 3 → the only fire team; 4 → nobody.
  EXPECT_EQ(NearestLeastLoadedDispatch(req, teams), (std::vector<int>{0, 1, 2, -1}));
  // Without coordinates: the least loaded capable team.
  std::vector<WorkOrderTeam> plain = {{"a", {}, 0, NAN, NAN}, {"b", {}, 0, NAN, NAN}};
  std::vector<WorkOrderRequest> three(3,
                                      WorkOrderRequest{"x", "r", AlertLevel::kBlue, 0, NAN, NAN});
  EXPECT_EQ(NearestLeastLoadedDispatch(three, plain), (std::vector<int>{0, 1, 0}));
  // The seam: a custom dispatch function decides.
  TablePtr alerts = Alerts({{"A1", "leak", "red", "raised", 0}}, false);
  WorkOrderOptions o;
  o.teams = teams;
  o.simulate = false;
  o.dispatch = [](const std::vector<WorkOrderRequest>& r, const std::vector<WorkOrderTeam>&) {
    return std::vector<int>(r.size(), 2);
  };
  EXPECT_EQ(Cell(*BuildWorkOrders(*alerts, o).orders, "team", 0), "fire");
}

TEST(WorkOrders, SimulationIsSeededLabelledAndConsistent) {
  std::vector<AlertRow> rows;
  const char* levels[] = {"red", "orange", "yellow", "blue"};
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i) ids.push_back("A" + std::to_string(i));
  for (int i = 0; i < 40; ++i)
    rows.push_back({ids[i].c_str(), "leak", levels[i % 4], "raised", i * kHour});
  TablePtr alerts = Alerts(rows, false);
  WorkOrderOptions o;
  o.seed = 42;
  WorkOrderResult a = BuildWorkOrders(*alerts, o), b = BuildWorkOrders(*alerts, o);
  EXPECT_EQ(a.orders->ToString(100), b.orders->ToString(100));
  EXPECT_EQ(a.transitions->ToString(1000), b.transitions->ToString(1000));
  o.seed = 43;
  EXPECT_NE(BuildWorkOrders(*alerts, o).transitions->ToString(1000), a.transitions->ToString(1000));
  const Table& orders = *a.orders;
  int overdue = 0;
  for (int64_t i = 0; i < orders.num_rows(); ++i) {
    EXPECT_EQ(Cell(orders, "state", i), "closed");
    EXPECT_EQ(Cell(orders, "simulated", i), "true");
    const int64_t resolved = orders.column("resolved_at")->data<int64_t>()[i];
    const int64_t deadline = orders.column("deadline")->data<int64_t>()[i];
    EXPECT_EQ(Cell(orders, "overdue", i) == "true", resolved > deadline) << i;
    overdue += resolved > deadline;
  }
  EXPECT_GT(overdue, 0);   // exponential handling times: some orders run late ...
  EXPECT_LT(overdue, 40);  // ... most do not
  const Table& t = *a.transitions;
  for (int64_t i = 1; i < t.num_rows(); ++i) {
    if (t.column("order_id")->GetString(i) != t.column("order_id")->GetString(i - 1)) continue;
    EXPECT_GE(t.column("time")->data<int64_t>()[i], t.column("time")->data<int64_t>()[i - 1]);
    EXPECT_EQ(t.column("from_state")->GetString(i), t.column("to_state")->GetString(i - 1));
    const std::string src(t.column("source")->GetString(i));
    EXPECT_TRUE(src == "simulated" || src == "deadline") << src;
  }
}

// 超期升级督办: each missed deadline escalates one level with a fresh deadline from that moment;
// at red a missed deadline is only overdue. Without the option an order goes overdue once.
TEST(WorkOrders, OverdueEscalatesOneLevelAtATimeUntilRed) {
  TablePtr alerts = Alerts({{"A1", "leak", "yellow", "raised", 0}}, false);
  WorkOrderOptions o;
  o.simulate = false;
  o.deadline = {1 * kHour, 2 * kHour, 3 * kHour, 4 * kHour};
  o.as_of = kT0 + 20 * kHour;
  o.escalate_overdue = true;
  WorkOrderResult r = BuildWorkOrders(*alerts, o);
  // yellow due at 3 h → orange due at 3 + 2 = 5 h → red due at 5 + 1 = 6 h → overdue at red.
  EXPECT_EQ(Moves(r, "WO-000001"),
            (V{">new@0 created", "new>overdue@180 deadline", "overdue>escalated@180 deadline",
               "escalated>overdue@300 deadline", "overdue>escalated@300 deadline",
               "escalated>overdue@360 deadline"}));
  EXPECT_EQ(Cell(*r.orders, "level", 0), "red");
  EXPECT_EQ(r.orders->column("deadline")->data<int64_t>()[0], kT0 + 6 * kHour);
  EXPECT_EQ(Cell(*r.orders, "escalated", 0), "true");
  // Resolved after the first escalation, before the orange deadline: no second escalation.
  o.actions = Actions(
      {{"WO-000001", "in_progress", 4 * kHour}, {"WO-000001", "resolved", 4 * kHour + kMin}});
  o.as_of.reset();
  r = BuildWorkOrders(*alerts, o);
  EXPECT_EQ(Moves(r, "WO-000001"),
            (V{">new@0 created", "new>overdue@180 deadline", "overdue>escalated@180 deadline",
               "escalated>in_progress@240 action", "in_progress>resolved@241 action"}));
  EXPECT_EQ(Cell(*r.orders, "level", 0), "orange");
  // Off (the default): overdue once, the level kept.
  o.actions.reset();
  o.as_of = kT0 + 20 * kHour;
  o.escalate_overdue = false;
  r = BuildWorkOrders(*alerts, o);
  EXPECT_EQ(Moves(r, "WO-000001"), (V{">new@0 created", "new>overdue@180 deadline"}));
  EXPECT_EQ(Cell(*r.orders, "level", 0), "yellow");
}

// With a skill column, teams are matched on the order's skill rather than its rule id.
TEST(WorkOrders, SkillColumnChoosesTheCapableTeam) {
  TablePtr base =
      Alerts({{"A1", "shi_red", "red", "raised", 0}, {"A2", "shi_red", "red", "raised", 0}}, false);
  auto skill = Column::Make(TypeId::kString);
  skill->AppendString("gas");
  skill->AppendNull();  // falls back to the rule id
  TablePtr alerts = base->WithColumn("skill", skill);
  WorkOrderOptions o;
  o.simulate = false;
  o.skill = "skill";
  o.teams = {{"fire", {"fire"}, 0, NAN, NAN},
             {"gas", {"gas"}, 0, NAN, NAN},
             {"duty", {"shi_red"}, 0, NAN, NAN}};
  WorkOrderResult r = BuildWorkOrders(*alerts, o);
  EXPECT_EQ(Cell(*r.orders, "team", 0), "gas");
  EXPECT_EQ(Cell(*r.orders, "team", 1), "duty");
  o.skill = "hazard";
  EXPECT_THROW(BuildWorkOrders(*alerts, o), Error);
  WorkOrderRequest q{"1", "shi_red", AlertLevel::kRed, 0, NAN, NAN, "fire"};
  EXPECT_EQ(NearestLeastLoadedDispatch({q}, o.teams), (std::vector<int>{0}));
}

}  // namespace
}  // namespace xf
