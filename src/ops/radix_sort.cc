#include "ops/radix_sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "ops/parallel.h"
#include "ops/uninit_vector.h"

// Most significant digit first, then least significant digit first within each bucket:
//  - one MSD pass on the top 8 of the bits in which keys differ (found by OR-ing key ^ first key,
//    so small integers or a narrow float range skip their constant high bits) scatters the pairs
//    into 256 buckets, in parallel over fixed chunks with per-chunk histograms (stable);
//  - each bucket is then sorted on its remaining bits independently, in parallel: buckets of a few
//    thousand to a few hundred thousand pairs, whose LSD passes run in the cache instead of
//    streaming the whole array through memory eight times;
//  - a bucket still too large (skewed keys, e.g. floats sharing an exponent) is split again by
//    MSD, in parallel when it holds a good share of the rows.

namespace xf {

namespace {

constexpr int kDigitBits = 8;
constexpr size_t kBuckets = size_t{1} << kDigitBits;
constexpr size_t kLsdMax = size_t{1} << 17;       // pairs sorted LSD in one go
constexpr size_t kParallelMin = size_t{1} << 18;  // smaller ranges are not worth splitting up

inline size_t Digit(uint64_t key, int shift) { return static_cast<size_t>((key >> shift) & 0xFF); }

// Highest bit in which keys of [v, v + n) differ, -1 when all are equal. Only bits below `bits`.
int HighestDifferingBit(const KeyIdx* v, size_t n, int bits, bool parallel) {
  const uint64_t mask = bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  const uint64_t first = v[0].key & mask;
  uint64_t diff = 0;
  if (parallel) {
    const int64_t chunks = 64;
    std::vector<uint64_t> part(chunks, 0);
    ParallelTasks(chunks, [&](int64_t c) {
      uint64_t d = 0;
      const size_t b = n * static_cast<size_t>(c) / chunks,
                   e = n * static_cast<size_t>(c + 1) / chunks;
      for (size_t i = b; i < e; ++i) d |= v[i].key ^ first;
      part[static_cast<size_t>(c)] = d;
    });
    for (uint64_t d : part) diff |= d;
  } else {
    for (size_t i = 0; i < n; ++i) diff |= v[i].key ^ first;
  }
  diff &= mask;
  return diff == 0 ? -1 : 63 - std::countl_zero(diff);
}

// LSD on the bytes of bits [0, bits) in which keys differ; result in v.
void LsdSort(KeyIdx* v, KeyIdx* tmp, size_t n, int bits) {
  const int bytes = (bits + 7) / 8;
  std::array<std::array<size_t, kBuckets>, 8> hist{};
  for (size_t i = 0; i < n; ++i) {
    const uint64_t k = v[i].key;
    for (int b = 0; b < bytes; ++b) ++hist[static_cast<size_t>(b)][Digit(k, 8 * b)];
  }
  KeyIdx* src = v;
  KeyIdx* dst = tmp;
  for (int b = 0; b < bytes; ++b) {
    auto& h = hist[static_cast<size_t>(b)];
    if (h[Digit(src[0].key, 8 * b)] == n) continue;  // every key has this byte
    size_t sum = 0;
    for (auto& c : h) {
      const size_t t = c;
      c = sum;
      sum += t;
    }
    for (size_t i = 0; i < n; ++i) dst[h[Digit(src[i].key, 8 * b)]++] = src[i];
    std::swap(src, dst);
  }
  if (src != v) std::memcpy(v, src, n * sizeof(KeyIdx));
}

void SortRange(KeyIdx* v, KeyIdx* tmp, size_t n, int bits, bool parallel);

// One stable MSD pass on bits [shift, shift + 8) from v into tmp; returns bucket offsets.
std::array<size_t, kBuckets + 1> MsdScatter(const KeyIdx* v, KeyIdx* tmp, size_t n, int shift,
                                            bool parallel) {
  const size_t chunks = parallel ? 64 : 1;
  std::vector<std::array<size_t, kBuckets>> hist(chunks);
  auto range = [&](size_t c) { return std::pair(n * c / chunks, n * (c + 1) / chunks); };
  auto count = [&](int64_t c) {
    auto& h = hist[static_cast<size_t>(c)];
    h.fill(0);
    const auto [b, e] = range(static_cast<size_t>(c));
    for (size_t i = b; i < e; ++i) ++h[Digit(v[i].key, shift)];
  };
  // Bucket-major, chunk-minor offsets keep equal digits in input order.
  std::array<size_t, kBuckets + 1> starts{};
  auto prefix = [&] {
    size_t sum = 0;
    for (size_t d = 0; d < kBuckets; ++d) {
      starts[d] = sum;
      for (auto& h : hist) {
        const size_t t = h[d];
        h[d] = sum;
        sum += t;
      }
    }
    starts[kBuckets] = sum;
  };
  auto scatter = [&](int64_t c) {
    auto& h = hist[static_cast<size_t>(c)];
    const auto [b, e] = range(static_cast<size_t>(c));
    for (size_t i = b; i < e; ++i) tmp[h[Digit(v[i].key, shift)]++] = v[i];
  };
  if (parallel) {
    ParallelTasks(static_cast<int64_t>(chunks), count);
    prefix();
    ParallelTasks(static_cast<int64_t>(chunks), scatter);
  } else {
    count(0);
    prefix();
    scatter(0);
  }
  return starts;
}

// Sorts v[0, n) on bits [0, bits) (higher bits are equal); tmp is scratch of n pairs.
void SortRange(KeyIdx* v, KeyIdx* tmp, size_t n, int bits, bool parallel) {
  if (n < 2 || bits <= 0) return;
  parallel = parallel && n >= kParallelMin;
  if (!parallel && (n <= kLsdMax || bits <= kDigitBits)) return LsdSort(v, tmp, n, bits);
  const int hb = HighestDifferingBit(v, n, bits, parallel);
  if (hb < 0) return;
  const int shift = std::max(0, hb + 1 - kDigitBits);
  const auto starts = MsdScatter(v, tmp, n, shift, parallel);
  // Bucket d is now tmp[starts[d], starts[d + 1]); sort it there (v as scratch), copy it back.
  auto bucket = [&](size_t d, bool par) {
    const size_t b = starts[d], len = starts[d + 1] - b;
    SortRange(tmp + b, v + b, len, shift, par);
    if (!par) {
      std::memcpy(v + b, tmp + b, len * sizeof(KeyIdx));
      return;
    }
    const int64_t pieces = 64;  // a large bucket: copy back on all threads too
    ParallelTasks(pieces, [&](int64_t k) {
      const size_t pb = len * static_cast<size_t>(k) / pieces;
      const size_t pe = len * static_cast<size_t>(k + 1) / pieces;
      std::memcpy(v + b + pb, tmp + b + pb, (pe - pb) * sizeof(KeyIdx));
    });
  };
  if (!parallel) {
    for (size_t d = 0; d < kBuckets; ++d) bucket(d, false);
    return;
  }
  const size_t big =
      std::max(kParallelMin, n / (2 * static_cast<size_t>(OpsThreadPool().parallelism())));
  std::vector<int64_t> small;
  for (size_t d = 0; d < kBuckets; ++d) {
    if (starts[d + 1] - starts[d] > big) {
      bucket(d, true);  // a share too large for one thread: split it on all threads
    } else {
      small.push_back(static_cast<int64_t>(d));
    }
  }
  ParallelTasks(static_cast<int64_t>(small.size()), [&](int64_t i) {
    bucket(static_cast<size_t>(small[static_cast<size_t>(i)]), false);
  });
}

}  // namespace

void RadixSortPairs(KeyIdx* v, size_t n) {
  UninitVector<KeyIdx> tmp(n);
  SortRange(v, tmp.data(), n, 64, /*parallel=*/true);
}

}  // namespace xf
