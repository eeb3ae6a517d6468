// Isolation forest (Liu, Ting & Zhou, ICDM 2008): anomalies are few and different, so random
// axis-parallel cuts isolate them in fewer steps than normal points.
//
// Each of `trees` trees is grown on a subsample of `sample_size` usable rows drawn without
// replacement; a node splits on a feature chosen uniformly among those not constant in the node,
// at a cut uniform between that feature's min and max there, until the node holds one row or the
// depth reaches ceil(log2 sample_size). The path length of a row is its depth plus c(size) at the
// leaf it reaches, c(n) = 2 H(n − 1) − 2 (n − 1) / n the average unsuccessful-search depth of a
// binary search tree (H(i) ≈ ln i + 0.5772156649). Score = 2^(−E(h) / c(ψ)), ψ the subsample
// size: near 1 for anomalies, at most about 0.5 for normal points.
//
// Tree t draws from its own random stream (seed, t) and scores are summed in tree order, so the
// result depends only on the seed and the data, never on the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "model/feature_matrix.h"

namespace xf::model {

struct IsolationForestOptions {
  int64_t trees = 100;
  int64_t sample_size = 256;  // capped at the number of usable rows
  uint64_t seed = 0;
};

// c(n) above; 0 for n <= 1.
double AveragePathLength(double n);

// One score per row of `x`; NaN for unusable rows. Throws a data error with fewer than 2 usable
// rows.
std::vector<double> IsolationForestScores(const FeatureMatrix& x,
                                          const IsolationForestOptions& options);

}  // namespace xf::model
