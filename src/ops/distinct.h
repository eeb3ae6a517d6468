// DISTINCT: the first occurrence of each distinct row (or of each distinct combination of the
// selected columns), in input order. NULLs equal NULLs here, as in SQL's DISTINCT.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf {

struct DistinctOptions {
  std::vector<std::string> columns;  // empty: all columns
};

// All columns of the first row of each distinct key, in input order.
TablePtr Distinct(const Table& input, const DistinctOptions& options = {});

}  // namespace xf
