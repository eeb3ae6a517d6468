// Roll-ups of rule results into scores (0..100) per dimension, column, table, source and run.
//
// A score is the mean of the metric X (conforming / evaluated) of the rules it covers, × 100:
// each rule weighs the same, so a table-level check (one evaluation) counts as much as a check
// over ten million rows. Rules that evaluated nothing are left out; a score over no rules is
// nullopt ("not evaluated"), never 100.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "govern/validate.h"

namespace xf::govern {

struct Score {
  int rules = 0;         // rules that evaluated something
  int rules_failed = 0;  // of those, rules below their threshold
  int64_t evaluated = 0;
  int64_t conforming = 0;
  std::optional<double> score;  // 0..100
};

Score ScoreRules(const std::vector<const RuleResult*>& rules);

// Every dimension of kAllDimensions is present (score nullopt when no rule covers it).
std::map<Dimension, Score> ScoreByDimension(const std::vector<const RuleResult*>& rules);
// By the rule's first column; table-level rules under "".
std::map<std::string, Score> ScoreByColumn(const std::vector<const RuleResult*>& rules);
std::map<std::string, Score> ScoreByTable(const std::vector<const RuleResult*>& rules);

// All rules of the given tables, in table then rule order.
std::vector<const RuleResult*> AllRules(const std::vector<TableQuality>& tables);

// The rules with the lowest metric X (ties: more failures first, then table and id), at most
// `limit`, only those with failures.
std::vector<const RuleResult*> WorstRules(const std::vector<const RuleResult*>& rules, size_t limit);

}  // namespace xf::govern
