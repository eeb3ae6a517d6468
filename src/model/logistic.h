// Logistic regression by Newton–Raphson (IRLS) with an optional L2 penalty, per group: the
// guideline's 违约概率 / 风险概率 models, and the fit behind scorecards.
//
// Model: P(y = 1) = 1 / (1 + exp(−(b0 + b1 x1 + … + bk xk))). The penalty λ/2 Σ bj² covers the
// slopes, never the intercept; x is used as given (standardise first when scales differ).
// Standard errors are sqrt(diag(H⁻¹)) with H = XᵀWX + λP at the estimate (for λ > 0 the
// Bayesian/penalised-likelihood approximation).
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

struct LogisticOptions {
  std::string y;                // target: bool or 0/1
  std::vector<std::string> x;   // numeric predictors
  std::vector<std::string> by;  // one model per group; empty: one model
  double l2 = 0;                // penalty λ on the slopes
  bool intercept = true;
  int max_iterations = 100;
  double tolerance = 1e-9;  // on the largest change of a coefficient (relative to 1 + |b|)
};

// The low-level fit on a design matrix (the intercept, if any, is column `intercept_column`, not
// penalised; -1 for none).
struct LogisticFit {
  Eigen::VectorXd beta;
  Eigen::VectorXd std_error;  // NaN where not available
  int iterations = 0;
  bool converged = false;
  std::string error;  // set when the design is singular
};
LogisticFit FitLogisticDesign(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double l2,
                              int intercept_column, int max_iterations, double tolerance);

struct LogisticResult {
  // by…, term ("intercept", then the x names), estimate, std_error, z (float64). The
  // term/estimate layout of regression's coefficients, so the `predict` step applies it (with
  // `link: logit`).
  TablePtr coefficients;
  // by…, n (rows used), skipped (rows with a NULL y or x), events (rows with y = 1), iterations
  // (int64), converged (bool: false when the maximum was reached, e.g. under complete
  // separation), log_loss, auc (float64; auc NULL when one class is absent).
  TablePtr fit_stats;
};

// A data error naming the group when its design is singular without a penalty (constant or
// collinear x, fewer rows than terms).
LogisticResult FitLogistic(const Table& input, const LogisticOptions& options);

}  // namespace xf::model
