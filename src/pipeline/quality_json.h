// The quality results of a run as JSON (GB/T 36344 dimensions, per-table scores, every rule,
// the worst rules with example failing rows): report.json's quality section (docs/report.md) and
// `xfactor validate --json`.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "govern/validate.h"

namespace xf::pipeline {

// {"score", "dimensions": [six], "table_scores": [...], "rules": [...], "worst_rules": [...]};
// scores are 0..100 with 2 decimals, or null when nothing was evaluated.
nlohmann::json QualityScoresJson(const std::vector<govern::TableQuality>& tables,
                                 size_t worst_limit = 10);

}  // namespace xf::pipeline
