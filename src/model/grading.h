// Grading a score into labelled levels (分级: A/B/C/D, 优/良/中/差) by fixed bands or by quantiles.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"
#include "model/normalize.h"

namespace xf::model {

struct GradeOptions {
  std::string column;  // numeric score
  // Benefit: higher is better, a value >= the highest cut gets the first label. Cost: lower is
  // better, a value <= the lowest cut gets the first label.
  Direction direction = Direction::kBenefit;
  std::vector<double> bands;        // cut values, any order
  std::vector<double> quantiles;    // or cut probabilities in (0, 1), any order
  std::vector<std::string> labels;  // best first; cuts + 1 of them
  std::string output = "grade";
};

// The cut values: `bands`, or the quantiles (linear interpolation between order statistics, as
// numpy's default) of the column's non-NULL values. Sorted best first. A data error when there
// are fewer non-NULL values than levels.
std::vector<double> GradeCuts(const Table& input, const GradeOptions& options);

// The input plus `output` (string label) and `<output>_level` (int64, 1 = best); NULL for a NULL
// score. A value equal to a cut gets the better level.
TablePtr Grade(const Table& input, const GradeOptions& options);

}  // namespace xf::model
