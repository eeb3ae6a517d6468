// Vectorised evaluation of bound expressions: every node computes a whole batch of rows at once
// with typed kernels (see vec.h); no per-row interpretation of Values.
#pragma once

#include <string>
#include <vector>

#include "core/column.h"
#include "expr/bound.h"
#include "expr/vec.h"

namespace xf {

struct Batch {
  // Input columns by bound schema index (entries not used by the expression may be null).
  const std::vector<ColumnPtr>* columns = nullptr;
  int64_t offset = 0;                 // first row in `columns`, a multiple of 8
  int64_t n = 0;                      // number of rows
  const int64_t* row_ids = nullptr;   // table row of batch row i, when this batch is a subset
  int64_t row_base = 0;               // otherwise the table row of batch row 0
  const std::string* text = nullptr;  // expression text, for error carets
};

Vec EvalNode(const BoundNode& node, const Batch& batch);

// An owned column of exactly n rows holding the view.
ColumnPtr Materialize(const Vec& v, int64_t n);

// Rows per morsel when a table is evaluated in parallel (a multiple of 64).
constexpr int64_t kMorselRows = 1 << 16;

// Evaluates over all rows of `columns`, split into morsels on the global thread pool when large.
// The result does not depend on the number of threads, including which error is raised.
ColumnPtr EvaluateColumns(const BoundNode& root, const std::vector<ColumnPtr>& columns,
                          int64_t num_rows, const std::string& text);

}  // namespace xf
