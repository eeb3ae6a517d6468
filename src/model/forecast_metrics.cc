#include "model/forecast_metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "model/series_groups.h"
#include "ops/parallel.h"

namespace xf {

namespace {

bool NumericAt(const Column& c, int64_t i, double* out) {
  if (c.IsNull(i)) return false;
  *out = c.type() == TypeId::kFloat64 ? c.data<double>()[i]
                                      : static_cast<double>(c.data<int64_t>()[i]);
  return std::isfinite(*out);
}

void RequireNumeric(const Column& c, const char* what) {
  if (!IsNumeric(c.type())) {
    throw Error(ErrorKind::kSpec, fmt::format("forecast metrics: {} column must be numeric, not {}",
                                              what, TypeName(c.type())));
  }
}

}  // namespace

ForecastMetrics ComputeForecastMetrics(const Column& actual, const Column& forecast) {
  RequireNumeric(actual, "actual");
  RequireNumeric(forecast, "forecast");
  XF_CHECK(actual.size() == forecast.size());
  ForecastMetrics m;
  double abs_sum = 0, sq_sum = 0, pct_sum = 0;
  for (int64_t i = 0; i < actual.size(); ++i) {
    double a = 0, f = 0;
    if (!NumericAt(actual, i, &a) || !NumericAt(forecast, i, &f)) continue;
    const double e = std::fabs(a - f);
    ++m.n;
    abs_sum += e;
    sq_sum += e * e;
    if (a != 0) {
      ++m.mape_n;
      pct_sum += e / std::fabs(a);
    }
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  m.mae = m.n > 0 ? abs_sum / static_cast<double>(m.n) : nan;
  m.rmse = m.n > 0 ? std::sqrt(sq_sum / static_cast<double>(m.n)) : nan;
  m.mape = m.mape_n > 0 ? pct_sum / static_cast<double>(m.mape_n) : nan;
  return m;
}

ColumnPtr SeasonalNaive(const Table& input, const std::vector<std::string>& keys,
                        const std::string& date, const std::string& value, int64_t season_days) {
  const Column& dc = *input.column(date);
  const Column& vc = *input.column(value);
  if (dc.type() != TypeId::kDate) {
    throw Error(ErrorKind::kSpec, "seasonal naive: '" + date + "' must be a date column",
                SourceContext{.column_name = date});
  }
  RequireNumeric(vc, "value");
  const int64_t n = input.num_rows();
  const int32_t* dates = dc.data<int32_t>();
  std::vector<double> out(static_cast<size_t>(n), 0);
  std::vector<uint8_t> valid(static_cast<size_t>(n), 0);
  ForEachDatedSeries(input, keys, dc, [&](const std::vector<int64_t>& rows) {
    // Two pointers: `j` walks to the last row dated exactly d - season_days.
    size_t j = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      const int64_t target = static_cast<int64_t>(dates[rows[i]]) - season_days;
      while (j < rows.size() && dates[rows[j]] <= target) ++j;
      if (j == 0 || dates[rows[j - 1]] != target) continue;
      double v = 0;
      if (NumericAt(vc, rows[j - 1], &v)) {
        out[static_cast<size_t>(rows[i])] = v;
        valid[static_cast<size_t>(rows[i])] = 1;
      }
    }
  });
  auto c = Column::Make(TypeId::kFloat64);
  c->ResizeFixed(n);
  std::copy(out.begin(), out.end(), c->mutable_data<double>());
  c->SetValidityFromFlags(valid);
  return c;
}

}  // namespace xf
