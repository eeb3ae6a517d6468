// Quality of a score for a binary target (1 = event / bad): AUC, KS and log-loss, shared by the
// logistic and scorecard models.
#pragma once

#include <vector>

namespace xf::model {

// Area under the ROC curve: the probability that a random event scores higher than a random
// non-event, ties counting one half (Mann–Whitney with mid-ranks). Pairs where score or target is
// NaN are skipped; NaN when either class is absent.
double Auc(const std::vector<double>& score, const std::vector<double>& target);

// Kolmogorov–Smirnov statistic: max over thresholds of |F_event(s) − F_nonevent(s)|, the score's
// empirical distribution functions per class (tied scores move together). NaN when a class is
// absent.
double KsStatistic(const std::vector<double>& score, const std::vector<double>& target);

// Mean of −[y ln p + (1 − y) ln(1 − p)], p clipped to [1e-15, 1 − 1e-15]; NaN-skipping.
double LogLoss(const std::vector<double>& probability, const std::vector<double>& target);

}  // namespace xf::model
