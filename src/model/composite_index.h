// Composite (weighted-sum) indices with indicators rolling up through dimensions: the
// guideline's 综合评价指数 (e.g. 企业信用指数, 绿色发展指数) — indicator → dimension → index.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

struct Dimension {
  std::string name;                     // also the name of its score column
  std::vector<std::string> indicators;  // numeric columns (normalised first)
};

struct CompositeIndexOptions {
  // Without dimensions: index = Σ w_i x_i / Σ w_i over `indicators`. With dimensions: each
  // dimension's score = Σ w_i x_i / Σ w_i over its indicators, and index = Σ W_d s_d / Σ W_d.
  std::vector<std::string> indicators;
  std::vector<Dimension> dimensions;
  // Weights of indicators and of dimensions, by name (weights need not sum to 1: they are
  // scaled within each level).
  std::map<std::string, double> weights;
  std::string output = "index";
};

// The input plus a float64 column per dimension and the index column. A row with a NULL
// indicator gets NULL for that dimension and the index (no silent re-weighting). A spec error
// names an indicator or dimension without a weight, or a negative weight.
TablePtr CompositeIndex(const Table& input, const CompositeIndexOptions& options);

}  // namespace xf::model
