// Column profiles of a table, for `xfactor profile`: type, nulls, distinct values (exact up to a
// limit, then a HyperLogLog estimate), min/max, quantiles of numbers, top values, pattern classes
// ("9{11}" for a phone, "9{17}X" for an id) with the domain type an example matches, and the
// personal-data category (govern/sensitive.h). SuggestStandardYaml turns a profile into a starter
// data standard in the format of docs/governance.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"
#include "govern/sensitive.h"

namespace xf::govern {

struct ProfileOptions {
  int64_t exact_distinct_limit = 100000;  // beyond this many distinct values: HyperLogLog
  int top_values = 5;
  int top_patterns = 5;
  int64_t pattern_sample = 100000;  // string values whose shapes are counted (evenly spaced)
};

struct ValueCount {
  std::string value;
  int64_t count = 0;
  std::string hint;  // patterns: a domain type an example value passes ("mobile_cn"), else ""
};

struct ColumnProfile {
  std::string name;
  TypeId type = TypeId::kNull;
  int64_t rows = 0;
  int64_t nulls = 0;
  int64_t distinct = 0;
  bool distinct_exact = true;  // false: a HyperLogLog estimate (about 1% standard error)
  std::optional<std::string> min, max;
  std::vector<std::pair<double, double>> quantiles;  // (p, value) for numbers: 0.05 … 0.95
  bool top_exact = true;  // false: counted among the first distinct values only
  std::vector<ValueCount> top;
  std::vector<std::string> values;  // every distinct value, sorted, when there are at most 20
  std::vector<ValueCount> patterns;
  int64_t patterns_checked = 0;
  std::string domain_type;  // a domain type ≥ 95% of non-null values pass, else ""
  SensitiveFinding sensitive;
};

struct TableProfile {
  int64_t rows = 0;
  std::vector<ColumnProfile> columns;
};

TableProfile ProfileTable(const Table& table, const ProfileOptions& options = {});

// "13800138000" → "9{11}", "粤B·D12345" → "汉A·A9{5}", "Ab-12" → "Aa-9{2}": digits 9, upper A,
// lower a, CJK 汉, anything else itself; runs longer than one written with a count.
std::string PatternClass(std::string_view value);

// A starter standard: per column its type (the domain type when one fits), `required: true`
// without NULLs, min/max of numbers, `codes` for strings with at most 20 values that are not
// personal data, `unique: true` when every value is distinct (exact count); a comment names the
// sensitive category and level. `table` names the table.
std::string SuggestStandardYaml(const TableProfile& profile, const std::string& table,
                                const std::string& source);

}  // namespace xf::govern
