// Logistic regression: the exact MLE of a saturated binary design, planted coefficients recovered
// from 20 000 rows, the L2 penalty, separation, errors, and the metrics it reports.
#include "model/logistic.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "model/binary_metrics.h"
#include "model/regression.h"
#include "model/tests/model_test_data.h"

namespace xf::model {
namespace {

using testing::Floats;
using testing::Normal;

double Coef(const Table& c, const std::string& term, const char* col = "estimate") {
  for (int64_t r = 0; r < c.num_rows(); ++r) {
    if (c.column("term")->GetValue(r).ToString() == term)
      return c.column(col)->GetValue(r).AsDouble();
  }
  ADD_FAILURE() << "no term " << term;
  return 0;
}

// With one binary x the model is saturated, so the MLE reproduces each group's log-odds:
// x = 0: 3 events of 10 → b0 = ln(3/7); x = 1: 6 of 8 → b0 + b1 = ln(6/2). The standard errors
// are the classic √(1/a + 1/b) of log-odds (ratios).
TEST(Logistic, SaturatedBinaryDesignHasTheExactAnswer) {
  std::vector<double> x, y;
  for (int i = 0; i < 10; ++i) {
    x.push_back(0);
    y.push_back(i < 3 ? 1 : 0);
  }
  for (int i = 0; i < 8; ++i) {
    x.push_back(1);
    y.push_back(i < 6 ? 1 : 0);
  }
  TablePtr t = Table::Make(Schema({{"x", TypeId::kFloat64}, {"y", TypeId::kFloat64}}),
                           {Floats(x), Floats(y)});
  LogisticResult r = FitLogistic(*t, {.y = "y", .x = {"x"}});
  EXPECT_NEAR(Coef(*r.coefficients, "intercept"), std::log(3.0 / 7), 1e-8);
  EXPECT_NEAR(Coef(*r.coefficients, "x"), std::log(3.0) - std::log(3.0 / 7), 1e-8);
  EXPECT_NEAR(Coef(*r.coefficients, "intercept", "std_error"), std::sqrt(1.0 / 3 + 1.0 / 7), 1e-6);
  EXPECT_NEAR(Coef(*r.coefficients, "x", "std_error"),
              std::sqrt(1.0 / 3 + 1.0 / 7 + 1.0 / 6 + 1.0 / 2), 1e-6);
  EXPECT_TRUE(r.fit_stats->column("converged")->GetValue(0).bool_value());
  EXPECT_EQ(r.fit_stats->column("events")->GetValue(0).int_value(), 9);
  // AUC: each event at x = 1 (6) beats each non-event at x = 0 (7); ties count one half.
  const double auc = (6.0 * 7 + 0.5 * (6 * 2 + 3 * 7)) / (9.0 * 9);
  EXPECT_NEAR(r.fit_stats->column("auc")->GetValue(0).float_value(), auc, 1e-12);
}

TablePtr Planted(int64_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<double> x1, x2, y;
  for (int64_t i = 0; i < n; ++i) {
    x1.push_back(Normal(rng));
    x2.push_back(Normal(rng));
    const double eta = -1 + 2 * x1.back() - 0.5 * x2.back();
    y.push_back(rng.Uniform() < 1 / (1 + std::exp(-eta)) ? 1 : 0);
  }
  return Table::Make(
      Schema({{"x1", TypeId::kFloat64}, {"x2", TypeId::kFloat64}, {"y", TypeId::kFloat64}}),
      {Floats(x1), Floats(x2), Floats(y)});
}

TEST(Logistic, RecoversPlantedCoefficients) {
  TablePtr t = Planted(20000, 7);
  LogisticResult r = FitLogistic(*t, {.y = "y", .x = {"x1", "x2"}});
  const Table& c = *r.coefficients;
  const double truth[] = {-1, 2, -0.5};
  const char* terms[] = {"intercept", "x1", "x2"};
  for (int j = 0; j < 3; ++j) {
    const double est = Coef(c, terms[j]), se = Coef(c, terms[j], "std_error");
    EXPECT_LT(se, 0.05) << terms[j];
    EXPECT_NEAR(est, truth[j], std::max(4 * se, 0.02)) << terms[j];
  }
  EXPECT_GE(r.fit_stats->column("auc")->GetValue(0).float_value(), 0.8);
  EXPECT_LT(r.fit_stats->column("log_loss")->GetValue(0).float_value(), std::log(2.0));
  EXPECT_LE(r.fit_stats->column("iterations")->GetValue(0).int_value(), 12);

  // The penalty shrinks the slopes towards 0, never the intercept's meaning away.
  LogisticResult ridge = FitLogistic(*t, {.y = "y", .x = {"x1", "x2"}, .l2 = 2000});
  EXPECT_LT(std::abs(Coef(*ridge.coefficients, "x1")), std::abs(Coef(c, "x1")));
  EXPECT_LT(std::abs(Coef(*ridge.coefficients, "x2")), std::abs(Coef(c, "x2")));

  // predict with the logit link gives the fitted probabilities.
  TablePtr p = Predict(*t, c, {.output = "p", .link = PredictLink::kLogit});
  const double eta = Coef(c, "intercept") +
                     Coef(c, "x1") * t->column("x1")->GetValue(0).AsDouble() +
                     Coef(c, "x2") * t->column("x2")->GetValue(0).AsDouble();
  EXPECT_NEAR(p->column("p")->GetValue(0).float_value(), 1 / (1 + std::exp(-eta)), 1e-12);
}

TEST(Logistic, PerGroupAndDeterministic) {
  TablePtr a = Planted(6000, 1);
  auto g = Column::Make(TypeId::kString);
  for (int i = 0; i < 6000; ++i) g->AppendString(i % 2 == 0 ? "north" : "south");
  TablePtr t = a->WithColumn("g", g);
  LogisticResult r1 = FitLogistic(*t, {.y = "y", .x = {"x1"}, .by = {"g"}});
  LogisticResult r2 = FitLogistic(*t, {.y = "y", .x = {"x1"}, .by = {"g"}});
  ASSERT_EQ(r1.coefficients->num_rows(), 4);
  EXPECT_EQ(r1.coefficients->ToString(100), r2.coefficients->ToString(100));
  EXPECT_EQ(r1.coefficients->column("g")->GetValue(2).ToString(), "south");
}

TEST(Logistic, SeparationAndErrors) {
  // Complete separation: no finite MLE; the fit stops unconverged instead of failing.
  TablePtr sep = Table::Make(Schema({{"x", TypeId::kFloat64}, {"y", TypeId::kBool}}),
                             {Floats({1, 2, 3, 4, 5, 6}), [] {
                                auto c = Column::Make(TypeId::kBool);
                                for (int i = 0; i < 6; ++i) c->AppendBool(i >= 3);
                                return c;
                              }()});
  LogisticResult r = FitLogistic(*sep, {.y = "y", .x = {"x"}, .max_iterations = 30});
  EXPECT_FALSE(r.fit_stats->column("converged")->GetValue(0).bool_value());
  // With a penalty it converges.
  r = FitLogistic(*sep, {.y = "y", .x = {"x"}, .l2 = 1});
  EXPECT_TRUE(r.fit_stats->column("converged")->GetValue(0).bool_value());

  TablePtr collinear = Table::Make(
      Schema({{"a", TypeId::kFloat64}, {"b", TypeId::kFloat64}, {"y", TypeId::kFloat64}}),
      {Floats({1, 2, 3, 4}), Floats({2, 4, 6, 8}), Floats({0, 1, 0, 1})});
  EXPECT_THROW(FitLogistic(*collinear, {.y = "y", .x = {"a", "b"}}), Error);
  TablePtr bad_y = Table::Make(Schema({{"a", TypeId::kFloat64}, {"y", TypeId::kFloat64}}),
                               {Floats({1, 2}), Floats({0, 2})});
  EXPECT_THROW(FitLogistic(*bad_y, {.y = "y", .x = {"a"}}), Error);
}

TEST(BinaryMetrics, HandComputed) {
  // Scores 0.1 0.4 0.35 0.8 with targets 0 0 1 1: pairs (event, non-event) ordered right 3 of 4.
  EXPECT_DOUBLE_EQ(Auc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75);
  // KS: after 0.1: |0 − 0.5|; after 0.35: |0.5 − 0.5|; after 0.4: |0.5 − 1| = 0.5.
  EXPECT_DOUBLE_EQ(KsStatistic({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.5);
  EXPECT_NEAR(LogLoss({0.5, 0.5}, {0, 1}), std::log(2.0), 1e-15);
  EXPECT_TRUE(std::isnan(Auc({1, 2}, {1, 1})));
}

}  // namespace
}  // namespace xf::model
