// Counter-based randomness for synthetic data: every value's stream is keyed by (seed, table,
// column, entity index), so results do not depend on thread count, generation order or on which
// other tables and columns a spec declares. The generator itself is xf::Rng (core/rng.h).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/hash.h"
#include "core/rng.h"

namespace xf::synth {

// The stream key of one (table, column, entity) triple under a seed.
inline uint64_t StreamKey(uint64_t seed, std::string_view table, std::string_view column,
                          uint64_t index) {
  uint64_t k = HashCombine(seed, HashBytes(table));
  k = HashCombine(k, HashBytes(column));
  return HashCombine(k, index);
}

// xf::Rng seeded by a stream key, or by the names that make one.
class Rng : public xf::Rng {
 public:
  explicit Rng(uint64_t key) : xf::Rng(key) {}
  Rng(uint64_t seed, std::string_view table, std::string_view column, uint64_t index)
      : xf::Rng(StreamKey(seed, table, column, index)) {}
};

}  // namespace xf::synth
