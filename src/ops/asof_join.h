// As-of join: for each left row, the latest right row at or before its time (per `by` key).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf {

struct AsofJoinOptions {
  std::string left_on;                 // time column: timestamp, date, int64 or float64
  std::string right_on;                // empty: same as left_on
  std::vector<std::string> left_by;    // exact-match keys (may be empty)
  std::vector<std::string> right_by;   // empty: same names as left_by
  bool allow_exact_matches = true;     // false: right time strictly before left time
  // Largest allowed left time - right time, in the time column's units (microseconds for
  // timestamps, days for dates, raw values for numbers). Unset: unlimited.
  std::optional<double> tolerance;
  std::string suffix = "_right";
};

// Left as-of join (pandas merge_asof direction="backward"): every left row appears once, in
// left order, with the right columns (except the right `by` keys) of the right row with the same
// key and the greatest time <= the left time (ties: the last such right row in right order), or
// NULLs. NULL keys and NULL times never match. Inputs need not be sorted.
TablePtr AsofJoin(const Table& left, const Table& right, const AsofJoinOptions& options);

}  // namespace xf
