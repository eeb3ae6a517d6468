#include "pipeline/quality_json.h"

#include <cmath>

#include "govern/quality_score.h"

namespace xf::pipeline {
namespace {

using nlohmann::json;

json ScoreValue(const std::optional<double>& s) {
  if (!s) return nullptr;
  return std::round(*s * 100) / 100;
}

const char* DimensionTitleEn(govern::Dimension d) {
  switch (d) {
    case govern::Dimension::kNormativeness: return "Normativeness";
    case govern::Dimension::kCompleteness: return "Completeness";
    case govern::Dimension::kAccuracy: return "Accuracy";
    case govern::Dimension::kConsistency: return "Consistency";
    case govern::Dimension::kTimeliness: return "Timeliness";
    case govern::Dimension::kAccessibility: return "Accessibility";
  }
  return "";
}

json DimensionsJson(const std::vector<const govern::RuleResult*>& rules) {
  json out = json::array();
  auto by = govern::ScoreByDimension(rules);
  for (govern::Dimension d : govern::kAllDimensions) {
    const govern::Score& s = by[d];
    out.push_back({{"key", govern::DimensionName(d)},
                   {"title_en", DimensionTitleEn(d)},
                   {"title_zh", govern::DimensionNameZh(d)},
                   {"score", ScoreValue(s.score)},
                   {"rules", s.rules},
                   {"rules_failed", s.rules_failed},
                   {"evaluated", s.evaluated},
                   {"conforming", s.conforming}});
  }
  return out;
}

json RuleJson(const govern::RuleResult& r, bool with_examples) {
  auto x = r.metric();
  json j = {{"table", r.table},
            {"id", r.id},
            {"kind", govern::RuleKindName(r.kind)},
            {"columns", r.columns},
            {"severity", r.severity == govern::Severity::kBlock ? "block" : "warn"},
            {"dimension", govern::DimensionName(r.dimension)},
            {"indicator", r.indicator},
            {"threshold", r.threshold ? json(*r.threshold) : json(nullptr)},
            {"evaluated", r.evaluated},
            {"conforming", r.conforming},
            {"failed", r.failed()},
            {"score", x ? ScoreValue(*x * 100) : json(nullptr)},
            {"passed", r.passed}};
  if (!r.description.empty()) j["description"] = r.description;
  if (with_examples) {
    json ex = json::array();
    for (const govern::FailingRow& f : r.examples) {
      ex.push_back({{"row", f.row + 1}, {"reason", f.reason}});
    }
    if (!r.table_reason.empty()) ex.push_back({{"row", nullptr}, {"reason", r.table_reason}});
    j["examples"] = ex;
  }
  return j;
}

}  // namespace

json QualityScoresJson(const std::vector<govern::TableQuality>& tables, size_t worst_limit) {
  const std::vector<const govern::RuleResult*> all = govern::AllRules(tables);
  json table_scores = json::array();
  for (const govern::TableQuality& t : tables) {
    std::vector<const govern::RuleResult*> rules;
    for (const govern::RuleResult& r : t.rules) rules.push_back(&r);
    json dims = json::object();
    auto by = govern::ScoreByDimension(rules);
    for (govern::Dimension d : govern::kAllDimensions) {
      dims[govern::DimensionName(d)] = ScoreValue(by[d].score);
    }
    json columns = json::object();
    for (const auto& [c, s] : govern::ScoreByColumn(rules)) {
      if (!c.empty()) columns[c] = ScoreValue(s.score);
    }
    table_scores.push_back({{"table", t.table},
                            {"source", t.source},
                            {"rows_in", t.rows_in},
                            {"rows_passed", t.rows_passed},
                            {"rows_quarantined", t.rows_quarantined},
                            {"rows_flagged", t.rows_flagged},
                            {"score", ScoreValue(govern::ScoreRules(rules).score)},
                            {"blocking_failed", t.blocking_failed()},
                            {"dimensions", dims},
                            {"columns", columns}});
  }
  json rules = json::array();
  for (const govern::RuleResult* r : all) rules.push_back(RuleJson(*r, false));
  json worst = json::array();
  for (const govern::RuleResult* r : govern::WorstRules(all, worst_limit)) {
    worst.push_back(RuleJson(*r, true));
  }
  return {{"score", ScoreValue(govern::ScoreRules(all).score)},
          {"dimensions", DimensionsJson(all)},
          {"table_scores", table_scores},
          {"rules", rules},
          {"worst_rules", worst}};
}

}  // namespace xf::pipeline
