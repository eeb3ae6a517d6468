// Window functions over partitions ordered by one or more columns.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"
#include "core/value.h"
#include "ops/row_comparator.h"

namespace xf {

enum class WindowFunc {
  kRowNumber,     // 1, 2, 3 ... in window order                                  int64
  kRank,          // rank with gaps among peers (equal order keys)                 int64
  kDenseRank,     // rank without gaps                                             int64
  kLag,           // value `offset` rows before, or `default_value`              input type
  kLead,          // value `offset` rows after, or `default_value`               input type
  kCumSum,        // running sum of non-NULL values (NULL before the first); int64 stays int64
  kRollingMean,   // rolling functions: over the last `rows` rows of the partition (including
  kRollingSum,    //   the current one), or, with `range` > 0, over the rows whose order value
  kRollingStd,    //   t' lies in (t - range, t] (pandas closed='right'; like pandas, rows after
  kRollingMin,    //   the current one with an equal time are not included). NULL values are
  kRollingMax,    //   skipped; NULL when fewer than min_periods values. std is the sample
  kRollingCount,  //   deviation (n-1). Results are float64; count is int64 and never NULL.
};

struct WindowSpec {
  WindowFunc func = WindowFunc::kRowNumber;
  std::string column;  // input column (not for row_number/rank/dense_rank)
  std::string output;  // output column name (required)
  int64_t offset = 1;  // lag/lead distance, >= 0
  Value default_value;  // lag/lead value past the partition edge; NULL by default
  int64_t rows = 0;     // rolling: window size in rows
  double range = 0;     // rolling: window length in units of the single order column
                        //   (microseconds for timestamps, days for dates)
  int64_t min_periods = -1;  // default: `rows` for row windows (pandas), 1 for range windows
};

struct WindowOptions {
  std::vector<std::string> partition_by;  // may be empty: one partition
  std::vector<SortKey> order_by;          // may be empty: input order
  std::vector<WindowSpec> functions;
};

// The input table in its original row order, plus one column per function. Ties in the order
// keep input order. Rolling windows are O(n) per partition (two pointers, Welford with removal
// for std, monotonic deques for min/max).
TablePtr Window(const Table& input, const WindowOptions& options);

}  // namespace xf
