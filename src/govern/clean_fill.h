// Filling missing (NULL) values: a constant, the previous value, linear interpolation in time,
// the group mean or median, or the same slot of an earlier period (seasonal).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"
#include "core/value.h"

namespace xf::govern {

enum class FillMethod {
  kConstant,  // `constant` (of the column's type; an int64 into a float64 column is widened)
  kForward,   // the last non-NULL value of the key before it in time, at most `max_gap` older
  kLinear,    // interpolated between the neighbouring non-NULL values of the key, by time
              // distance; leading and trailing NULLs stay NULL (no extrapolation)
  kMean,      // mean of the group's non-NULL values
  kMedian,    // median of the group's non-NULL values (mean of the two middle ones when even)
  kSeasonal,  // the key's value at time − period (then − 2·period … up to `max_periods`)
};

struct FillOptions {
  std::vector<std::string> columns;
  FillMethod method = FillMethod::kConstant;
  Value constant;
  std::vector<std::string> by;  // series keys (forward, linear, seasonal) or groups (mean, median)
  std::string time;             // forward, linear, seasonal: timestamp, date or int64 column
  int64_t max_gap_micros = 0;   // forward, linear: largest time span bridged; 0 = any
  int64_t period_micros = 0;    // seasonal: e.g. 1 day for "same hour yesterday"
  int max_periods = 1;          // seasonal: how many periods back to look
  bool flag = false;            // add <col>_filled (bool): true where a value was filled
};

struct FillResult {
  TablePtr table;      // same rows in the same order
  int64_t filled = 0;  // values filled over all columns
};

// Only originally present values feed a fill (a filled value never feeds another), so the result
// does not depend on the order columns or rows are visited in. Linear, mean and median need a
// numeric column and make it float64; the other methods keep the column's type.
FillResult FillMissing(const Table& input, const FillOptions& options);

const char* FillMethodName(FillMethod method);

}  // namespace xf::govern
