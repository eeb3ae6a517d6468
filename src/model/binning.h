// Binning a numeric variable for scorecards and PSI: quantile cut points, and merging adjacent
// bins until the event (bad) rate is monotone.
//
// Bins are half-open intervals: with cuts c1 < c2 < … < c(k−1), bin 0 is (−∞, c1), bin b is
// [cb, c(b+1)), the last is [c(k−1), +∞), so every finite value falls in exactly one bin.
#pragma once

#include <cstdint>
#include <vector>

namespace xf::model {

// Up to `bins` roughly equal-count bins over the finite values (NaN skipped): the cuts are the
// values at ranks i·m/bins (i = 1 … bins−1) of the m sorted values, dropping duplicates and a cut
// at the minimum, so heavy ties give fewer bins.
std::vector<double> QuantileCuts(std::vector<double> values, int bins);

// The bin of value v (not NaN) for these cuts.
int BinOf(const std::vector<double>& cuts, double v);

struct BinCounts {
  std::vector<int64_t> n, events;  // per bin
};
BinCounts CountBins(const std::vector<double>& cuts, const std::vector<double>& values,
                    const std::vector<double>& target);

// Merges adjacent bins of `cuts` until the event rate is strictly monotone across bins, in the
// direction of the overall trend (the sign of Σ n_b (b − b̄)(rate_b − r̄)); each pass merges the
// first violating pair. Returns the surviving cuts; `increasing` receives the direction.
std::vector<double> MonotoneCuts(const std::vector<double>& cuts, const std::vector<double>& values,
                                 const std::vector<double>& target, bool* increasing);

}  // namespace xf::model
