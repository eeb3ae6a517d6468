// Population stability index (群体稳定性指数) between an expected (e.g. training) and an actual
// (e.g. recent) table, per numeric column: PSI = Σ_b (a_b − e_b) · ln(a_b / e_b) over bins cut at
// the expected table's quantiles, shares floored at 1e-4 so an empty bin stays finite. NULLs form
// a bin of their own when either side has any. Rules of thumb: < 0.1 stable, 0.1–0.25 watch,
// > 0.25 shifted.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf::model {

struct PsiOptions {
  std::vector<std::string> columns;  // numeric, present in both tables
  int bins = 10;
};

struct PsiResult {
  // column, psi (float64), bins (int64), status ("stable", "watch", "shift").
  TablePtr summary;
  // column, bin (int64 from 1), label, expected_share, actual_share, psi (float64).
  TablePtr detail;
};

// A data error when a column has fewer non-NULL expected values than bins, or a table is empty.
PsiResult Psi(const Table& expected, const Table& actual, const PsiOptions& options);

}  // namespace xf::model
