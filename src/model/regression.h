// Linear regression (OLS and ridge) per group, and applying fitted coefficients to new rows: the
// guideline's "排污量—用电量" regression (9 绿色低碳 · 领域三) and any scenario's linear model.
//
// Model: y = b0 + b1 x1 + … + bk xk (b0 only with `intercept`). Ridge adds lambda × Σ bj² for the
// slopes (never the intercept) to the squared error; x columns are used as given (standardise
// them first when their scales differ, as the penalty is not scale-invariant). Standard errors:
// OLS the classic sqrt(σ² (XᵀX)⁻¹); ridge the sandwich sqrt(σ² A⁻¹XᵀXA⁻¹) with A = XᵀX + λP, both
// with σ² = RSS / (n − p), p the number of terms. Solved with Eigen's column-pivoting QR.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf {

struct RegressionOptions {
  std::string y;                // numeric response
  std::vector<std::string> x;   // numeric predictors (may be empty with an intercept)
  std::vector<std::string> by;  // fit one model per group; empty: one model
  double ridge_lambda = 0;      // 0: ordinary least squares
  bool intercept = true;
};

struct RegressionResult {
  // by…, term (string: "intercept", then the x names), estimate, std_error, t (float64; NULL
  // when there are no residual degrees of freedom or the error is zero). Groups in order of
  // first appearance.
  TablePtr coefficients;
  // by…, n (int64 rows used), skipped (int64 rows with a NULL or non-finite y or x), r2, adj_r2,
  // rmse (float64; r2 NULL when y is constant, adj_r2 NULL when n <= p).
  TablePtr fit_stats;
};

// Throws a data error naming the group when its design is singular (collinear or constant x, or
// fewer usable rows than terms) — an OLS fit that silently dropped a term would mislead.
RegressionResult FitRegression(const Table& input, const RegressionOptions& options);

// How the linear predictor η = Σ estimate × x becomes the prediction.
enum class PredictLink {
  kIdentity,  // η (linear regression)
  kLogit,     // 1 / (1 + e^−η), a probability (logistic regression)
};

struct PredictOptions {
  std::vector<std::string> by;  // the group columns of the coefficient table (same names in data)
  std::string output = "prediction";
  PredictLink link = PredictLink::kIdentity;
};

// `data` plus a float64 prediction column: for each row, the coefficients of its group (by
// `term`/`estimate` columns of a FitRegression coefficient table) applied to its x values. NULL
// when an x is NULL or the row's group has no coefficients (NULL group keys never match). A term
// other than "intercept" must name a numeric column of `data` (spec error otherwise).
TablePtr Predict(const Table& data, const Table& coefficients, const PredictOptions& options);

}  // namespace xf
