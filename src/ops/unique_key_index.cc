#include "ops/unique_key_index.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "core/hash.h"

namespace xf {

namespace {

// A dense array may cost up to this many slots per build row (4 bytes each) before hashing wins
// on memory; small tables are always dense since the array then fits in the cache anyway.
constexpr uint64_t kDenseSlotsPerRow = 4;
constexpr uint64_t kDenseAlways = uint64_t{1} << 16;

}  // namespace

std::optional<UniqueInt64Index> UniqueInt64Index::Build(const Column& keys) {
  const int64_t n = keys.size();
  if (n >= std::numeric_limits<int32_t>::max()) return std::nullopt;
  const int64_t* v = keys.data<int64_t>();
  const uint8_t* valid = keys.validity();
  UniqueInt64Index ix;
  int64_t lo = std::numeric_limits<int64_t>::max(), hi = std::numeric_limits<int64_t>::min();
  for (int64_t i = 0; i < n; ++i) {
    if (valid != nullptr && !GetBit(valid, i)) continue;
    lo = std::min(lo, v[i]);
    hi = std::max(hi, v[i]);
  }
  if (lo > hi) {  // no non-NULL key: an empty dense index matches nothing
    ix.dense_ = true;
    ix.range_ = 0;
    ix.dense_rows_.assign(1, -1);
    return ix;
  }
  const uint64_t range = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  if (range < std::max(kDenseAlways, kDenseSlotsPerRow * static_cast<uint64_t>(n))) {
    ix.dense_ = true;
    ix.min_ = lo;
    ix.range_ = range;
    ix.dense_rows_.assign(range + 1, -1);
    for (int64_t i = 0; i < n; ++i) {
      if (valid != nullptr && !GetBit(valid, i)) continue;
      int32_t& r = ix.dense_rows_[static_cast<uint64_t>(v[i]) - static_cast<uint64_t>(lo)];
      if (r >= 0) return std::nullopt;
      r = static_cast<int32_t>(i);
    }
    return ix;
  }
  const uint64_t cap = std::bit_ceil(static_cast<uint64_t>(std::max<int64_t>(16, 2 * n)));
  ix.slots_.assign(cap, Slot{0, -1});
  ix.mask_ = cap - 1;
  for (int64_t i = 0; i < n; ++i) {
    if (valid != nullptr && !GetBit(valid, i)) continue;
    for (uint64_t s = HashInt64(static_cast<uint64_t>(v[i])) & ix.mask_;; s = (s + 1) & ix.mask_) {
      Slot& slot = ix.slots_[s];
      if (slot.row < 0) {
        slot = Slot{v[i], static_cast<int32_t>(i)};
        break;
      }
      if (slot.key == v[i]) return std::nullopt;
    }
  }
  return ix;
}

void UniqueInt64Index::Lookup(const Column& probe, int64_t begin, int64_t end, int64_t* out) const {
  const int64_t* v = probe.data<int64_t>();
  const uint8_t* valid = probe.validity();
  if (dense_) {
    const int32_t* rows = dense_rows_.data();
    for (int64_t i = begin; i < end; ++i) {
      const uint64_t d = static_cast<uint64_t>(v[i]) - static_cast<uint64_t>(min_);
      out[i - begin] = d <= range_ ? rows[d] : -1;
    }
  } else {
    for (int64_t i = begin; i < end; ++i) {
      int64_t row = -1;
      for (uint64_t s = HashInt64(static_cast<uint64_t>(v[i])) & mask_;; s = (s + 1) & mask_) {
        const Slot& slot = slots_[s];
        if (slot.row < 0) break;
        if (slot.key == v[i]) {
          row = slot.row;
          break;
        }
      }
      out[i - begin] = row;
    }
  }
  // NULL slots hold zero, which may be a key: clear them afterwards rather than branch per row.
  if (valid != nullptr) {
    for (int64_t i = begin; i < end; ++i) {
      if (!GetBit(valid, i)) out[i - begin] = -1;
    }
  }
}

}  // namespace xf
