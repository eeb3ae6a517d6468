// Stable parallel radix sort of (key, row) pairs: the engine of single-key sorts.
#pragma once

#include <cstddef>
#include <cstdint>

namespace xf {

struct KeyIdx {
  uint64_t key;  // order-preserving encoding of the sort key (see row_comparator.h)
  int64_t idx;
};

// Sorts by key; equal keys keep their relative order, so the result is unique and independent
// of the thread count. Runs on the ops thread pool.
void RadixSortPairs(KeyIdx* v, size_t n);

}  // namespace xf
