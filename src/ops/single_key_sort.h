// Sorting by one fixed-width key (bool, int64, float64, date, timestamp): radix sort of
// order-preserving key encodings, the fast path of sort.
#pragma once

#include <cstdint>
#include <vector>

#include "core/column.h"
#include "ops/radix_sort.h"
#include "ops/uninit_vector.h"

namespace xf {

struct SingleKeyOrder {
  UninitVector<KeyIdx> pairs;  // non-NULL rows in sort order (key already flipped if descending)
  std::vector<int64_t> nulls;  // NULL rows in input order
  bool nulls_first = false;
  bool descending = false;

  // The row order: NULL rows first or last around the sorted rows.
  std::vector<int64_t> Indices() const;
  // The same into out[0, rows()), which the caller may leave uninitialised.
  void WriteIndices(int64_t* out) const;
  int64_t rows() const { return static_cast<int64_t>(pairs.size() + nulls.size()); }
};

SingleKeyOrder SortSingleKey(const Column& c, bool descending, bool nulls_first);

// The sorted key column rebuilt from the keys rather than gathered by row, which saves one
// random-access pass over the column. nullptr for float64: its encoding folds -0.0 into 0.0 and
// all NaNs into one, so it cannot give back the exact input values.
ColumnPtr DecodeSortedKeys(const SingleKeyOrder& order, const Column& c);

}  // namespace xf
