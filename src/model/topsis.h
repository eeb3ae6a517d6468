// TOPSIS (逼近理想解排序法; Hwang & Yoon 1981): rank alternatives by their relative closeness to
// the ideal solution after vector normalisation and weighting.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"
#include "model/normalize.h"

namespace xf::model {

struct TopsisOptions {
  std::vector<Indicator> indicators;  // raw values; direction says which end is ideal
  std::vector<double> weights;        // one per indicator (scaled to sum 1); empty: equal
  std::string prefix;                 // prefix of the output column names
};

// r_ij = x_ij / sqrt(Σ_i x_ij²), v_ij = w_j r_ij; ideal A⁺ = max v (benefit) / min v (cost),
// anti-ideal A⁻ the opposite; d⁺, d⁻ Euclidean distances; closeness = d⁻ / (d⁺ + d⁻) (0.5 when
// both are 0). Rows with a NULL indicator take no part and get NULL outputs. Output: the input
// plus d_plus, d_minus, closeness (float64) and rank (int64, 1 = closest; ties share the smaller
// rank).
TablePtr Topsis(const Table& input, const TopsisOptions& options);

}  // namespace xf::model
