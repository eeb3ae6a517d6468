#include "model/topsis.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "model/numeric_columns.h"
#include "model/weights.h"

namespace xf::model {

TablePtr Topsis(const Table& input, const TopsisOptions& o) {
  const size_t k = o.indicators.size();
  if (k == 0) throw Error(ErrorKind::kSpec, "topsis: no indicators");
  if (!o.weights.empty() && o.weights.size() != k) {
    throw Error(ErrorKind::kSpec,
                fmt::format("topsis: {} weights for {} indicators", o.weights.size(), k));
  }
  const std::vector<double> w = o.weights.empty()
                                    ? std::vector<double>(k, 1.0 / static_cast<double>(k))
                                    : ScaleWeights(o.weights);
  const auto n = static_cast<size_t>(input.num_rows());
  std::vector<std::vector<double>> x;
  for (const Indicator& ind : o.indicators) {
    x.push_back(NumericValues(NumericColumnOf(input, ind.column, "topsis")));
  }
  std::vector<uint8_t> used(n, 1);
  for (size_t r = 0; r < n; ++r) {
    for (size_t j = 0; j < k; ++j) used[r] = used[r] && !std::isnan(x[j][r]);
  }
  // Weighted vector-normalised matrix, in place.
  std::vector<double> best(k), worst(k);
  for (size_t j = 0; j < k; ++j) {
    double ss = 0;
    for (size_t r = 0; r < n; ++r) {
      if (used[r]) ss += x[j][r] * x[j][r];
    }
    const double norm = std::sqrt(ss);
    double hi = -std::numeric_limits<double>::infinity(), lo = -hi;
    for (size_t r = 0; r < n; ++r) {
      if (!used[r]) continue;
      x[j][r] = norm > 0 ? w[j] * x[j][r] / norm : 0;
      hi = std::max(hi, x[j][r]);
      lo = std::min(lo, x[j][r]);
    }
    const bool benefit = o.indicators[j].direction == Direction::kBenefit;
    best[j] = benefit ? hi : lo;
    worst[j] = benefit ? lo : hi;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> dp(n, nan), dm(n, nan), c(n, nan);
  for (size_t r = 0; r < n; ++r) {
    if (!used[r]) continue;
    double sp = 0, sm = 0;
    for (size_t j = 0; j < k; ++j) {
      sp += (x[j][r] - best[j]) * (x[j][r] - best[j]);
      sm += (x[j][r] - worst[j]) * (x[j][r] - worst[j]);
    }
    dp[r] = std::sqrt(sp);
    dm[r] = std::sqrt(sm);
    c[r] = dp[r] + dm[r] > 0 ? dm[r] / (dp[r] + dm[r]) : 0.5;
  }
  // Competition ranking by closeness, descending.
  std::vector<size_t> order;
  for (size_t r = 0; r < n; ++r) {
    if (used[r]) order.push_back(r);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return c[a] > c[b]; });
  auto rank = Column::Make(TypeId::kInt64);
  rank->ResizeFixed(static_cast<int64_t>(n));
  std::vector<uint8_t> valid(n, 0);
  for (size_t i = 0; i < order.size(); ++i) {
    const size_t r = order[i];
    const bool tie = i > 0 && c[order[i - 1]] == c[r];
    rank->mutable_data<int64_t>()[r] =
        tie ? rank->data<int64_t>()[order[i - 1]] : static_cast<int64_t>(i + 1);
    valid[r] = 1;
  }
  rank->SetValidityFromFlags(valid);
  return input.WithColumn(o.prefix + "d_plus", Float64Column(dp))
      ->WithColumn(o.prefix + "d_minus", Float64Column(dm))
      ->WithColumn(o.prefix + "closeness", Float64Column(c))
      ->WithColumn(o.prefix + "rank", rank);
}

}  // namespace xf::model
