#include "model/binary_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace xf::model {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Indices of pairs with both values present, sorted by score ascending (stable).
std::vector<size_t> SortedValid(const std::vector<double>& s, const std::vector<double>& y) {
  std::vector<size_t> idx;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!std::isnan(s[i]) && !std::isnan(y[i])) idx.push_back(i);
  }
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return s[a] < s[b]; });
  return idx;
}

}  // namespace

double Auc(const std::vector<double>& s, const std::vector<double>& y) {
  const std::vector<size_t> idx = SortedValid(s, y);
  double pos = 0, neg = 0, rank_sum = 0;
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    while (j < idx.size() && s[idx[j]] == s[idx[i]]) ++j;
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (size_t k = i; k < j; ++k) {
      if (y[idx[k]] > 0.5) {
        pos += 1;
        rank_sum += mid_rank;
      } else {
        neg += 1;
      }
    }
    i = j;
  }
  if (pos == 0 || neg == 0) return kNaN;
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

double KsStatistic(const std::vector<double>& s, const std::vector<double>& y) {
  const std::vector<size_t> idx = SortedValid(s, y);
  double pos = 0, neg = 0;
  for (size_t i : idx) (y[i] > 0.5 ? pos : neg) += 1;
  if (pos == 0 || neg == 0) return kNaN;
  double cp = 0, cn = 0, ks = 0;
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    for (; j < idx.size() && s[idx[j]] == s[idx[i]]; ++j) (y[idx[j]] > 0.5 ? cp : cn) += 1;
    ks = std::max(ks, std::abs(cp / pos - cn / neg));
    i = j;
  }
  return ks;
}

double LogLoss(const std::vector<double>& p, const std::vector<double>& y) {
  double sum = 0;
  int64_t n = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (std::isnan(p[i]) || std::isnan(y[i])) continue;
    const double q = std::clamp(p[i], 1e-15, 1 - 1e-15);
    sum -= y[i] > 0.5 ? std::log(q) : std::log(1 - q);
    ++n;
  }
  return n > 0 ? sum / static_cast<double>(n) : kNaN;
}

}  // namespace xf::model
