// Univariate anomaly scores per group: the 3σ rule and its robust version (median / MAD), for the
// guideline's "异常检测" on meter readings, prices, transaction amounts.
//
//   zscore: score = (x − mean) / sd, sd the sample standard deviation (n − 1) of the group.
//   mad:    score = (x − median) / (1.4826 × MAD), MAD = median |x − median|; 1.4826 makes it
//           estimate sd for normal data, and a few outliers cannot inflate it. When MAD is 0
//           (more than half the values equal) the scale falls back to 1.2533 × mean |x − median|
//           (the same normal-consistency for the mean deviation), so a lone spike in a flat
//           series is still scored.
//   A zero scale (every value equal) gives score 0. Groups with fewer than `min_count` usable
//   values, and rows whose value is NULL or non-finite, get a NULL score and flag false.
//   flag = |score| > k (direction both), score > k (high) or score < −k (low).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

enum class AnomalyMethod { kZScore, kMad };
enum class AnomalyDirection { kBoth, kHigh, kLow };

struct AnomalyOptions {
  AnomalyMethod method = AnomalyMethod::kZScore;
  std::vector<std::string> by;  // one distribution per group; empty: the whole table
  std::string value;            // int64 or float64 column
  double k = 3.0;
  AnomalyDirection direction = AnomalyDirection::kBoth;
  int64_t min_count = 3;
  std::string score_column = "score";
  std::string flag_column = "anomaly";
};

// The input rows in input order plus score (float64) and flag (bool, never NULL).
TablePtr ScoreAnomalies(const Table& input, const AnomalyOptions& options);

// Median of `v` (reordered in place); NaN when empty.
double MedianInPlace(std::vector<double>& v);

// PostgreSQL percentile_cont over sorted values: value at rank q × (n − 1), linear between
// neighbours; NaN when empty.
double QuantileSorted(const std::vector<double>& sorted, double q);

}  // namespace xf::model
