// Hashing and equality of multi-column keys of any type, shared by aggregate, join, distinct,
// as-of join, window and resample.
//
// Semantics: NULL equals NULL (grouping puts NULL keys in their own group; joins skip rows with
// a NULL key before comparing, as SQL does). Floats compare by value after folding -0.0 to 0.0
// and every NaN to one NaN, so NaN keys group together (PostgreSQL does the same). Strings
// compare bytewise.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/column.h"
#include "core/hash.h"
#include "core/table.h"

namespace xf {

// Bits of a double with -0.0 → 0.0 and all NaNs → one quiet NaN.
inline uint64_t NormalizedDoubleBits(double d) {
  if (d == 0.0) return 0;
  if (std::isnan(d)) return 0x7ff8000000000000ULL;
  return std::bit_cast<uint64_t>(d);
}

class KeyColumns {
 public:
  KeyColumns() = default;
  explicit KeyColumns(std::vector<const Column*> columns);
  // Resolves names (a usage error names the closest column when one is unknown).
  static KeyColumns FromTable(const Table& table, const std::vector<std::string>& names);

  int size() const { return static_cast<int>(columns_.size()); }
  bool empty() const { return columns_.empty(); }
  const Column& column(int k) const { return *columns_[static_cast<size_t>(k)]; }
  int64_t num_rows() const { return num_rows_; }

  // True for a single int64 or timestamp key: the fast path stores the key in the hash table.
  bool IsSingleInt64() const;

  // out[i - begin] = hash of row i for i in [begin, end); vectorised column by column.
  void Hash(int64_t begin, int64_t end, uint64_t* out) const;
  uint64_t HashRow(int64_t row) const;

  bool AnyNull(int64_t row) const;
  bool HasNulls() const;

  bool Equal(int64_t a, int64_t b) const { return Equal(a, *this, b); }
  // Row a of this key set equals row b of `other` (same number and types of columns).
  bool Equal(int64_t a, const KeyColumns& other, int64_t b) const;

 private:
  std::vector<const Column*> columns_;
  int64_t num_rows_ = 0;
};

// Throws a spec error when the two key lists differ in length or in a column's type; names are
// used in the message.
void CheckKeysCompatible(const KeyColumns& left, const std::vector<std::string>& left_names,
                         const KeyColumns& right, const std::vector<std::string>& right_names,
                         const char* what);

}  // namespace xf
