#include "govern/rule_eval.h"

#include <cmath>

#include <fmt/format.h>

#include "core/time.h"
#include "ops/parallel.h"

namespace xf::govern {

std::unique_ptr<RuleEvaluator> MakeEvaluator(const RuleSpec& rule, const Table& table,
                                             const TableLookup* tables) {
  switch (rule.kind) {
    case RuleKind::kNotNull:
    case RuleKind::kRange:
    case RuleKind::kRegex:
    case RuleKind::kInSet:
    case RuleKind::kDomain: return MakeValueEvaluator(rule, table);
    case RuleKind::kUnique:
    case RuleKind::kPrimaryKey:
    case RuleKind::kReferences: return MakeKeyEvaluator(rule, table, tables);
    case RuleKind::kExpression:
    case RuleKind::kCustom: return MakeExprEvaluator(rule, table);
    case RuleKind::kRowCount:
    case RuleKind::kFreshness: return MakeTableEvaluator(rule, table);
    case RuleKind::kMonotonic:
    case RuleKind::kRegularity: return MakeTimeEvaluator(rule, table);
    case RuleKind::kReadable: break;
  }
  rule.node.Fail(fmt::format("rule kind {} cannot be evaluated on a table", RuleKindName(rule.kind)));
}

RuleHits CollectFailures(
    int64_t n, const std::function<int64_t(int64_t, int64_t, std::vector<int64_t>*)>& fn) {
  const int64_t morsels = NumMorsels(n);
  std::vector<std::vector<int64_t>> failed(static_cast<size_t>(morsels));
  std::vector<int64_t> evaluated(static_cast<size_t>(morsels), 0);
  ForEachMorsel(n, [&](int64_t m, int64_t begin, int64_t end) {
    evaluated[static_cast<size_t>(m)] = fn(begin, end, &failed[static_cast<size_t>(m)]);
  });
  RuleHits hits;
  size_t total = 0;
  for (const auto& f : failed) total += f.size();
  hits.failed.reserve(total);
  for (size_t m = 0; m < failed.size(); ++m) {
    hits.evaluated += evaluated[m];
    hits.failed.insert(hits.failed.end(), failed[m].begin(), failed[m].end());
  }
  return hits;
}

const Column& RuleColumn(const RuleSpec& rule, const Table& table, const std::string& name) {
  return *rule.node.ColumnOf(table, name);
}

std::string NumberText(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    return fmt::format("{}", static_cast<int64_t>(v));
  }
  return fmt::format("{:.6g}", v);
}

std::string CellText(const Column& c, int64_t row) {
  if (c.IsNull(row)) return "NULL";
  switch (c.type()) {
    case TypeId::kFloat64: return NumberText(c.data<double>()[row]);
    case TypeId::kInt64: return fmt::format("{}", c.data<int64_t>()[row]);
    case TypeId::kTimestamp: return FormatTimestamp(c.data<int64_t>()[row]);
    case TypeId::kDate: return FormatDate(c.data<int32_t>()[row]);
    case TypeId::kString: {
      std::string_view s = c.GetString(row);
      if (s.size() > 64) {
        size_t cut = 64;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        return fmt::format("'{}…'", s.substr(0, cut));
      }
      return fmt::format("'{}'", s);
    }
    default: return c.GetValue(row).ToString();
  }
}

}  // namespace xf::govern
