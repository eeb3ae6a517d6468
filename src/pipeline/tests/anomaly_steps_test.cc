// The anomaly step kinds (anomaly, isolation_forest, dynamic_threshold) configured from YAML.
#include <gtest/gtest.h>

#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::ErrorOf;
using testing::F;
using testing::FloatColumn;
using testing::RunStep;
using testing::StringColumn;

TablePtr Readings() {
  return Table::Make(
      Schema({{"meter", TypeId::kString}, {"band", TypeId::kString}, {"kwh", TypeId::kFloat64}}),
      {StringColumn({"m1", "m1", "m1", "m1", "m1", "m2", "m2", "m2", "m2"}),
       StringColumn({"lo", "lo", "lo", "hi", "hi", "lo", "lo", "lo", "lo"}),
       FloatColumn({1, 2, 3, 4, 100, 10, 10, 10, 14})});
}

TEST(AnomalySteps, MadPerGroupOnlyAnomalies) {
  auto out = RunStep(R"(
id: spikes
kind: anomaly
in: readings
out: spikes
method: mad
by: meter
value: kwh
k: 3
only_anomalies: true
score: robust_z
)",
                     {Readings()});
  const Table& t = *out[0];
  // m1: median 3, MAD 1 → 100 scores 97 / 1.4826. m2: MAD 0 → mean deviation 1 × 1.2533.
  ASSERT_EQ(t.num_rows(), 2);
  EXPECT_NEAR(F(t, "robust_z", 0), 97 / 1.4826, 1e-9);
  EXPECT_NEAR(F(t, "robust_z", 1), 4 / 1.2533, 1e-9);
  EXPECT_TRUE(t.column("anomaly")->GetValue(0).bool_value());
}

TEST(AnomalySteps, ErrorsNameTheStep) {
  EXPECT_NE(ErrorOf("{id: z1, kind: anomaly, in: r, out: o, value: kwhh}", {Readings()})
                .find("step 'z1'"),
            std::string::npos);
  std::string e =
      ErrorOf("{id: z2, kind: anomaly, in: r, out: o, value: kwh, method: median}", {Readings()});
  EXPECT_NE(e.find("step 'z2'"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown value 'median'"), std::string::npos) << e;
  e = ErrorOf("{id: z3, kind: anomaly, in: r, out: o, value: meter}", {Readings()});
  EXPECT_NE(e.find("step 'z3'"), std::string::npos) << e;
  EXPECT_NE(e.find("numeric"), std::string::npos) << e;
  e = ErrorOf("{id: z4, kind: anomaly, in: r, out: o, value: kwh, k: -1}", {Readings()});
  EXPECT_NE(e.find("option 'k'"), std::string::npos) << e;
}

TablePtr Cloud() {
  auto x = Column::Make(TypeId::kFloat64), y = Column::Make(TypeId::kFloat64);
  for (int i = 0; i < 400; ++i) {
    x->AppendFloat64(std::sin(i * 0.7) * 3 + (i % 13) * 0.1);
    y->AppendFloat64(std::cos(i * 1.3) * 2 + (i % 7) * 0.1);
  }
  for (int i = 0; i < 4; ++i) {  // far corners
    x->AppendFloat64(i % 2 ? 25 : -25);
    y->AppendFloat64(i < 2 ? 20 : -20);
  }
  return Table::Make(Schema({{"x", TypeId::kFloat64}, {"y", TypeId::kFloat64}}), {x, y});
}

TEST(AnomalySteps, IsolationForestContaminationAndSeed) {
  const std::string yaml = R"(
id: iforest
kind: isolation_forest
in: points
out: scored
features: [x, y]
contamination: 0.01
)";
  auto a = RunStep(yaml, {Cloud()}, {.seed = 7});
  auto b = RunStep(yaml, {Cloud()}, {.seed = 7});
  const Table& t = *a[0];
  int flagged = 0;
  for (int64_t r = 0; r < t.num_rows(); ++r)
    flagged += t.column("anomaly")->GetValue(r).bool_value();
  EXPECT_EQ(flagged, 5);  // ceil(0.01 × 404)
  for (int64_t r = 400; r < 404; ++r)
    EXPECT_TRUE(t.column("anomaly")->GetValue(r).bool_value()) << r;
  for (int64_t r = 0; r < t.num_rows(); ++r) ASSERT_EQ(F(t, "score", r), F(*b[0], "score", r));
  std::string e =
      ErrorOf("{id: f1, kind: isolation_forest, in: p, out: o, features: [x, z]}", {Cloud()});
  EXPECT_NE(e.find("step 'f1'"), std::string::npos) << e;
  e = ErrorOf(
      "{id: f2, kind: isolation_forest, in: p, out: o, features: [x], contamination: 0.1, "
      "threshold: 0.7}",
      {Cloud()});
  EXPECT_NE(e.find("step 'f2'"), std::string::npos) << e;
}

TEST(AnomalySteps, DynamicThresholdPerConditionWithTrainingFilter) {
  auto in =
      Table::Make(Schema({{"pump", TypeId::kString},
                          {"band", TypeId::kString},
                          {"v", TypeId::kFloat64},
                          {"fault", TypeId::kBool}}),
                  {StringColumn({"p", "p", "p", "p", "p", "p", "p", "p"}),
                   StringColumn({"lo", "lo", "lo", "hi", "hi", "hi", "lo", "hi"}),
                   FloatColumn({1, 2, 3, 11, 12, 13, 90, 2}),
                   Column::FromValues(TypeId::kBool,
                                      {Value::Bool(false), Value::Bool(false), Value::Bool(false),
                                       Value::Bool(false), Value::Bool(false), Value::Bool(false),
                                       Value::Bool(true), Value::Bool(false)})});
  auto out = RunStep(R"(
id: bounds
kind: dynamic_threshold
in: readings
out: bounds
by: pump
condition: band
value: v
training: NOT fault AND v < 50
k: 2
min_count: 3
)",
                     {in});
  const Table& t = *out[0];
  // lo trains on 1 2 3 (90 is a fault) → mean 2 ± 2 sd = [0, 4].
  EXPECT_DOUBLE_EQ(F(t, "lower", 0), 0);
  EXPECT_DOUBLE_EQ(F(t, "upper", 0), 4);
  EXPECT_TRUE(t.column("breach")->GetValue(6).bool_value());
  EXPECT_FALSE(t.column("breach")->GetValue(0).bool_value());
  std::string e =
      ErrorOf("{id: d1, kind: dynamic_threshold, in: r, out: o, value: v, training: 'v +'}", {in});
  EXPECT_NE(e.find("step 'd1'"), std::string::npos) << e;
  e = ErrorOf("{id: d2, kind: dynamic_threshold, in: r, out: o, value: v, window: 3d}", {in});
  EXPECT_NE(e.find("step 'd2'"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::pipeline
