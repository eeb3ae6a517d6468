#include "model/binning.h"

#include <algorithm>
#include <cmath>

namespace xf::model {

std::vector<double> QuantileCuts(std::vector<double> values, int bins) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  std::sort(values.begin(), values.end());
  std::vector<double> cuts;
  const size_t m = values.size();
  if (m == 0) return cuts;
  for (int i = 1; i < bins; ++i) {
    const double c = values[static_cast<size_t>(i) * m / static_cast<size_t>(bins)];
    if (c > values.front() && (cuts.empty() || c > cuts.back())) cuts.push_back(c);
  }
  return cuts;
}

int BinOf(const std::vector<double>& cuts, double v) {
  return static_cast<int>(std::upper_bound(cuts.begin(), cuts.end(), v) - cuts.begin());
}

BinCounts CountBins(const std::vector<double>& cuts, const std::vector<double>& values,
                    const std::vector<double>& target) {
  BinCounts c;
  c.n.assign(cuts.size() + 1, 0);
  c.events.assign(cuts.size() + 1, 0);
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i]) || std::isnan(target[i])) continue;
    const auto b = static_cast<size_t>(BinOf(cuts, values[i]));
    ++c.n[b];
    c.events[b] += target[i] > 0.5 ? 1 : 0;
  }
  return c;
}

std::vector<double> MonotoneCuts(const std::vector<double>& initial,
                                 const std::vector<double>& values,
                                 const std::vector<double>& target, bool* increasing) {
  std::vector<double> cuts = initial;
  // An empty bin has the "same" rate as any neighbour (0 × n = 0 × n below), so it merges.
  BinCounts c = CountBins(cuts, values, target);
  double total_n = 0, mean_b = 0, mean_r = 0;
  for (size_t b = 0; b < c.n.size(); ++b) {
    total_n += static_cast<double>(c.n[b]);
    mean_b += static_cast<double>(c.n[b]) * static_cast<double>(b);
    mean_r += static_cast<double>(c.events[b]);
  }
  double cov = 0;
  if (total_n > 0) {
    mean_b /= total_n;
    mean_r /= total_n;
    for (size_t b = 0; b < c.n.size(); ++b) {
      if (c.n[b] == 0) continue;
      const double rate = static_cast<double>(c.events[b]) / static_cast<double>(c.n[b]);
      cov += static_cast<double>(c.n[b]) * (static_cast<double>(b) - mean_b) * (rate - mean_r);
    }
  }
  const bool up = cov >= 0;
  *increasing = up;
  for (bool merged = true; merged && !cuts.empty();) {
    merged = false;
    for (size_t b = 0; b + 1 < c.n.size(); ++b) {
      // Cross-multiplied rates: events[b]/n[b] vs events[b+1]/n[b+1].
      const double lhs = static_cast<double>(c.events[b + 1]) * static_cast<double>(c.n[b]);
      const double rhs = static_cast<double>(c.events[b]) * static_cast<double>(c.n[b + 1]);
      if (up ? lhs > rhs : lhs < rhs) continue;
      c.n[b] += c.n[b + 1];
      c.events[b] += c.events[b + 1];
      c.n.erase(c.n.begin() + static_cast<std::ptrdiff_t>(b + 1));
      c.events.erase(c.events.begin() + static_cast<std::ptrdiff_t>(b + 1));
      cuts.erase(cuts.begin() + static_cast<std::ptrdiff_t>(b));
      merged = true;
      break;
    }
  }
  return cuts;
}

}  // namespace xf::model
