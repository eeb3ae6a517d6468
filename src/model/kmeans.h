// k-means (Lloyd's algorithm) with k-means++ seeding (Arthur & Vassilvitskii 2007), for
// segmenting customers, stations or farms by their features.
//
// Each of `restarts` runs seeds k centres by k-means++ from its own random stream (seed, run),
// then alternates assignment (nearest centre, ties to the lower id) and centre update (mean of
// members; an emptied cluster keeps its centre) until no assignment changes or `max_iterations`.
// The run with the least inertia (sum of squared distances) wins, the first on ties. Clusters are
// then renumbered 0 … k−1 in order of their first row, so the labels read naturally and do not
// depend on seeding order. Deterministic for a seed and independent of the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "model/feature_matrix.h"

namespace xf::model {

struct KMeansOptions {
  int64_t k = 2;
  int64_t max_iterations = 100;
  int64_t restarts = 1;
  uint64_t seed = 0;
};

struct KMeansResult {
  std::vector<int64_t> cluster;  // per row; −1 for unusable rows
  std::vector<double> distance;  // Euclidean distance to the row's centre (in x's space)
  std::vector<double> centres;   // k × dims, in x's space
  std::vector<int64_t> sizes;    // rows per cluster
  double inertia = 0;
  int64_t iterations = 0;  // of the winning run
};

// Throws a data error when k exceeds the number of usable rows (or k < 1).
KMeansResult KMeans(const FeatureMatrix& x, const KMeansOptions& options);

}  // namespace xf::model
