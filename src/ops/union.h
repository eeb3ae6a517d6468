// UNION ALL of tables.
#pragma once

#include <vector>

#include "core/table.h"

namespace xf {

struct UnionOptions {
  // false: every table must have the first table's columns, same names and types, same order.
  // true: columns are matched by name, so the order may differ (output in the first's order).
  bool by_name = false;
};

// Rows of every table, in argument order. A spec error names the first mismatching column.
TablePtr UnionAll(const std::vector<TablePtr>& tables, const UnionOptions& options = {});

}  // namespace xf
