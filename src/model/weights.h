// Indicator weights for composite indices: given weights, AHP (层次分析法) and the entropy weight
// method (熵权法).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

// Saaty's consistency ratio above which the judgements should be revisited.
constexpr double kAhpMaxConsistencyRatio = 0.1;

struct AhpResult {
  std::vector<double> weights;  // principal right eigenvector, summing to 1
  double lambda_max = 0;
  double ci = 0;  // consistency index (λmax − n)/(n − 1)
  double ri = 0;  // Saaty's random index for n
  double cr = 0;  // ci / ri; 0 for n <= 2
  bool consistent() const { return cr <= kAhpMaxConsistencyRatio; }
};

// Saaty's random consistency index for an n×n matrix, n in 1..15.
double SaatyRandomIndex(int n);

// AHP on a pairwise comparison matrix (rows of equal length n, 1 <= n <= 15): a[i][j] says how
// much more important i is than j. Throws a spec error naming the cell when the matrix is not
// square, an entry is not a positive finite number, the diagonal is not 1, or a[j][i] is not
// 1/a[i][j] (within 1%, so 0.333 for 1/3 passes). A high CR is not an error: see consistent().
AhpResult Ahp(const std::vector<std::vector<double>>& matrix);

// Entropy weights of the indicator columns over the rows where all of them are non-NULL:
// p_ij = x_ij / Σ_i x_ij, e_j = −Σ_i p_ij ln p_ij / ln m, w_j = (1 − e_j) / Σ_k (1 − e_k).
// Values must be >= 0 (normalise first; a data error naming the column otherwise) and at least
// two rows are needed. An all-zero or constant column carries no information (weight 0); when no
// column carries any, the weights are equal.
std::vector<double> EntropyWeights(const Table& table, const std::vector<std::string>& indicators);

// Positive finite weights scaled to sum 1; a spec error for a negative or all-zero list.
std::vector<double> ScaleWeights(const std::vector<double>& weights);

// name → weight from a table with `indicator` (text) and `weight` (numeric) columns, such as
// WeightsTable's; a spec error when the columns are missing.
std::map<std::string, double> WeightMap(const Table& weights);

// The weights table: indicator (string), weight, method (string), lambda_max, ci, cr (float64,
// NULL unless AHP), warning (string, NULL unless AHP's CR exceeds 0.1).
TablePtr WeightsTable(const std::vector<std::string>& indicators,
                      const std::vector<double>& weights, const std::string& method,
                      const std::optional<AhpResult>& ahp);

}  // namespace xf::model
