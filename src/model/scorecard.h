// Credit-style scorecards (评分卡): bin each variable, replace it by the weight of evidence (WOE)
// of its bin, fit a logistic regression of the bad flag on the WOEs, and scale to points with PDO
// and base odds (Siddiqi, Credit Risk Scorecards, 2006, ch. 8–10).
//
//   WOE_b = ln((good_b / G) / (bad_b / B))  (a bin without goods or bads gets 0.5 added to both)
//   IV_b  = (good_b / G − bad_b / B) · WOE_b,  IV = Σ_b IV_b
//   factor = pdo / ln 2,  offset = base_score − factor · ln(base_odds)   (base_odds = good:bad)
//   score = offset − factor · ln(bad:good odds) = offset − factor · (b0 + Σ_j b_j WOE_j)
//   points of bin b of variable j = −factor · b_j · WOE_b + (offset − factor · b0) / k
// with k the variables in the model, so a row's points sum to its score.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

enum class Binning { kQuantile, kMonotone };

struct ScorecardOptions {
  std::string target;  // 1 / true = bad
  std::vector<std::string> variables;
  Binning binning = Binning::kMonotone;
  int bins = 10;      // quantile bins (the starting point of monotone merging)
  double min_iv = 0;  // variables with a lower IV stay out of the model (points 0)
  double pdo = 20;    // points to double the good:bad odds
  double base_score = 600;
  double base_odds = 50;  // good:bad odds at base_score
  double l2 = 0;
  int max_iterations = 100;
};

struct ScorecardResult {
  // variable, bin (int64 from 1; the missing bin last), lower, upper (float64; NULL = −∞ / +∞),
  // missing (bool: the bin of NULL values, present when training had NULLs), label, n, bad, good
  // (int64), bad_rate, woe, iv (the bin's share), points (float64).
  TablePtr bins;
  // variable, bins (int64), iv, coefficient, std_error (float64; NULL out of the model),
  // in_model (bool), trend ("increasing"/"decreasing" bad rate with the value, for monotone
  // binning; "" otherwise).
  TablePtr variables;
  // One row: n, bad, good, variables (int64 in the model), auc, ks, gini, log_loss, factor,
  // offset, intercept, pdo, base_score, base_odds (float64), converged (bool). AUC and KS are of
  // the training score against the bad flag (bad ranked by low score).
  TablePtr metrics;
};

// Rows with a NULL target are skipped. A data error when a variable has fewer non-NULL values
// than `bins`, when the target has no bads or no goods, or when no variable reaches min_iv.
ScorecardResult FitScorecard(const Table& input, const ScorecardOptions& options);

struct ScoreOptions {
  std::string score = "score";
  std::string points_suffix = "_points";
};

// Applies a `bins` table from FitScorecard: the input plus <variable><suffix> points per variable
// (in the bins table's order) and the total score. A NULL value uses the missing bin, or gives
// NULL points and a NULL score when training had no NULLs for that variable.
TablePtr ApplyScorecard(const Table& input, const Table& bins, const ScoreOptions& options);

}  // namespace xf::model
