// A data standard (数据标准) for one table: its columns (type or domain type, unit, code list),
// primary key, references to other tables and quality rules. Read from YAML by
// standard_parser.h; evaluated by validate.h. docs/governance.md is the user's reference.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/spec_node.h"
#include "core/types.h"
#include "govern/quality_dimension.h"

namespace xf::govern {

enum class Severity { kBlock, kWarn };

enum class RuleKind {
  kNotNull,
  kRange,
  kRegex,
  kInSet,
  kUnique,
  kPrimaryKey,
  kReferences,
  kExpression,
  kCustom,
  kRowCount,
  kFreshness,
  kMonotonic,
  kRegularity,
  kDomain,
  kReadable,  // rows read vs rows loaded by a reader (made by the pipeline, not written in specs)
};

const char* RuleKindName(RuleKind k);
std::optional<RuleKind> ParseRuleKind(std::string_view name);
// Table-level rules judge the table as a whole (one evaluation); they never quarantine rows.
bool IsTableLevel(RuleKind k);
// The GB/T 36344 dimension and second-level indicator a kind scores into unless the rule says.
Dimension DefaultDimension(RuleKind k);
const char* DefaultIndicator(RuleKind k);

struct RuleSpec {
  std::string id;
  RuleKind kind = RuleKind::kNotNull;
  std::vector<std::string> columns;  // the checked column(s); empty for table-level rules
  Severity severity = Severity::kBlock;
  std::optional<double> threshold;   // pass threshold in % of evaluated rows
  Dimension dimension = Dimension::kCompleteness;
  std::string indicator;
  std::string description;

  // range
  std::optional<double> min, max;
  bool min_inclusive = true, max_inclusive = true;
  // regex
  std::string pattern;
  // in_set (a code list): allowed values as text; numbers compare by their text form
  std::vector<std::string> values;
  // expression / custom: a boolean expression that holds for a conforming row
  std::string expr;
  // references
  std::string ref_table;
  std::vector<std::string> ref_columns;
  // row_count
  std::optional<int64_t> min_rows, max_rows, baseline_rows;
  std::optional<double> max_change_pct;
  // freshness (microseconds); reference unset = the column's max in the data
  int64_t max_age = 0;
  std::optional<int64_t> reference_time;
  bool table_scope = false;  // freshness judged on the newest value only
  // monotonic / regularity: per key (`by`), the time column is columns[0]
  std::vector<std::string> by;
  bool strict = true;
  int64_t interval = 0, tolerance = 0;
  // domain
  std::string domain;

  SpecNode node;  // where the rule was written, for errors at evaluation time
};

// A rule judged on the table as a whole: row_count, readable, freshness with `scope: table`.
inline bool IsTableLevel(const RuleSpec& r) {
  return IsTableLevel(r.kind) || (r.kind == RuleKind::kFreshness && r.table_scope);
}

struct ColumnStandard {
  std::string name;
  std::optional<TypeId> type;  // a storage type, when `type:` names one
  std::string domain;          // a govern/domain_types.h name, when `type:` names one
  std::string unit;
  std::string description;
  std::vector<std::string> codes;  // the code list (代码表), when given
  SpecNode node;
};

struct TableStandard {
  std::string table;  // the table it applies to ("" when read for `xfactor validate`)
  std::string file;   // the file it was read from
  std::string description;
  std::vector<ColumnStandard> columns;
  std::vector<std::string> primary_key;
  // Every rule, explicit and implied by columns/primary_key/references, in spec order.
  std::vector<RuleSpec> rules;
  SpecNode node;
};

}  // namespace xf::govern
