// DISTINCT: the first occurrence of each distinct row (or of each distinct combination of the
// selected columns), in input order. NULLs equal NULLs here, as in SQL's DISTINCT.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf {

struct DistinctOptions {
  std::vector<std::string> columns;  // empty: all columns
  // false: every input column of the representative (first) row, so the columns outside
  // `columns` hold that one row's values; true: only `columns`, in their listed order.
  bool keep_only_columns = false;
};

// The first row of each distinct key, in input order (all columns, or only the key columns).
TablePtr Distinct(const Table& input, const DistinctOptions& options = {});

}  // namespace xf
