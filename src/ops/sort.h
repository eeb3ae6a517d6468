// Stable multi-key sort and top-N.
#pragma once

#include <cstdint>
#include <vector>

#include "core/table.h"
#include "ops/row_comparator.h"

namespace xf {

struct SortOptions {
  std::vector<SortKey> keys;  // at least one
  int64_t limit = -1;         // top-N: keep the first `limit` rows of the order; -1 = all
};

// Row order of `table` under `options` (ties keep input order). Radix sort for one fixed-width
// key, merge sort of per-thread chunks otherwise; partial sort for a small limit.
std::vector<int64_t> SortIndices(const Table& table, const SortOptions& options);

TablePtr Sort(const Table& table, const SortOptions& options);

}  // namespace xf
