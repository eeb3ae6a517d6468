// Scorecards and PSI: a hand-computed two-bin card, planted informative and noise variables, and
// population stability on equal and shifted samples.
#include "model/scorecard.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "model/binning.h"
#include "model/psi.h"
#include "model/tests/model_test_data.h"

namespace xf::model {
namespace {

using testing::Floats;
using testing::Normal;

double At(const Table& t, const std::string& col, int64_t row) {
  return t.column(col)->GetValue(row).AsDouble();
}

// x = 1..8, bad = 0 0 0 1 | 0 1 1 1; two quantile bins cut at 5. G = B = 4.
// Bin 1: 3 good, 1 bad → WOE = ln((3/4)/(1/4)) = ln 3; bin 2: WOE = −ln 3. IV = ln 3.
// The fit on WOE is saturated: ln(bad odds) = ln(1/3) in bin 1 and ln 3 in bin 2, so b0 = 0 and
// b1 = −1. factor = 20/ln 2 = 28.8539, offset = 600 − factor·ln 50 = 487.1229; points bin 1 =
// offset + factor·ln 3 = 518.8222, bin 2 = offset − factor·ln 3 = 455.4236.
TEST(Scorecard, HandComputedTwoBins) {
  TablePtr t = Table::Make(Schema({{"x", TypeId::kFloat64}, {"bad", TypeId::kFloat64}}),
                           {Floats({1, 2, 3, 4, 5, 6, 7, 8}), Floats({0, 0, 0, 1, 0, 1, 1, 1})});
  ScorecardResult r = FitScorecard(
      *t, {.target = "bad", .variables = {"x"}, .binning = Binning::kQuantile, .bins = 2});
  const Table& b = *r.bins;
  ASSERT_EQ(b.num_rows(), 2) << b.ToString();
  EXPECT_TRUE(b.column("lower")->IsNull(0));
  EXPECT_DOUBLE_EQ(At(b, "upper", 0), 5);
  EXPECT_EQ(b.column("label")->GetValue(1).ToString(), "[5, +inf)");
  EXPECT_NEAR(At(b, "woe", 0), std::log(3.0), 1e-12);
  EXPECT_NEAR(At(b, "woe", 1), -std::log(3.0), 1e-12);
  EXPECT_NEAR(At(*r.variables, "iv", 0), std::log(3.0), 1e-12);
  EXPECT_NEAR(At(*r.variables, "coefficient", 0), -1, 1e-7);
  EXPECT_NEAR(At(*r.metrics, "intercept", 0), 0, 1e-7);
  const double factor = 20 / std::log(2.0), offset = 600 - factor * std::log(50.0);
  EXPECT_NEAR(At(*r.metrics, "factor", 0), factor, 1e-12);
  EXPECT_NEAR(At(*r.metrics, "offset", 0), offset, 1e-9);
  EXPECT_NEAR(At(b, "points", 0), offset + factor * std::log(3.0), 1e-7);
  EXPECT_NEAR(At(b, "points", 0), 518.8222, 1e-4);
  EXPECT_NEAR(At(b, "points", 1), 455.4236, 1e-4);
  // 3 of 4 bads score low, 3 of 4 goods high: KS 0.5; AUC: of the 16 (bad, good) pairs 9 are
  // ordered right and 6 tie.
  EXPECT_NEAR(At(*r.metrics, "ks", 0), 0.5, 1e-12);
  EXPECT_NEAR(At(*r.metrics, "auc", 0), (9 + 0.5 * 6) / 16, 1e-12);

  TablePtr s = ApplyScorecard(*t, b, {});
  EXPECT_NEAR(At(*s, "x_points", 0), 518.8222, 1e-4);
  EXPECT_NEAR(At(*s, "score", 7), 455.4236, 1e-4);
}

// risk rises with u ~ U(0, 1), falls with z ~ N(0, 1); noise carries nothing. 10% of z missing.
TablePtr PlantedCredit(int64_t n, uint64_t seed, double shift = 0) {
  Rng rng(seed);
  std::vector<double> u, z, noise, bad;
  for (int64_t i = 0; i < n; ++i) {
    u.push_back(rng.Uniform());
    const double zi = Normal(rng) + shift;
    noise.push_back(Normal(rng));
    const double eta = -2.5 + 3 * u.back() - 1.0 * zi;
    bad.push_back(rng.Uniform() < 1 / (1 + std::exp(-eta)) ? 1 : 0);
    z.push_back(rng.Uniform() < 0.1 ? std::nan("") : zi);
  }
  return Table::Make(Schema({{"u", TypeId::kFloat64},
                             {"z", TypeId::kFloat64},
                             {"noise", TypeId::kFloat64},
                             {"bad", TypeId::kFloat64}}),
                     {Floats(u), Floats(z), Floats(noise), Floats(bad)});
}

TEST(Scorecard, PlantedSignalsAndNoise) {
  TablePtr t = PlantedCredit(20000, 11);
  ScorecardResult r =
      FitScorecard(*t, {.target = "bad", .variables = {"u", "z", "noise"}, .min_iv = 0.02});
  const Table& v = *r.variables;
  const double iv_u = At(v, "iv", 0), iv_z = At(v, "iv", 1), iv_noise = At(v, "iv", 2);
  EXPECT_GT(iv_u, 0.3);
  EXPECT_GT(iv_z, 0.3);
  EXPECT_LT(iv_noise, 0.02);
  EXPECT_FALSE(v.column("in_model")->GetValue(2).bool_value());
  EXPECT_EQ(v.column("trend")->GetValue(0).ToString(), "increasing");
  EXPECT_EQ(v.column("trend")->GetValue(1).ToString(), "decreasing");
  EXPECT_GE(v.column("bins")->GetValue(0).int_value(), 4);

  // WOE strictly monotone across the (non-missing) bins of each informative variable; bad rate
  // rises with u so WOE falls, and the other way round for z.
  const Table& b = *r.bins;
  for (const std::string var : {"u", "z"}) {
    double prev = var == "u" ? INFINITY : -INFINITY;
    int count = 0;
    for (int64_t i = 0; i < b.num_rows(); ++i) {
      if (b.column("variable")->GetValue(i).ToString() != var) continue;
      if (b.column("missing")->GetValue(i).bool_value()) {
        EXPECT_EQ(var, "z");
        continue;
      }
      const double w = At(b, "woe", i);
      if (var == "u") {
        EXPECT_LT(w, prev) << var << " bin " << i;
      } else {
        EXPECT_GT(w, prev) << var << " bin " << i;
      }
      prev = w;
      ++count;
    }
    EXPECT_GE(count, 4) << var;
  }
  EXPECT_GT(At(*r.metrics, "ks", 0), 0.35);
  EXPECT_GT(At(*r.metrics, "auc", 0), 0.75);
  EXPECT_TRUE(r.metrics->column("converged")->GetValue(0).bool_value());

  // Scoring: points add up to the score, the noise variable scores 0, a missing z uses its bin,
  // and the score reproduces the odds: score = offset − factor·ln(bad odds).
  TablePtr s = ApplyScorecard(*t, b, {});
  int64_t missing_z = -1;
  for (int64_t i = 0; i < 50; ++i) {
    EXPECT_NEAR(At(*s, "score", i), At(*s, "u_points", i) + At(*s, "z_points", i), 1e-9);
    EXPECT_EQ(At(*s, "noise_points", i), 0);
    if (s->column("z")->IsNull(i)) missing_z = i;
  }
  ASSERT_GE(missing_z, 0);
  EXPECT_FALSE(s->column("score")->IsNull(missing_z));
  // Higher score, fewer bads: the top half's bad rate is well below the bottom half's.
  double bad_low = 0, bad_high = 0, n_low = 0, n_high = 0;
  const double median_like =
      At(*r.metrics, "offset", 0) - At(*r.metrics, "factor", 0) * std::log(0.2);
  for (int64_t i = 0; i < s->num_rows(); ++i) {
    const bool high = At(*s, "score", i) > median_like;
    (high ? bad_high : bad_low) += At(*s, "bad", i);
    (high ? n_high : n_low) += 1;
  }
  EXPECT_LT(bad_high / n_high, 0.5 * bad_low / n_low);

  // Deterministic.
  ScorecardResult again =
      FitScorecard(*t, {.target = "bad", .variables = {"u", "z", "noise"}, .min_iv = 0.02});
  EXPECT_EQ(again.bins->ToString(1000), b.ToString(1000));
}

TEST(Scorecard, Errors) {
  TablePtr t = PlantedCredit(5, 1);
  EXPECT_THROW(FitScorecard(*t, {.target = "bad", .variables = {"u"}, .bins = 10}), Error);
  TablePtr no_bads = Table::Make(Schema({{"x", TypeId::kFloat64}, {"bad", TypeId::kFloat64}}),
                                 {Floats({1, 2, 3, 4}), Floats({0, 0, 0, 0})});
  EXPECT_THROW(FitScorecard(*no_bads, {.target = "bad", .variables = {"x"}, .bins = 2}), Error);
}

TEST(Binning, MonotoneMergingOfAHandMadeCase) {
  // Four quantile bins of 1..8 (cuts 3, 5, 7) with bad counts 0, 2, 1, 2 of 2: the trend is
  // increasing; bins 2 and 3 violate it and merge → cuts 3, 7 with rates 0, 3/4, 1.
  const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<double> y = {0, 0, 1, 1, 1, 0, 1, 1};
  const std::vector<double> cuts = QuantileCuts(x, 4);
  ASSERT_EQ(cuts, (std::vector<double>{3, 5, 7}));
  bool up = false;
  EXPECT_EQ(MonotoneCuts(cuts, x, y, &up), (std::vector<double>{3, 7}));
  EXPECT_TRUE(up);
  // Ties give fewer bins.
  EXPECT_EQ(QuantileCuts({1, 1, 1, 1, 1, 2}, 4), (std::vector<double>{}));
}

// Expected 1..10 in two bins cut at 6 (shares 0.5, 0.5); actual eight 1s, a 7 and an 8 (0.8, 0.2):
// PSI = 0.3·ln 1.6 + (−0.3)·ln 0.4 = 0.415888.
TEST(Psi, HandComputedAndPlanted) {
  TablePtr e =
      Table::Make(Schema({{"x", TypeId::kFloat64}}), {Floats({1, 2, 3, 4, 5, 6, 7, 8, 9, 10})});
  TablePtr a =
      Table::Make(Schema({{"x", TypeId::kFloat64}}), {Floats({1, 1, 1, 1, 1, 1, 1, 1, 7, 8})});
  PsiResult r = Psi(*e, *a, {.columns = {"x"}, .bins = 2});
  EXPECT_NEAR(At(*r.summary, "psi", 0), 0.3 * std::log(1.6) - 0.3 * std::log(0.4), 1e-12);
  EXPECT_EQ(r.summary->column("status")->GetValue(0).ToString(), "shift");
  EXPECT_EQ(r.detail->num_rows(), 2);

  TablePtr train = PlantedCredit(10000, 21), recent = PlantedCredit(10000, 22),
           shifted = PlantedCredit(10000, 23, /*shift=*/0.5);
  PsiResult same = Psi(*train, *recent, {.columns = {"u", "z"}});
  EXPECT_LT(At(*same.summary, "psi", 0), 0.01);
  EXPECT_LT(At(*same.summary, "psi", 1), 0.01);
  EXPECT_EQ(same.summary->column("status")->GetValue(1).ToString(), "stable");
  EXPECT_EQ(same.summary->column("bins")->GetValue(1).int_value(), 11);  // 10 + the NULL bin
  PsiResult moved = Psi(*train, *shifted, {.columns = {"u", "z"}});
  EXPECT_LT(At(*moved.summary, "psi", 0), 0.01);  // u did not move
  EXPECT_GT(At(*moved.summary, "psi", 1), 0.2);
  EXPECT_THROW(Psi(*e, *a, {.columns = {"x"}, .bins = 20}), Error);
}

}  // namespace
}  // namespace xf::model
