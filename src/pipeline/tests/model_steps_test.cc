// The model, geo and alert step kinds, configured from YAML as a scenario would.
#include <gtest/gtest.h>

#include "core/error.h"
#include "core/time.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::RunStep;

TablePtr Daily() {
  auto user = Column::Make(TypeId::kString), date = Column::Make(TypeId::kDate),
       kwh = Column::Make(TypeId::kFloat64), lat = Column::Make(TypeId::kFloat64),
       lon = Column::Make(TypeId::kFloat64);
  const int32_t start = DaysFromCivil(2024, 7, 1);  // a Monday; no holidays until October
  for (int u = 0; u < 2; ++u) {
    for (int d = 0; d < 40; ++d) {
      user->AppendString(u == 0 ? "U1" : "U2");
      date->AppendDate(start + d);
      const bool weekend = d % 7 >= 5;
      double v = (weekend ? 50 : 100) * (u + 1);
      if (u == 1 && d == 39) v = 10;  // a sharp drop on the last day
      kwh->AppendFloat64(v);
      lat->AppendFloat64(30.0 + 0.01 * u);
      lon->AppendFloat64(120.0);
    }
  }
  return Table::Make(Schema({{"user_id", TypeId::kString},
                             {"date", TypeId::kDate},
                             {"kwh", TypeId::kFloat64},
                             {"lat", TypeId::kFloat64},
                             {"lon", TypeId::kFloat64}}),
                     {user, date, kwh, lat, lon});
}

TEST(ModelSteps, ForecastThenAlert) {
  auto f = RunStep(R"(
id: expected
kind: forecast_daytype
in: daily
out: forecast
key: user_id
date: date
value: kwh
min_history_days: 10
exclude_below: 6
)",
                   {Daily()});
  ASSERT_EQ(f.size(), 1u);
  const Table& t = *f[0];
  EXPECT_EQ(t.num_rows(), 80);
  EXPECT_GE(t.ColumnIndex("expected"), 0);
  EXPECT_NEAR(t.column("expected")->GetValue(38).float_value(), 100, 1e-9);

  auto a = RunStep(R"(
id: abnormal
kind: alert
in: forecast
out: alerts
entity: user_id
time: date
keep: [kwh, expected]
rules:
  - id: drop
    level: orange
    when: "kwh < 0.5 * expected"
    title_en: Abnormal drop
    title_zh: 用电异常下降
    message: "{user_id}: {kwh} kWh vs expected {expected}"
  - id: shutdown
    level: 红色
    when: "kwh < 6"
)",
                   {f[0]});
  const Table& alerts = *a[0];
  ASSERT_EQ(alerts.num_rows(), 1) << alerts.ToString();
  EXPECT_EQ(alerts.column("alert_id")->GetValue(0).ToString(), "drop:U2:2024-08-09");
  EXPECT_EQ(alerts.column("level_zh")->GetValue(0).ToString(), "橙色");
  EXPECT_EQ(alerts.column("message")->GetValue(0).ToString(), "U2: 10.0 kWh vs expected 200.0");
}

TEST(ModelSteps, RegressionWithPredictionsAndPredict) {
  auto r = RunStep(R"(
id: fit
kind: regression
in: daily
out: [coef, stats, fitted]
y: kwh
x: [lat]
by: user_id
ridge: 0
predict: kwh_hat
)",
                   {Daily()->WithColumn("lat", Column::FromValues(TypeId::kFloat64, [] {
                                          std::vector<Value> v;
                                          for (int i = 0; i < 80; ++i)
                                            v.push_back(Value::Float64(i % 40));
                                          return v;
                                        }()))});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0]->num_rows(), 4);
  EXPECT_EQ(r[1]->num_rows(), 2);
  EXPECT_GE(r[2]->ColumnIndex("kwh_hat"), 0);
  EXPECT_GE(r[2]->ColumnIndex("residual"), 0);
  auto p = RunStep(R"(
id: apply
kind: predict
in: [daily, coef]
out: scored
by: user_id
)",
                   {r[2], r[0]});
  for (int64_t i = 0; i < 80; ++i) {
    EXPECT_NEAR(p[0]->column("prediction")->GetValue(i).float_value(),
                r[2]->column("kwh_hat")->GetValue(i).float_value(), 1e-9);
  }
  EXPECT_NE(ErrorOf(R"(
id: fit
kind: regression
in: daily
out: [coef, stats]
y: kwh
x: [latt]
)",
                    {Daily()})
                .find("did you mean 'lat'"),
            std::string::npos);
}

TEST(ModelSteps, GeoJoin) {
  auto stations = Table::Make(
      Schema(
          {{"station", TypeId::kString}, {"s_lat", TypeId::kFloat64}, {"s_lon", TypeId::kFloat64}}),
      {Column::FromValues(TypeId::kString, {Value::String("S1")}),
       Column::FromValues(TypeId::kFloat64, {Value::Float64(30.0)}),
       Column::FromValues(TypeId::kFloat64, {Value::Float64(120.0)})});
  TablePtr users = Daily()->Slice(0, 1)->WithColumn(
      "lat", Column::FromValues(TypeId::kFloat64, {Value::Float64(30.0)}));
  TablePtr users2 = Daily()->Slice(40, 1);
  auto both = Table::Make(users->schema(), [&] {
    std::vector<ColumnPtr> cols;
    for (int c = 0; c < users->num_columns(); ++c) {
      auto col = Column::Make(users->schema().field(c).type);
      col->AppendColumn(*users->column(c));
      col->AppendColumn(*users2->column(c));
      cols.push_back(col);
    }
    return cols;
  }());
  auto j = RunStep(R"(
id: near
kind: geo_join
in: [stations, users]
out: nearby
lat: s_lat
lon: s_lon
right_lat: lat
right_lon: lon
radius_km: 2
nearest: 1
)",
                   {stations, both});
  ASSERT_EQ(j[0]->num_rows(), 1);
  EXPECT_EQ(j[0]->column("user_id")->GetValue(0).ToString(), "U1");
  EXPECT_NEAR(j[0]->column("distance_km")->GetValue(0).float_value(), 0, 1e-9);
  EXPECT_NE(
      ErrorOf("{id: g, kind: geo_join, in: [a, b], out: c, lat: s_lat, lon: s_lon, radius_km: -1}",
              {stations, both})
          .find("must be > 0"),
      std::string::npos);
}

TEST(ModelSteps, SpecErrorsPointAtTheOption) {
  const std::string e = ErrorOf(R"(
id: abnormal
kind: alert
in: t
out: alerts
rules:
  - id: drop
    level: purple
    when: "kwh < 1"
)",
                                {Daily()});
  EXPECT_NE(e.find("scenario.yaml:8"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown level 'purple'"), std::string::npos) << e;
  const std::string e2 = ErrorOf(R"(
id: f
kind: forecast_daytype
in: t
out: f
date: date
value: kwh
lookback_days: 0
)",
                                 {Daily()});
  EXPECT_NE(e2.find("must be >= 1"), std::string::npos) << e2;
}

}  // namespace
}  // namespace xf::pipeline
