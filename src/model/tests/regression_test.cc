#include "model/regression.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"

namespace xf {
namespace {

ColumnPtr Floats(const std::vector<std::optional<double>>& v) {
  auto c = Column::Make(TypeId::kFloat64);
  for (const auto& x : v) {
    if (x) {
      c->AppendFloat64(*x);
    } else {
      c->AppendNull();
    }
  }
  return c;
}

ColumnPtr Strings(const std::vector<std::string>& v) {
  auto c = Column::Make(TypeId::kString);
  for (const auto& s : v) c->AppendString(s);
  return c;
}

double F(const Table& t, const std::string& col, int64_t row) {
  Value v = t.column(col)->GetValue(row);
  if (v.is_null()) return NAN;
  return v.type() == TypeId::kInt64 ? static_cast<double>(v.int_value()) : v.float_value();
}

// x = 1..5, y = 2, 4, 5, 4, 5: the textbook example with ŷ = 2.2 + 0.6x.
TablePtr Textbook() {
  return Table::Make(Schema({{"x", TypeId::kFloat64}, {"y", TypeId::kFloat64}}),
                     {Floats({1, 2, 3, 4, 5}), Floats({2, 4, 5, 4, 5})});
}

TEST(Regression, TextbookOls) {
  RegressionResult r = FitRegression(*Textbook(), {.y = "y", .x = {"x"}});
  const Table& c = *r.coefficients;
  ASSERT_EQ(c.num_rows(), 2);
  EXPECT_EQ(c.column("term")->GetValue(0).ToString(), "intercept");
  EXPECT_EQ(c.column("term")->GetValue(1).ToString(), "x");
  EXPECT_NEAR(F(c, "estimate", 0), 2.2, 1e-12);
  EXPECT_NEAR(F(c, "estimate", 1), 0.6, 1e-12);
  // σ² = RSS / (n - 2) = 2.4 / 3; Sxx = 10; x̄ = 3.
  EXPECT_NEAR(F(c, "std_error", 1), std::sqrt(0.8 / 10), 1e-12);
  EXPECT_NEAR(F(c, "std_error", 0), std::sqrt(0.8 * (1.0 / 5 + 9.0 / 10)), 1e-12);
  EXPECT_NEAR(F(c, "t", 1), 0.6 / std::sqrt(0.08), 1e-9);
  const Table& s = *r.fit_stats;
  EXPECT_EQ(F(s, "n", 0), 5);
  EXPECT_EQ(F(s, "skipped", 0), 0);
  EXPECT_NEAR(F(s, "r2", 0), 0.6, 1e-12);
  EXPECT_NEAR(F(s, "adj_r2", 0), 1 - 0.4 * 4 / 3, 1e-12);
  EXPECT_NEAR(F(s, "rmse", 0), std::sqrt(2.4 / 5), 1e-12);
}

TEST(Regression, RidgeShrinksSlopesNotTheIntercept) {
  // One x with an intercept: slope = Sxy / (Sxx + λ) = 6 / (10 + λ), intercept = ȳ − slope·x̄.
  RegressionResult r = FitRegression(*Textbook(), {.y = "y", .x = {"x"}, .ridge_lambda = 10});
  EXPECT_NEAR(F(*r.coefficients, "estimate", 1), 0.3, 1e-12);
  EXPECT_NEAR(F(*r.coefficients, "estimate", 0), 4 - 0.3 * 3, 1e-12);
  double previous = 1e9;
  for (double lambda : {0.0, 1.0, 100.0, 1e6}) {
    RegressionResult q = FitRegression(*Textbook(), {.y = "y", .x = {"x"}, .ridge_lambda = lambda});
    const double slope = std::fabs(F(*q.coefficients, "estimate", 1));
    EXPECT_LT(slope, previous);
    previous = slope;
  }
  EXPECT_LT(previous, 1e-4);
}

TablePtr Grouped() {
  // y = 2 + 3x for A, y = -1 + 0.5x for B, with a NULL row in each group.
  std::vector<std::string> g;
  std::vector<std::optional<double>> x, y;
  for (int i = 0; i < 6; ++i) {
    g.push_back("A");
    x.push_back(i * 1.5);
    y.push_back(2 + 3 * (i * 1.5));
    g.push_back("B");
    x.push_back(i);
    y.push_back(i == 2 ? std::nullopt : std::optional<double>(-1 + 0.5 * i));
  }
  g.push_back("A");
  x.push_back(std::nullopt);
  y.push_back(7);
  return Table::Make(
      Schema({{"g", TypeId::kString}, {"x", TypeId::kFloat64}, {"y", TypeId::kFloat64}}),
      {Strings(g), Floats(x), Floats(y)});
}

TEST(Regression, ExactRecoveryPerGroupAndPredict) {
  TablePtr t = Grouped();
  RegressionResult r = FitRegression(*t, {.y = "y", .x = {"x"}, .by = {"g"}});
  const Table& c = *r.coefficients;
  ASSERT_EQ(c.num_rows(), 4);
  EXPECT_EQ(c.schema().ToString(),
            "g:string, term:string, estimate:float64, std_error:float64, t:float64");
  EXPECT_EQ(c.column("g")->GetValue(0).ToString(), "A");
  EXPECT_NEAR(F(c, "estimate", 0), 2, 1e-10);
  EXPECT_NEAR(F(c, "estimate", 1), 3, 1e-10);
  EXPECT_EQ(c.column("g")->GetValue(2).ToString(), "B");
  EXPECT_NEAR(F(c, "estimate", 2), -1, 1e-10);
  EXPECT_NEAR(F(c, "estimate", 3), 0.5, 1e-10);
  EXPECT_NEAR(F(c, "std_error", 1), 0, 1e-7);
  const Table& s = *r.fit_stats;
  EXPECT_EQ(F(s, "n", 0), 6);
  EXPECT_EQ(F(s, "skipped", 0), 1);
  EXPECT_EQ(F(s, "n", 1), 5);
  EXPECT_EQ(F(s, "skipped", 1), 1);
  EXPECT_NEAR(F(s, "r2", 0), 1, 1e-12);

  // Predict on new rows: one per group, an unknown group and a NULL x.
  auto data = Table::Make(Schema({{"g", TypeId::kString}, {"x", TypeId::kFloat64}}),
                          {Strings({"B", "A", "C", "A"}), Floats({10, 10, 1, std::nullopt})});
  TablePtr p = Predict(*data, c, {.by = {"g"}, .output = "y_hat"});
  EXPECT_NEAR(F(*p, "y_hat", 0), 4, 1e-9);
  EXPECT_NEAR(F(*p, "y_hat", 1), 32, 1e-9);
  EXPECT_TRUE(std::isnan(F(*p, "y_hat", 2)));
  EXPECT_TRUE(std::isnan(F(*p, "y_hat", 3)));
}

TEST(Regression, TwoPredictorsRecovered) {
  std::vector<std::optional<double>> x1, x2, y;
  for (int i = 0; i < 20; ++i) {
    const double a = i % 7, b = (i * i) % 11;
    x1.push_back(a);
    x2.push_back(b);
    y.push_back(1 + 2 * a - 0.25 * b);
  }
  auto t = Table::Make(
      Schema({{"x1", TypeId::kFloat64}, {"x2", TypeId::kFloat64}, {"y", TypeId::kFloat64}}),
      {Floats(x1), Floats(x2), Floats(y)});
  RegressionResult r = FitRegression(*t, {.y = "y", .x = {"x1", "x2"}});
  EXPECT_NEAR(F(*r.coefficients, "estimate", 0), 1, 1e-10);
  EXPECT_NEAR(F(*r.coefficients, "estimate", 1), 2, 1e-10);
  EXPECT_NEAR(F(*r.coefficients, "estimate", 2), -0.25, 1e-10);
  TablePtr p = Predict(*t, *r.coefficients, {});
  for (int64_t i = 0; i < 20; ++i) EXPECT_NEAR(F(*p, "prediction", i), F(*t, "y", i), 1e-9);
}

TEST(Regression, SingularDesignNamesTheGroup) {
  // In group B, x is constant: the slope cannot be estimated.
  auto t = Table::Make(
      Schema({{"g", TypeId::kString}, {"x", TypeId::kFloat64}, {"y", TypeId::kFloat64}}),
      {Strings({"A", "A", "A", "B", "B", "B"}), Floats({1, 2, 3, 4, 4, 4}),
       Floats({1, 2, 4, 1, 2, 3})});
  try {
    FitRegression(*t, {.y = "y", .x = {"x"}, .by = {"g"}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kData);
    EXPECT_NE(std::string(e.what()).find("g=B"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("singular"), std::string::npos) << e.what();
  }
  // Collinear predictors.
  auto c = Table::Make(
      Schema({{"a", TypeId::kFloat64}, {"b", TypeId::kFloat64}, {"y", TypeId::kFloat64}}),
      {Floats({1, 2, 3, 4}), Floats({2, 4, 6, 8}), Floats({1, 3, 2, 5})});
  EXPECT_THROW(FitRegression(*c, {.y = "y", .x = {"a", "b"}}), Error);
  // Ridge makes the same design solvable.
  EXPECT_NO_THROW(FitRegression(*c, {.y = "y", .x = {"a", "b"}, .ridge_lambda = 1}));
  // Text predictors are a spec error.
  EXPECT_THROW(FitRegression(*t, {.y = "y", .x = {"g"}}), Error);
}

TEST(Regression, NoInterceptThroughTheOrigin) {
  auto t = Table::Make(Schema({{"x", TypeId::kFloat64}, {"y", TypeId::kFloat64}}),
                       {Floats({1, 2, 3}), Floats({2, 4, 7})});
  RegressionResult r = FitRegression(*t, {.y = "y", .x = {"x"}, .intercept = false});
  ASSERT_EQ(r.coefficients->num_rows(), 1);
  // slope = Σxy / Σx² = (2 + 8 + 21) / 14.
  EXPECT_NEAR(F(*r.coefficients, "estimate", 0), 31.0 / 14, 1e-12);
}

}  // namespace
}  // namespace xf
