#include "govern/quality_score.h"

#include <algorithm>

namespace xf::govern {

Score ScoreRules(const std::vector<const RuleResult*>& rules) {
  Score s;
  double sum = 0;
  for (const RuleResult* r : rules) {
    auto x = r->metric();
    if (!x) continue;
    ++s.rules;
    if (!r->passed) ++s.rules_failed;
    s.evaluated += r->evaluated;
    s.conforming += r->conforming;
    sum += *x;
  }
  if (s.rules > 0) s.score = 100.0 * sum / s.rules;
  return s;
}

std::map<Dimension, Score> ScoreByDimension(const std::vector<const RuleResult*>& rules) {
  std::map<Dimension, Score> out;
  for (Dimension d : kAllDimensions) {
    std::vector<const RuleResult*> in;
    for (const RuleResult* r : rules) {
      if (r->dimension == d) in.push_back(r);
    }
    out[d] = ScoreRules(in);
  }
  return out;
}

namespace {
template <typename KeyFn>
std::map<std::string, Score> ScoreBy(const std::vector<const RuleResult*>& rules, KeyFn key) {
  std::map<std::string, std::vector<const RuleResult*>> groups;
  for (const RuleResult* r : rules) groups[key(*r)].push_back(r);
  std::map<std::string, Score> out;
  for (const auto& [k, g] : groups) out[k] = ScoreRules(g);
  return out;
}
}  // namespace

std::map<std::string, Score> ScoreByColumn(const std::vector<const RuleResult*>& rules) {
  return ScoreBy(rules, [](const RuleResult& r) {
    return r.columns.empty() || IsTableLevel(r.kind) ? std::string() : r.columns[0];
  });
}

std::map<std::string, Score> ScoreByTable(const std::vector<const RuleResult*>& rules) {
  return ScoreBy(rules, [](const RuleResult& r) { return r.table; });
}

std::vector<const RuleResult*> AllRules(const std::vector<TableQuality>& tables) {
  std::vector<const RuleResult*> out;
  for (const TableQuality& t : tables) {
    for (const RuleResult& r : t.rules) out.push_back(&r);
  }
  return out;
}

std::vector<const RuleResult*> WorstRules(const std::vector<const RuleResult*>& rules, size_t limit) {
  std::vector<const RuleResult*> out;
  for (const RuleResult* r : rules) {
    if (r->metric() && r->conforming < r->evaluated) out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const RuleResult* a, const RuleResult* b) {
    if (*a->metric() != *b->metric()) return *a->metric() < *b->metric();
    if (a->failed() != b->failed()) return a->failed() > b->failed();
    if (a->table != b->table) return a->table < b->table;
    return a->id < b->id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace xf::govern
