// emergency/small-venue-safety against the ground truth its synthetic data plants: high-risk
// venues (several hazards at once) graded red/orange, the SHI and the hazard rule recomputed by
// hand, the work-order state machine's invariants (legal transitions, skilled dispatch within
// capacity, deadlines per level), escalation of overdue orders on the simulated timeline, every
// transition anchored in the ledger, and spec errors that name file, line and step.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "alert/work_orders.h"
#include "core/time.h"
#include "scenario_test_util.h"
#include "trust/evidence_log.h"

namespace xf {
namespace {

using namespace scenario_test;  // NOLINT(build/namespaces): the helpers every scenario test shares

const std::string kScenario = ScenarioDir("emergency/small-venue-safety");

// The scenario anchors order transitions with an `evidence` step, which needs a ledger: one run
// per test binary, with the ledger on a temporary file.
trust::EvidenceLog* Ledger() {
  static std::unique_ptr<trust::EvidenceLog> log = [] {
    const std::string dir = ::testing::TempDir() + "/xf_small_venue_" + std::to_string(getpid());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return trust::EvidenceLog::Open(dir + "/catalog.sqlite", {.keys_dir = dir + "/keys"});
  }();
  return log.get();
}

const pipeline::RunResult& LedgeredRun() {
  static const pipeline::RunResult result = [] {
    pipeline::RunOptions o{.seed = 42, .scale = 1.0};
    o.services.evidence = Ledger();
    o.services.run_id = "test-run";
    return pipeline::Execute(pipeline::LoadScenario(kScenario), o, nullptr);
  }();
  return result;
}

class SmallVenueSafety : public ScenarioTest<LedgeredRun> {
 protected:
  static std::set<std::string> VenuesWhere(const std::function<bool(const std::string&)>& level) {
    std::set<std::string> out;
    const Table& v = T("venue_scores");
    for (int64_t i = 0; i < v.num_rows(); ++i) {
      if (level(Str(v, "warning", i))) out.insert(Str(v, "venue_id", i));
    }
    return out;
  }
};

constexpr int64_t kHour = kMicrosPerHour;
const std::map<std::string, int64_t> kDeadline = {
    {"red", 2 * kHour}, {"orange", 8 * kHour}, {"yellow", 24 * kHour}, {"blue", 72 * kHour}};
const char* kMoreSevere(const std::string& level) {
  return level == "blue" ? "yellow" : level == "yellow" ? "orange" : "red";
}

TEST_F(SmallVenueSafety, StandardsScoreSourcesAndLoseNoRows) {
  ASSERT_EQ(Run().quality.size(), 5u);
  ExpectStandardsLoseNoRows(Run());
}

// The validation of the field: planted high-risk venues graded red or orange, few false reds.
TEST_F(SmallVenueSafety, PlantedHighRiskVenuesAreGradedRedOrOrange) {
  const std::set<std::string> truth = Keys(T("venues__truth"), "venue_id");
  ASSERT_GE(truth.size(), 20u);
  const auto red_orange =
      VenuesWhere([](const std::string& l) { return l == "red" || l == "orange"; });
  const auto red = VenuesWhere([](const std::string& l) { return l == "red"; });
  EXPECT_GE(Compare(red_orange, truth).recall, 0.95);
  size_t false_red = 0;
  for (const std::string& v : red) false_red += !truth.count(v);
  EXPECT_LE(false_red, 2u) << "of " << red.size() << " red venues";
  EXPECT_GE(Compare(red, truth).precision, 0.9);
  EXPECT_GE(Compare(red, truth).recall, 0.5) << "most planted venues are red, not just orange";
}

// One hazard alone costs at most its global weight (gas: 3/7 × 0.5 ≈ 0.214), so a venue with a
// single hazard can never fall below SHI 78.6: yellow at worst, never orange or red.
TEST_F(SmallVenueSafety, SingleHazardVenuesAreNeverOrangeOrRed) {
  const Table& v = T("venue_scores");
  int singles = 0;
  for (int64_t i = 0; i < v.num_rows(); ++i) {
    if (Num(v, "hazards", i) > 1) continue;
    singles += Num(v, "hazards", i) == 1;
    const std::string w = Str(v, "warning", i);
    EXPECT_TRUE(w != "red" && w != "orange") << Str(v, "venue_id", i) << " " << Num(v, "shi", i);
  }
  EXPECT_GT(singles, 40) << "the data must exercise single-hazard venues";
}

// SHI recomputed by hand from the risks: indicator weights within each dimension, the AHP
// dimension weights 3/7, 3/7, 1/7 (a consistent matrix: CR = 0), then the four bands.
TEST_F(SmallVenueSafety, ShiAndGradeMatchAHandComputation) {
  const Table& w = T("dimension_weights");
  std::map<std::string, double> dim;
  for (int64_t i = 0; i < w.num_rows(); ++i) dim[Str(w, "indicator", i)] = Num(w, "weight", i);
  EXPECT_NEAR(dim["tech"], 3.0 / 7, 1e-6);
  EXPECT_NEAR(dim["physical"], 3.0 / 7, 1e-6);
  EXPECT_NEAR(dim["people"], 1.0 / 7, 1e-6);
  EXPECT_NEAR(Num(w, "cr", 0), 0.0, 1e-6);
  const Table& v = T("venue_scores");
  std::map<std::string, int> levels;
  for (int64_t i = 0; i < v.num_rows(); ++i) {
    auto s = [&](const char* r) { return 1 - Num(v, r, i); };
    const double tech = 0.5 * s("r_gas") + 0.3 * s("r_load") + 0.2 * s("r_alarms");
    const double physical = 0.4 * s("r_exits") + 0.3 * s("r_ebike") + 0.3 * s("r_combustibles");
    const double people = 0.5 * s("r_crowd") + 0.5 * s("r_self_check");
    const double shi = 100 * (3 * tech + 3 * physical + people) / 7;
    ASSERT_NEAR(Num(v, "shi", i), shi, 0.05 + 1e-9) << Str(v, "venue_id", i);
    const double got = Num(v, "shi", i);
    const std::string want = got >= 90   ? "none"
                             : got >= 80 ? "blue"
                             : got >= 70 ? "yellow"
                             : got >= 60 ? "orange"
                                         : "red";
    ASSERT_EQ(Str(v, "warning", i), want) << Str(v, "venue_id", i) << " SHI " << got;
    ++levels[want];
  }
  for (const char* l : {"none", "blue", "yellow", "orange", "red"}) EXPECT_GT(levels[l], 0) << l;
}

// The raw-to-risk rule for gas, by hand, and the hazard rule: a hazard is exactly an indicator
// whose risk is ≥ 0.5.
TEST_F(SmallVenueSafety, RiskAndHazardRulesAreExact) {
  std::map<std::string, double> gas_peak;
  const Table& g = T("gas_readings");
  for (int64_t i = 0; i < g.num_rows(); ++i) {
    double& p = gas_peak[Str(g, "venue_id", i)];
    p = std::max(p, Num(g, "gas_lel_pct", i));
  }
  const Table& v = T("venue_scores");
  std::set<std::pair<std::string, std::string>> expected;
  const char* risks[] = {"gas",   "load",         "alarms", "exits",
                         "ebike", "combustibles", "crowd",  "self_check"};
  for (int64_t i = 0; i < v.num_rows(); ++i) {
    const std::string id = Str(v, "venue_id", i);
    const double peak = gas_peak.count(id) ? gas_peak[id] : 0.0;
    ASSERT_NEAR(Num(v, "r_gas", i), std::clamp((peak - 5) / 20, 0.0, 1.0), 1e-9) << id;
    for (const char* r : risks) {
      if (Num(v, std::string("r_") + r, i) >= 0.5) expected.emplace(id, r);
    }
  }
  EXPECT_EQ(Pairs(T("venue_hazards"), "venue_id", "indicator"), expected);
}

// Every order's transitions are legal moves of the state machine, in time order, from `new`.
TEST_F(SmallVenueSafety, EveryOrderTransitionIsLegal) {
  const Table& log = T("work_order_log");
  const Table& orders = T("work_orders");
  ASSERT_EQ(orders.num_rows(), T("venue_alerts").num_rows()) << "one order per warning";
  ASSERT_GT(orders.num_rows(), 100);
  std::map<std::string, std::pair<std::string, int64_t>> last;  // order → (state, time)
  std::map<std::string, int64_t> count;
  for (int64_t i = 0; i < log.num_rows(); ++i) {
    const std::string id = Str(log, "order_id", i), from = Str(log, "from_state", i),
                      to = Str(log, "to_state", i);
    const int64_t t = log.column("time")->data<int64_t>()[i];
    ASSERT_EQ(log.column("seq")->GetValue(i).AsDouble(), static_cast<double>(++count[id]));
    if (!last.count(id)) {
      ASSERT_EQ(from, "") << id;
      ASSERT_EQ(to, "new") << id;
    } else {
      ASSERT_EQ(from, last[id].first) << id << " seq " << count[id];
      ASSERT_TRUE(CanTransition(*ParseOrderState(from), *ParseOrderState(to)))
          << id << ": " << from << " → " << to;
      ASSERT_GE(t, last[id].second) << id;
    }
    last[id] = {to, t};
  }
  for (int64_t i = 0; i < orders.num_rows(); ++i) {
    const std::string id = Str(orders, "order_id", i);
    EXPECT_EQ(Str(orders, "state", i), last[id].first);
    EXPECT_EQ(Num(orders, "transitions", i), static_cast<double>(count[id]));
  }
}

// Every order goes to a worker with the skill its hazard needs, no worker beyond capacity, and
// every red order is dispatched.
TEST_F(SmallVenueSafety, OrdersGoToSkilledWorkersWithinCapacity) {
  std::map<std::string, std::set<std::string>> skills;
  std::map<std::string, double> capacity;
  const Table& w = T("grid_workers");
  for (int64_t i = 0; i < w.num_rows(); ++i) {
    std::stringstream s(Str(w, "skills", i));
    for (std::string one; std::getline(s, one, ',');) skills[Str(w, "worker_id", i)].insert(one);
    capacity[Str(w, "worker_id", i)] = Num(w, "capacity", i);
  }
  std::map<std::string, std::string> need, first_level;  // alert → skill, level
  const Table& a = T("venue_alerts");
  for (int64_t i = 0; i < a.num_rows(); ++i) {
    need[Str(a, "alert_id", i)] = Str(a, "skill", i);
    first_level[Str(a, "alert_id", i)] = Str(a, "level", i);
  }
  const Table& o = T("work_orders");
  std::map<std::string, int> load;
  int red = 0;
  for (int64_t i = 0; i < o.num_rows(); ++i) {
    const std::string team = Str(o, "team", i), alert = Str(o, "alert_id", i);
    if (first_level[alert] == "red") {
      ++red;
      ASSERT_FALSE(team.empty()) << Str(o, "order_id", i) << " (red) was not dispatched";
    }
    if (team.empty()) continue;
    ++load[team];
    EXPECT_TRUE(skills[team].count(need[alert]))
        << Str(o, "order_id", i) << " needs " << need[alert] << ", " << team << " lacks it";
  }
  EXPECT_GT(red, 30);
  for (const auto& [team, n] : load) EXPECT_LE(n, capacity[team]) << team;
}

// Deadlines per level: created + the level's deadline, and after each escalation the escalation
// time + the new level's deadline. Overdue is entered exactly at the deadline in force.
TEST_F(SmallVenueSafety, DeadlinesPerLevelAndOverdueAtTheDeadline) {
  std::map<std::string, std::string> first_level;
  const Table& a = T("venue_alerts");
  for (int64_t i = 0; i < a.num_rows(); ++i)
    first_level[Str(a, "alert_id", i)] = Str(a, "level", i);
  std::map<std::string, std::vector<int64_t>> rows;
  const Table& log = T("work_order_log");
  for (int64_t i = 0; i < log.num_rows(); ++i) rows[Str(log, "order_id", i)].push_back(i);
  const Table& o = T("work_orders");
  const Column& tl = *log.column("time");
  for (int64_t i = 0; i < o.num_rows(); ++i) {
    const std::string id = Str(o, "order_id", i);
    std::string level = first_level[Str(o, "alert_id", i)];
    int64_t deadline = o.column("created")->data<int64_t>()[i] + kDeadline.at(level);
    for (int64_t r : rows[id]) {
      const std::string to = Str(log, "to_state", r);
      if (to == "overdue") {
        ASSERT_EQ(tl.data<int64_t>()[r], deadline) << id;
      }
      if (to == "escalated") {
        level = kMoreSevere(level);
        deadline = tl.data<int64_t>()[r] + kDeadline.at(level);
      }
    }
    EXPECT_EQ(Str(o, "level", i), level) << id;
    EXPECT_EQ(o.column("deadline")->data<int64_t>()[i], deadline) << id;
  }
}

// 超期升级督办 on the simulated timeline: some orders run overdue; each overdue order below red
// is escalated one level at that very moment by the deadline, red ones only go overdue.
TEST_F(SmallVenueSafety, OverdueOrdersEscalateOnTheSimulatedTimeline) {
  const Table& log = T("work_order_log");
  int overdue = 0, escalations = 0, red_overdue = 0;
  std::map<std::string, std::string> level_now;
  std::map<std::string, std::string> first_level;
  const Table& a = T("venue_alerts");
  for (int64_t i = 0; i < a.num_rows(); ++i)
    first_level[Str(a, "alert_id", i)] = Str(a, "level", i);
  const Table& o = T("work_orders");
  for (int64_t i = 0; i < o.num_rows(); ++i) {
    level_now[Str(o, "order_id", i)] = first_level[Str(o, "alert_id", i)];
    EXPECT_EQ(Str(o, "simulated", i), "true");
  }
  for (int64_t i = 0; i < log.num_rows(); ++i) {
    if (Str(log, "to_state", i) != "overdue") continue;
    ++overdue;
    const std::string id = Str(log, "order_id", i);
    EXPECT_EQ(Str(log, "source", i), "deadline");
    std::string& level = level_now[id];
    const bool next_is_escalation = i + 1 < log.num_rows() && Str(log, "order_id", i + 1) == id &&
                                    Str(log, "to_state", i + 1) == "escalated";
    if (level == "red") {
      ++red_overdue;
      EXPECT_FALSE(next_is_escalation) << id << ": nothing above red";
      continue;
    }
    ASSERT_TRUE(next_is_escalation) << id << " went overdue at " << level << " without escalation";
    EXPECT_EQ(log.column("time")->data<int64_t>()[i + 1], log.column("time")->data<int64_t>()[i]);
    EXPECT_EQ(Str(log, "source", i + 1), "deadline");
    ++escalations;
    level = kMoreSevere(level);
  }
  EXPECT_GE(overdue, 0.05 * static_cast<double>(o.num_rows()))
      << "the timeline must run some orders late";
  EXPECT_GT(escalations, 5);
  EXPECT_GT(red_overdue, 0);
  int64_t flagged = 0;
  for (int64_t i = 0; i < o.num_rows(); ++i) {
    flagged += Str(o, "overdue", i) == "true" || Str(o, "escalated", i) == "true";
  }
  EXPECT_EQ(T("escalated_orders").num_rows(), flagged);
}

// 全程留痕: one ledger entry per transition, indices distinct and in order.
TEST_F(SmallVenueSafety, EveryTransitionIsAnchoredInTheLedger) {
  const Table& anchored = T("work_order_log_anchored");
  ASSERT_EQ(anchored.num_rows(), T("work_order_log").num_rows());
  const Column& idx = *anchored.column("ledger_index");
  for (int64_t i = 1; i < anchored.num_rows(); ++i) {
    ASSERT_GT(idx.GetValue(i).AsDouble(), idx.GetValue(i - 1).AsDouble());
  }
  EXPECT_EQ(Ledger()->Size(), static_cast<uint64_t>(anchored.num_rows()));
}

// High-risk hours recomputed from the raw hourly readings for every (kind, hour) cell.
TEST_F(SmallVenueSafety, HighRiskHoursByHand) {
  std::map<std::string, std::pair<std::string, std::pair<double, double>>> venue;  // type, rated
  const Table& v = T("venues");
  for (int64_t i = 0; i < v.num_rows(); ++i) {
    venue[Str(v, "venue_id", i)] = {Str(v, "type", i),
                                    {Num(v, "rated_occupancy", i), Num(v, "rated_load_kw", i)}};
  }
  std::map<std::pair<std::string, int>, std::pair<double, double>> cell;  // (type, hour) → hits, n
  const Table& h = T("iot_hourly");
  const Column& time = *h.column("time");
  for (int64_t i = 0; i < h.num_rows(); ++i) {
    const auto& [type, rated] = venue[Str(h, "venue_id", i)];
    const int64_t local =
        time.data<int64_t>()[i] + int64_t{kShanghaiOffsetSeconds} * kMicrosPerSecond;
    const int hour = static_cast<int>((local % kMicrosPerDay) / kMicrosPerHour);
    const bool both =
        Num(h, "persons", i) >= 0.8 * rated.first && Num(h, "load_kw", i) >= 0.7 * rated.second;
    auto& c = cell[{type, hour}];
    c.first += both;
    c.second += 1;
  }
  const Table& r = T("risk_hours");
  ASSERT_EQ(r.num_rows(), static_cast<int64_t>(cell.size()));
  double peak = 0;
  for (int64_t i = 0; i < r.num_rows(); ++i) {
    const auto& c = cell.at({Str(r, "type", i), static_cast<int>(Num(r, "hour", i))});
    EXPECT_NEAR(Num(r, "both_high_pct", i), std::round(10000 * c.first / c.second) / 100, 1e-9);
    peak = std::max(peak, Num(r, "both_high_pct", i));
  }
  EXPECT_GT(peak, 0);
}

TEST(SmallVenueSafetySpec, MisspeltOptionNamesLineStepAndSuggestion) {
  ExpectSpecError(kScenario, "    escalate_overdue: true\n", "    escalate_overdu: true\n",
                  "rectification_orders", "escalate_overdue");
}

TEST(SmallVenueSafetySpec, UnknownTableIsNamed) {
  ExpectSpecError(kScenario, "    in: [venue_alerts, worker_teams]\n",
                  "    in: [venue_alert, worker_teams]\n", "rectification_orders", "venue_alerts");
}

}  // namespace
}  // namespace xf
