// Hashing for hash tables (aggregation, joins, distinct) and content fingerprints.
#pragma once

#include <cstdint>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace xf {

// Finaliser of MurmurHash3: full avalanche for integer keys at a few cycles per key.
inline uint64_t HashInt64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

inline uint64_t HashBytes(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

inline uint64_t HashCombine(uint64_t seed, uint64_t h) {
  return HashInt64(seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
}

// Hash of a NULL key: fixed, so NULLs group together.
constexpr uint64_t kNullHash = 0x5bd1e9955bd1e995ULL;

}  // namespace xf
