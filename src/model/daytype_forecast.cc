#include "model/daytype_forecast.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "core/calendar_cn.h"
#include "core/error.h"
#include "model/series_groups.h"
#include "ops/parallel.h"

namespace xf {

namespace {

constexpr int kTypes = 3;  // DayType values as indices

int TypeIndex(DayType t) { return static_cast<int>(t); }

void CheckOptions(const Table& input, const DayTypeForecastOptions& o) {
  auto spec_error = [](const std::string& message, const std::string& column = "") {
    throw Error(ErrorKind::kSpec, "forecast_daytype: " + message,
                SourceContext{.column_name = column});
  };
  const TypeId dt = input.column(o.date)->type();
  if (dt != TypeId::kDate) {
    spec_error(fmt::format("date column '{}' must be of type date, not {} (derive one with "
                           "CAST(t AS date))",
                           o.date, TypeName(dt)),
               o.date);
  }
  const TypeId vt = input.column(o.value)->type();
  if (!IsNumeric(vt)) {
    spec_error(fmt::format("value column '{}' must be numeric, not {}", o.value, TypeName(vt)),
               o.value);
  }
  if (o.lookback_days < 1 || o.holiday_lookback_days < 1 || o.recent_days < 1) {
    spec_error("lookback_days, holiday_lookback_days and recent_days must be >= 1");
  }
  if (o.min_history_days < 0) spec_error("min_history_days must be >= 0");
  if (!(o.correction_min > 0) || !(o.correction_min <= o.correction_max)) {
    spec_error("need 0 < correction_min <= correction_max");
  }
}

// A sum and count over a sliding window of history rows.
struct Window {
  double sum = 0;
  int64_t count = 0;
  void Add(double v) { sum += v, ++count; }
  void Remove(double v) { sum -= v, --count; }
  double Mean() const { return sum / static_cast<double>(count); }
};

struct Outputs {
  std::vector<double> baseline, correction, expected;
  std::vector<uint8_t> baseline_ok, forecast_ok;
};

// One series: `rows` are its rows with a valid date, sorted by (date, row).
void ForecastSeries(const std::vector<int64_t>& rows, const int32_t* dates,
                    const std::vector<double>& values, const std::vector<uint8_t>& usable,
                    const DayTypeForecastOptions& o, Outputs* out) {
  const size_t n = rows.size();
  std::vector<int> types(n);
  std::vector<double> own_baseline(n, 0);  // each row's baseline, for later corrections
  std::vector<uint8_t> has_baseline(n, 0);
  for (size_t i = 0; i < n; ++i) types[i] = TypeIndex(ChinaDayType(dates[rows[i]]));
  const std::array<int64_t, kTypes> lookback = {o.lookback_days, o.lookback_days,
                                                o.holiday_lookback_days};
  static_assert(static_cast<int>(DayType::kWorkday) == 0 &&
                static_cast<int>(DayType::kWeekend) == 1 &&
                static_cast<int>(DayType::kHoliday) == 2);

  std::array<Window, kTypes> type_window;
  std::array<size_t, kTypes> type_tail = {0, 0, 0};
  Window actual_recent, baseline_recent;
  size_t recent_tail = 0;
  size_t head = 0;  // rows before head are history
  int64_t history = 0;
  auto in_type_window = [&](size_t j, int t) { return usable[rows[j]] && types[j] == t; };
  auto in_recent = [&](size_t j) { return usable[rows[j]] && has_baseline[j]; };

  for (size_t a = 0; a < n;) {
    const int32_t d = dates[rows[a]];
    size_t b = a;
    while (b < n && dates[rows[b]] == d) ++b;
    // Rows dated before d become history.
    for (; head < a; ++head) {
      if (!usable[rows[head]]) continue;
      const double v = values[static_cast<size_t>(rows[head])];
      type_window[static_cast<size_t>(types[head])].Add(v);
      ++history;
      if (has_baseline[head]) {
        actual_recent.Add(v);
        baseline_recent.Add(own_baseline[head]);
      }
    }
    // Rows older than each window leave it.
    for (int t = 0; t < kTypes; ++t) {
      size_t& tail = type_tail[static_cast<size_t>(t)];
      for (; tail < head && dates[rows[tail]] < d - lookback[static_cast<size_t>(t)]; ++tail) {
        if (in_type_window(tail, t)) {
          type_window[static_cast<size_t>(t)].Remove(values[static_cast<size_t>(rows[tail])]);
        }
      }
    }
    for (; recent_tail < head && dates[rows[recent_tail]] < d - o.recent_days; ++recent_tail) {
      if (in_recent(recent_tail)) {
        actual_recent.Remove(values[static_cast<size_t>(rows[recent_tail])]);
        baseline_recent.Remove(own_baseline[recent_tail]);
      }
    }

    const int t = types[a];
    const Window* w = &type_window[static_cast<size_t>(t)];
    if (w->count == 0 && t == TypeIndex(DayType::kHoliday)) {
      w = &type_window[static_cast<size_t>(TypeIndex(DayType::kWeekend))];
    }
    const bool ok = w->count > 0;
    const double baseline = ok ? w->Mean() : 0;
    double correction = 1;
    if (baseline_recent.count > 0 && baseline_recent.sum > 0) {
      correction =
          std::clamp(actual_recent.sum / baseline_recent.sum, o.correction_min, o.correction_max);
    }
    const bool enough = history >= o.min_history_days;
    for (size_t i = a; i < b; ++i) {
      own_baseline[i] = baseline;
      has_baseline[i] = ok;
      const auto r = static_cast<size_t>(rows[i]);
      out->baseline[r] = baseline;
      out->correction[r] = correction;
      out->expected[r] = baseline * correction;
      out->baseline_ok[r] = ok && enough;
      out->forecast_ok[r] = ok && enough;
    }
    a = b;
  }
}

ColumnPtr FloatColumn(std::vector<double> values, const std::vector<uint8_t>& valid) {
  auto c = Column::Make(TypeId::kFloat64);
  c->ResizeFixed(static_cast<int64_t>(values.size()));
  std::copy(values.begin(), values.end(), c->mutable_data<double>());
  c->SetValidityFromFlags(valid);
  return c;
}

}  // namespace

TablePtr DayTypeForecast(const Table& input, const DayTypeForecastOptions& o) {
  CheckOptions(input, o);
  const int64_t n = input.num_rows();
  const Column& date_col = *input.column(o.date);
  const Column& value_col = *input.column(o.value);
  const int32_t* dates = date_col.data<int32_t>();

  std::vector<double> values(static_cast<size_t>(n));
  std::vector<uint8_t> usable(static_cast<size_t>(n));
  for (int64_t r = 0; r < n; ++r) {
    const double v = value_col.type() == TypeId::kFloat64
                         ? value_col.data<double>()[r]
                         : static_cast<double>(value_col.data<int64_t>()[r]);
    values[static_cast<size_t>(r)] = v;
    usable[static_cast<size_t>(r)] = date_col.IsValid(r) && value_col.IsValid(r) &&
                                     std::isfinite(v) && !(o.exclude_below && v < *o.exclude_below);
  }

  Outputs out;
  out.baseline.assign(static_cast<size_t>(n), 0);
  out.correction.assign(static_cast<size_t>(n), 0);
  out.expected.assign(static_cast<size_t>(n), 0);
  out.baseline_ok.assign(static_cast<size_t>(n), 0);
  out.forecast_ok.assign(static_cast<size_t>(n), 0);

  // Each key writes only its own rows, so the result cannot depend on scheduling.
  ForEachDatedSeries(input, o.keys, date_col, [&](const std::vector<int64_t>& rows) {
    ForecastSeries(rows, dates, values, usable, o, &out);
  });

  auto day_type = Column::Make(TypeId::kString);
  day_type->Reserve(n, n * 7);
  for (int64_t r = 0; r < n; ++r) {
    if (date_col.IsValid(r)) {
      day_type->AppendString(DayTypeName(ChinaDayType(dates[r])));
    } else {
      day_type->AppendNull();
    }
  }
  TablePtr result = input.WithColumn(o.prefix + "day_type", day_type);
  result = result->WithColumn(o.prefix + "baseline",
                              FloatColumn(std::move(out.baseline), out.baseline_ok));
  result = result->WithColumn(o.prefix + "correction",
                              FloatColumn(std::move(out.correction), out.forecast_ok));
  result = result->WithColumn(o.prefix + "expected",
                              FloatColumn(std::move(out.expected), out.forecast_ok));
  return result;
}

}  // namespace xf
