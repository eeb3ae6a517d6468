// The index steps (normalize, weights, index, topsis, grade) configured from YAML, chained as a
// scenario would, and their errors naming the step.
#include <gtest/gtest.h>

#include "core/error.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::At;
using testing::ErrorOf;
using testing::RunStep;

// Three companies: output (benefit), energy per unit (cost), violations (cost).
TablePtr Companies() {
  auto name = Column::Make(TypeId::kString), out = Column::Make(TypeId::kFloat64),
       energy = Column::Make(TypeId::kFloat64), viol = Column::Make(TypeId::kInt64);
  const char* names[] = {"甲", "乙", "丙"};
  const double outs[] = {100, 300, 200}, energies[] = {2.0, 3.0, 1.0};
  const int64_t viols[] = {0, 4, 2};
  for (int i = 0; i < 3; ++i) {
    name->AppendString(names[i]);
    out->AppendFloat64(outs[i]);
    energy->AppendFloat64(energies[i]);
    viol->AppendInt64(viols[i]);
  }
  return Table::Make(Schema({{"company", TypeId::kString},
                             {"output", TypeId::kFloat64},
                             {"energy", TypeId::kFloat64},
                             {"violations", TypeId::kInt64}}),
                     {name, out, energy, viol});
}

TEST(IndexSteps, NormalizeWeightIndexGrade) {
  auto norm = RunStep(R"(
id: norm
kind: normalize
in: companies
out: companies_norm
benefit: output
cost: [energy, violations]
)",
                      {Companies()});
  const Table& n = *norm[0];
  // output (100, 300, 200) → (0, 1, 0.5); energy cost (2, 3, 1) → (0.5, 0, 1); violations cost
  // (0, 4, 2) → (1, 0, 0.5).
  EXPECT_DOUBLE_EQ(At(n, "output", 2), 0.5);
  EXPECT_DOUBLE_EQ(At(n, "energy", 2), 1);
  EXPECT_DOUBLE_EQ(At(n, "violations", 0), 1);

  auto dim_w = RunStep(R"(
id: dim_weights
kind: weights
in: []
out: dim_weights
method: ahp
indicators: [economy, green]
matrix:
  - [1, 3]
  - [1/3, 1]
)",
                       {});
  EXPECT_NEAR(At(*dim_w[0], "weight", 0), 0.75, 1e-12);
  EXPECT_NEAR(At(*dim_w[0], "cr", 0), 0, 1e-12);
  EXPECT_EQ(dim_w[0]->column("method")->GetValue(0).ToString(), "ahp");

  auto ind_w = RunStep(R"(
id: indicator_weights
kind: weights
in: []
out: indicator_weights
weights: {energy: 1, violations: 3, output: 2}
)",
                       {});
  EXPECT_NEAR(At(*ind_w[0], "weight", 1), 0.5, 1e-12);  // violations: 3 of 1 + 3 + 2

  auto idx = RunStep(R"(
id: green_index
kind: index
in: [companies_norm, indicator_weights, dim_weights]
out: company_index
dimensions:
  economy: [output]
  green: [energy, violations]
)",
                     {norm[0], ind_w[0], dim_w[0]});
  const Table& t = *idx[0];
  // green = (1·energy + 3·violations)/4; index = 0.75·economy + 0.25·green.
  // 甲: economy 0, green (0.5 + 3)/4 = 0.875 → 0.21875; 乙: 1, 0 → 0.75; 丙: 0.5, 0.625 → 0.53125.
  EXPECT_NEAR(At(t, "green", 0), 0.875, 1e-12);
  EXPECT_NEAR(At(t, "index", 0), 0.21875, 1e-12);
  EXPECT_NEAR(At(t, "index", 1), 0.75, 1e-12);
  EXPECT_NEAR(At(t, "index", 2), 0.53125, 1e-12);

  auto graded = RunStep(R"(
id: grade
kind: grade
in: company_index
out: graded
column: index
bands: [0.7, 0.5, 0.3]
labels: [优, 良, 中, 差]
)",
                        {idx[0]});
  EXPECT_EQ(graded[0]->column("grade")->GetValue(0).ToString(), "差");
  EXPECT_EQ(graded[0]->column("grade")->GetValue(1).ToString(), "优");
  EXPECT_EQ(graded[0]->column("grade")->GetValue(2).ToString(), "良");
  EXPECT_EQ(graded[0]->column("grade_level")->GetValue(2).int_value(), 2);
}

TEST(IndexSteps, EntropyWeightsAndTopsis) {
  auto norm = RunStep(R"(
id: norm
kind: normalize
in: companies
out: companies_norm
benefit: output
cost: energy
)",
                      {Companies()});
  auto w = RunStep(R"(
id: entropy
kind: weights
in: companies_norm
out: entropy_weights
method: entropy
indicators: [output, energy]
)",
                   {norm[0]});
  // output (0, 1, 0.5) and energy (0.5, 0, 1) hold the same values: equal entropy, equal weights.
  EXPECT_NEAR(At(*w[0], "weight", 0), 0.5, 1e-12);
  EXPECT_TRUE(w[0]->column("cr")->IsNull(0));

  auto top = RunStep(R"(
id: rank
kind: topsis
in: [companies, entropy_weights]
out: ranked
benefit: output
cost: energy
)",
                     {Companies(), w[0]});
  const Table& t = *top[0];
  // 丙 (200, 1.0) is closest to the ideal; 甲 (100, 2.0) farthest.
  EXPECT_EQ(t.column("rank")->GetValue(2).int_value(), 1);
  EXPECT_EQ(t.column("rank")->GetValue(0).int_value(), 3);
  EXPECT_GT(At(t, "closeness", 2), At(t, "closeness", 1));
}

TEST(IndexSteps, ErrorsNameTheStep) {
  std::string e = ErrorOf(R"(
id: bad_ahp
kind: weights
in: []
out: w
method: ahp
indicators: [a, b, c]
matrix:
  - [1, 3, 5]
  - [3, 1, 3]
  - [1/5, 1/3, 1]
)",
                          {});
  EXPECT_NE(e.find("bad_ahp"), std::string::npos) << e;
  EXPECT_NE(e.find("not reciprocal"), std::string::npos) << e;
  EXPECT_NE(e.find("scenario.yaml:"), std::string::npos) << e;

  // CR > 0.1 is a warning in the output, not an error.
  auto w = RunStep(R"(
id: inconsistent
kind: weights
in: []
out: w
method: ahp
indicators: [a, b, c]
matrix: [[1, 9, 1/9], [1/9, 1, 9], [9, 1/9, 1]]
)",
                   {});
  EXPECT_GT(At(*w[0], "cr", 0), 0.1);
  EXPECT_NE(w[0]->column("warning")->GetValue(0).ToString().find("exceeds 0.1"), std::string::npos);

  e = ErrorOf(R"(
id: norm_typo
kind: normalize
in: companies
out: n
benefit: outptu
)",
              {Companies()});
  EXPECT_NE(e.find("norm_typo"), std::string::npos) << e;
  EXPECT_NE(e.find("output"), std::string::npos) << e;  // did you mean

  e = ErrorOf(R"(
id: quartiles
kind: grade
in: companies
out: g
column: output
quantiles: [0.25, 0.5, 0.75]
labels: [A, B, C, D]
)",
              {Companies()});
  EXPECT_NE(e.find("quartiles"), std::string::npos) << e;
  EXPECT_NE(e.find("at least 4"), std::string::npos) << e;

  e = ErrorOf(R"(
id: no_weight
kind: index
in: companies
out: i
indicators: [output, energy]
weights: {output: 1}
)",
              {Companies()});
  EXPECT_NE(e.find("no_weight"), std::string::npos) << e;
  EXPECT_NE(e.find("'energy' has no weight"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::pipeline
