// Small helpers for splitting text work into parallel parts that start at line boundaries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

#include "core/thread_pool.h"

namespace xf {

// Parallelism for a `threads` option: 0 = the global pool's, else the given count (at least 1).
inline int EffectiveThreads(int threads) {
  return threads > 0 ? threads : ThreadPool::Global().parallelism();
}

// Runs fn(0..n-1): in the caller when threads == 1 (so a serial run really is serial), else on
// the global pool.
inline void RunParts(int64_t n, int threads, const std::function<void(int64_t)>& fn) {
  if (n <= 0) return;
  if (n == 1 || EffectiveThreads(threads) == 1) {
    for (int64_t i = 0; i < n; ++i) fn(i);
    return;
  }
  ThreadPool::Global().ParallelFor(n, fn);
}

// Cut points b_0 = begin < b_1 < ... < b_k = text.size() with every inner b_i just after a '\n',
// about `parts` parts of at least `min_bytes` each. A line longer than a part makes fewer parts.
inline std::vector<size_t> SplitAfterNewlines(std::string_view text, size_t begin, int64_t parts,
                                              size_t min_bytes) {
  std::vector<size_t> cuts{begin};
  const size_t n = text.size();
  if (begin >= n) {
    cuts.push_back(n);
    return cuts;
  }
  const size_t span = n - begin;
  if (min_bytes == 0) min_bytes = 1;
  int64_t k = static_cast<int64_t>(span / min_bytes);
  if (k > parts) k = parts;
  if (k < 1) k = 1;
  const size_t step = span / static_cast<size_t>(k);
  for (int64_t i = 1; i < k; ++i) {
    size_t at = begin + step * static_cast<size_t>(i);
    if (at < cuts.back()) at = cuts.back();
    const void* nl = std::memchr(text.data() + at, '\n', n - at);
    if (nl == nullptr) break;
    at = static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
    if (at >= n) break;
    if (at > cuts.back()) cuts.push_back(at);
  }
  cuts.push_back(n);
  return cuts;
}

}  // namespace xf
