// CBC on problems with known optima: a textbook LP, a 0/1 knapsack, infeasible and unbounded.
#include "model/linear_program.h"

#include <gtest/gtest.h>

#include <limits>

namespace xf::model {
namespace {

const double kInf = std::numeric_limits<double>::infinity();

TEST(LinearProgram, TextbookLp) {
  // max 3x + 5y  s.t. x <= 4, 2y <= 12, 3x + 2y <= 18, x, y >= 0  → x = 2, y = 6, z = 36.
  LinearProgram lp;
  lp.maximize = true;
  lp.variables = {{"x", 3, 0, kInf, false}, {"y", 5, 0, kInf, false}};
  lp.constraints = {
      {"c1", 'L', 4, {{0, 1}}}, {"c2", 'L', 12, {{1, 2}}}, {"c3", 'L', 18, {{0, 3}, {1, 2}}}};
  LpSolution s = SolveLinearProgram(lp);
  ASSERT_EQ(s.status, LpStatus::kOptimal);
  EXPECT_NEAR(s.objective, 36, 1e-7);
  EXPECT_NEAR(s.values[0], 2, 1e-7);
  EXPECT_NEAR(s.values[1], 6, 1e-7);
  EXPECT_NEAR(s.row_activity[2], 18, 1e-7);
}

TEST(LinearProgram, KnapsackMilp) {
  // Weights 12, 2, 1, 1, 4 / values 4, 2, 1, 2, 10, capacity 15: best {2,3,4,5} (0-based 1..4)
  // with weight 8 and value 15 (the classic Wikipedia example).
  const double w[] = {12, 2, 1, 1, 4}, v[] = {4, 2, 1, 2, 10};
  LinearProgram lp;
  lp.maximize = true;
  LpConstraint cap{"capacity", 'L', 15, {}};
  for (int i = 0; i < 5; ++i) {
    lp.variables.push_back({"item" + std::to_string(i), v[i], 0, 1, true});
    cap.terms.push_back({i, w[i]});
  }
  lp.constraints.push_back(cap);
  LpSolution s = SolveLinearProgram(lp);
  ASSERT_EQ(s.status, LpStatus::kOptimal);
  EXPECT_NEAR(s.objective, 15, 1e-7);
  EXPECT_NEAR(s.values[0], 0, 1e-7);
  for (int i = 1; i < 5; ++i) EXPECT_NEAR(s.values[static_cast<size_t>(i)], 1, 1e-7);
}

TEST(LinearProgram, BlendingMinimisesCost) {
  // Two feeds, cost 2 and 3 per kg; protein 10% and 30%; need 100 kg at >= 18% protein.
  // Cheapest: a + b = 100, 0.1a + 0.3b >= 18 → b = 40, a = 60, cost 240.
  LinearProgram lp;
  lp.variables = {{"a", 2, 0, kInf, false}, {"b", 3, 0, kInf, false}};
  lp.constraints = {{"mass", 'E', 100, {{0, 1}, {1, 1}}},
                    {"protein", 'G', 18, {{0, 0.1}, {1, 0.3}}}};
  LpSolution s = SolveLinearProgram(lp);
  ASSERT_EQ(s.status, LpStatus::kOptimal);
  EXPECT_NEAR(s.objective, 240, 1e-6);
  EXPECT_NEAR(s.values[1], 40, 1e-6);
}

TEST(LinearProgram, InfeasibleAndUnbounded) {
  LinearProgram bad;
  bad.variables = {{"x", 1, 0, kInf, false}};
  bad.constraints = {{"lo", 'G', 5, {{0, 1}}}, {"hi", 'L', 3, {{0, 1}}}};
  EXPECT_EQ(SolveLinearProgram(bad).status, LpStatus::kInfeasible);
  bad.variables[0].integer = true;
  EXPECT_EQ(SolveLinearProgram(bad).status, LpStatus::kInfeasible);

  LinearProgram open;
  open.maximize = true;
  open.variables = {{"x", 1, 0, kInf, false}, {"y", 1, 0, kInf, false}};
  open.constraints = {{"c", 'G', 1, {{0, 1}, {1, -1}}}};
  EXPECT_EQ(SolveLinearProgram(open).status, LpStatus::kUnbounded);
}

}  // namespace
}  // namespace xf::model
