// Column gathers ("take") for the operators: the last step of sort, join and aggregate.
//
// Column::Take copies one value at a time through a width-generic memcpy and runs on one thread
// per column, which made the gather of a 10M-row sort or join cost as much as the sort or probe
// itself. Here fixed-width columns are gathered by typed loops over fixed row ranges, all
// columns' ranges in one parallel job; string columns still use Column::Take (one task each).
#pragma once

#include <cstdint>
#include <vector>

#include "core/column.h"

namespace xf {

// out[c] = columns[c]->Take(indices): indices[k] < 0 yields NULL.
std::vector<ColumnPtr> GatherColumns(const std::vector<const Column*>& columns,
                                     const int64_t* indices, int64_t n);
inline std::vector<ColumnPtr> GatherColumns(const std::vector<const Column*>& columns,
                                            const std::vector<int64_t>& indices) {
  return GatherColumns(columns, indices.data(), static_cast<int64_t>(indices.size()));
}

}  // namespace xf
