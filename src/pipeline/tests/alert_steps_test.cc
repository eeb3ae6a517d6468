// The alert (events mode), work_orders, gbdt_train and gbdt_predict steps configured from YAML.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <tuple>

#include "core/error.h"
#include "core/time.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::RunStep;

const int64_t kT0 = int64_t{DaysFromCivil(2024, 6, 3)} * kMicrosPerDay;

// Pressure of two pumps, one reading every 5 minutes.
TablePtr Pumps() {
  auto pump = Column::Make(TypeId::kString), ts = Column::Make(TypeId::kTimestamp),
       bar = Column::Make(TypeId::kFloat64);
  const double p1[] = {5, 9, 9, 9, 9, 9, 9, 9, 7, 4, 9, 4};
  for (int i = 0; i < 12; ++i) {
    pump->AppendString("P1");
    ts->AppendTimestamp(kT0 + i * 5 * kMicrosPerMinute);
    bar->AppendFloat64(p1[i]);
    pump->AppendString("P2");
    ts->AppendTimestamp(kT0 + i * 5 * kMicrosPerMinute);
    bar->AppendFloat64(5);
  }
  return Table::Make(
      Schema({{"pump", TypeId::kString}, {"ts", TypeId::kTimestamp}, {"bar", TypeId::kFloat64}}),
      {pump, ts, bar});
}

constexpr const char* kAlertYaml = R"(
id: pressure
kind: alert
in: pumps
out: pressure_events
entity: [pump]
time: ts
keep: [bar]
rules:
  - id: high_pressure
    level: 蓝
    when: "bar > 8"
    for: 10m
    reset: "bar < 5"
    escalate: {after: 15m, to: orange}
    suppress: 30m
    title_en: Pressure high
    title_zh: 压力过高
    message: "{pump}: {bar} bar"
    message_zh: "{pump} 压力 {bar} bar"
)";

TEST(AlertSteps, EventsModeFromYaml) {
  TablePtr ev = RunStep(kAlertYaml, {Pumps()})[0];
  // P1 > 8 from minute 5: held 10 min at 15 → raised blue; 15 min later (30) yellow; at 45
  // orange would be next but 9 → 7 → 4: reset (< 5) at minute 45 clears it; 50 is suppressed.
  std::vector<std::string> got;
  for (int64_t i = 0; i < ev->num_rows(); ++i) {
    got.push_back(fmt::format("{} {}@{} {}", ev->column("entity")->GetString(i),
                              ev->column("state")->GetString(i),
                              (ev->column("time")->data<int64_t>()[i] - kT0) / kMicrosPerMinute,
                              ev->column("level_zh")->GetString(i)));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"P1 raised@15 蓝色", "P1 escalated@30 黄色",
                                           "P1 cleared@45 黄色"}));
  EXPECT_EQ(ev->column("message_zh")->GetString(0), "P1 压力 9.0 bar");
  EXPECT_EQ(ev->column("duration")->GetValue(2).float_value(), 1800.0);
}

TEST(AlertSteps, AlertOptionErrorsPointAtTheRule) {
  std::string yaml = kAlertYaml;
  yaml.replace(yaml.find("for: 10m"), 8, "count: 3");
  EXPECT_NE(ErrorOf(yaml, {Pumps()}).find("`count` and `within` go together"), std::string::npos);
  yaml = kAlertYaml;
  yaml.replace(yaml.find("kind: alert"), 11, "kind: alert\nmode: rows");
  EXPECT_NE(ErrorOf(yaml, {Pumps()}).find("needs mode: events"), std::string::npos);
}

TEST(AlertSteps, WorkOrdersFromAlertEventsWithTeamsAndActions) {
  TablePtr ev = RunStep(kAlertYaml, {Pumps()})[0];
  auto team = Column::Make(TypeId::kString), skills = Column::Make(TypeId::kString);
  team->AppendString("maintenance");
  skills->AppendString("high_pressure");
  TablePtr teams =
      Table::Make(Schema({{"team", TypeId::kString}, {"skills", TypeId::kString}}), {team, skills});
  auto id = Column::Make(TypeId::kString), action = Column::Make(TypeId::kString),
       at = Column::Make(TypeId::kTimestamp);
  for (auto [a, minute] : {std::pair{"dispatched", 20}, {"in progress", 40}, {"resolved", 50}}) {
    id->AppendString("WO-000001");
    action->AppendString(a);
    at->AppendTimestamp(kT0 + minute * kMicrosPerMinute);
  }
  TablePtr actions = Table::Make(Schema({{"order_id", TypeId::kString},
                                         {"action", TypeId::kString},
                                         {"time", TypeId::kTimestamp}}),
                                 {id, action, at});
  auto out = RunStep(R"(
id: orders
kind: work_orders
in: [pressure_events, teams, handling]
out: [orders, order_log]
teams: teams
actions: handling
deadlines: {blue: 4h, yellow: 30m}
)",
                     {ev, teams, actions}, {.in_names = {"pressure_events", "teams", "handling"}});
  const Table& orders = *out[0];
  ASSERT_EQ(orders.num_rows(), 1);
  EXPECT_EQ(orders.column("team")->GetString(0), "maintenance");
  EXPECT_EQ(orders.column("level")->GetString(0), "yellow");
  // Escalated at 30 to yellow: deadline min(15 + 4h, 30 + 30m) = minute 60; resolved at 50.
  EXPECT_EQ(orders.column("deadline")->data<int64_t>()[0], kT0 + 60 * kMicrosPerMinute);
  EXPECT_EQ(orders.column("state")->GetString(0), "resolved");
  EXPECT_EQ(orders.column("overdue")->GetValue(0).ToString(), "false");
  const Table& log = *out[1];
  std::vector<std::string> moves;
  for (int64_t i = 0; i < log.num_rows(); ++i) {
    moves.push_back(std::string(log.column("to_state")->GetString(i)) + "/" +
                    std::string(log.column("source")->GetString(i)));
  }
  EXPECT_EQ(moves, (std::vector<std::string>{"new/created", "dispatched/action", "escalated/alert",
                                             "in_progress/action", "resolved/action"}));
}

// Two alerts, a blue one first and a red one a minute later, and one team that can take one
// order: in creation order the blue alert takes the team; severity first, the red one does.
TEST(AlertSteps, WorkOrdersSeverityFirstDispatchServesRedBeforeBlue) {
  auto id = Column::Make(TypeId::kString), rule = Column::Make(TypeId::kString),
       level = Column::Make(TypeId::kString), entity = Column::Make(TypeId::kString),
       time = Column::Make(TypeId::kTimestamp);
  for (auto [a, lv, minute] : {std::tuple{"A1", "blue", 0}, {"A2", "red", 1}}) {
    id->AppendString(a);
    rule->AppendString("leak");
    level->AppendString(lv);
    entity->AppendString(a);
    time->AppendTimestamp(kT0 + minute * kMicrosPerMinute);
  }
  TablePtr alerts = Table::Make(Schema({{"alert_id", TypeId::kString},
                                        {"rule", TypeId::kString},
                                        {"level", TypeId::kString},
                                        {"entity", TypeId::kString},
                                        {"time", TypeId::kTimestamp}}),
                                {id, rule, level, entity, time});
  auto team = Column::Make(TypeId::kString), cap = Column::Make(TypeId::kInt64);
  team->AppendString("crew");
  cap->AppendInt64(1);
  TablePtr teams =
      Table::Make(Schema({{"team", TypeId::kString}, {"capacity", TypeId::kInt64}}), {team, cap});
  auto team_of = [&](const std::string& policy) {
    TablePtr orders = RunStep(fmt::format(R"(
id: orders
kind: work_orders
in: [alerts, teams]
out: orders
teams: teams
simulate: false
dispatch: {}
)",
                                          policy),
                              {alerts, teams}, {.in_names = {"alerts", "teams"}})[0];
    std::map<std::string, std::string> out;
    for (int64_t i = 0; i < orders->num_rows(); ++i) {
      out[std::string(orders->column("alert_id")->GetString(i))] =
          orders->column("team")->GetValue(i).ToString();
    }
    return out;
  };
  const auto in_order = team_of("in_order");
  EXPECT_EQ(in_order.at("A1"), "crew");
  EXPECT_NE(in_order.at("A2"), "crew");
  const auto severity = team_of("severity_first");
  EXPECT_NE(severity.at("A1"), "crew");
  EXPECT_EQ(severity.at("A2"), "crew");
  EXPECT_NE(ErrorOf(R"(
id: orders
kind: work_orders
in: alerts
out: orders
dispatch: fastest
)",
                    {alerts})
                .find("unknown dispatch policy 'fastest'"),
            std::string::npos);
}

TablePtr Curve(int n) {
  auto x = Column::Make(TypeId::kFloat64), y = Column::Make(TypeId::kFloat64);
  for (int i = 0; i < n; ++i) {
    const double v = -3 + 6.0 * i / (n - 1);
    x->AppendFloat64(v);
    y->AppendFloat64(v * v);
  }
  return Table::Make(Schema({{"x", TypeId::kFloat64}, {"y", TypeId::kFloat64}}), {x, y});
}

TEST(AlertSteps, GbdtTrainAndPredict) {
  auto trained = RunStep(R"(
id: fit
kind: gbdt_train
in: curve
out: [model, importance]
features: [x]
label: y
rounds: 150
max_depth: 3
eta: 0.2
seed: 3
)",
                         {Curve(300)});
  ASSERT_EQ(trained.size(), 2u);
  EXPECT_EQ(trained[0]->num_rows(), 1);
  EXPECT_EQ(trained[1]->column("feature")->GetString(0), "x");
  auto pred = RunStep(R"(
id: score
kind: gbdt_predict
in: [curve, model]
out: scored
output: y_hat
)",
                      {Curve(31), trained[0]})[0];
  double worst = 0;
  for (int64_t i = 0; i < pred->num_rows(); ++i) {
    worst = std::max(worst, std::fabs(pred->column("y_hat")->GetValue(i).float_value() -
                                      pred->column("y")->GetValue(i).float_value()));
  }
  EXPECT_LT(worst, 0.5);  // x² on [-3, 3] (range 0–9) learned within 0.5 everywhere
}

TEST(AlertSteps, GbdtErrorsNameTheStep) {
  std::string e = ErrorOf(R"(
id: fit_bad
kind: gbdt_train
in: curve
out: model
features: [x]
label: y
objective: binary:logistic
)",
                          {Curve(20)});
  EXPECT_NE(e.find("fit_bad"), std::string::npos) << e;
  EXPECT_NE(e.find("must be 0 or 1"), std::string::npos) << e;
  e = ErrorOf(R"(
id: fit_bad2
kind: gbdt_train
in: curve
out: model
features: [x]
label: y
objective: multi:softmax
)",
              {Curve(20)});
  EXPECT_NE(e.find("fit_bad2"), std::string::npos) << e;
  e = ErrorOf(R"(
id: score_bad
kind: gbdt_predict
in: [curve, model]
out: scored
)",
              {Curve(5), Curve(5)});
  EXPECT_NE(e.find("score_bad"), std::string::npos) << e;
  EXPECT_NE(e.find("not a gbdt model table"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::pipeline
