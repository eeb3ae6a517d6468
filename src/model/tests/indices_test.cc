// Normalisation, weights (given, AHP, entropy), composite index, TOPSIS and grading against
// hand-computed and published answers.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "model/composite_index.h"
#include "model/grading.h"
#include "model/normalize.h"
#include "model/topsis.h"
#include "model/weights.h"

namespace xf::model {
namespace {

TablePtr Numbers(const std::vector<std::string>& names,
                 const std::vector<std::vector<double>>& columns) {
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (size_t j = 0; j < names.size(); ++j) {
    auto c = Column::Make(TypeId::kFloat64);
    for (double v : columns[j]) {
      if (std::isnan(v)) {
        c->AppendNull();
      } else {
        c->AppendFloat64(v);
      }
    }
    fields.push_back({names[j], TypeId::kFloat64});
    cols.push_back(c);
  }
  return Table::Make(Schema(fields), cols);
}

double At(const Table& t, const std::string& col, int64_t row) {
  return t.column(col)->GetValue(row).AsDouble();
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(Normalize, MinMaxAndZScoreByDirection) {
  TablePtr t = Numbers({"out", "cost"}, {{10, 20, 40, kNaN}, {5, 5, 5, 1}});
  TablePtr mm =
      Normalize(*t, {.method = NormalizeMethod::kMinMax,
                     .indicators = {{"out", Direction::kBenefit}, {"cost", Direction::kCost}}});
  EXPECT_DOUBLE_EQ(At(*mm, "out", 0), 0);
  EXPECT_DOUBLE_EQ(At(*mm, "out", 1), 1.0 / 3);
  EXPECT_DOUBLE_EQ(At(*mm, "out", 2), 1);
  EXPECT_TRUE(mm->column("out")->IsNull(3));
  // cost: max 5, min 1 → (5 − x)/4
  EXPECT_DOUBLE_EQ(At(*mm, "cost", 0), 0);
  EXPECT_DOUBLE_EQ(At(*mm, "cost", 3), 1);

  TablePtr z =
      Normalize(*t, {.method = NormalizeMethod::kZScore,
                     .indicators = {{"out", Direction::kBenefit}, {"cost", Direction::kCost}},
                     .suffix = "_z"});
  // out: mean 70/3, sample sd sqrt(((−40/3)² + (−10/3)² + (50/3)²)/2) = sqrt(700/3).
  const double sd = std::sqrt(700.0 / 3);
  EXPECT_NEAR(At(*z, "out_z", 2), (40 - 70.0 / 3) / sd, 1e-12);
  EXPECT_DOUBLE_EQ(At(*z, "out", 2), 40);  // the original is kept with a suffix
  // cost: mean 4, sd 2 → cost direction (4 − x)/2.
  EXPECT_NEAR(At(*z, "cost_z", 3), 1.5, 1e-12);
}

TEST(Normalize, WithinGroupsAndConstantColumns) {
  auto g = Column::Make(TypeId::kString);
  for (const char* s : {"a", "a", "b", "b"}) g->AppendString(s);
  TablePtr t = Numbers({"x"}, {{1, 3, 7, 7}})->WithColumn("g", g);
  TablePtr mm = Normalize(*t, {.indicators = {{"x", Direction::kBenefit}}, .by = {"g"}});
  EXPECT_DOUBLE_EQ(At(*mm, "x", 0), 0);
  EXPECT_DOUBLE_EQ(At(*mm, "x", 1), 1);
  EXPECT_DOUBLE_EQ(At(*mm, "x", 2), 1);  // constant within group b
}

// Saaty, "A scaling method for priorities in hierarchical structures", J. Math. Psychology 15
// (1977) 234–281, and The Analytic Hierarchy Process (1980), §2: the optics experiment — four
// identical chairs at different distances from a light source, judged by relative brightness.
// Published principal eigenvector (0.61, 0.24, 0.10, 0.05) and λmax = 4.39 (the inverse-square
// law gives 0.61, 0.22, 0.11, 0.06). CI = 0.13 and CR = 0.14 > 0.1: a warning, not an error.
TEST(Ahp, SaatyOpticsExample) {
  const AhpResult r = Ahp(
      {{1, 5, 6, 7}, {1.0 / 5, 1, 4, 6}, {1.0 / 6, 1.0 / 4, 1, 4}, {1.0 / 7, 1.0 / 6, 1.0 / 4, 1}});
  ASSERT_EQ(r.weights.size(), 4u);
  const double published[] = {0.61, 0.24, 0.10, 0.05};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r.weights[static_cast<size_t>(i)], published[i], 0.01);
  EXPECT_NEAR(r.lambda_max, 4.39, 0.005);
  EXPECT_NEAR(r.ci, (r.lambda_max - 4) / 3, 1e-12);
  EXPECT_DOUBLE_EQ(r.ri, 0.90);
  EXPECT_NEAR(r.cr, 0.14, 0.01);
  EXPECT_FALSE(r.consistent());
  TablePtr t = WeightsTable({"a", "b", "c", "d"}, r.weights, "ahp", r);
  EXPECT_NE(t->column("warning")->GetValue(0).ToString().find("0.145"), std::string::npos)
      << t->ToString();
}

// A consistent 3×3 judgement (hand-checked by power iteration): weights (0.1571, 0.5936, 0.2493),
// λmax 3.0536, CI 0.0268, CR 0.046 ≤ 0.1, and a perfectly consistent matrix gives λmax = n.
TEST(Ahp, ConsistentMatricesHaveNoWarning) {
  const AhpResult r = Ahp({{1, 1.0 / 3, 1.0 / 2}, {3, 1, 3}, {2, 1.0 / 3, 1}});
  EXPECT_NEAR(r.weights[0], 0.1571, 1e-4);
  EXPECT_NEAR(r.weights[1], 0.5936, 1e-4);
  EXPECT_NEAR(r.weights[2], 0.2493, 1e-4);
  EXPECT_NEAR(r.lambda_max, 3.0536, 1e-4);
  EXPECT_NEAR(r.cr, 0.0462, 1e-4);
  EXPECT_TRUE(r.consistent());
  TablePtr t = WeightsTable({"a", "b", "c"}, r.weights, "ahp", r);
  EXPECT_TRUE(t->column("warning")->IsNull(0));

  const AhpResult exact = Ahp({{1, 2, 4}, {0.5, 1, 2}, {0.25, 0.5, 1}});
  EXPECT_NEAR(exact.weights[0], 4.0 / 7, 1e-12);
  EXPECT_NEAR(exact.lambda_max, 3, 1e-12);
  EXPECT_NEAR(exact.cr, 0, 1e-12);
}

TEST(Ahp, RejectsInvalidMatrices) {
  auto message = [](const std::vector<std::vector<double>>& m) {
    try {
      Ahp(m);
    } catch (const Error& e) {
      return e.message();
    }
    return std::string();
  };
  EXPECT_NE(message({{1, 3}, {3, 1}}).find("not reciprocal"), std::string::npos);
  EXPECT_NE(message({{1, -2}, {-0.5, 1}}).find("positive"), std::string::npos);
  EXPECT_NE(message({{2, 1}, {1, 1}}).find("diagonal"), std::string::npos);
  EXPECT_NE(message({{1, 2}, {0.5}}).find("square"), std::string::npos);
}

// Entropy: column a is constant (no information, weight 0); b = (1, 0, 0) has entropy 0 (d = 1);
// c = (1, 2, 3): p = (1/6, 1/3, 1/2), e = 1.011404/ln 3 = 0.920620, d = 0.079380.
// Weights: b 1/1.079380 = 0.926458, c 0.073542.
TEST(EntropyWeights, HandComputed) {
  TablePtr t = Numbers({"a", "b", "c"}, {{1, 1, 1}, {1, 0, 0}, {1, 2, 3}});
  const std::vector<double> w = EntropyWeights(*t, {"a", "b", "c"});
  EXPECT_NEAR(w[0], 0, 1e-12);
  EXPECT_NEAR(w[1], 0.926458, 1e-6);
  EXPECT_NEAR(w[2], 0.073542, 1e-6);
  TablePtr neg = Numbers({"a"}, {{1, -1}});
  EXPECT_THROW(EntropyWeights(*neg, {"a"}), Error);
}

TEST(CompositeIndex, RollsUpThroughDimensions) {
  TablePtr t = Numbers({"i1", "i2", "i3"}, {{1, 0, kNaN}, {0, 1, 1}, {0.5, 0.5, 0.5}});
  CompositeIndexOptions o;
  o.dimensions = {{"econ", {"i1", "i2"}}, {"green", {"i3"}}};
  o.weights = {{"i1", 3}, {"i2", 1}, {"i3", 1}, {"econ", 0.6}, {"green", 0.4}};
  TablePtr r = CompositeIndex(*t, o);
  // Row 0: econ = (3·1 + 1·0)/4 = 0.75, green 0.5 → index 0.6·0.75 + 0.4·0.5 = 0.65.
  EXPECT_NEAR(At(*r, "econ", 0), 0.75, 1e-12);
  EXPECT_NEAR(At(*r, "index", 0), 0.65, 1e-12);
  // Row 1: econ 0.25 → index 0.15 + 0.2 = 0.35.
  EXPECT_NEAR(At(*r, "index", 1), 0.35, 1e-12);
  EXPECT_TRUE(r->column("econ")->IsNull(2));
  EXPECT_TRUE(r->column("index")->IsNull(2));
  o.weights.erase("green");
  EXPECT_THROW(CompositeIndex(*t, o), Error);
}

// TOPSIS, hand-computed: four phones, price (cost), storage and camera (benefit), weights
// 0.5/0.3/0.2. Column norms √(250²+200²+300²+275²) = 519.62, √(16²+16²+32²+32²) = 50.60,
// √(12²+8²+16²+8²) = 23.32; ideal (0.19245, 0.18974, 0.13720), anti-ideal (0.28868, 0.09487,
// 0.06860). Closeness: 0.347039, 0.450713, 0.549287, 0.493513.
TEST(Topsis, HandComputedExample) {
  TablePtr t = Numbers({"price", "storage", "camera"},
                       {{250, 200, 300, 275}, {16, 16, 32, 32}, {12, 8, 16, 8}});
  TopsisOptions o;
  o.indicators = {{"price", Direction::kCost},
                  {"storage", Direction::kBenefit},
                  {"camera", Direction::kBenefit}};
  o.weights = {0.5, 0.3, 0.2};
  TablePtr r = Topsis(*t, o);
  const double closeness[] = {0.347039, 0.450713, 0.549287, 0.493513};
  const int64_t rank[] = {4, 3, 1, 2};
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(At(*r, "closeness", i), closeness[i], 1e-6) << i;
    EXPECT_EQ(r->column("rank")->GetValue(i).int_value(), rank[i]) << i;
  }
  EXPECT_NEAR(At(*r, "d_plus", 0), 0.111996, 1e-6);
  EXPECT_NEAR(At(*r, "d_minus", 0), 0.059524, 1e-6);
}

TEST(Grade, BandsAndQuantiles) {
  TablePtr t = Numbers({"s"}, {{95, 90, 80, 60, 10, kNaN, 75}});
  GradeOptions o{.column = "s", .bands = {60, 90, 75}, .labels = {"A", "B", "C", "D"}};
  TablePtr r = Grade(*t, o);
  const char* want[] = {"A", "A", "B", "C", "D", "NULL", "B"};
  for (int i = 0; i < 7; ++i) EXPECT_EQ(r->column("grade")->GetValue(i).ToString(), want[i]) << i;
  EXPECT_EQ(r->column("grade_level")->GetValue(4).int_value(), 4);

  // Cost direction: lower is better; a value equal to a cut gets the better level.
  o.direction = Direction::kCost;
  r = Grade(*t, o);
  EXPECT_EQ(r->column("grade")->GetValue(3).ToString(), "A");  // 60 <= 60
  EXPECT_EQ(r->column("grade")->GetValue(0).ToString(), "D");

  // Quartiles of 1..8: 0.25 → 2.75, 0.5 → 4.5, 0.75 → 6.25.
  TablePtr q = Numbers({"s"}, {{1, 2, 3, 4, 5, 6, 7, 8}});
  GradeOptions oq{
      .column = "s", .quantiles = {0.25, 0.5, 0.75}, .labels = {"优", "良", "中", "差"}};
  const std::vector<double> cuts = GradeCuts(*q, oq);
  EXPECT_DOUBLE_EQ(cuts[0], 6.25);
  EXPECT_DOUBLE_EQ(cuts[2], 2.75);
  r = Grade(*q, oq);
  EXPECT_EQ(r->column("grade")->GetValue(7).ToString(), "优");
  EXPECT_EQ(r->column("grade")->GetValue(0).ToString(), "差");

  TablePtr few = Numbers({"s"}, {{1, 2, 3}});
  EXPECT_THROW(Grade(*few, oq), Error);  // 4 levels > 3 values
}

}  // namespace
}  // namespace xf::model
