#include "model/exponential_smoothing.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "model_test_data.h"

namespace xf::model {
namespace {

TEST(Ewma, HandComputed) {
  // alpha 0.5: 1, 1.5, 2.25, (gap) 2.25, 0.5 · 5 + 0.5 · 2.25 = 3.625.
  std::vector<double> s = Ewma({NAN, 1, 2, 3, NAN, 5}, 0.5);
  EXPECT_TRUE(std::isnan(s[0]));
  EXPECT_DOUBLE_EQ(s[1], 1);
  EXPECT_DOUBLE_EQ(s[2], 1.5);
  EXPECT_DOUBLE_EQ(s[3], 2.25);
  EXPECT_DOUBLE_EQ(s[4], 2.25);
  EXPECT_DOUBLE_EQ(s[5], 3.625);
}

const double kSeason[7] = {10, -5, 3, 0, -8, 20, -20};  // sums to 0

// A purely seasonal series is reproduced exactly: the initial state is already right, so every
// one-step error is 0 whatever the smoothing.
TEST(HoltWinters, ExactOnAPureSeasonalSeries) {
  std::vector<double> x;
  for (int t = 0; t < 28; ++t) x.push_back(100 + kSeason[t % 7]);
  HoltWintersFit f = FitHoltWinters(x, {.trend = false, .alpha = 0.3, .gamma = 0.2}, 10);
  for (int t = 0; t < 7; ++t) EXPECT_TRUE(std::isnan(f.fitted[t]));
  for (int t = 7; t < 28; ++t) EXPECT_NEAR(f.fitted[t], x[t], 1e-9) << t;
  for (int h = 0; h < 10; ++h) EXPECT_NEAR(f.forecast[h], 100 + kSeason[(28 + h) % 7], 1e-9);
  EXPECT_NEAR(f.sse, 0, 1e-12);
  EXPECT_EQ(f.n, 21);
}

// Seasonal-naive over a holdout: the value one season earlier, from the training data.
double NaiveMae(const std::vector<double>& train, const std::vector<double>& test, int m) {
  double e = 0;
  for (size_t h = 0; h < test.size(); ++h)
    e += std::fabs(test[h] - train[train.size() - m + h % m]);
  return e / static_cast<double>(test.size());
}

double Mae(const std::vector<double>& a, const std::vector<double>& b) {
  double e = 0;
  for (size_t i = 0; i < a.size(); ++i) e += std::fabs(a[i] - b[i]);
  return e / static_cast<double>(a.size());
}

// Trend + season + noise (sd 1); fit on 8 weeks, forecast 2: the error against the noise-free
// truth stays within 1.5, and the forecast beats seasonal-naive, which misses the trend.
TEST(HoltWinters, AdditiveRecoversTrendAndSeasonAndBeatsSeasonalNaive) {
  Rng rng(1);
  std::vector<double> train, test, truth;
  for (int t = 0; t < 70; ++t) {
    const double clean = 100 + 0.8 * t + kSeason[t % 7];
    const double v = clean + testing::Normal(rng);
    if (t < 56) {
      train.push_back(v);
    } else {
      test.push_back(v);
      truth.push_back(clean);
    }
  }
  HoltWintersFit f = FitHoltWinters(train, {}, 14);
  EXPECT_LT(Mae(f.forecast, truth), 1.5);
  EXPECT_LT(Mae(f.forecast, test), 0.5 * NaiveMae(train, test, 7));
  for (double p : {f.params.alpha, f.params.beta, f.params.gamma}) {
    EXPECT_GE(p, 0);
    EXPECT_LE(p, 1);
  }
}

TEST(HoltWinters, MultiplicativeSeasonGrowsWithTheLevel) {
  const double factor[7] = {1.2, 0.8, 1.0, 1.1, 0.9, 1.3, 0.7};
  Rng rng(2);
  std::vector<double> train, test, truth;
  for (int t = 0; t < 84; ++t) {
    const double clean = (200 + 3 * t) * factor[t % 7];
    const double v = clean * (1 + 0.01 * testing::Normal(rng));
    (t < 70 ? train : test).push_back(v);
    if (t >= 70) truth.push_back(clean);
  }
  HoltWintersFit mult = FitHoltWinters(train, {.seasonality = Seasonality::kMultiplicative}, 14);
  HoltWintersFit add = FitHoltWinters(train, {}, 14);
  const double mult_mae = Mae(mult.forecast, truth);
  EXPECT_LT(mult_mae / 450, 0.02);  // within 2% of the level
  EXPECT_LT(mult_mae, Mae(add.forecast, truth));
  EXPECT_LT(Mae(mult.forecast, test), 0.5 * NaiveMae(train, test, 7));
}

TEST(HoltWinters, Errors) {
  EXPECT_THROW(FitHoltWinters(std::vector<double>(13, 1.0), {}, 7), Error);  // < 2 seasons
  std::vector<double> x(14, 1.0);
  x[3] = NAN;
  EXPECT_THROW(FitHoltWinters(x, {}, 7), Error);
  x[3] = -1;
  EXPECT_THROW(FitHoltWinters(x, {.seasonality = Seasonality::kMultiplicative}, 7), Error);
  // A gap after the first two seasons is filled by its prediction.
  std::vector<double> y;
  for (int t = 0; t < 28; ++t) y.push_back(50 + kSeason[t % 7]);
  y[20] = NAN;
  HoltWintersFit f = FitHoltWinters(y, {.trend = false, .alpha = 0.5, .gamma = 0.5}, 7);
  EXPECT_EQ(f.n, 20);
  EXPECT_NEAR(f.forecast[0], 50 + kSeason[0], 1e-9);
}

}  // namespace
}  // namespace xf::model
