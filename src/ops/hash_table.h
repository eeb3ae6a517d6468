// Open-addressing hash tables mapping keys to dense int32 ids, for grouping and joins.
//
// Hand-written rather than std::unordered_map: that allocates one node per entry and follows a
// pointer on every probe, while here a slot is 16 bytes in one flat power-of-two array probed
// linearly, so a lookup usually touches a single cache line and building a table is one
// allocation. Entries are never erased, which keeps linear probing simple.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "core/hash.h"

namespace xf {

// The probing core shared by the tables below: a power-of-two array of slots, each holding an id
// (-1 = empty), at most half full. `Slot::Rehash()` gives the hash a slot was inserted with, so
// growing reinserts every slot where a probe with that hash looks for it.
template <typename Slot>
class LinearProbeSlots {
 public:
  void Reset(int64_t expected) {
    const uint64_t cap = std::bit_ceil(static_cast<uint64_t>(std::max<int64_t>(16, expected * 2)));
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    size_ = 0;
  }

  int64_t size() const { return size_; }

  // The id of the slot for which match(slot) holds, or `new_id` after storing `fresh` there.
  template <typename Match>
  int32_t FindOrInsert(uint64_t hash, const Slot& fresh, Match&& match) {
    if (static_cast<uint64_t>(size_ + 1) * 2 > slots_.size()) Grow();
    for (uint64_t i = hash & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.id < 0) {
        s = fresh;
        ++size_;
        return fresh.id;
      }
      if (match(s)) return s.id;
    }
  }

  // -1 when absent.
  template <typename Match>
  int32_t Find(uint64_t hash, Match&& match) const {
    for (uint64_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id < 0) return -1;
      if (match(s)) return s.id;
    }
  }

 private:
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.id < 0) continue;
      uint64_t i = s.Rehash() & mask_;
      while (slots_[i].id >= 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  int64_t size_ = 0;
};

// Keys are identified by their full 64-bit hash plus a caller-supplied equality on ids, so the
// table works for any multi-column key whose rows live elsewhere.
class HashIdTable {
 public:
  explicit HashIdTable(int64_t expected = 16) { Reset(expected); }
  void Reset(int64_t expected) { slots_.Reset(expected); }
  int64_t size() const { return slots_.size(); }

  // The id of the entry equal to the probe (eq(id) says whether entry `id` equals it), or
  // `new_id` after inserting it.
  template <typename Eq>
  int32_t FindOrInsert(uint64_t hash, int32_t new_id, Eq&& eq) {
    return slots_.FindOrInsert(hash, Slot{hash, new_id},
                               [&](const Slot& s) { return s.hash == hash && eq(s.id); });
  }

  // -1 when absent.
  template <typename Eq>
  int32_t Find(uint64_t hash, Eq&& eq) const {
    return slots_.Find(hash, [&](const Slot& s) { return s.hash == hash && eq(s.id); });
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    int32_t id = -1;
    uint64_t Rehash() const { return hash; }
  };
  LinearProbeSlots<Slot> slots_;
};

// Single int64 keys stored inline: no indirection to compare keys. NULL is handled by callers.
// `hash` must be HashInt64(key): callers compute it anyway (for partitioning), and growth
// rehashes stored keys with it.
class Int64IdTable {
 public:
  explicit Int64IdTable(int64_t expected = 16) { Reset(expected); }
  void Reset(int64_t expected) { slots_.Reset(expected); }
  int64_t size() const { return slots_.size(); }

  int32_t FindOrInsert(int64_t key, uint64_t hash, int32_t new_id) {
    return slots_.FindOrInsert(hash, Slot{key, new_id},
                               [key](const Slot& s) { return s.key == key; });
  }

  int32_t Find(int64_t key, uint64_t hash) const {
    return slots_.Find(hash, [key](const Slot& s) { return s.key == key; });
  }

 private:
  struct Slot {
    int64_t key = 0;
    int32_t id = -1;
    uint64_t Rehash() const { return HashInt64(static_cast<uint64_t>(key)); }
  };
  LinearProbeSlots<Slot> slots_;
};

}  // namespace xf
