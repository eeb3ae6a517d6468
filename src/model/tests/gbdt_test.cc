// GBDT through xgboost on planted nonlinear data: it must beat linear regression by a wide
// margin, and the same seed must give byte-identical predictions.
#include "model/gbdt.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "model/regression.h"

namespace xf::model {
namespace {

// y = 3 sin(2 x1) + x2² + step(x3 > 0.5) + small noise, x in [-2, 2] from a fixed LCG.
TablePtr Planted(int n, uint64_t seed, bool with_nulls = false) {
  auto x1 = Column::Make(TypeId::kFloat64), x2 = Column::Make(TypeId::kFloat64),
       x3 = Column::Make(TypeId::kFloat64), y = Column::Make(TypeId::kFloat64),
       cls = Column::Make(TypeId::kInt64);
  uint64_t s = seed;
  auto uniform = [&s] {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(s >> 11) / 9007199254740992.0;
  };
  for (int i = 0; i < n; ++i) {
    const double a = 4 * uniform() - 2, b = 4 * uniform() - 2, c = uniform();
    const double noise = 0.1 * (uniform() - 0.5);
    x1->AppendFloat64(a);
    x2->AppendFloat64(b);
    if (with_nulls && i % 17 == 0)
      x3->AppendNull();
    else
      x3->AppendFloat64(c);
    y->AppendFloat64(3 * std::sin(2 * a) + b * b + (c > 0.5 ? 1 : 0) + noise);
    cls->AppendInt64((a > 0) != (b > 0) ? 1 : 0);  // XOR: no linear model separates it
  }
  return Table::Make(Schema({{"x1", TypeId::kFloat64},
                             {"x2", TypeId::kFloat64},
                             {"x3", TypeId::kFloat64},
                             {"y", TypeId::kFloat64},
                             {"cls", TypeId::kInt64}}),
                     {x1, x2, x3, y, cls});
}

double Rmse(const Column& pred, const Column& truth) {
  double sse = 0;
  for (int64_t i = 0; i < truth.size(); ++i) {
    const double d = pred.GetValue(i).AsDouble() - truth.GetValue(i).AsDouble();
    sse += d * d;
  }
  return std::sqrt(sse / static_cast<double>(truth.size()));
}

GbdtOptions Options() {
  GbdtOptions o;
  o.features = {"x1", "x2", "x3"};
  o.label = "y";
  o.rounds = 200;
  o.max_depth = 4;
  o.eta = 0.1;
  o.seed = 7;
  return o;
}

TEST(Gbdt, BeatsLinearRegressionOnPlantedNonlinearData) {
  TablePtr train = Planted(2000, 1), test = Planted(500, 2);
  GbdtTrainResult r = TrainGbdt(*train, Options());
  EXPECT_EQ(r.rows_used, 2000);
  ColumnPtr pred = PredictGbdt(r.model, *test);
  const double gbdt_rmse = Rmse(*pred, *test->column("y"));

  RegressionOptions lin;
  lin.y = "y";
  lin.x = {"x1", "x2", "x3"};
  RegressionResult fit = FitRegression(*train, lin);
  TablePtr lin_pred = Predict(*test, *fit.coefficients, {});
  const double linear_rmse = Rmse(*lin_pred->column("prediction"), *test->column("y"));
  // The planted signal has sd ≈ 2.4; linear regression explains almost none of sin(2x) and x².
  EXPECT_GT(linear_rmse, 1.5);
  EXPECT_LT(gbdt_rmse, 0.35);
  EXPECT_LT(gbdt_rmse, 0.25 * linear_rmse);

  // Importance: x1 and x2 carry most of the gain; shares sum to 1; every feature is listed.
  const Table& imp = *r.importance;
  ASSERT_EQ(imp.num_rows(), 3);
  double share = 0;
  for (int64_t i = 0; i < 3; ++i) share += imp.column("share")->GetValue(i).float_value();
  EXPECT_NEAR(share, 1.0, 1e-9);
  EXPECT_NE(imp.column("feature")->GetString(2), "x1");
  EXPECT_NE(imp.column("feature")->GetString(2), "x2");
  EXPECT_GT(imp.column("gain")->GetValue(0).float_value(), 0);
}

TEST(Gbdt, SameSeedSamePredictionsAndModelRoundTrips) {
  TablePtr train = Planted(800, 3, /*with_nulls=*/true), test = Planted(200, 4, true);
  GbdtOptions o = Options();
  o.subsample = 0.7;  // randomness that the seed must pin down
  GbdtTrainResult a = TrainGbdt(*train, o), b = TrainGbdt(*train, o);
  EXPECT_EQ(a.model.json, b.model.json);
  ColumnPtr pa = PredictGbdt(a.model, *test), pb = PredictGbdt(b.model, *test);
  ASSERT_EQ(pa->size(), 200);
  for (int64_t i = 0; i < 200; ++i) {
    EXPECT_EQ(pa->data<double>()[i], pb->data<double>()[i]);  // exact, not approximate
  }
  GbdtModel back = GbdtModelFromTable(*GbdtModelTable(a.model));
  EXPECT_EQ(back.features, a.model.features);
  ColumnPtr pc = PredictGbdt(back, *test);
  for (int64_t i = 0; i < 200; ++i) EXPECT_EQ(pa->data<double>()[i], pc->data<double>()[i]);
  // Another seed with subsampling gives another model.
  o.seed = 8;
  EXPECT_NE(TrainGbdt(*train, o).model.json, a.model.json);
}

TEST(Gbdt, BinaryLogisticLearnsXor) {
  TablePtr train = Planted(2000, 5), test = Planted(500, 6);
  GbdtOptions o = Options();
  o.features = {"x1", "x2"};
  o.label = "cls";
  o.objective = "binary:logistic";
  ColumnPtr p = PredictGbdt(TrainGbdt(*train, o).model, *test);
  int correct = 0;
  for (int64_t i = 0; i < 500; ++i) {
    const double prob = p->data<double>()[i];
    ASSERT_GE(prob, 0.0);
    ASSERT_LE(prob, 1.0);
    correct += (prob > 0.5) == (test->column("cls")->data<int64_t>()[i] == 1);
  }
  EXPECT_GT(correct, 475);  // > 95% accuracy where any linear boundary gets about 50%
}

TEST(Gbdt, ClearErrors) {
  TablePtr t = Planted(50, 1);
  GbdtOptions o = Options();
  o.objective = "multi:softmax";
  EXPECT_THROW(TrainGbdt(*t, o), Error);
  o = Options();
  o.features = {"x1", "nope"};
  try {
    TrainGbdt(*t, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'nope'"), std::string::npos);
  }
  o = Options();
  o.label = "y";
  o.objective = "binary:logistic";
  try {
    TrainGbdt(*t, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("must be 0 or 1"), std::string::npos);
  }
  // An xgboost failure comes back as an xf::Error with xgboost's message.
  GbdtModel broken;
  broken.features = {"x1"};
  broken.json = "{not a model";
  try {
    PredictGbdt(broken, *t);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("xgboost XGBoosterLoadModelFromBuffer failed"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace xf::model
