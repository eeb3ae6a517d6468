#include "model/dynamic_threshold.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "model/anomaly.h"
#include "model/feature_matrix.h"
#include "model/series_groups.h"
#include "ops/parallel.h"

namespace xf::model {

namespace {

// Order value of row r as a double (dates in days, timestamps in microseconds).
double OrderValue(const Column& c, int64_t r) {
  switch (c.type()) {
    case TypeId::kDate:
      return c.data<int32_t>()[r];
    case TypeId::kFloat64:
      return c.data<double>()[r];
    default:
      return static_cast<double>(c.data<int64_t>()[r]);
  }
}

struct Bounds {
  bool ok = false;
  double lower = 0, upper = 0;
};

// Bounds from a sorted set of training values.
Bounds FromSorted(const std::vector<double>& sorted, const DynamicThresholdOptions& o) {
  Bounds b;
  const int64_t n = static_cast<int64_t>(sorted.size());
  if (n < std::max<int64_t>(o.min_count, 1)) return b;
  b.ok = true;
  if (o.method == ThresholdMethod::kQuantile) {
    b.lower = QuantileSorted(sorted, o.lower_quantile);
    b.upper = QuantileSorted(sorted, o.upper_quantile);
    return b;
  }
  double sum = 0;
  for (double v : sorted) sum += v;
  const double mean = sum / static_cast<double>(n);
  double ss = 0;
  for (double v : sorted) ss += (v - mean) * (v - mean);
  const double sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0;
  b.lower = mean - o.k * sd;
  b.upper = mean + o.k * sd;
  return b;
}

}  // namespace

TablePtr DynamicThresholds(const Table& input, const std::vector<uint8_t>& training,
                           const DynamicThresholdOptions& o) {
  RequireNumericColumn(input, o.value, "dynamic threshold");
  const Column& vc = *input.column(o.value);
  const Column* oc = nullptr;
  if (o.window) {
    oc = input.column(o.order).get();
    const TypeId t = oc->type();
    if (t != TypeId::kDate && t != TypeId::kTimestamp && t != TypeId::kInt64 &&
        t != TypeId::kFloat64) {
      throw Error(
          ErrorKind::kSpec,
          "dynamic threshold: order column '" + o.order + "' must be a date, timestamp or number",
          SourceContext{.column_name = o.order});
    }
  }
  const int64_t n = input.num_rows();
  std::vector<std::string> keys = o.by;
  keys.insert(keys.end(), o.condition.begin(), o.condition.end());
  std::vector<double> lower(n, 0), upper(n, 0);
  std::vector<uint8_t> ok(n, 0), breach(n, 0);
  auto is_training = [&](int64_t r, double* v) {
    return (training.empty() || training[r]) && NumericValue(vc, r, v);
  };
  // Each row's bounds are written by the one task that owns its group.
  auto set = [&](int64_t r, const Bounds& b) {
    if (!b.ok) return;
    ok[r] = 1;
    lower[r] = b.lower;
    upper[r] = b.upper;
    double v = 0;
    if (NumericValue(vc, r, &v)) breach[r] = v < b.lower || v > b.upper;
  };
  if (!o.window) {
    const RowGroups groups = GroupRows(input, keys);
    ParallelTasks(groups.num_groups(), [&](int64_t g) {
      std::vector<double> train;
      for (int64_t i = groups.offsets[g]; i < groups.offsets[g + 1]; ++i) {
        double v = 0;
        if (is_training(groups.rows[i], &v)) train.push_back(v);
      }
      std::sort(train.begin(), train.end());
      const Bounds b = FromSorted(train, o);
      for (int64_t i = groups.offsets[g]; i < groups.offsets[g + 1]; ++i) set(groups.rows[i], b);
    });
  } else {
    // Rolling: rows in order (NULL order: no bounds); the window holds the training values with
    // order in (t − window, t), kept sorted.
    ForEachOrderedSeries(input, keys, o.order, [&](const std::vector<int64_t>& rows) {
      std::vector<double> window;
      size_t add = 0, drop = 0;
      for (size_t i = 0; i < rows.size(); ++i) {
        const double t = OrderValue(*oc, rows[i]);
        while (add < rows.size() && OrderValue(*oc, rows[add]) < t) {
          double v = 0;
          if (is_training(rows[add], &v))
            window.insert(std::upper_bound(window.begin(), window.end(), v), v);
          ++add;
        }
        while (drop < add && OrderValue(*oc, rows[drop]) <= t - *o.window) {
          double v = 0;
          if (is_training(rows[drop], &v))
            window.erase(std::lower_bound(window.begin(), window.end(), v));
          ++drop;
        }
        set(rows[i], FromSorted(window, o));
      }
    });
  }
  auto make = [&](const std::vector<double>& v) {
    auto c = Column::Make(TypeId::kFloat64);
    c->ResizeFixed(n);
    std::copy(v.begin(), v.end(), c->mutable_data<double>());
    c->SetValidityFromFlags(ok);
    return c;
  };
  auto bc = Column::Make(TypeId::kBool);
  bc->ResizeFixed(n);
  std::copy(breach.begin(), breach.end(), bc->mutable_data<uint8_t>());
  return input.WithColumn(o.lower_column, make(lower))
      ->WithColumn(o.upper_column, make(upper))
      ->WithColumn(o.breach_column, bc);
}

}  // namespace xf::model
