#include "model/normalize.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/numeric_columns.h"
#include "model/series_groups.h"

namespace xf::model {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void NormalizeRows(const std::vector<double>& x, const int64_t* rows, int64_t n,
                   NormalizeMethod method, Direction dir, std::vector<double>* out) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo, sum = 0;
  int64_t count = 0;
  for (int64_t k = 0; k < n; ++k) {
    const double v = x[static_cast<size_t>(rows[k])];
    if (std::isnan(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
    ++count;
  }
  if (count == 0) return;
  const double mean = sum / static_cast<double>(count);
  double ss = 0;
  for (int64_t k = 0; k < n; ++k) {
    const double v = x[static_cast<size_t>(rows[k])];
    if (!std::isnan(v)) ss += (v - mean) * (v - mean);
  }
  const double sd = count > 1 ? std::sqrt(ss / static_cast<double>(count - 1)) : 0;
  for (int64_t k = 0; k < n; ++k) {
    const auto r = static_cast<size_t>(rows[k]);
    const double v = x[r];
    if (std::isnan(v)) continue;
    double z;
    if (method == NormalizeMethod::kMinMax) {
      z = hi > lo ? (dir == Direction::kBenefit ? v - lo : hi - v) / (hi - lo) : 1.0;
    } else {
      z = sd > 0 ? (dir == Direction::kBenefit ? v - mean : mean - v) / sd : 0.0;
    }
    (*out)[r] = z;
  }
}

}  // namespace

TablePtr Normalize(const Table& input, const NormalizeOptions& o) {
  const RowGroups groups = GroupRows(input, o.by);
  TablePtr out = std::make_shared<const Table>(input);
  for (const Indicator& ind : o.indicators) {
    const std::vector<double> x = NumericValues(NumericColumnOf(input, ind.column, "normalize"));
    std::vector<double> z(x.size(), kNaN);
    for (int64_t g = 0; g < groups.num_groups(); ++g) {
      const int64_t begin = groups.offsets[static_cast<size_t>(g)];
      const int64_t end = groups.offsets[static_cast<size_t>(g) + 1];
      NormalizeRows(x, groups.rows.data() + begin, end - begin, o.method, ind.direction, &z);
    }
    out = out->WithColumn(ind.column + o.suffix, Float64Column(z));
  }
  return out;
}

}  // namespace xf::model
