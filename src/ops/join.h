// Hash equi-join of two tables on one or more key columns.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf {

enum class JoinType {
  kInner,  // matching pairs
  kLeft,   // matching pairs, plus unmatched left rows with NULL right columns
  kSemi,   // left rows with at least one match (left columns only)
  kAnti,   // left rows with no match (left columns only)
};

struct JoinOptions {
  JoinType type = JoinType::kInner;
  std::vector<std::string> left_keys;
  std::vector<std::string> right_keys;  // empty: same names as left_keys
  // Appended to a right non-key column whose name is already used (repeatedly, until unique);
  // the left column keeps the plain name. Empty: such a clash is a spec error.
  std::string suffix = "_right";
};

// SQL semantics: a NULL key never matches. Key types must be equal on both sides (spec error
// otherwise). Output: all left columns, then the right columns except the right keys. Order:
// left row order, and for each left row its matches in right row order. The hash table is built
// on the right side; the probe runs on all threads over left morsels.
TablePtr HashJoin(const Table& left, const Table& right, const JoinOptions& options);

}  // namespace xf
