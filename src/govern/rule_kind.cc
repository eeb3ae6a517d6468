// Names of rule kinds and their GB/T 36344 defaults.
#include <array>
#include <utility>

#include "govern/standard.h"

namespace xf::govern {
namespace {

struct KindInfo {
  RuleKind kind;
  const char* name;
  Dimension dimension;
  const char* indicator;  // GB/T 36344 second-level indicator, as a snake_case key
};

// Why these defaults: 36344 files format compliance, uniqueness and content correctness under
// accuracy; reference data, data standards and business rules under normativeness; element and
// record presence under completeness; related-data agreement under consistency; point-in-time,
// interval timeliness and sequence under timeliness; availability under accessibility.
constexpr std::array<KindInfo, 15> kKinds = {{
    {RuleKind::kNotNull, "not_null", Dimension::kCompleteness, "element_completeness"},
    {RuleKind::kRange, "range", Dimension::kAccuracy, "content_correctness"},
    {RuleKind::kRegex, "regex", Dimension::kAccuracy, "format_compliance"},
    {RuleKind::kInSet, "in_set", Dimension::kNormativeness, "reference_data"},
    {RuleKind::kUnique, "unique", Dimension::kAccuracy, "uniqueness"},
    {RuleKind::kPrimaryKey, "primary_key", Dimension::kAccuracy, "uniqueness"},
    {RuleKind::kReferences, "references", Dimension::kConsistency, "related_data_consistency"},
    {RuleKind::kExpression, "expression", Dimension::kConsistency, "related_data_consistency"},
    {RuleKind::kCustom, "custom", Dimension::kNormativeness, "business_rules"},
    {RuleKind::kRowCount, "row_count", Dimension::kCompleteness, "record_completeness"},
    {RuleKind::kFreshness, "freshness", Dimension::kTimeliness, "point_in_time_timeliness"},
    {RuleKind::kMonotonic, "monotonic", Dimension::kTimeliness, "time_sequence"},
    {RuleKind::kRegularity, "regularity", Dimension::kTimeliness, "interval_timeliness"},
    {RuleKind::kDomain, "domain", Dimension::kNormativeness, "data_standard"},
    {RuleKind::kReadable, "readable", Dimension::kAccessibility, "availability"},
}};

const KindInfo& Info(RuleKind k) {
  for (const KindInfo& i : kKinds) {
    if (i.kind == k) return i;
  }
  return kKinds[0];
}

}  // namespace

const char* RuleKindName(RuleKind k) { return Info(k).name; }

std::optional<RuleKind> ParseRuleKind(std::string_view name) {
  if (name == "code_list") return RuleKind::kInSet;
  if (name == "volume") return RuleKind::kRowCount;
  for (const KindInfo& i : kKinds) {
    if (name == i.name && i.kind != RuleKind::kReadable) return i.kind;
  }
  return std::nullopt;
}

bool IsTableLevel(RuleKind k) {
  return k == RuleKind::kRowCount || k == RuleKind::kReadable;
}

Dimension DefaultDimension(RuleKind k) { return Info(k).dimension; }
const char* DefaultIndicator(RuleKind k) { return Info(k).indicator; }

}  // namespace xf::govern
