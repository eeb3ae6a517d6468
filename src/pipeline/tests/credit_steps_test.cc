// The logistic, predict (logit link), scorecard_fit, scorecard_score and psi steps from YAML.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/rng.h"
#include "pipeline/tests/step_test_util.h"

namespace xf::pipeline {
namespace {

using testing::At;
using testing::ErrorOf;
using testing::RunStep;

// Loans: default risk rises with debt_ratio and overdue_months; noise is unrelated.
TablePtr Loans(int64_t n, uint64_t seed) {
  Rng rng(seed);
  auto debt = Column::Make(TypeId::kFloat64), overdue = Column::Make(TypeId::kInt64),
       noise = Column::Make(TypeId::kFloat64), bad = Column::Make(TypeId::kBool);
  for (int64_t i = 0; i < n; ++i) {
    const double d = rng.Uniform();
    const int64_t o = rng.Below(7);
    debt->AppendFloat64(d);
    overdue->AppendInt64(o);
    noise->AppendFloat64(rng.Uniform());
    const double eta = -3 + 2.5 * d + 0.5 * static_cast<double>(o);
    bad->AppendBool(rng.Uniform() < 1 / (1 + std::exp(-eta)));
  }
  return Table::Make(Schema({{"debt_ratio", TypeId::kFloat64},
                             {"overdue_months", TypeId::kInt64},
                             {"noise", TypeId::kFloat64},
                             {"defaulted", TypeId::kBool}}),
                     {debt, overdue, noise, bad});
}

TEST(CreditSteps, LogisticThenPredict) {
  TablePtr loans = Loans(10000, 5);
  auto r = RunStep(R"(
id: default_model
kind: logistic
in: loans
out: [coef, fit, scored]
y: defaulted
x: [debt_ratio, overdue_months]
predict: p_default
)",
                   {loans});
  ASSERT_EQ(r.size(), 3u);
  const Table& c = *r[0];
  EXPECT_NEAR(At(c, "estimate", 0), -3, 0.25);
  EXPECT_NEAR(At(c, "estimate", 1), 2.5, 0.25);
  EXPECT_NEAR(At(c, "estimate", 2), 0.5, 0.06);
  EXPECT_GE(At(*r[1], "auc", 0), 0.75);

  auto p = RunStep(R"(
id: apply
kind: predict
in: [loans, coef]
out: loans_p
output: p
link: logit
)",
                   {loans, r[0]});
  for (int64_t i = 0; i < 5; ++i) {
    EXPECT_DOUBLE_EQ(At(*p[0], "p", i), At(*r[2], "p_default", i));
    EXPECT_GT(At(*p[0], "p", i), 0);
    EXPECT_LT(At(*p[0], "p", i), 1);
  }
}

TEST(CreditSteps, ScorecardFitScoreAndPsi) {
  TablePtr train = Loans(20000, 8), recent = Loans(5000, 9);
  auto card = RunStep(R"(
id: card
kind: scorecard_fit
in: loans
out: [bins, metrics, variables]
target: defaulted
variables: [debt_ratio, overdue_months, noise]
bins: 8
min_iv: 0.02
pdo: 20
base_score: 600
base_odds: 50
)",
                      {train});
  ASSERT_EQ(card.size(), 3u);
  const Table& v = *card[2];
  EXPECT_GT(At(v, "iv", 0), 0.1);
  EXPECT_GT(At(v, "iv", 1), 0.1);
  EXPECT_LT(At(v, "iv", 2), 0.02);
  EXPECT_GT(At(*card[1], "ks", 0), 0.25);
  EXPECT_GT(At(*card[1], "auc", 0), 0.7);

  auto scored = RunStep(R"(
id: score
kind: scorecard_score
in: [applicants, bins]
out: applicants_scored
score: credit_score
)",
                        {recent, card[0]});
  const Table& s = *scored[0];
  EXPECT_NEAR(
      At(s, "credit_score", 0),
      At(s, "debt_ratio_points", 0) + At(s, "overdue_months_points", 0) + At(s, "noise_points", 0),
      1e-9);

  auto psi = RunStep(R"(
id: drift
kind: psi
in: [train, recent]
out: [drift, drift_bins]
columns: [debt_ratio, noise]
)",
                     {train, recent});
  EXPECT_LT(At(*psi[0], "psi", 0), 0.02);
  EXPECT_EQ(psi[0]->column("status")->GetValue(1).ToString(), "stable");
  EXPECT_EQ(psi[1]->num_rows(), 20);
}

TEST(CreditSteps, ErrorsNameTheStep) {
  TablePtr few = Loans(5, 1);
  std::string e = ErrorOf(R"(
id: tiny_card
kind: scorecard_fit
in: loans
out: [bins, metrics]
target: defaulted
variables: [debt_ratio]
bins: 10
)",
                          {few});
  EXPECT_NE(e.find("tiny_card"), std::string::npos) << e;
  EXPECT_NE(e.find("10 bins need at least 10"), std::string::npos) << e;

  e = ErrorOf(R"(
id: typo_model
kind: logistic
in: loans
out: [coef, fit]
y: defaulted
x: [debt_ratoi]
)",
              {few});
  EXPECT_NE(e.find("typo_model"), std::string::npos) << e;
  EXPECT_NE(e.find("debt_ratio"), std::string::npos) << e;

  e = ErrorOf(R"(
id: wrong_bins
kind: scorecard_score
in: [loans, loans]
out: scored
)",
              {few, few});
  EXPECT_NE(e.find("wrong_bins"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::pipeline
