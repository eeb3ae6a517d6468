#include "model/daytype_forecast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/calendar_cn.h"
#include "core/error.h"
#include "core/thread_pool.h"
#include "core/time.h"
#include "model/forecast_metrics.h"
#include "ops/parallel.h"

namespace xf {
namespace {

struct Row {
  std::string user;
  int32_t date;
  std::optional<double> kwh;
};

TablePtr MakeTable(const std::vector<Row>& rows) {
  auto u = Column::Make(TypeId::kString);
  auto d = Column::Make(TypeId::kDate);
  auto v = Column::Make(TypeId::kFloat64);
  for (const Row& r : rows) {
    u->AppendString(r.user);
    d->AppendDate(r.date);
    if (r.kwh) {
      v->AppendFloat64(*r.kwh);
    } else {
      v->AppendNull();
    }
  }
  return Table::Make(
      Schema({{"user_id", TypeId::kString}, {"date", TypeId::kDate}, {"kwh", TypeId::kFloat64}}),
      {u, d, v});
}

double At(const Table& t, const std::string& col, int64_t row) {
  Value v = t.column(col)->GetValue(row);
  return v.is_null() ? NAN : v.float_value();
}

DayTypeForecastOptions Opts() {
  DayTypeForecastOptions o;
  o.keys = {"user_id"};
  o.date = "date";
  o.value = "kwh";
  return o;
}

// 2024-03-04 (Mon) .. 03-17 (Sun): no holidays. Week 1: workdays 100, weekend 40; week 2:
// workdays 120, weekend 50. Forecast for Mon 03-18 with a 14-day lookback.
TEST(DayTypeForecast, HandComputed) {
  const int32_t start = DaysFromCivil(2024, 3, 4);
  std::vector<Row> rows;
  for (int i = 0; i < 15; ++i) {
    const bool weekend = i % 7 >= 5;
    const double v = i < 7 ? (weekend ? 40 : 100) : (weekend ? 50 : 120);
    rows.push_back({"U1", start + i, v});
  }
  DayTypeForecastOptions o = Opts();
  o.lookback_days = 14;
  o.min_history_days = 3;
  TablePtr out = DayTypeForecast(*MakeTable(rows), o);
  ASSERT_EQ(out->num_rows(), 15);
  EXPECT_EQ(out->column("day_type")->GetValue(5).ToString(), "weekend");
  EXPECT_EQ(out->column("day_type")->GetValue(7).ToString(), "workday");

  // Not enough history for the first three days.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(std::isnan(At(*out, "expected", i))) << i;
  // Day 4 (Thu 03-07): workday mean 100, recent actuals equal their baselines except day 0,
  // which had no baseline: correction 1.
  EXPECT_DOUBLE_EQ(At(*out, "baseline", 3), 100);
  EXPECT_DOUBLE_EQ(At(*out, "correction", 3), 1);
  // Sat 03-09: no weekend history yet → no baseline.
  EXPECT_TRUE(std::isnan(At(*out, "baseline", 5)));

  // Mon 03-18.
  const double baseline = (5 * 100.0 + 5 * 120.0) / 10;
  const double actual_recent = 5 * 120.0 + 2 * 50.0;
  const double baselines_recent =
      100.0 + 620.0 / 6 + 740.0 / 7 + 860.0 / 8 + 980.0 / 9 + 40.0 + 130.0 / 3;
  const double correction = actual_recent / baselines_recent;
  EXPECT_NEAR(At(*out, "baseline", 14), baseline, 1e-9);
  EXPECT_NEAR(At(*out, "correction", 14), correction, 1e-9);
  EXPECT_NEAR(At(*out, "expected", 14), baseline * correction, 1e-9);

  // Clamping.
  o.correction_max = 1.1;
  out = DayTypeForecast(*MakeTable(rows), o);
  EXPECT_NEAR(At(*out, "correction", 14), 1.1, 1e-12);
  EXPECT_NEAR(At(*out, "expected", 14), baseline * 1.1, 1e-9);
}

TEST(DayTypeForecast, HolidaysFallBackToWeekendThenUseHolidays) {
  // 2024-03-25 .. 2024-04-10 spans 清明 (04-04..06 holiday, Sun 04-07 make-up workday).
  const int32_t start = DaysFromCivil(2024, 3, 25);
  std::vector<Row> rows;
  for (int32_t d = start; d <= DaysFromCivil(2024, 4, 10); ++d) {
    const DayType t = ChinaDayType(d);
    rows.push_back({"U1", d,
                    t == DayType::kWorkday   ? 100.0
                    : t == DayType::kWeekend ? 50.0
                                             : 20.0});
  }
  DayTypeForecastOptions o = Opts();
  o.min_history_days = 1;
  TablePtr out = DayTypeForecast(*MakeTable(rows), o);
  auto row_of = [&](int m, int d) { return DaysFromCivil(2024, m, d) - start; };
  EXPECT_EQ(out->column("day_type")->GetValue(row_of(4, 4)).ToString(), "holiday");
  EXPECT_EQ(out->column("day_type")->GetValue(row_of(4, 7)).ToString(), "workday");
  // First holiday: no holiday seen yet → the weekend mean.
  EXPECT_DOUBLE_EQ(At(*out, "baseline", row_of(4, 4)), 50);
  // Second holiday day: the first one is history now.
  EXPECT_DOUBLE_EQ(At(*out, "baseline", row_of(4, 5)), 20);
  // The make-up Sunday uses the workday baseline.
  EXPECT_DOUBLE_EQ(At(*out, "baseline", row_of(4, 7)), 100);
  // Recent days 04-03..04-09 matched their baselines except 04-04 (20 actual vs the weekend
  // fallback 50).
  EXPECT_NEAR(At(*out, "correction", row_of(4, 10)), 460.0 / 490.0, 1e-12);
  EXPECT_NEAR(At(*out, "expected", row_of(4, 10)), 100 * 460.0 / 490.0, 1e-9);
}

TEST(DayTypeForecast, ExcludeBelowKeepsShutdownDaysOutOfTheBaseline) {
  const int32_t start = DaysFromCivil(2024, 3, 4);  // Monday
  std::vector<Row> rows;
  for (int i = 0; i < 8; ++i) {
    if (i == 5 || i == 6) continue;  // no weekend rows
    rows.push_back({"U1", start + i, i == 2 ? 0.5 : 100.0});
  }
  rows.push_back({"U1", start + 8, std::nullopt});  // NULL actual still gets a forecast
  DayTypeForecastOptions o = Opts();
  o.min_history_days = 1;
  o.exclude_below = 6;
  TablePtr out = DayTypeForecast(*MakeTable(rows), o);
  EXPECT_DOUBLE_EQ(At(*out, "baseline", 6), 100);
  EXPECT_DOUBLE_EQ(At(*out, "expected", 6), 100);
  // The excluded day itself is forecast.
  EXPECT_DOUBLE_EQ(At(*out, "expected", 2), 100);
  o.exclude_below.reset();
  out = DayTypeForecast(*MakeTable(rows), o);
  EXPECT_LT(At(*out, "baseline", 6), 90);
}

// Three users, ~2.5 years of daily data with weekly and holiday effects, noise and a level shift.
TablePtr Synthetic(uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0, 4);
  std::vector<Row> rows;
  for (int u = 0; u < 3; ++u) {
    const double scale = 1 + u;
    for (int32_t d = DaysFromCivil(2023, 1, 1); d <= DaysFromCivil(2025, 6, 30); ++d) {
      const DayType t = ChinaDayType(d);
      double level = t == DayType::kWorkday ? 100 : t == DayType::kWeekend ? 60 : 25;
      if (d > DaysFromCivil(2024, 6, 1)) level *= 1.2;  // production grows
      rows.push_back({"U" + std::to_string(u), d, scale * (level + noise(rng))});
    }
  }
  return MakeTable(rows);
}

TEST(DayTypeForecast, BeatsSeasonalNaiveOnHolidaySeries) {
  TablePtr t = Synthetic(7);
  DayTypeForecastOptions o = Opts();
  TablePtr out = DayTypeForecast(*t, o);
  ColumnPtr naive = SeasonalNaive(*t, {"user_id"}, "date", "kwh", 7);
  // Compare on the rows where both forecasts exist.
  std::vector<int64_t> rows;
  for (int64_t r = 0; r < t->num_rows(); ++r) {
    if (out->column("expected")->IsValid(r) && naive->IsValid(r)) rows.push_back(r);
  }
  ASSERT_GT(rows.size(), 2000u);
  ColumnPtr actual = t->column("kwh")->Take(rows);
  ForecastMetrics model = ComputeForecastMetrics(*actual, *out->column("expected")->Take(rows));
  ForecastMetrics base = ComputeForecastMetrics(*actual, *naive->Take(rows));
  EXPECT_LT(model.mae, 0.8 * base.mae) << model.mae << " vs " << base.mae;
  EXPECT_LT(model.rmse, base.rmse);
}

TEST(DayTypeForecast, NoLeakageFromTheFuture) {
  TablePtr t = Synthetic(11);
  DayTypeForecastOptions o = Opts();
  TablePtr before = DayTypeForecast(*t, o);
  // Change one value of U1 in the middle; no forecast of U1 up to and including that date, and
  // none of the other users, may change.
  const int64_t n = t->num_rows();
  const int64_t changed = n / 2;
  auto kwh = Column::Make(TypeId::kFloat64);
  for (int64_t r = 0; r < n; ++r) {
    kwh->AppendFloat64(r == changed ? 1e6 : t->column("kwh")->GetValue(r).float_value());
  }
  TablePtr after = DayTypeForecast(*t->WithColumn("kwh", kwh), o);
  const std::string user = t->column("user_id")->GetValue(changed).ToString();
  const int32_t date = static_cast<int32_t>(t->column("date")->GetValue(changed).int_value());
  int64_t differ = 0;
  for (int64_t r = 0; r < n; ++r) {
    const bool same_user = t->column("user_id")->GetValue(r).ToString() == user;
    const int32_t d = static_cast<int32_t>(t->column("date")->GetValue(r).int_value());
    const bool may_change = same_user && d > date;
    for (const char* c : {"baseline", "correction", "expected"}) {
      const Value a = before->column(c)->GetValue(r), b = after->column(c)->GetValue(r);
      if (!may_change) {
        ASSERT_EQ(a, b) << c << " row " << r;
      } else if (!(a == b)) {
        ++differ;
      }
    }
  }
  EXPECT_GT(differ, 0);  // the change is seen later
}

TEST(DayTypeForecast, SameResultOnAnyThreadCount) {
  TablePtr t = Synthetic(3);
  ThreadPool one(1), four(4);
  TablePtr a, b;
  {
    ScopedOpsThreadPool s(&one);
    a = DayTypeForecast(*t, Opts());
  }
  {
    ScopedOpsThreadPool s(&four);
    b = DayTypeForecast(*t, Opts());
  }
  for (int c = 0; c < a->num_columns(); ++c) {
    for (int64_t r = 0; r < a->num_rows(); ++r) {
      ASSERT_EQ(a->column(c)->GetValue(r), b->column(c)->GetValue(r));
    }
  }
}

TEST(DayTypeForecast, RejectsNonDateColumn) {
  TablePtr t = MakeTable({{"U1", 19000, 1.0}});
  DayTypeForecastOptions o = Opts();
  o.date = "kwh";
  EXPECT_THROW(DayTypeForecast(*t, o), Error);
}

TEST(ForecastMetrics, HandComputed) {
  auto a = Column::FromValues(TypeId::kFloat64,
                              {Value::Float64(10), Value::Float64(0), Value::Float64(20), Value()});
  auto f = Column::FromValues(TypeId::kFloat64, {Value::Float64(12), Value::Float64(1),
                                                 Value::Float64(17), Value::Float64(5)});
  ForecastMetrics m = ComputeForecastMetrics(*a, *f);
  EXPECT_EQ(m.n, 3);
  EXPECT_DOUBLE_EQ(m.mae, 2.0);
  EXPECT_DOUBLE_EQ(m.rmse, std::sqrt(14.0 / 3));
  EXPECT_EQ(m.mape_n, 2);
  EXPECT_DOUBLE_EQ(m.mape, (0.2 + 0.15) / 2);
}

TEST(ForecastMetrics, SeasonalNaiveIsSameDayLastWeek) {
  std::vector<Row> rows;
  for (int i = 0; i < 10; ++i) rows.push_back({"A", 19000 + i, 1.0 * i});
  rows.push_back({"B", 19007, 5.0});
  TablePtr t = MakeTable(rows);
  ColumnPtr s = SeasonalNaive(*t, {"user_id"}, "date", "kwh");
  for (int i = 0; i < 7; ++i) EXPECT_TRUE(s->IsNull(i));
  EXPECT_EQ(s->GetValue(7), Value::Float64(0));
  EXPECT_EQ(s->GetValue(9), Value::Float64(2));
  EXPECT_TRUE(s->IsNull(10));  // B has no row a week earlier
}

}  // namespace
}  // namespace xf
