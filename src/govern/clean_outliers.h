// Outliers per group of a numeric column: 3σ (z-score), Tukey's IQR fences, or a Hampel filter
// (rolling median ± k scaled MADs along an order column), with an action on the rows found.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::govern {

enum class OutlierMethod {
  kZScore,  // |x − mean| > k·s, s the sample standard deviation (n − 1) of the group; k = 3
  kIqr,     // x < Q1 − k·IQR or x > Q3 + k·IQR, quartiles by linear interpolation; k = 1.5
  kHampel,  // |x − m| > k·1.4826·MAD over the `window` neighbours each side in `order`; k = 3
};

enum class OutlierAction {
  kFlag,        // adds <col>_outlier (bool) and <col>_score (float64)
  kSetNull,     // the outlying value becomes NULL
  kClip,        // the value is clipped to the bounds (the column becomes float64)
  kQuarantine,  // the row moves to the second output with _rules, _reasons and _source_row
};

struct OutlierOptions {
  std::vector<std::string> columns;  // numeric columns, each checked on its own
  std::vector<std::string> by;       // groups; empty = the whole table
  OutlierMethod method = OutlierMethod::kZScore;
  double k = 0;       // 0 = the method's default
  std::string order;  // hampel: the column giving the series order
  int window = 3;     // hampel: neighbours on each side
  OutlierAction action = OutlierAction::kFlag;
};

// Per row of one column. Rows with a NULL value, or in a group too small to judge (z-score:
// fewer than 2 values), are not evaluated. `score` is the distance in the method's unit (σ, IQR,
// scaled MAD) and NaN when that unit is 0; a row is an outlier iff its value is outside [lo, hi].
struct OutlierScores {
  std::vector<uint8_t> evaluated, outlier;
  std::vector<double> score, lo, hi;
};

OutlierScores ScoreOutliers(const Table& input, const std::string& column,
                            const OutlierOptions& options);

struct OutlierResult {
  TablePtr table;        // every row not quarantined
  TablePtr quarantined;  // kQuarantine: the outlying rows with _rules, _reasons and _source_row;
                         // else empty
  int64_t outliers = 0;  // rows with at least one outlying value
};

// table.num_rows() + quarantined.num_rows() == input.num_rows(), always.
OutlierResult HandleOutliers(const Table& input, const OutlierOptions& options);

// The default k of a method (3, 1.5, 3) and its name (zscore, iqr, hampel).
double DefaultOutlierK(OutlierMethod method);
const char* OutlierMethodName(OutlierMethod method);

// Quantile by linear interpolation between order statistics (R type 7, numpy's default) of
// values sorted ascending; NaN when empty.
double SortedQuantile(const std::vector<double>& sorted, double q);

}  // namespace xf::govern
