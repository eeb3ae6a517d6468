// k-means and DBSCAN against planted clusters and hand-computed cases.
#include <gtest/gtest.h>

#include <map>

#include "core/error.h"
#include "core/thread_pool.h"
#include "model/dbscan.h"
#include "model/kmeans.h"
#include "model_test_data.h"
#include "ops/parallel.h"

namespace xf::model {
namespace {

FeatureMatrix Matrix(const std::vector<std::vector<double>>& rows) {
  FeatureMatrix m;
  m.rows = static_cast<int64_t>(rows.size());
  m.dims = rows.empty() ? 0 : static_cast<int64_t>(rows[0].size());
  for (const auto& r : rows) m.values.insert(m.values.end(), r.begin(), r.end());
  m.usable.assign(m.rows, 1);
  m.shift.assign(m.dims, 0);
  m.scale.assign(m.dims, 1);
  return m;
}

// True when the labels induce exactly the planted partition (same label ⇔ same truth).
bool SamePartition(const std::vector<int64_t>& labels, const std::vector<int>& truth) {
  std::map<int64_t, int> l2t;
  std::map<int, int64_t> t2l;
  for (size_t i = 0; i < labels.size(); ++i) {
    auto [a, ia] = l2t.emplace(labels[i], truth[i]);
    auto [b, ib] = t2l.emplace(truth[i], labels[i]);
    if (a->second != truth[i] || b->second != labels[i]) return false;
  }
  return true;
}

TEST(KMeans, HandComputed) {
  FeatureMatrix m = Matrix({{10}, {0}, {11}, {1}});
  KMeansResult r = KMeans(m, {.k = 2, .seed = 1});
  EXPECT_EQ(r.cluster, (std::vector<int64_t>{0, 1, 0, 1}));  // numbered by first row
  EXPECT_DOUBLE_EQ(r.centres[0], 10.5);
  EXPECT_DOUBLE_EQ(r.centres[1], 0.5);
  for (double d : r.distance) EXPECT_DOUBLE_EQ(d, 0.5);
  EXPECT_DOUBLE_EQ(r.inertia, 1.0);
  EXPECT_EQ(r.sizes, (std::vector<int64_t>{2, 2}));
}

// Four well-separated 2-D blobs of 60 points, rows interleaved.
FeatureMatrix Blobs(std::vector<int>* truth) {
  Rng rng(9);
  const double cx[] = {0, 10, 0, 10}, cy[] = {0, 0, 10, 10};
  std::vector<std::vector<double>> rows;
  for (int i = 0; i < 240; ++i) {
    const int b = static_cast<int>((i * 7) % 4);
    rows.push_back({cx[b] + 0.7 * testing::Normal(rng), cy[b] + 0.7 * testing::Normal(rng)});
    truth->push_back(b);
  }
  return Matrix(rows);
}

TEST(KMeans, RecoversPlantedClustersDeterministically) {
  std::vector<int> truth;
  FeatureMatrix m = Blobs(&truth);
  ThreadPool one(1), four(4);
  KMeansResult a, b;
  {
    ScopedOpsThreadPool s(&one);
    a = KMeans(m, {.k = 4, .restarts = 5, .seed = 123});
  }
  {
    ScopedOpsThreadPool s(&four);
    b = KMeans(m, {.k = 4, .restarts = 5, .seed = 123});
  }
  EXPECT_TRUE(SamePartition(a.cluster, truth));
  EXPECT_EQ(a.cluster, b.cluster);
  EXPECT_EQ(a.centres, b.centres);
  EXPECT_EQ(a.cluster[0], 0);
  EXPECT_EQ(a.sizes, (std::vector<int64_t>{60, 60, 60, 60}));
  // Every seed finds this easy partition.
  for (uint64_t seed = 0; seed < 10; ++seed) {
    EXPECT_TRUE(SamePartition(KMeans(m, {.k = 4, .restarts = 3, .seed = seed}).cluster, truth))
        << seed;
  }
}

TEST(KMeans, KLargerThanRowsAndUnusableRows) {
  FeatureMatrix m = Matrix({{1}, {2}, {3}});
  m.usable[1] = 0;
  EXPECT_THROW(KMeans(m, {.k = 3}), Error);
  KMeansResult r = KMeans(m, {.k = 2});
  EXPECT_EQ(r.cluster[1], -1);
  EXPECT_TRUE(std::isnan(r.distance[1]));
}

TEST(Dbscan, HandComputed) {
  // eps 1.5, min_pts 2: {0,1,2}, {10,11,12}, noise 50; ids follow the first core row.
  FeatureMatrix m = Matrix({{10}, {0}, {1}, {50}, {11}, {2}, {12}});
  DbscanResult r = Dbscan(m, {.eps = 1.5, .min_pts = 2});
  EXPECT_EQ(r.cluster, (std::vector<int64_t>{0, 1, 1, -1, 0, 1, 0}));
  EXPECT_EQ(r.num_clusters, 2);
  // min_pts 3: only the middles 1 and 11 are core; the ends are border points of their
  // clusters, and the cluster of 1 (row 2) is found first.
  r = Dbscan(m, {.eps = 1.5, .min_pts = 3});
  EXPECT_EQ(r.cluster, (std::vector<int64_t>{1, 0, 0, -1, 1, 0, 1}));
  EXPECT_EQ(r.core, (std::vector<uint8_t>{0, 0, 1, 0, 1, 0, 0}));
}

// Two dense discs and a ring-shaped cluster, plus sparse uniform noise.
TEST(Dbscan, PlantedDensityClustersAndNoise) {
  Rng rng(4);
  std::vector<std::vector<double>> rows;
  std::vector<int> truth;
  for (int i = 0; i < 600; ++i) {
    const int c = i % 3;
    if (c < 2) {
      rows.push_back({c * 20 + testing::Normal(rng), testing::Normal(rng)});
    } else {
      const double a = 2 * M_PI * (i / 3) / 200.0;  // evenly round the ring
      rows.push_back({10 + 12 * std::cos(a) + 0.2 * testing::Normal(rng), 30 + 12 * std::sin(a)});
    }
    truth.push_back(c);
  }
  // Noise: far from every cluster and from each other.
  for (int i = 0; i < 10; ++i) {
    rows.push_back({-60.0 + 12 * i, -40.0});
    truth.push_back(100 + i);
  }
  FeatureMatrix m = Matrix(rows);
  DbscanResult r = Dbscan(m, {.eps = 1.5, .min_pts = 5});
  EXPECT_EQ(r.num_clusters, 3);
  for (int i = 600; i < 610; ++i) EXPECT_EQ(r.cluster[i], -1);
  // The clusters' points: at most 2% left as noise, and no two planted clusters merged.
  int noise = 0;
  std::map<int, std::set<int64_t>> labels;
  for (int i = 0; i < 600; ++i) {
    if (r.cluster[i] < 0) {
      ++noise;
    } else {
      labels[truth[i]].insert(r.cluster[i]);
    }
  }
  EXPECT_LE(noise, 12);
  std::set<int64_t> all;
  for (auto& [t, ls] : labels) {
    EXPECT_EQ(ls.size(), 1u) << t;
    all.insert(ls.begin(), ls.end());
  }
  EXPECT_EQ(all.size(), 3u);
}

TEST(Dbscan, Haversine) {
  // Points around Beijing and Shanghai (each about 0.5 km apart) and one in Wuhan.
  FeatureMatrix m = Matrix({{39.9042, 116.4074},
                            {31.2304, 121.4737},
                            {39.9080, 116.4100},
                            {31.2340, 121.4700},
                            {39.9000, 116.4040},
                            {31.2280, 121.4780},
                            {30.5928, 114.3055}});
  EXPECT_NEAR(HaversineKm(39.9042, 116.4074, 31.2304, 121.4737), 1067, 5);
  DbscanResult r = Dbscan(m, {.eps = 2, .min_pts = 3, .haversine = true});
  EXPECT_EQ(r.cluster, (std::vector<int64_t>{0, 1, 0, 1, 0, 1, -1}));
}

}  // namespace
}  // namespace xf::model
