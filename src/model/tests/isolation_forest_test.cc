#include "model/isolation_forest.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.h"
#include "core/thread_pool.h"
#include "model_test_data.h"
#include "ops/parallel.h"

namespace xf::model {
namespace {

TEST(IsolationForest, AveragePathLength) {
  EXPECT_EQ(AveragePathLength(1), 0);
  EXPECT_EQ(AveragePathLength(2), 1);
  // c(256) = 2 (ln 255 + γ) − 2 · 255 / 256
  EXPECT_NEAR(AveragePathLength(256), 2 * (std::log(255.0) + 0.5772156649015329) - 2 * 255.0 / 256,
              1e-12);
  EXPECT_NEAR(AveragePathLength(256), 10.2448, 1e-3);
}

// 2000 points from a 2-D normal (sd 5 and 1) plus 20 planted points at 6 sd on a circle around
// its centre: every planted point lies beyond the normal points in some direction.
FeatureMatrix Planted(std::set<int64_t>* planted) {
  Rng rng(3);
  FeatureMatrix m;
  m.dims = 2;
  for (int i = 0; i < 2020; ++i) {
    double x = 100 + 5 * testing::Normal(rng), y = 20 + testing::Normal(rng);
    if (i % 101 == 7 && planted->size() < 20) {
      const double angle = 2 * M_PI * static_cast<double>(planted->size()) / 20;
      x = 100 + 5 * 6 * std::cos(angle);
      y = 20 + 6 * std::sin(angle);
      planted->insert(m.rows);
    }
    m.values.push_back(x);
    m.values.push_back(y);
    m.usable.push_back(1);
    ++m.rows;
  }
  m.shift.assign(2, 0);
  m.scale.assign(2, 1);
  return m;
}

TEST(IsolationForest, FindsPlantedOutliers) {
  std::set<int64_t> planted;
  FeatureMatrix m = Planted(&planted);
  ASSERT_EQ(planted.size(), 20u);
  std::vector<double> s = IsolationForestScores(m, {.seed = 11});
  // The 20 highest scores: at least 18 planted.
  std::vector<int64_t> order(s.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int64_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return s[a] > s[b]; });
  order.resize(20);
  const auto pr = testing::Score(order, planted);
  EXPECT_GE(pr.precision, 0.9);
  // Scores: planted well above 0.6, the typical normal point below 0.5.
  std::vector<double> normal;
  for (int64_t r = 0; r < m.rows; ++r) {
    if (planted.count(r)) {
      EXPECT_GT(s[r], 0.6) << r;
    } else {
      normal.push_back(s[r]);
    }
  }
  std::sort(normal.begin(), normal.end());
  EXPECT_LT(normal[normal.size() / 2], 0.5);
}

TEST(IsolationForest, DeterministicForASeedAndAnyThreadCount) {
  std::set<int64_t> planted;
  FeatureMatrix m = Planted(&planted);
  ThreadPool one(1), four(4);
  std::vector<double> a, b, c;
  {
    ScopedOpsThreadPool s(&one);
    a = IsolationForestScores(m, {.trees = 50, .seed = 5});
  }
  {
    ScopedOpsThreadPool s(&four);
    b = IsolationForestScores(m, {.trees = 50, .seed = 5});
    c = IsolationForestScores(m, {.trees = 50, .seed = 6});
  }
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(IsolationForest, UnusableRowsAndTooFewRows) {
  FeatureMatrix m;
  m.rows = 3;
  m.dims = 1;
  m.values = {1, 0, 2};
  m.usable = {1, 0, 1};
  std::vector<double> s = IsolationForestScores(m, {});
  EXPECT_TRUE(std::isnan(s[1]));
  EXPECT_TRUE(std::isfinite(s[0]));
  m.usable = {1, 0, 0};
  EXPECT_THROW(IsolationForestScores(m, {}), Error);
}

}  // namespace
}  // namespace xf::model
