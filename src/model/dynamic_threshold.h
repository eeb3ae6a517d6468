// Dynamic thresholds per entity and operating condition, learned from normal periods only: the
// guideline's "动态阈值" — a pump's normal vibration differs between pumps and between load bands,
// and a boiler's normal temperature between workdays and holidays.
//
// Rows are grouped by `by` (the entity) plus `condition` (e.g. a day type or load-band column).
// Training values are the group's rows where `training` is set (e.g. not in a known fault
// window) with a finite value. Bounds:
//   sigma:    mean ± k × sd (sample sd, n − 1) of the training values;
//   quantile: the `lower_quantile` and `upper_quantile` (percentile_cont) of the training values.
// Without `window` every row's bounds come from all training values of its group (a static
// baseline per group). With `window` and an `order` column, a row's bounds come only from the
// group's training rows strictly earlier, within `window` of it (order values in (t − window, t)):
// rolling, causal bounds that follow slow drift without ever learning from the row itself.
// Bounds are NULL while fewer than `min_count` training values are available; breach =
// value < lower or value > upper, false when the value or a bound is NULL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

enum class ThresholdMethod { kSigma, kQuantile };

struct DynamicThresholdOptions {
  std::vector<std::string> by;
  std::vector<std::string> condition;
  std::string value;
  ThresholdMethod method = ThresholdMethod::kSigma;
  double k = 3.0;
  double lower_quantile = 0.01;
  double upper_quantile = 0.99;
  // Rolling window: `order` names a date, timestamp, int64 or float64 column and `window` is in
  // its units (days for dates, microseconds for timestamps).
  std::string order;
  std::optional<double> window;
  int64_t min_count = 5;
  std::string lower_column = "lower";
  std::string upper_column = "upper";
  std::string breach_column = "breach";
};

// `training`: one flag per row (nonzero: a normal-period row to learn from); empty: every row.
// Returns the input rows in input order plus lower, upper (float64) and breach (bool).
TablePtr DynamicThresholds(const Table& input, const std::vector<uint8_t>& training,
                           const DynamicThresholdOptions& options);

}  // namespace xf::model
