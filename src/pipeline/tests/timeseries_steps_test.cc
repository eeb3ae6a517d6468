// ewma, holt_winters and forecast_metrics configured from YAML.
#include <gtest/gtest.h>

#include "core/time.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::F;
using testing::FloatColumn;
using testing::RunStep;
using testing::StringColumn;

TEST(TimeSeriesSteps, EwmaBySpanInTimeOrder) {
  auto t = Column::Make(TypeId::kInt64);
  for (int v : {3, 1, 2, 1, 2}) t->AppendInt64(v);
  auto in =
      Table::Make(Schema({{"k", TypeId::kString}, {"t", TypeId::kInt64}, {"x", TypeId::kFloat64}}),
                  {StringColumn({"a", "a", "a", "b", "b"}), t, FloatColumn({3, 1, 2, 10, 20})});
  auto out =
      RunStep("{id: e, kind: ewma, in: i, out: o, by: k, order: t, value: x, span: 3}", {in});
  const Table& r = *out[0];
  // span 3 → alpha 0.5; series a in time order: 1, 2, 3 → 1, 1.5, 2.25.
  EXPECT_DOUBLE_EQ(F(r, "x_ewma", 1), 1);
  EXPECT_DOUBLE_EQ(F(r, "x_ewma", 2), 1.5);
  EXPECT_DOUBLE_EQ(F(r, "x_ewma", 0), 2.25);
  EXPECT_DOUBLE_EQ(F(r, "x_ewma", 4), 15);
  std::string e =
      ErrorOf("{id: e2, kind: ewma, in: i, out: o, value: x, span: 3, alpha: 0.2}", {in});
  EXPECT_NE(e.find("step 'e2'"), std::string::npos) << e;
  e = ErrorOf("{id: e3, kind: ewma, in: i, out: o, value: x, alpha: 1.5}", {in});
  EXPECT_NE(e.find("step 'e3'"), std::string::npos) << e;
}

const double kSeason[7] = {10, -5, 3, 0, -8, 20, -20};

// Two stores: 8 weeks of daily sales each (trend + weekly season); holt_winters forecasts two
// more weeks; forecast_metrics on a holdout shows it beats seasonal-naive.
TablePtr Sales(int days, bool with_holdout_truth) {
  auto store = Column::Make(TypeId::kString), date = Column::Make(TypeId::kDate),
       sales = Column::Make(TypeId::kFloat64);
  const int32_t start = DaysFromCivil(2024, 1, 1);
  for (int s = 0; s < 2; ++s) {
    for (int d = 0; d < days; ++d) {
      store->AppendString(s == 0 ? "S1" : "S2");
      date->AppendDate(start + d);
      sales->AppendFloat64((s + 1) * 100 + 0.8 * d + kSeason[d % 7] +
                           (with_holdout_truth ? 0 : 0.3 * std::sin(d)));
    }
  }
  return Table::Make(
      Schema({{"store", TypeId::kString}, {"date", TypeId::kDate}, {"sales", TypeId::kFloat64}}),
      {store, date, sales});
}

TEST(TimeSeriesSteps, HoltWintersForecastRowsAndParameters) {
  auto out = RunStep(R"(
id: hw
kind: holt_winters
in: sales
out: [sales_forecast, hw_params]
by: store
time: date
value: sales
season_length: 7
horizon: 14
)",
                     {Sales(56, false)});
  ASSERT_EQ(out.size(), 2u);
  const Table& f = *out[0];
  EXPECT_EQ(f.num_rows(), 2 * (56 + 14));
  // The first forecast row of S1 is the day after its last date, kind 'forecast', sales NULL.
  EXPECT_EQ(f.column("kind")->GetValue(56).string_value(), "forecast");
  EXPECT_EQ(f.column("date")->GetValue(56).int_value(), DaysFromCivil(2024, 1, 1) + 56);
  EXPECT_TRUE(f.column("sales")->IsNull(56));
  EXPECT_TRUE(f.column("forecast")->IsNull(0));  // first season: initialisation
  EXPECT_EQ(f.column("store")->GetValue(70).string_value(), "S2");
  // Against the noise-free continuation: within 1.5 on every forecast day.
  for (int h = 0; h < 14; ++h) {
    const double truth = 100 + 0.8 * (56 + h) + kSeason[(56 + h) % 7];
    EXPECT_NEAR(F(f, "forecast", 56 + h), truth, 1.5) << h;
  }
  const Table& p = *out[1];
  EXPECT_EQ(p.num_rows(), 2);
  EXPECT_EQ(p.column("n")->GetValue(0).int_value(), 49);
  EXPECT_LT(F(p, "rmse", 0), 1.0);
}

TEST(TimeSeriesSteps, ForecastMetricsAgainstSeasonalNaive) {
  // Actuals over 10 weeks, the model's forecast (truth + 1) over the last 2: naive is 7 × 0.8
  // = 5.6 off (it misses the trend), the model 1.
  TablePtr full = Sales(70, true);
  auto pred = Column::Make(TypeId::kFloat64);
  for (int64_t r = 0; r < full->num_rows(); ++r) {
    const int d = static_cast<int>(r % 70);
    if (d < 56) {
      pred->AppendNull();
    } else {
      pred->AppendFloat64(full->column("sales")->GetValue(r).float_value() + 1);
    }
  }
  auto out = RunStep(R"(
id: accuracy
kind: forecast_metrics
in: joined
out: metrics
by: store
actual: sales
predicted: pred
date: date
)",
                     {full->WithColumn("pred", pred)});
  const Table& m = *out[0];
  ASSERT_EQ(m.num_rows(), 2);
  EXPECT_EQ(m.column("n")->GetValue(0).int_value(), 14);
  EXPECT_NEAR(F(m, "mae", 0), 1, 1e-9);
  EXPECT_NEAR(F(m, "rmse", 0), 1, 1e-9);
  EXPECT_NEAR(F(m, "naive_mae", 0), 5.6, 1e-9);
  EXPECT_NEAR(F(m, "mae_ratio", 0), 1 / 5.6, 1e-9);
  std::string e = ErrorOf(
      "{id: fm, kind: forecast_metrics, in: j, out: m, actual: sales, predicted: nope}", {full});
  EXPECT_NE(e.find("step 'fm'"), std::string::npos) << e;
}

TEST(TimeSeriesSteps, HoltWintersErrorsNameStepAndSeries) {
  std::string e = ErrorOf(
      "{id: hw2, kind: holt_winters, in: s, out: f, by: store, time: date, value: sales, "
      "season_length: 40}",
      {Sales(56, false)});
  EXPECT_NE(e.find("step 'hw2'"), std::string::npos) << e;
  EXPECT_NE(e.find("store=S1"), std::string::npos) << e;
  e = ErrorOf(
      "{id: hw3, kind: holt_winters, in: s, out: f, time: date, value: sales, seasonality: "
      "multiplicativ}",
      {Sales(56, false)});
  EXPECT_NE(e.find("did you mean 'multiplicative'"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::pipeline
