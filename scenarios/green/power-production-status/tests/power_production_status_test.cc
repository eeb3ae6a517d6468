// green/power-production-status against the ground truth its synthetic data injects: the
// production-status rule exactly, the day-type forecast against a seasonal-naive baseline, the
// abnormal-use alerts and the water-quality anomalies by precision and recall, the discharge
// regression's slopes, and spec errors that name file, line and step.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/time.h"
#include "govern/validate.h"
#include "model/forecast_metrics.h"
#include "ops/project.h"
#include "scenario_test_util.h"

namespace xf {
namespace {

using namespace scenario_test;  // NOLINT(build/namespaces): the helpers every scenario test shares

const std::string kScenario = ScenarioDir("green/power-production-status");

using PowerProductionStatus = ScenarioTest<DefaultRun<kScenario>>;

// The sources' data standards (standards/*.yaml): nothing lost, every dimension the standards
// cover scored, and the generated data — clean by construction — conforming to every rule.
TEST_F(PowerProductionStatus, StandardsScoreSourcesAndLoseNoRows) {
  ASSERT_EQ(Run().quality.size(), 4u);
  ExpectStandardsLoseNoRows(Run());
  std::vector<const govern::RuleResult*> all = govern::AllRules(Run().quality);
  auto dims = govern::ScoreByDimension(all);
  for (govern::Dimension d : govern::kAllDimensions) {
    ASSERT_TRUE(dims[d].score.has_value()) << govern::DimensionName(d);
    EXPECT_DOUBLE_EQ(*dims[d].score, 100.0) << govern::DimensionName(d);
  }
}

// Dirty rows injected into the generated daily_kwh (a NULL kWh, a negative kWh, an unknown user,
// an exact duplicate row), each kind every 1000 rows at a known position: the standard must
// quarantine exactly those rows (precision and recall 1) and keep every other row.
TEST(PowerProductionStatusStandards, QuarantineFindsInjectedDirtyRows) {
  pipeline::ScenarioSpec spec = pipeline::LoadScenario(kScenario);
  pipeline::RunResult loaded = pipeline::LoadInputs(spec, {.seed = 42, .scale = 1.0}, nullptr);
  const Table& clean = *loaded.tables.at("daily_kwh");
  auto user = Column::Make(TypeId::kString), date = Column::Make(TypeId::kDate),
       kwh = Column::Make(TypeId::kFloat64);
  std::set<int64_t> truth;  // 0-based rows of the dirty table
  for (int64_t i = 0; i < clean.num_rows(); ++i) {
    const int kind = i % 1000 == 500 ? static_cast<int>(i / 1000 % 4) : -1;
    if (kind >= 0) truth.insert(user->size());
    if (kind == 2) {
      user->AppendString("U999999");  // well-formed, but no such user
    } else {
      user->AppendFrom(*clean.column("user_id"), i);
    }
    date->AppendFrom(*clean.column("date"), i);
    if (kind == 0) {
      kwh->AppendNull();
    } else if (kind == 1) {
      kwh->AppendFloat64(-3);
    } else {
      kwh->AppendFrom(*clean.column("kwh"), i);
    }
    if (kind == 3) {  // an exact copy right after the original: the copy is the dirty row
      truth.erase(user->size() - 1);
      truth.insert(user->size());
      user->AppendFrom(*clean.column("user_id"), i);
      date->AppendFrom(*clean.column("date"), i);
      kwh->AppendFrom(*clean.column("kwh"), i);
    }
  }
  TablePtr dirty = Table::Make(clean.schema(), {user, date, kwh});
  ASSERT_GT(truth.size(), 300u);
  govern::TableLookup others = {{"users", loaded.tables.at("users")}};
  govern::Validation v =
      govern::Validate(spec.standards.at("daily_kwh"), dirty, {.table = "daily_kwh", .tables = &others});
  EXPECT_EQ(v.quality.rows_in, v.quality.rows_passed + v.quality.rows_quarantined);
  std::set<int64_t> found;
  const Column& pos = *v.quarantine->column("_source_row");
  for (int64_t i = 0; i < pos.size(); ++i) found.insert(pos.data<int64_t>()[i] - 1);
  Score s = Compare(found, truth);
  EXPECT_EQ(s.precision, 1.0);
  EXPECT_EQ(s.recall, 1.0);
  EXPECT_EQ(v.passed->num_rows(), dirty->num_rows() - static_cast<int64_t>(truth.size()));
}

TEST_F(PowerProductionStatus, BaseUsersAreNonResidentialWithAtLeast15Kva) {
  const Table& users = T("users");
  std::set<std::string> expected;
  int at_boundary = 0, below = 0;
  for (int64_t i = 0; i < users.num_rows(); ++i) {
    double cap = users.column("capacity_kva")->GetValue(i).AsDouble();
    bool non_resident = Str(users, "user_type", i) == "non_resident";
    if (non_resident && cap == 15) ++at_boundary;
    if (non_resident && cap < 15) ++below;
    if (non_resident && cap >= 15) expected.insert(Str(users, "user_id", i));
  }
  ASSERT_GT(at_boundary, 0) << "the synthetic data must exercise the 15 kVA boundary";
  ASSERT_GT(below, 0);
  std::set<std::string> base;
  const Table& b = T("base_users");
  for (int64_t i = 0; i < b.num_rows(); ++i) base.insert(Str(b, "user_id", i));
  EXPECT_EQ(base, expected);
}

TEST_F(PowerProductionStatus, ProductionStatusRuleIsExact) {
  const Table& s = T("daily_status");
  int64_t shut = 0, six = 0;
  for (int64_t i = 0; i < s.num_rows(); ++i) {
    double kwh = s.column("kwh")->GetValue(i).AsDouble();
    bool producing = s.column("producing")->GetValue(i).bool_value();
    ASSERT_EQ(producing, kwh >= 6) << "row " << i << " kwh " << kwh;
    ASSERT_EQ(Str(s, "status", i), kwh < 6 ? "shutdown" : "producing");
    shut += kwh < 6;
    six += kwh == 6;
  }
  EXPECT_GT(shut, 100) << "shutdown spells must produce days below 6 kWh";
  // Every base user's every day is classified: nothing lost in the join.
  int64_t days = 0;
  const Table& d = T("daily_kwh");
  std::set<std::string> base;
  for (int64_t i = 0; i < T("base_users").num_rows(); ++i) base.insert(Str(T("base_users"), "user_id", i));
  for (int64_t i = 0; i < d.num_rows(); ++i) days += base.count(Str(d, "user_id", i));
  EXPECT_EQ(s.num_rows(), days);
}

TEST_F(PowerProductionStatus, DayTypeForecastBeatsSeasonalNaive) {
  // Producing days without injected anomalies, where both forecasts exist.
  std::set<std::pair<std::string, std::string>> injected =
      Pairs(T("daily_kwh__truth"), "user_id", "date");
  TablePtr s = Run().tables.at("daily_status");
  ColumnPtr naive = SeasonalNaive(*s, {"user_id"}, "date", "kwh", 7);
  TablePtr with_naive = s->WithColumn("naive", naive);
  std::vector<int64_t> keep;
  for (int64_t i = 0; i < with_naive->num_rows(); ++i) {
    if (!with_naive->column("producing")->GetValue(i).bool_value()) continue;
    if (with_naive->column("expected")->IsNull(i) || naive->IsNull(i)) continue;
    if (injected.count({Str(*with_naive, "user_id", i), Str(*with_naive, "date", i)})) continue;
    keep.push_back(i);
  }
  TablePtr eval = with_naive->Take(keep);
  ASSERT_GT(eval->num_rows(), 50000);
  ForecastMetrics model = ComputeForecastMetrics(*eval->column("kwh"), *eval->column("expected"));
  ForecastMetrics baseline = ComputeForecastMetrics(*eval->column("kwh"), *eval->column("naive"));
  EXPECT_LT(model.mae, 0.9 * baseline.mae) << "day-type " << model.mae << " vs naive " << baseline.mae;
  EXPECT_LT(model.mape, 0.15);
}

TEST_F(PowerProductionStatus, AbnormalUseAlertsFindInjectedEvents) {
  std::set<std::pair<std::string, std::string>> truth = Pairs(T("daily_kwh__truth"), "user_id", "date");
  std::set<std::pair<std::string, std::string>> alerts = Pairs(T("abnormal_use_alerts"), "entity", "time");
  ASSERT_GT(truth.size(), 50u);
  Score s = Compare(alerts, truth);
  EXPECT_GE(s.precision, 0.9);
  EXPECT_GE(s.recall, 0.9);
}

TEST_F(PowerProductionStatus, StationAnomaliesFindInjectedEpisodes) {
  std::set<std::pair<std::string, std::string>> truth =
      Pairs(T("water_quality__truth"), "station_id", "time", /*date_of_timestamp=*/true);
  std::set<std::pair<std::string, std::string>> found = Pairs(T("station_anomalies"), "station_id", "date");
  ASSERT_GT(truth.size(), 10u);
  Score s = Compare(found, truth);
  EXPECT_GE(s.precision, 0.85);
  EXPECT_GE(s.recall, 0.9);
}

TEST_F(PowerProductionStatus, DischargeRegressionRecoversIndustrySlopes) {
  const std::map<std::string, double> injected = {{"造纸", 0.060}, {"印染", 0.120}, {"化工", 0.035},
                                                  {"食品加工", 0.050}, {"电镀", 0.025}, {"制药", 0.040}};
  const Table& c = T("discharge_slopes");
  ASSERT_EQ(c.num_rows(), static_cast<int64_t>(injected.size()));
  for (int64_t i = 0; i < c.num_rows(); ++i) {
    double want = injected.at(Str(c, "industry", i));
    EXPECT_NEAR(c.column("estimate")->GetValue(i).AsDouble(), want, 0.05 * want) << Str(c, "industry", i);
  }
}

TEST_F(PowerProductionStatus, ProsperityIsTreatmentOverPollutingKwh) {
  const Table& p = T("region_prosperity");
  ASSERT_EQ(p.num_rows(), 8);
  for (int64_t i = 0; i < p.num_rows(); ++i) {
    double t = p.column("treatment_kwh")->GetValue(i).AsDouble();
    double q = p.column("polluting_kwh")->GetValue(i).AsDouble();
    ASSERT_GT(q, 0);
    EXPECT_NEAR(p.column("prosperity")->GetValue(i).AsDouble(), t / q, 0.0006);
  }
}

TEST(PowerProductionStatusSpec, MisspeltOptionNamesLineStepAndSuggestion) {
  ExpectSpecError(kScenario, "    radius_km: 3\n", "    radius_kn: 3\n", "nearby_polluters",
                  "radius_km");
}

TEST(PowerProductionStatusSpec, UnknownKindAndTableAreNamed) {
  ExpectSpecError(kScenario, "    kind: forecast_daytype\n", "    kind: forecast_daytipe\n",
                  "expected_kwh", "forecast_daytype");
  ExpectSpecError(kScenario, "    in: [daily_kwh, base_users]\n",
                  "    in: [daily_kwh, base_user]\n", "base_daily", "base_users");
}

}  // namespace
}  // namespace xf
