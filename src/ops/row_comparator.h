// Ordering of rows by several sort keys, shared by sort, top-N, window and as-of join.
//
// Order: strings bytewise (UTF-8 bytewise = code point order), numbers by value with -0.0 equal
// to 0.0 and NaN greater than every other float (PostgreSQL), false < true, dates and
// timestamps chronologically. NULL placement follows PostgreSQL: NULLS LAST for ascending keys,
// NULLS FIRST for descending keys, unless a key says otherwise.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/column.h"
#include "core/table.h"

namespace xf {

enum class NullOrder { kDefault, kFirst, kLast };

struct SortKey {
  std::string column;
  bool descending = false;
  NullOrder nulls = NullOrder::kDefault;
};

// Order-preserving unsigned encodings: a < b ⇔ Encode(a) < Encode(b).
inline uint64_t OrderedBits(int64_t v) { return static_cast<uint64_t>(v) ^ (uint64_t{1} << 63); }
inline uint64_t OrderedBits(double d) {
  if (d == 0.0) d = 0.0;                                  // -0.0 sorts as 0.0
  if (std::isnan(d)) return ~uint64_t{0};                 // after +inf
  const uint64_t b = std::bit_cast<uint64_t>(d);
  return (b >> 63) ? ~b : b | (uint64_t{1} << 63);
}

class RowComparator {
 public:
  // Resolves key columns by name (usage error naming the closest column if unknown).
  RowComparator(const Table& table, const std::vector<SortKey>& keys);

  // <0, 0 or >0 as row a sorts before, with, or after row b.
  int Compare(int64_t a, int64_t b) const;
  bool Less(int64_t a, int64_t b) const { return Compare(a, b) < 0; }
  // Ties on every key (peers, for rank()).
  bool Equal(int64_t a, int64_t b) const { return Compare(a, b) == 0; }

  int num_keys() const { return static_cast<int>(cols_.size()); }
  const Column& column(int k) const { return *cols_[static_cast<size_t>(k)]; }
  bool descending(int k) const { return desc_[static_cast<size_t>(k)]; }
  bool nulls_first(int k) const { return nulls_first_[static_cast<size_t>(k)]; }

 private:
  std::vector<const Column*> cols_;
  std::vector<bool> desc_;
  std::vector<bool> nulls_first_;
};

// Unsigned order-preserving key of a non-NULL value of a fixed-width column (bool, int64,
// float64, date, timestamp), ascending.
uint64_t OrderedKeyAt(const Column& c, int64_t row);

}  // namespace xf
