// transport/hazmat-fleet-risk against the ground truth its synthetic data injects: the risky
// carriers rank in the top decile, the drill-down finds their problem vehicles and drivers, the
// GPS alerts find the injected route deviations and speeding episodes, the score is the
// documented weighted sum, nothing unmasked leaves the GPS-derived tables, and spec errors name
// file, line and step.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/time.h"
#include "scenario_test_util.h"

namespace xf {
namespace {

using namespace scenario_test;  // NOLINT(build/namespaces): the helpers every scenario test shares

const std::string kScenario = ScenarioDir("transport/hazmat-fleet-risk");

// The GPS plates are hashed with the key 'gps'; a test has no workspace, so it gives the key.
const bool kKeySet = [] {
  setenv("XF_MASK_KEY_GPS", "5f1c2a7e9b3d4c6a8e0f1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f506", 1);
  return true;
}();

using HazmatFleetRisk = ScenarioTest<DefaultRun<kScenario>>;

TEST_F(HazmatFleetRisk, StandardsLoseNoRows) {
  ASSERT_TRUE(kKeySet);
  ASSERT_EQ(Run().quality.size(), 4u);
  ExpectStandardsLoseNoRows(Run());
}

// The SCENARIOS.md validation: every injected risky carrier ranks in the riskiest 10%.
TEST_F(HazmatFleetRisk, RiskyCarriersRankInTopDecile) {
  const Table& risk = T("enterprise_risk");
  const std::set<std::string> truth = Keys(T("truth_enterprises"), "enterprise_id");
  ASSERT_GE(truth.size(), 10u);
  const int64_t decile = (risk.num_rows() + 9) / 10;
  std::set<std::string> top, graded_d;
  for (int64_t i = 0; i < risk.num_rows(); ++i) {
    if (Num(risk, "risk_rank", i) <= static_cast<double>(decile))
      top.insert(Str(risk, "enterprise_id", i));
    if (Num(risk, "risk_grade_level", i) == 4) graded_d.insert(Str(risk, "enterprise_id", i));
  }
  Score s = Compare(top, truth);
  EXPECT_GE(s.recall, 0.99) << "risky carriers outside the top decile";
  EXPECT_GE(s.precision, 0.8);
  Score d = Compare(graded_d, truth);
  EXPECT_GE(d.recall, 0.9);
  EXPECT_GE(d.precision, 0.8);
}

// Grade D is exactly the lowest-scoring tenth: every D score is below every other score, and the
// rank orders the scores.
TEST_F(HazmatFleetRisk, GradesFollowScoreQuantiles) {
  const Table& risk = T("enterprise_risk");
  double max_d = -1, min_other = 1e9, prev = -1;
  int64_t d = 0;
  for (int64_t i = 0; i < risk.num_rows(); ++i) {
    const double score = Num(risk, "score", i);
    EXPECT_EQ(Num(risk, "risk_rank", i), static_cast<double>(i + 1));
    EXPECT_GE(score, prev);
    prev = score;
    if (Num(risk, "risk_grade_level", i) == 4) {
      ++d;
      max_d = std::max(max_d, score);
    } else {
      min_other = std::min(min_other, score);
    }
  }
  EXPECT_LT(max_d, min_other);
  EXPECT_NEAR(static_cast<double>(d), 0.1 * static_cast<double>(risk.num_rows()), 1.0);
}

// The score is the documented weighted sum of min–max normalised cost indicators, recomputed
// here from the indicator columns and the weights written in scenario.yaml.
TEST_F(HazmatFleetRisk, ScoreIsTheDocumentedWeightedSum) {
  const Table& r = T("enterprise_risk");
  struct Ind {
    std::string column, dimension;
    double weight;
  };
  const std::vector<Ind> inds = {
      {"violations_per_vehicle", "vehicle", 0.6},   {"overdue_maintenance_pct", "vehicle", 0.4},
      {"points_per_driver", "staff", 0.5},          {"drivers_9plus_pct", "staff", 0.5},
      {"accidents_per_100", "accident", 0.6},       {"casualties_per_100", "accident", 0.4},
      {"penalties_per_10", "penalty", 0.6},         {"fines_per_vehicle", "penalty", 0.4},
      {"anomalies_per_vehicle", "supervision", 1.0}};
  const std::map<std::string, double> dim_weight = {{"accident", 0.30},
                                                    {"vehicle", 0.20},
                                                    {"staff", 0.20},
                                                    {"supervision", 0.15},
                                                    {"penalty", 0.15}};
  std::map<std::string, std::pair<double, double>> range;
  for (const Ind& ind : inds) {
    double lo = 1e300, hi = -1e300;
    for (int64_t i = 0; i < r.num_rows(); ++i) {
      lo = std::min(lo, Num(r, ind.column, i));
      hi = std::max(hi, Num(r, ind.column, i));
    }
    ASSERT_LT(lo, hi) << ind.column;
    range[ind.column] = {lo, hi};
  }
  for (int64_t i = 0; i < r.num_rows(); ++i) {
    std::map<std::string, std::pair<double, double>> dim;  // dimension → (Σ w·s, Σ w)
    for (const Ind& ind : inds) {
      auto [lo, hi] = range[ind.column];
      const double s = (hi - Num(r, ind.column, i)) / (hi - lo);
      dim[ind.dimension].first += ind.weight * s;
      dim[ind.dimension].second += ind.weight;
    }
    double index = 0;
    for (const auto& [name, ws] : dim) index += dim_weight.at(name) * ws.first / ws.second;
    EXPECT_NEAR(Num(r, "score", i), 100 * index, 0.051) << Str(r, "enterprise_id", i);
    EXPECT_NEAR(Num(r, "accident_score", i), 100 * dim["accident"].first / dim["accident"].second,
                0.051);
  }
}

// The problem-vehicle rule, recomputed from the raw records for every vehicle.
TEST_F(HazmatFleetRisk, ProblemVehicleRuleIsExact) {
  std::map<std::string, int64_t> viol, acc, anom;
  const Table& v = T("violations");
  for (int64_t i = 0; i < v.num_rows(); ++i) ++viol[Str(v, "vehicle_id", i)];
  const Table& a = T("accidents");
  for (int64_t i = 0; i < a.num_rows(); ++i) ++acc[Str(a, "vehicle_id", i)];
  const Table& s = T("supervision_anomalies");
  for (int64_t i = 0; i < s.num_rows(); ++i) ++anom[Str(s, "vehicle_id", i)];
  std::map<std::string, int32_t> last;
  int32_t as_of = 0;
  const Table& m = T("maintenance");
  for (int64_t i = 0; i < m.num_rows(); ++i) {
    const int32_t d = m.column("date")->data<int32_t>()[i];
    int32_t& l = last[Str(m, "vehicle_id", i)];
    l = std::max(l, d);
    as_of = std::max(as_of, d);
  }
  const Table& f = T("vehicle_facts");
  ASSERT_EQ(f.num_rows(), T("vehicles").num_rows());
  int64_t overdue = 0, flagged = 0;
  for (int64_t i = 0; i < f.num_rows(); ++i) {
    const std::string id = Str(f, "vehicle_id", i);
    const int32_t reg = f.column("registered")->data<int32_t>()[i];
    const int64_t days = as_of - (last.count(id) ? last[id] : reg);
    const int64_t points = viol[id] + 3 * acc[id] + anom[id] + (days > 120 ? 2 : 0);
    ASSERT_EQ(Num(f, "days_since_maintenance", i), static_cast<double>(days)) << id;
    ASSERT_EQ(Num(f, "problem_points", i), static_cast<double>(points)) << id;
    ASSERT_EQ(f.column("problem_vehicle")->GetValue(i).bool_value(), points >= 7) << id;
    overdue += days > 120;
    flagged += points >= 7;
  }
  EXPECT_GT(overdue, 50);
  EXPECT_GT(flagged, 50);
}

// Drill-down: within the injected risky carriers, the flagged vehicles and drivers are the
// injected problem ones.
TEST_F(HazmatFleetRisk, DrillDownFindsInjectedProblemVehiclesAndDrivers) {
  const std::set<std::string> risky = Keys(T("truth_enterprises"), "enterprise_id");
  auto within = [&](const Table& t, const std::string& id) {
    std::set<std::string> out;
    for (int64_t i = 0; i < t.num_rows(); ++i) {
      if (risky.count(Str(t, "enterprise_id", i))) out.insert(Str(t, id, i));
    }
    return out;
  };
  const std::set<std::string> truth_v = within(T("truth_vehicles"), "vehicle_id");
  const std::set<std::string> found_v = within(T("problem_vehicles"), "vehicle_id");
  ASSERT_GE(truth_v.size(), 30u);
  Score v = Compare(found_v, truth_v);
  EXPECT_GE(v.precision, 0.85);
  EXPECT_GE(v.recall, 0.9);
  const std::set<std::string> truth_d = within(T("truth_drivers"), "driver_id");
  const std::set<std::string> found_d = within(T("problem_drivers"), "driver_id");
  ASSERT_GE(truth_d.size(), 30u);
  Score d = Compare(found_d, truth_d);
  EXPECT_GE(d.precision, 0.8);
  EXPECT_GE(d.recall, 0.8);
}

// The injected GPS episodes that fall in the 08:00–11:59 driving window with at least `points`
// fixes (enough to satisfy the rule's `for:`), keyed by masked vehicle: key → [(first, last)].
using Episodes = std::map<std::string, std::vector<std::pair<int64_t, int64_t>>>;

// The key holder's view: plate → vehicle key, from the step that hashes the plates.
std::map<std::string, std::string> PlateToKey(const Table& keys) {
  std::map<std::string, std::string> out;
  for (int64_t i = 0; i < keys.num_rows(); ++i)
    out[Str(keys, "plate", i)] = Str(keys, "vehicle_key", i);
  return out;
}

Episodes TruthEpisodes(const pipeline::RunResult& run, const std::string& column, int points) {
  const Table& t = TableOf(run, "gps_base__truth");
  const std::map<std::string, std::string> key = PlateToKey(TableOf(run, "vehicle_keys"));
  std::map<int64_t, std::vector<int64_t>> times;  // episode → times in the window
  std::map<int64_t, std::string> plate;
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    if (Str(t, "column", i) != column) continue;
    const int64_t us = t.column("time")->data<int64_t>()[i];
    const int64_t hour = (us / kMicrosPerSecond / 3600 + 8) % 24;  // Asia/Shanghai
    if (hour < 8 || hour > 11) continue;
    const int64_t ep = t.column("episode")->GetValue(i).int_value();
    times[ep].push_back(us);
    plate[ep] = Str(t, "plate", i);
  }
  Episodes out;
  for (auto& [ep, ts] : times) {
    if (static_cast<int>(ts.size()) < points) continue;
    out[key.at(plate[ep])].push_back(
        {*std::min_element(ts.begin(), ts.end()), *std::max_element(ts.begin(), ts.end())});
  }
  return out;
}

// Raised alerts of `rule` against the episodes: precision = alerts raised inside an episode of
// their vehicle; recall = episodes with such an alert.
Score MatchAlerts(const Table& alerts, const std::string& rule, const Episodes& truth) {
  int64_t alerts_n = 0, alerts_hit = 0, episodes_n = 0;
  std::set<std::pair<std::string, int64_t>> detected;
  for (int64_t i = 0; i < alerts.num_rows(); ++i) {
    if (Str(alerts, "rule", i) != rule || Str(alerts, "state", i) != "raised") continue;
    ++alerts_n;
    const std::string key = Str(alerts, "entity", i);
    const int64_t t = alerts.column("time")->data<int64_t>()[i];
    auto it = truth.find(key);
    if (it == truth.end()) continue;
    for (const auto& [a, b] : it->second) {
      if (t >= a && t <= b) {
        ++alerts_hit;
        detected.insert({key, a});
        break;
      }
    }
  }
  for (const auto& [key, eps] : truth) episodes_n += static_cast<int64_t>(eps.size());
  return {alerts_n ? static_cast<double>(alerts_hit) / static_cast<double>(alerts_n) : 0,
          episodes_n ? static_cast<double>(detected.size()) / static_cast<double>(episodes_n) : 0};
}

// The injected episodes of `kind` at least `min_fixes` fixes long (at least 15 of them) are
// found by the alert `rule` with precision and recall ≥ 0.95.
void ExpectEpisodesAlerted(const std::string& kind, int min_fixes, const std::string& rule) {
  const pipeline::RunResult& run = DefaultRun<kScenario>();
  const Episodes truth = TruthEpisodes(run, kind, min_fixes);
  size_t n = 0;
  for (const auto& [k, eps] : truth) n += eps.size();
  ASSERT_GE(n, 15u);
  Score s = MatchAlerts(TableOf(run, "gps_alerts"), rule, truth);
  EXPECT_GE(s.precision, 0.95);
  EXPECT_GE(s.recall, 0.95);
}

TEST_F(HazmatFleetRisk, RouteDeviationsDetected) {
  ExpectEpisodesAlerted("dev", 4, "off_route");  // for: 3m needs 4 one-minute fixes
}

TEST_F(HazmatFleetRisk, SpeedingDetected) {
  ExpectEpisodesAlerted("speed", 3, "speeding");  // for: 2m needs 3 fixes
}

// The fence exits give the exact spans: one row per injected deviation that starts after the
// first fix of the day, leaving at its first fix and back one minute after its last (NULL when it
// lasts to the end of the track), and no other row.
TEST_F(HazmatFleetRisk, RouteExitsMatchInjectedDeviationsExactly) {
  const Episodes truth = TruthEpisodes(Run(), "dev", 1);
  const int64_t day_start =
      T("gps").column("time")->data<int64_t>()[0] / kMicrosPerDay * kMicrosPerDay;
  const int64_t first_fix = day_start;                          // 08:00 Beijing = 00:00 UTC
  const int64_t last_fix = day_start + 239 * kMicrosPerMinute;  // 11:59
  std::set<std::tuple<std::string, int64_t, int64_t>> expected, found;
  for (const auto& [key, eps] : truth) {
    for (const auto& [a, b] : eps) {
      if (a == first_fix) continue;  // off the route from the first fix: no exit to see
      expected.insert({key, a, b == last_fix ? -1 : b + kMicrosPerMinute});
    }
  }
  const Table& d = T("route_deviations");
  for (int64_t i = 0; i < d.num_rows(); ++i) {
    const Column& back = *d.column("back_at");
    found.insert({Str(d, "vehicle_key", i), d.column("left_at")->data<int64_t>()[i],
                  back.IsNull(i) ? -1 : back.data<int64_t>()[i]});
  }
  ASSERT_GE(expected.size(), 10u);
  EXPECT_EQ(found, expected);
}

// No plate appears in any table computed from the GPS feed or the routes, and the vehicle keys
// are 16 hex digits; no full resident id number leaves the drivers' drill-down.
TEST_F(HazmatFleetRisk, NothingUnmaskedLeavesTheGpsOutputs) {
  const std::set<std::string> plates = Keys(T("vehicles"), "plate");
  const std::vector<std::string> derived = {
      "gps_masked",         "routes_masked",     "gps_points",
      "gps_alerts",         "raised_gps_alerts", "gps_work_orders",
      "gps_work_order_log", "gps_alert_counts",  "map_points"};
  for (const std::string& name : derived) {
    const Table& t = T(name);
    for (int c = 0; c < t.num_columns(); ++c) {
      if (t.schema().field(c).type != TypeId::kString) continue;
      for (int64_t i = 0; i < t.num_rows(); ++i) {
        if (t.column(c)->IsNull(i)) continue;
        const std::string v = t.column(c)->GetValue(i).ToString();
        for (size_t at = v.find("鄂J"); at != std::string::npos; at = v.find("鄂J", at + 1)) {
          ASSERT_FALSE(plates.count(v.substr(at, 9)))
              << name << "." << t.schema().field(c).name << ": " << v;
        }
      }
    }
  }
  const Table& keys = T("vehicle_keys");  // one key per plate, no collisions
  EXPECT_EQ(Keys(keys, "vehicle_key").size(), static_cast<size_t>(keys.num_rows()));
  EXPECT_EQ(Keys(keys, "plate").size(), static_cast<size_t>(keys.num_rows()));
  const Table& p = T("gps_points");
  ASSERT_GT(p.num_rows(), 10000);
  EXPECT_EQ(Keys(p, "vehicle_key"), Keys(keys, "vehicle_key"));
  for (int64_t i = 0; i < p.num_rows(); ++i) {
    const std::string k = Str(p, "vehicle_key", i);
    ASSERT_EQ(k.size(), 16u);
    ASSERT_EQ(k.find_first_not_of("0123456789abcdef"), std::string::npos) << k;
  }
  const Table& d = T("problem_drivers");
  ASSERT_GT(d.num_rows(), 0);
  for (int64_t i = 0; i < d.num_rows(); ++i) {
    const std::string id = Str(d, "id_no", i);
    EXPECT_EQ(id.substr(6, 10), std::string(10, '*')) << id;
  }
}

TEST(HazmatFleetRiskSpec, MisspeltOptionNamesLineStepAndSuggestion) {
  ExpectSpecError(kScenario, "    quantiles: [0.1, 0.3, 0.6]\n", "    quantile: [0.1, 0.3, 0.6]\n",
                  "risk_grade", "quantiles");
}

TEST(HazmatFleetRiskSpec, UnknownTableIsNamed) {
  ExpectSpecError(kScenario, "    in: [gps_with_route, routes_masked]\n",
                  "    in: [gps_with_route, route_masked]\n", "route_fence", "routes_masked");
}

}  // namespace
}  // namespace xf
