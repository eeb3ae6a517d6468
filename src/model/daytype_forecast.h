// The guideline's 电量预测模型 (9 绿色低碳 · 领域三): expected daily electricity per company,
// "对工作日、周末、节假日三种情况分别预测 … 计算出企业的日平均电量和历史日电量之间的偏差，对预测的
// 整体结果进行纠正".
//
// For every row (key, date) and using only rows of the same key strictly before that date:
//   baseline   = mean of the values of the same China day type (core/calendar_cn.h: workday,
//                weekend, holiday with make-up workdays) dated in [date - lookback, date - 1];
//                lookback is `lookback_days` for workdays and weekends and
//                `holiday_lookback_days` for holidays (holidays are rare, so the window is about
//                a year). A holiday with no holiday in its window falls back to the weekend
//                baseline (closed offices behave more like a weekend than a workday).
//   correction = (mean actual value of the history rows dated in [date - recent_days, date - 1])
//                ÷ (mean of the baselines those same rows had on their own dates), clamped to
//                [correction_min, correction_max]; 1 when undefined (no recent row with a
//                baseline, or a non-positive denominator). This is the "deviation between the
//                recent daily mean and the history" that corrects all three day types at once.
//   expected   = baseline × correction.
//
// History excludes NULL/NaN values and, with `exclude_below`, values below it: with the
// guideline's shutdown rule (日电量 < 6 kWh → 停产) set exclude_below = 6 so that shutdown days do
// not drag the expected production-day consumption down. Excluded rows still get a forecast.
//
// baseline, correction and expected are NULL while the key has fewer than `min_history_days`
// usable history rows before the date (a brand-new user has no meaningful forecast), and the
// baseline is NULL when no usable same-type (or, for holidays, weekend) row lies in its window.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf {

struct DayTypeForecastOptions {
  std::vector<std::string> keys;  // series keys, e.g. {"user_id"}; empty: one series
  std::string date;               // date column (type date)
  std::string value;              // numeric column (int64 or float64)
  int64_t lookback_days = 56;
  int64_t holiday_lookback_days = 400;
  int64_t recent_days = 7;
  int64_t min_history_days = 14;
  double correction_min = 0.5;
  double correction_max = 2.0;
  std::optional<double> exclude_below;
  // Output columns: prefix + "day_type", "baseline", "correction", "expected".
  std::string prefix;
};

// The input rows in input order plus the four output columns (day_type string, the others
// float64). Rows with a NULL date get NULL outputs and are not history. Runs in O(n log n) for the
// per-key sort and O(n) for the forecast itself (running sums over sliding windows), in parallel
// over keys; the result does not depend on the thread count.
TablePtr DayTypeForecast(const Table& input, const DayTypeForecastOptions& options);

}  // namespace xf
