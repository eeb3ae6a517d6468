// Parsing the option values shared by many step kinds, with errors at the option's position.
#pragma once

#include <string>
#include <vector>

#include "core/spec_node.h"
#include "ops/aggregate_functions.h"
#include "ops/project.h"
#include "ops/row_comparator.h"

namespace xf::pipeline {

// `{name: expression, ...}` in document order.
std::vector<NamedExpression> ParseNamedExpressions(const SpecNode& node);

// "sum(kwh)", "count(*)", "count_distinct(user_id)", "quantile(kwh, 0.9)" → AggSpec.
AggSpec ParseAggregate(const SpecNode& node, const std::string& output);
// `{output: "sum(kwh)", ...}` in document order.
std::vector<AggSpec> ParseAggregates(const SpecNode& node);

// ["date", "-kwh", "kwh desc"] → sort keys ("-x" and "x desc" are descending).
std::vector<SortKey> ParseSortKeys(const SpecNode& node);

// "15m", "1h", "7d" → microseconds.
int64_t ParseDurationOption(const SpecNode& node);

// Bundles the checks a step's Run makes on its options against the actual input table: the
// named column exists (did-you-mean otherwise), reported at the option's position.
void RequireColumn(const SpecNode& option, const Table& table, const std::string& column);

}  // namespace xf::pipeline
