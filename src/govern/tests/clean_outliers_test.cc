#include "govern/clean_outliers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "govern/tests/clean_test_util.h"

namespace xf::govern {
namespace {

using testing::D;
using testing::Doubles;
using testing::Ints;
using testing::MakeTable;
using testing::S;
using testing::Strings;

TEST(Outliers, ZScoreHandComputed) {
  // mean 18, s = sqrt(1280 / 4) = 17.8885; with k = 1.5 the bound is 26.83, so 50 (|32|) is out.
  TablePtr t = MakeTable({{"v", Doubles({10, 10, 10, 10, 50})}});
  OutlierScores s = ScoreOutliers(*t, "v", {.method = OutlierMethod::kZScore, .k = 1.5});
  EXPECT_EQ(s.outlier, (std::vector<uint8_t>{0, 0, 0, 0, 1}));
  EXPECT_NEAR(s.score[4], 32 / std::sqrt(320.0), 1e-12);
  EXPECT_NEAR(s.score[0], 8 / std::sqrt(320.0), 1e-12);
  EXPECT_NEAR(s.hi[4], 18 + 1.5 * std::sqrt(320.0), 1e-12);
  // With the default k = 3 the one spike masks itself (a known weakness of 3σ on small groups).
  OutlierScores d = ScoreOutliers(*t, "v", {.method = OutlierMethod::kZScore});
  EXPECT_EQ(d.outlier[4], 0);
}

TEST(Outliers, IqrHandComputed) {
  // Q1 = 3.25, Q3 = 7.75 (type 7), IQR 4.5: fences -3.5 and 14.5.
  TablePtr t = MakeTable({{"v", Ints({1, 2, 3, 4, 5, 6, 7, 8, 9, 100})}});
  OutlierScores s = ScoreOutliers(*t, "v", {.method = OutlierMethod::kIqr});
  for (int i = 0; i < 9; ++i) EXPECT_EQ(s.outlier[i], 0) << i;
  EXPECT_EQ(s.outlier[9], 1);
  EXPECT_DOUBLE_EQ(s.lo[9], -3.5);
  EXPECT_DOUBLE_EQ(s.hi[9], 14.5);
  EXPECT_DOUBLE_EQ(s.score[9], (100 - 7.75) / 4.5);
  EXPECT_DOUBLE_EQ(s.score[4], 0);  // inside the box
}

TEST(Outliers, HampelHandComputedAndOrderIndependent) {
  // Rows given in reverse time order; the order column puts them right.
  std::vector<std::optional<double>> v = {10, 11, 10, 12, 50, 11, 10, 12, 11};
  std::vector<std::optional<int64_t>> t = {0, 1, 2, 3, 4, 5, 6, 7, 8};
  std::reverse(v.begin(), v.end());
  std::reverse(t.begin(), t.end());
  TablePtr table = MakeTable({{"t", Ints(t)}, {"v", Doubles(v)}});
  OutlierScores s =
      ScoreOutliers(*table, "v", {.method = OutlierMethod::kHampel, .order = "t", .window = 2});
  // Time 4 (row 4 reversed = row 4): window {10,12,50,11,10}: median 11, MAD 1 → 1.4826.
  EXPECT_EQ(s.outlier[4], 1);
  EXPECT_NEAR(s.score[4], 39 / 1.4826, 1e-9);
  EXPECT_NEAR(s.hi[4], 11 + 3 * 1.4826, 1e-12);
  // Time 0 (row 8): window {10,11,10}: median 10, MAD 0 → no scale, value on the median.
  EXPECT_EQ(s.outlier[8], 0);
  EXPECT_TRUE(std::isnan(s.score[8]));
  // Time 1 (row 7): window {10,11,10,12}: median 10.5, MAD 0.5.
  EXPECT_NEAR(s.score[7], 0.5 / (0.5 * 1.4826), 1e-12);
  int total = 0;
  for (uint8_t o : s.outlier) total += o;
  EXPECT_EQ(total, 1);
}

// Straightforward reference implementations, written independently of clean_outliers.cc.
double RefQuantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * (v.size() - 1);
  const size_t i = static_cast<size_t>(pos);
  if (i + 1 >= v.size()) return v.back();
  return v[i] * (1 - (pos - i)) + v[i + 1] * (pos - i);
}

TEST(Outliers, MatchesReferenceOnRandomData) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> normal(100, 15);
  const int n = 4000;
  std::vector<std::optional<std::string>> g;
  std::vector<std::optional<double>> v;
  std::vector<std::optional<int64_t>> order;
  std::vector<int64_t> perm(n);
  for (int i = 0; i < n; ++i) perm[i] = i;
  std::shuffle(perm.begin(), perm.end(), rng);
  for (int i = 0; i < n; ++i) {
    g.push_back("g" + std::to_string(rng() % 7));
    double x = normal(rng);
    if (rng() % 50 == 0) x += (rng() % 2 ? 1 : -1) * 200;  // injected spikes
    v.push_back(rng() % 30 == 0 ? std::nullopt : std::optional<double>(x));
    order.push_back(perm[i]);
  }
  TablePtr t = MakeTable({{"g", Strings(g)}, {"v", Doubles(v)}, {"o", Ints(order)}});
  std::map<std::string, std::vector<int>> groups;  // rows with a value, in input order
  for (int i = 0; i < n; ++i) {
    if (v[i]) groups[*g[i]].push_back(i);
  }
  for (OutlierMethod m : {OutlierMethod::kZScore, OutlierMethod::kIqr, OutlierMethod::kHampel}) {
    OutlierScores s = ScoreOutliers(*t, "v", {.by = {"g"}, .method = m, .order = "o", .window = 5});
    std::vector<int> expect(n, 0);
    for (auto& [key, rows] : groups) {
      std::vector<double> x;
      for (int r : rows) x.push_back(*v[r]);
      if (m == OutlierMethod::kZScore) {
        double mean = 0, ss = 0;
        for (double a : x) mean += a / x.size();
        for (double a : x) ss += (a - mean) * (a - mean);
        const double sd = std::sqrt(ss / (x.size() - 1));
        for (int r : rows) expect[r] = std::abs(*v[r] - mean) > 3 * sd;
      } else if (m == OutlierMethod::kIqr) {
        const double q1 = RefQuantile(x, 0.25), q3 = RefQuantile(x, 0.75);
        for (int r : rows) expect[r] = *v[r] < q1 - 1.5 * (q3 - q1) || *v[r] > q3 + 1.5 * (q3 - q1);
      } else {
        std::vector<int> by_time = rows;
        std::sort(by_time.begin(), by_time.end(),
                  [&](int a, int b) { return *order[a] < *order[b]; });
        for (size_t j = 0; j < by_time.size(); ++j) {
          std::vector<double> w;
          for (size_t q = (j >= 5 ? j - 5 : 0); q <= std::min(by_time.size() - 1, j + 5); ++q) {
            w.push_back(*v[by_time[q]]);
          }
          const double med = RefQuantile(w, 0.5);
          std::vector<double> dev;
          for (double a : w) dev.push_back(std::abs(a - med));
          const double mad = 1.4826 * RefQuantile(dev, 0.5);
          expect[by_time[j]] = std::abs(*v[by_time[j]] - med) > 3 * mad;
        }
      }
    }
    int found = 0;
    for (int i = 0; i < n; ++i) {
      ASSERT_EQ(s.outlier[i], expect[i]) << OutlierMethodName(m) << " row " << i;
      EXPECT_EQ(s.evaluated[i], v[i].has_value());
      found += expect[i];
    }
    EXPECT_GT(found, 30) << OutlierMethodName(m);  // the injected spikes are found
  }
}

TEST(Outliers, ActionsKeepEveryRow) {
  TablePtr t = MakeTable({{"g", Strings({"a", "a", "a", "a", "a", "b", "b", "b", "b", "b"})},
                          {"v", Ints({1, 2, 3, 4, 40, 10, 11, 12, 13, std::nullopt})}});
  OutlierOptions o{.columns = {"v"}, .by = {"g"}, .method = OutlierMethod::kIqr};
  OutlierResult flag = HandleOutliers(*t, o);
  EXPECT_EQ(flag.outliers, 1);
  EXPECT_EQ(flag.table->num_rows(), 10);
  EXPECT_EQ(S(*flag.table, "v_outlier", 4), "true");
  EXPECT_EQ(S(*flag.table, "v_outlier", 9), "false");
  EXPECT_FALSE(D(*flag.table, "v_score", 9).has_value());
  // Group a: Q1 2, Q3 4, IQR 2 → fences -1 and 7.
  o.action = OutlierAction::kClip;
  OutlierResult clip = HandleOutliers(*t, o);
  EXPECT_EQ(D(*clip.table, "v", 4), 7);
  EXPECT_EQ(D(*clip.table, "v", 3), 4);
  o.action = OutlierAction::kSetNull;
  OutlierResult null = HandleOutliers(*t, o);
  EXPECT_FALSE(D(*null.table, "v", 4).has_value());
  EXPECT_EQ(null.table->column("v")->type(), TypeId::kInt64);
  o.action = OutlierAction::kQuarantine;
  OutlierResult q = HandleOutliers(*t, o);
  EXPECT_EQ(q.table->num_rows() + q.quarantined->num_rows(), t->num_rows());
  ASSERT_EQ(q.quarantined->num_rows(), 1);
  EXPECT_EQ(S(*q.quarantined, "_rules", 0), "outliers:iqr");
  EXPECT_EQ(S(*q.quarantined, "_reasons", 0), "v=40 outside [-1, 7] (iqr k=1.5)");
}

}  // namespace
}  // namespace xf::govern
