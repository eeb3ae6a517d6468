#include "core/bitmap.h"

#include <bit>
#include <cstring>

namespace xf {

int64_t CountSetBits(const uint8_t* bits, int64_t n) {
  int64_t count = 0;
  int64_t i = 0;
  for (; i + 64 <= n; i += 64) {
    uint64_t word;
    std::memcpy(&word, bits + i / 8, 8);
    count += std::popcount(word);
  }
  for (; i < n; ++i) count += GetBit(bits, i);
  return count;
}

}  // namespace xf
