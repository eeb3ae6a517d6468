// The scenario green/power-production-status generates the tables other steps rely on.
#include <cmath>
#include <map>
#include <set>

#include "core/calendar_cn.h"
#include "core/time.h"
#include "synth/identifiers.h"
#include "synth/tests/test_util.h"

namespace xf::synth::test {
namespace {

const std::string kSpec =
    std::string(XF_TESTDATA_DIR) + "/../../scenarios/green/power-production-status/synthetic.yaml";

const std::vector<SynthTable>& Tables() {
  static const std::vector<SynthTable> tables = Generate(SpecNode::LoadFile(kSpec), SynthOptions{});
  return tables;
}

std::vector<std::string> Names(const TablePtr& t) { return t->schema().names(); }

TEST(ScenarioSpec, TablesAndColumns) {
  std::vector<std::string> names;
  for (const SynthTable& t : Tables()) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"users", "treatment_companies", "polluting_companies",
                                             "daily_kwh", "daily_kwh__truth", "sewage_discharge",
                                             "stations", "water_quality", "water_quality__truth"}));
  EXPECT_EQ(Names(Find(Tables(), "users")),
            (std::vector<std::string>{"user_id", "region", "industry", "user_type", "capacity_kva",
                                      "base_kwh", "name", "credit_code", "lat", "lon"}));
  EXPECT_EQ(Names(Find(Tables(), "treatment_companies")),
            (std::vector<std::string>{"user_id", "name", "credit_code"}));
  EXPECT_EQ(Names(Find(Tables(), "polluting_companies")),
            (std::vector<std::string>{"user_id", "name", "credit_code", "industry"}));
  EXPECT_EQ(Names(Find(Tables(), "daily_kwh")),
            (std::vector<std::string>{"user_id", "date", "kwh"}));
  EXPECT_EQ(Names(Find(Tables(), "sewage_discharge")),
            (std::vector<std::string>{"user_id", "date", "discharge_m3"}));
  EXPECT_EQ(Names(Find(Tables(), "stations")),
            (std::vector<std::string>{"station_id", "region", "river", "name", "lat", "lon"}));
  EXPECT_EQ(Names(Find(Tables(), "water_quality")),
            (std::vector<std::string>{"station_id", "time", "conductivity", "temperature",
                                      "dissolved_oxygen", "total_nitrogen", "total_phosphorus"}));
  EXPECT_EQ(Find(Tables(), "daily_kwh")->schema().field(1).type, TypeId::kDate);
  EXPECT_EQ(Find(Tables(), "water_quality")->schema().field(1).type, TypeId::kTimestamp);
  EXPECT_EQ(Find(Tables(), "users")->schema().field(4).type, TypeId::kInt64);
}

TEST(ScenarioSpec, UsersCoverTheRules) {
  const TablePtr u = Find(Tables(), "users");
  EXPECT_EQ(u->num_rows(), 800);
  int residents = 0, below15 = 0, exactly15 = 0;
  for (int64_t i = 0; i < u->num_rows(); ++i) {
    const bool resident = Str(u, "user_type", i) == "resident";
    residents += resident;
    const double cap = F(u, "capacity_kva", i);
    if (!resident) {
      below15 += cap < 15;
      exactly15 += cap == 15;
      EXPECT_TRUE(IsValidCreditCode(Str(u, "credit_code", i))) << Str(u, "credit_code", i);
    } else {
      EXPECT_TRUE(u->column("credit_code")->IsNull(i));
    }
  }
  EXPECT_GT(residents, 150);
  EXPECT_GT(below15, 10);  // non-residents that are not base users
  EXPECT_GT(exactly15, 10);
}

TEST(ScenarioSpec, DailyKwhSpansAYearAndAQuarterWithHolidayEffects) {
  const TablePtr k = Find(Tables(), "daily_kwh");
  const int32_t first = DaysFromCivil(2024, 1, 1), last = DaysFromCivil(2025, 3, 31);
  EXPECT_EQ(k->num_rows(), 800 * (last - first + 1));
  // Factories: statutory holidays much lower than workdays; make-up Sundays are workdays.
  const TablePtr u = Find(Tables(), "users");
  std::set<std::string> factories;
  for (int64_t i = 0; i < u->num_rows(); ++i) {
    const std::string ind = Str(u, "industry", i);
    if (ind == "造纸" || ind == "化工" || ind == "机械") factories.insert(Str(u, "user_id", i));
  }
  std::map<DayType, std::pair<double, int>> sum;
  double makeup = 0, plain_sunday = 0;
  int below6 = 0;
  for (int64_t i = 0; i < k->num_rows(); ++i) {
    const double kwh = F(k, "kwh", i);
    below6 += kwh < 6;
    if (!factories.count(Str(k, "user_id", i))) continue;
    const int32_t d = k->column("date")->data<int32_t>()[i];
    auto& s = sum[ChinaDayType(d)];
    s.first += kwh;
    s.second++;
    if (d == DaysFromCivil(2024, 2, 4)) makeup += kwh;         // make-up Sunday
    if (d == DaysFromCivil(2024, 1, 28)) plain_sunday += kwh;  // ordinary Sunday
  }
  const double work = sum[DayType::kWorkday].first / sum[DayType::kWorkday].second;
  const double weekend = sum[DayType::kWeekend].first / sum[DayType::kWeekend].second;
  const double holiday = sum[DayType::kHoliday].first / sum[DayType::kHoliday].second;
  EXPECT_LT(weekend, 0.85 * work);
  EXPECT_LT(holiday, 0.45 * work);
  EXPECT_GT(makeup, 1.2 * plain_sunday);
  EXPECT_GT(below6, 500);  // shutdown spells exist
}

TEST(ScenarioSpec, KwhTruthIsInTheLast90DaysAndDeviates) {
  const TablePtr k = Find(Tables(), "daily_kwh");
  const TablePtr t = Find(Tables(), "daily_kwh__truth");
  EXPECT_EQ(Names(t), (std::vector<std::string>{"user_id", "date", "column", "kind", "factor",
                                                "episode", "original", "value"}));
  ASSERT_GT(t->num_rows(), 60);
  const int32_t from = DaysFromCivil(2025, 3, 31) - 89;
  std::map<std::pair<std::string, int32_t>, double> actual;
  for (int64_t i = 0; i < k->num_rows(); ++i) {
    actual[{Str(k, "user_id", i), k->column("date")->data<int32_t>()[i]}] = F(k, "kwh", i);
  }
  for (int64_t i = 0; i < t->num_rows(); ++i) {
    const int32_t d = t->column("date")->data<int32_t>()[i];
    EXPECT_GE(d, from);
    const std::string kind = Str(t, "kind", i);
    const double v = actual.at({Str(t, "user_id", i), d});
    EXPECT_EQ(v, F(t, "value", i));
    if (kind == "spike") {
      EXPECT_GE(v, 1.9 * F(t, "original", i));
    }
    if (kind == "drop") {
      EXPECT_LE(v, 0.45 * F(t, "original", i));
      EXPECT_GE(v, 6);
    }
  }
}

TEST(ScenarioSpec, SewageFollowsKwhPerIndustry) {
  const TablePtr s = Find(Tables(), "sewage_discharge");
  const TablePtr p = Find(Tables(), "polluting_companies");
  std::set<std::string> monitored;
  for (int64_t i = 0; i < s->num_rows(); ++i) monitored.insert(Str(s, "user_id", i));
  const double share = static_cast<double>(monitored.size()) / static_cast<double>(p->num_rows());
  EXPECT_GT(share, 0.45);
  EXPECT_LT(share, 0.75);
  // Ratio discharge / kWh for 造纸 companies averages the industry slope 0.060.
  std::map<std::string, std::string> industry;
  for (int64_t i = 0; i < p->num_rows(); ++i)
    industry[Str(p, "user_id", i)] = Str(p, "industry", i);
  const TablePtr k = Find(Tables(), "daily_kwh");
  std::map<std::pair<std::string, int32_t>, double> kwh;
  for (int64_t i = 0; i < k->num_rows(); ++i) {
    kwh[{Str(k, "user_id", i), k->column("date")->data<int32_t>()[i]}] = F(k, "kwh", i);
  }
  double sxy = 0, sxx = 0;
  for (int64_t i = 0; i < s->num_rows(); ++i) {
    if (industry[Str(s, "user_id", i)] != "造纸") continue;
    const double x = kwh.at({Str(s, "user_id", i), s->column("date")->data<int32_t>()[i]});
    sxy += x * F(s, "discharge_m3", i);
    sxx += x * x;
  }
  EXPECT_NEAR(sxy / sxx, 0.060, 0.003);
}

TEST(ScenarioSpec, WaterQualityEpisodes) {
  const TablePtr w = Find(Tables(), "water_quality");
  const TablePtr t = Find(Tables(), "water_quality__truth");
  EXPECT_EQ(w->num_rows(), 24 * 90 * 24);
  ASSERT_GT(t->num_rows(), 0);
  std::set<std::string> cols;
  for (int64_t i = 0; i < t->num_rows(); ++i) {
    cols.insert(Str(t, "column", i));
    EXPECT_EQ(Str(t, "kind", i), "episode");
    const double f = F(t, "factor", i);
    if (Str(t, "column", i) == "dissolved_oxygen") {
      EXPECT_LT(f, 0.65);
    } else {
      EXPECT_GT(f, 1.5);
    }
  }
  EXPECT_EQ(cols.size(), 4u);
}

}  // namespace
}  // namespace xf::synth::test
