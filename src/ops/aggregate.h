// Hash aggregation: GROUP BY zero or more key columns.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"
#include "ops/aggregate_functions.h"

namespace xf {

struct AggregateOptions {
  std::vector<std::string> keys;  // zero keys: one row over the whole table (even when empty)
  std::vector<AggSpec> aggregates;
};

// Output: the key columns, then one column per aggregate (named AggOutputName), one row per
// distinct key in order of first appearance. NULL keys form their own group. Results are
// identical for any thread count (see grouping.h and aggregate_functions.h).
TablePtr HashAggregate(const Table& input, const AggregateOptions& options);

}  // namespace xf
