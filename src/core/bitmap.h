// Validity bitmaps: bit i set means value i is valid (not NULL); LSB-first within each byte,
// the same layout as Apache Arrow so that buffers can be handed over without conversion later.
#pragma once

#include <cstdint>
#include <cstddef>

namespace xf {

inline bool GetBit(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }
inline void SetBit(uint8_t* bits, int64_t i) { bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7)); }
inline void ClearBit(uint8_t* bits, int64_t i) {
  bits[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7)));
}
inline void SetBitTo(uint8_t* bits, int64_t i, bool v) { v ? SetBit(bits, i) : ClearBit(bits, i); }
inline size_t BitmapBytes(int64_t n) { return static_cast<size_t>((n + 7) / 8); }

// Number of set bits among the first n.
int64_t CountSetBits(const uint8_t* bits, int64_t n);

}  // namespace xf
