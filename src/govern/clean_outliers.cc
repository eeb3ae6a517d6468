#include "govern/clean_outliers.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "govern/clean_common.h"

namespace xf::govern {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// MAD × 1.4826 estimates σ for normal data (1 / Φ⁻¹(3/4)).
constexpr double kMadToSigma = 1.4826;

struct Bounds {
  double lo, hi, center, unit;  // unit: σ, IQR or scaled MAD
};

// z-score and Hampel: the score is |x − center| in units.
void Judge(double x, const Bounds& b, OutlierScores& s, int64_t row) {
  const size_t r = static_cast<size_t>(row);
  s.evaluated[r] = 1;
  s.lo[r] = b.lo;
  s.hi[r] = b.hi;
  s.outlier[r] = x < b.lo || x > b.hi;
  s.score[r] = b.unit > 0 ? std::abs(x - b.center) / b.unit : kNaN;
}

double Median(std::vector<double>& v) {
  std::sort(v.begin(), v.end());
  return SortedQuantile(v, 0.5);
}

}  // namespace

double SortedQuantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return kNaN;
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double DefaultOutlierK(OutlierMethod method) { return method == OutlierMethod::kIqr ? 1.5 : 3.0; }

const char* OutlierMethodName(OutlierMethod method) {
  switch (method) {
    case OutlierMethod::kZScore:
      return "zscore";
    case OutlierMethod::kIqr:
      return "iqr";
    case OutlierMethod::kHampel:
      return "hampel";
  }
  return "?";
}

OutlierScores ScoreOutliers(const Table& input, const std::string& column,
                            const OutlierOptions& options) {
  const Column& c = NumericColumn(input, column, "outliers");
  const double k = options.k > 0 ? options.k : DefaultOutlierK(options.method);
  const size_t n = static_cast<size_t>(input.num_rows());
  OutlierScores s{std::vector<uint8_t>(n, 0), std::vector<uint8_t>(n, 0),
                  std::vector<double>(n, kNaN), std::vector<double>(n, kNaN),
                  std::vector<double>(n, kNaN)};
  std::vector<SortKey> order;
  if (options.method == OutlierMethod::kHampel) {
    if (options.order.empty()) {
      throw Error(ErrorKind::kSpec, "method hampel needs an order column ('order')");
    }
    order.push_back({options.order});
  }
  for (const std::vector<int64_t>& group : GroupRows(input, options.by, order)) {
    std::vector<int64_t> rows;
    std::vector<double> values;
    for (int64_t r : group) {
      if (c.IsNull(r) || std::isnan(NumericAt(c, r))) continue;
      rows.push_back(r);
      values.push_back(NumericAt(c, r));
    }
    const size_t m = values.size();
    if (options.method == OutlierMethod::kZScore) {
      if (m < 2) continue;
      double mean = 0;
      for (double v : values) mean += v;
      mean /= static_cast<double>(m);
      double ss = 0;
      for (double v : values) ss += (v - mean) * (v - mean);
      const double sd = std::sqrt(ss / static_cast<double>(m - 1));
      const Bounds b{mean - k * sd, mean + k * sd, mean, sd};
      for (size_t j = 0; j < m; ++j) Judge(values[j], b, s, rows[j]);
    } else if (options.method == OutlierMethod::kIqr) {
      if (m == 0) continue;
      std::vector<double> sorted = values;
      std::sort(sorted.begin(), sorted.end());
      const double q1 = SortedQuantile(sorted, 0.25), q3 = SortedQuantile(sorted, 0.75);
      const double iqr = q3 - q1;
      for (size_t j = 0; j < m; ++j) {
        const size_t r = static_cast<size_t>(rows[j]);
        const double x = values[j];
        s.evaluated[r] = 1;
        s.lo[r] = q1 - k * iqr;
        s.hi[r] = q3 + k * iqr;
        s.outlier[r] = x < s.lo[r] || x > s.hi[r];
        // Distance outside the box [Q1, Q3] in IQRs: an outlier iff the score exceeds k.
        const double dist = std::max({q1 - x, x - q3, 0.0});
        s.score[r] = iqr > 0 ? dist / iqr : kNaN;
      }
    } else {
      const int64_t w = std::max(options.window, 1);
      std::vector<double> win, dev;
      for (size_t j = 0; j < m; ++j) {
        const size_t from = j >= static_cast<size_t>(w) ? j - static_cast<size_t>(w) : 0;
        const size_t to = std::min(m, j + static_cast<size_t>(w) + 1);
        win.assign(values.begin() + static_cast<std::ptrdiff_t>(from),
                   values.begin() + static_cast<std::ptrdiff_t>(to));
        const double med = Median(win);
        dev.clear();
        for (double v : win) dev.push_back(std::abs(v - med));
        const double mad = kMadToSigma * Median(dev);
        Judge(values[j], Bounds{med - k * mad, med + k * mad, med, mad}, s, rows[j]);
      }
    }
  }
  return s;
}

OutlierResult HandleOutliers(const Table& input, const OutlierOptions& options) {
  const int64_t n = input.num_rows();
  const double k = options.k > 0 ? options.k : DefaultOutlierK(options.method);
  std::vector<uint8_t> any(static_cast<size_t>(n), 0);
  std::vector<std::string> reason(static_cast<size_t>(n));
  TablePtr out = Table::Make(input.schema(), input.columns());
  for (const std::string& name : options.columns) {
    const OutlierScores s = ScoreOutliers(input, name, options);
    const Column& c = *input.column(name);
    for (int64_t i = 0; i < n; ++i) {
      const size_t r = static_cast<size_t>(i);
      if (!s.outlier[r]) continue;
      if (!any[r]) {
        reason[r] = fmt::format("{}={} outside [{:.6g}, {:.6g}] ({} k={:g})", name, ValueText(c, i),
                                s.lo[r], s.hi[r], OutlierMethodName(options.method), k);
      }
      any[r] = 1;
    }
    switch (options.action) {
      case OutlierAction::kFlag: {
        auto flag = Column::Make(TypeId::kBool), score = Column::Make(TypeId::kFloat64);
        for (int64_t i = 0; i < n; ++i) {
          const size_t r = static_cast<size_t>(i);
          flag->AppendBool(s.outlier[r] != 0);
          if (s.evaluated[r] && !std::isnan(s.score[r])) {
            score->AppendFloat64(s.score[r]);
          } else {
            score->AppendNull();
          }
        }
        out = out->WithColumn(name + "_outlier", flag)->WithColumn(name + "_score", score);
        break;
      }
      case OutlierAction::kSetNull: {
        std::vector<int64_t> take(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i)
          take[static_cast<size_t>(i)] = s.outlier[static_cast<size_t>(i)] ? -1 : i;
        out = out->WithColumn(name, c.Take(take));
        break;
      }
      case OutlierAction::kClip: {
        auto v = Column::Make(TypeId::kFloat64);
        for (int64_t i = 0; i < n; ++i) {
          const size_t r = static_cast<size_t>(i);
          if (c.IsNull(i)) {
            v->AppendNull();
          } else {
            const double x = NumericAt(c, i);
            v->AppendFloat64(s.outlier[r] ? std::clamp(x, s.lo[r], s.hi[r]) : x);
          }
        }
        out = out->WithColumn(name, v);
        break;
      }
      case OutlierAction::kQuarantine:
        break;
    }
  }
  OutlierResult result;
  for (uint8_t a : any) result.outliers += a;
  if (options.action != OutlierAction::kQuarantine) {
    result.table = out;
    result.quarantined = Table::MakeEmpty(SetAsideSchema(input.schema()));
    return result;
  }
  std::vector<int64_t> keep, moved;
  std::vector<std::string> rules, reasons;
  for (int64_t i = 0; i < n; ++i) {
    const size_t r = static_cast<size_t>(i);
    if (!any[r]) {
      keep.push_back(i);
      continue;
    }
    moved.push_back(i);
    rules.push_back(fmt::format("outliers:{}", OutlierMethodName(options.method)));
    reasons.push_back(std::move(reason[r]));
  }
  result.table = input.Take(keep);
  result.quarantined = SetAside(input, moved, rules, reasons);
  return result;
}

}  // namespace xf::govern
