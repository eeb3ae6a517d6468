// Build-side index for the common join shape "fact table joins a dimension on its int64 id":
// one int64 (or timestamp) key that is unique on the build side.
//
// The general join path goes key → hash partition → group → CSR range → row, four dependent
// memory accesses per probe. Here a probe is one access: a dense array indexed by key - min when
// the keys cover a compact range (ids usually do), else one open-addressing table storing the key
// and the row inline.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/column.h"

namespace xf {

class UniqueInt64Index {
 public:
  // nullopt when a non-NULL key occurs twice (the caller then uses the general path) or the
  // column has 2^31 rows or more. NULL keys are left out: they never match.
  static std::optional<UniqueInt64Index> Build(const Column& keys);

  // out[i - begin] = build row holding the key of probe row i, or -1 (absent or NULL).
  void Lookup(const Column& probe, int64_t begin, int64_t end, int64_t* out) const;

 private:
  struct Slot {
    int64_t key;
    int32_t row;  // -1: empty
  };

  bool dense_ = false;
  // Dense: row of key min_ + d at dense_rows_[d], -1 when absent.
  int64_t min_ = 0;
  uint64_t range_ = 0;  // max - min
  std::vector<int32_t> dense_rows_;
  // Hashed: power-of-two table at most half full.
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
};

}  // namespace xf
