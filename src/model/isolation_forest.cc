#include "model/isolation_forest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>

#include "core/error.h"
#include "core/rng.h"
#include "ops/parallel.h"

namespace xf::model {

namespace {

struct Node {
  int32_t feature = -1;  // -1: leaf
  double cut = 0;
  int32_t left = -1, right = -1;
  int64_t size = 0;  // rows at a leaf
};

class Tree {
 public:
  Tree(const FeatureMatrix& x, std::vector<int64_t> sample, int depth_limit, Rng* rng)
      : x_(x), depth_limit_(depth_limit), rng_(rng) {
    nodes_.reserve(2 * sample.size());
    Grow(sample, 0, static_cast<int64_t>(sample.size()), 0);
  }

  double PathLength(const double* row) const {
    int32_t i = 0;
    double depth = 0;
    while (nodes_[i].feature >= 0) {
      i = row[nodes_[i].feature] < nodes_[i].cut ? nodes_[i].left : nodes_[i].right;
      depth += 1;
    }
    return depth + AveragePathLength(static_cast<double>(nodes_[i].size));
  }

 private:
  int32_t Grow(std::vector<int64_t>& rows, int64_t begin, int64_t end, int depth) {
    const int32_t id = static_cast<int32_t>(nodes_.size());
    nodes_.push_back(Node{.size = end - begin});
    if (end - begin <= 1 || depth >= depth_limit_) return id;
    // Features not constant in this node, with their ranges.
    std::vector<int32_t> candidates;
    std::vector<double> lo, hi;
    for (int64_t j = 0; j < x_.dims; ++j) {
      double mn = std::numeric_limits<double>::infinity(), mx = -mn;
      for (int64_t i = begin; i < end; ++i) {
        const double v = x_.row(rows[i])[j];
        mn = std::min(mn, v);
        mx = std::max(mx, v);
      }
      if (mx > mn) {
        candidates.push_back(static_cast<int32_t>(j));
        lo.push_back(mn);
        hi.push_back(mx);
      }
    }
    if (candidates.empty()) return id;  // identical rows cannot be separated
    const int64_t c = rng_->Below(static_cast<int64_t>(candidates.size()));
    const int32_t f = candidates[c];
    double cut = lo[c] + rng_->Uniform() * (hi[c] - lo[c]);
    if (!(cut > lo[c])) cut = hi[c];  // keep both sides non-empty: left is v < cut
    const auto mid_it = std::stable_partition(rows.begin() + begin, rows.begin() + end,
                                              [&](int64_t r) { return x_.row(r)[f] < cut; });
    const int64_t mid = mid_it - rows.begin();
    nodes_[id].feature = f;
    nodes_[id].cut = cut;
    const int32_t left = Grow(rows, begin, mid, depth + 1);
    const int32_t right = Grow(rows, mid, end, depth + 1);
    nodes_[id].left = left;
    nodes_[id].right = right;
    return id;
  }

  const FeatureMatrix& x_;
  int depth_limit_;
  Rng* rng_;
  std::vector<Node> nodes_;
};

}  // namespace

double AveragePathLength(double n) {
  if (n <= 1) return 0;
  if (n == 2) return 1;
  const double h = std::log(n - 1) + 0.5772156649015329;
  return 2 * h - 2 * (n - 1) / n;
}

std::vector<double> IsolationForestScores(const FeatureMatrix& x,
                                          const IsolationForestOptions& options) {
  std::vector<int64_t> usable;
  for (int64_t r = 0; r < x.rows; ++r) {
    if (x.usable[r]) usable.push_back(r);
  }
  if (usable.size() < 2) {
    throw Error(ErrorKind::kData,
                "isolation forest: needs at least 2 rows with all features set, got " +
                    std::to_string(usable.size()));
  }
  const int64_t psi = std::min<int64_t>(options.sample_size, static_cast<int64_t>(usable.size()));
  const int depth_limit = static_cast<int>(std::ceil(std::log2(static_cast<double>(psi))));
  std::vector<std::unique_ptr<Tree>> trees(options.trees);
  std::vector<Rng> rngs;
  for (int64_t t = 0; t < options.trees; ++t)
    rngs.emplace_back(options.seed, static_cast<uint64_t>(t));
  ParallelTasks(options.trees, [&](int64_t t) {
    // Partial Fisher–Yates: the first psi entries are a uniform sample without replacement.
    std::vector<int64_t> pool = usable;
    for (int64_t i = 0; i < psi; ++i) {
      const int64_t j = i + rngs[t].Below(static_cast<int64_t>(pool.size()) - i);
      std::swap(pool[i], pool[j]);
    }
    pool.resize(psi);
    trees[t] = std::make_unique<Tree>(x, std::move(pool), depth_limit, &rngs[t]);
  });
  const double cn = AveragePathLength(static_cast<double>(psi));
  std::vector<double> scores(x.rows, std::numeric_limits<double>::quiet_NaN());
  ForEachMorsel(x.rows, [&](int64_t, int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      if (!x.usable[r]) continue;
      double sum = 0;
      for (const auto& tree : trees) sum += tree->PathLength(x.row(r));
      const double mean = sum / static_cast<double>(options.trees);
      scores[r] = std::pow(2.0, -mean / cn);
    }
  });
  return scores;
}

}  // namespace xf::model
