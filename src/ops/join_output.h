// Assembling the output of joins: left columns, then right columns (minus the right keys), with
// clashing right names suffixed.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf {

// left_idx == nullptr: all left rows in order. right_idx[k] < 0 gives NULLs (outer joins).
// Right columns named in `right_skip` are left out; a right name already used gets `suffix`
// appended (repeatedly, until unique), so no column is ever replaced or dropped. An empty suffix
// makes any such clash a spec error naming the column.
TablePtr AssembleJoinOutput(const Table& left, const std::vector<int64_t>* left_idx,
                            const Table& right, const std::vector<int64_t>& right_idx,
                            const std::vector<std::string>& right_skip, const std::string& suffix);
// The same over n output rows given as arrays (left_idx == nullptr: n == left.num_rows()).
TablePtr AssembleJoinOutput(const Table& left, const int64_t* left_idx, const Table& right,
                            const int64_t* right_idx, int64_t n,
                            const std::vector<std::string>& right_skip, const std::string& suffix);

}  // namespace xf
