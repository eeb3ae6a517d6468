#include "model/anomaly.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/feature_matrix.h"
#include "model/series_groups.h"
#include "ops/parallel.h"

namespace xf::model {

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Centre and scale of one group's usable values.
void CentreAndScale(AnomalyMethod method, std::vector<double> v, double* centre, double* scale) {
  const double n = static_cast<double>(v.size());
  if (method == AnomalyMethod::kZScore) {
    double sum = 0;
    for (double x : v) sum += x;
    *centre = sum / n;
    double ss = 0;
    for (double x : v) ss += (x - *centre) * (x - *centre);
    *scale = std::sqrt(ss / (n - 1));
    return;
  }
  *centre = MedianInPlace(v);
  double mean_dev = 0;
  for (double& x : v) {
    x = std::fabs(x - *centre);
    mean_dev += x;
  }
  mean_dev /= n;
  const double mad = MedianInPlace(v);
  *scale = mad > 0 ? 1.4826 * mad : 1.2533 * mean_dev;
}

}  // namespace

double MedianInPlace(std::vector<double>& v) {
  if (v.empty()) return kNan;
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + mid, v.end());
  const double hi = v[mid];
  if (v.size() % 2 == 1) return hi;
  const double lo = *std::max_element(v.begin(), v.begin() + mid);
  return lo + (hi - lo) / 2;
}

double QuantileSorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNan;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

TablePtr ScoreAnomalies(const Table& input, const AnomalyOptions& options) {
  RequireNumericColumn(input, options.value, "anomaly");
  const Column& vc = *input.column(options.value);
  const int64_t n = input.num_rows();
  const RowGroups groups = GroupRows(input, options.by);
  std::vector<double> score(n, 0.0);
  std::vector<uint8_t> valid(n, 0), flag(n, 0);
  ParallelTasks(groups.num_groups(), [&](int64_t g) {
    std::vector<int64_t> rows;
    std::vector<double> values;
    for (int64_t i = groups.offsets[g]; i < groups.offsets[g + 1]; ++i) {
      double x = 0;
      if (!NumericValue(vc, groups.rows[i], &x)) continue;
      rows.push_back(groups.rows[i]);
      values.push_back(x);
    }
    if (static_cast<int64_t>(values.size()) < std::max<int64_t>(options.min_count, 2)) return;
    double centre = 0, scale = 0;
    CentreAndScale(options.method, values, &centre, &scale);
    for (size_t i = 0; i < rows.size(); ++i) {
      const double s = scale > 0 ? (values[i] - centre) / scale : 0.0;
      score[rows[i]] = s;
      valid[rows[i]] = 1;
      switch (options.direction) {
        case AnomalyDirection::kBoth:
          flag[rows[i]] = std::fabs(s) > options.k;
          break;
        case AnomalyDirection::kHigh:
          flag[rows[i]] = s > options.k;
          break;
        case AnomalyDirection::kLow:
          flag[rows[i]] = s < -options.k;
          break;
      }
    }
  });
  auto sc = Column::Make(TypeId::kFloat64);
  sc->ResizeFixed(n);
  std::copy(score.begin(), score.end(), sc->mutable_data<double>());
  sc->SetValidityFromFlags(valid);
  auto fc = Column::Make(TypeId::kBool);
  fc->ResizeFixed(n);
  std::copy(flag.begin(), flag.end(), fc->mutable_data<uint8_t>());
  return input.WithColumn(options.score_column, sc)->WithColumn(options.flag_column, fc);
}

}  // namespace xf::model
