// Deduplication: exact duplicate rows, or rows sharing key columns, keeping one per key.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"
#include "ops/row_comparator.h"

namespace xf::govern {

enum class DedupKeep {
  kFirst,         // the first row of each key in `order_by` (input order when none)
  kLast,          // the last one
  kMostComplete,  // the row with the fewest NULLs over all columns; ties → the first
};

struct DedupOptions {
  std::vector<std::string> by;  // key columns; empty = every column (exact duplicates)
  DedupKeep keep = DedupKeep::kFirst;
  std::vector<SortKey> order_by;  // what "first" and "last" mean; empty = input order
};

struct DedupResult {
  TablePtr kept;  // one row per key, in input order
  TablePtr
      dropped;  // the other rows, in input order, with _rules "dedup", _reasons and _source_row
};

// kept.num_rows() + dropped.num_rows() == input.num_rows(), always.
DedupResult Deduplicate(const Table& input, const DedupOptions& options);

}  // namespace xf::govern
