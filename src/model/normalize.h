// Normalisation of indicator columns before weighting (综合评价指标的无量纲化): min-max to [0, 1]
// or z-scores, each indicator by its direction — benefit (higher is better) or cost (lower is
// better, flipped so that higher is better after normalisation).
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

enum class Direction { kBenefit, kCost };

struct Indicator {
  std::string column;
  Direction direction = Direction::kBenefit;
};

enum class NormalizeMethod { kMinMax, kZScore };

struct NormalizeOptions {
  NormalizeMethod method = NormalizeMethod::kMinMax;
  std::vector<Indicator> indicators;
  std::vector<std::string> by;  // normalise within each group (e.g. per year); empty: all rows
  std::string suffix;           // "" replaces the columns; else adds <column><suffix>
};

// Min-max: benefit (x − min)/(max − min), cost (max − x)/(max − min); a constant indicator
// (max = min) gives 1 for every row. Z-score: benefit (x − mean)/sd, cost (mean − x)/sd with the
// sample sd; 0 when sd is 0. NULL and non-finite values stay NULL and are not counted. Output
// columns are float64.
TablePtr Normalize(const Table& input, const NormalizeOptions& options);

}  // namespace xf::model
