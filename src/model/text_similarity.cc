#include "model/text_similarity.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>

#include "core/error.h"
#include "core/hash.h"

namespace xf::model {

namespace {

// Decodes one UTF-8 code point at `*i`; invalid bytes are taken one at a time as themselves.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || *i + static_cast<size_t>(len) > s.size()) {
    ++*i;
    return c;
  }
  uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[*i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++*i;
      return c;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  *i += static_cast<size_t>(len);
  return cp;
}

// Whitespace and punctuation carry no content for duplicate checks: an edited copy often differs
// only there.
bool Ignored(uint32_t cp) {
  if (cp < 0x80)
    return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  return (cp >= 0x2000 && cp <= 0x206F) ||  // general punctuation: “”‘’—…
         (cp >= 0x3000 && cp <= 0x303F) ||  // CJK punctuation: 、。《》「」【】 and U+3000
         (cp >= 0xFF01 && cp <= 0xFF0F) ||
         (cp >= 0xFF1A && cp <= 0xFF20) ||  // full-width ！（），：；？
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x00B7;
}

}  // namespace

ShingleSet Shingles(std::string_view text, int n, uint64_t salt) {
  if (n < 1) throw Error(ErrorKind::kUsage, "n-gram length must be at least 1");
  std::vector<uint32_t> cps;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = NextCodePoint(text, &i);
    if (Ignored(cp)) continue;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    cps.push_back(cp);
  }
  ShingleSet out;
  if (cps.empty()) return out;
  const size_t width = std::min(cps.size(), static_cast<size_t>(n));
  for (size_t i = 0; i + width <= cps.size(); ++i) {
    uint64_t h = HashInt64(salt + 0x9e3779b97f4a7c15ULL);
    for (size_t k = 0; k < width; ++k) h = HashCombine(h, cps[i + k]);
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Jaccard(const ShingleSet& a, const ShingleSet& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::vector<SimilarPair> NearDuplicatePairs(const std::vector<ShingleSet>& docs,
                                            const std::vector<uint64_t>& blocks,
                                            const NearDuplicateOptions& options) {
  const int64_t n = static_cast<int64_t>(docs.size());
  if (!blocks.empty() && static_cast<int64_t>(blocks.size()) != n) {
    throw Error(ErrorKind::kInternal, "one block key per document expected");
  }
  if (options.bands < 1 || options.rows < 1) {
    throw Error(ErrorKind::kUsage, "bands and rows must be at least 1");
  }
  auto block = [&](int64_t i) { return blocks.empty() ? 0 : blocks[static_cast<size_t>(i)]; };
  std::vector<std::pair<int64_t, int64_t>> candidates;
  if (options.exhaustive) {
    // Group by block first so the quadratic part stays within blocks.
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) order[static_cast<size_t>(i)] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](int64_t x, int64_t y) { return block(x) < block(y); });
    for (size_t s = 0; s < order.size();) {
      size_t e = s;
      while (e < order.size() && block(order[e]) == block(order[s])) ++e;
      for (size_t x = s; x < e; ++x) {
        for (size_t y = x + 1; y < e; ++y) {
          candidates.emplace_back(std::min(order[x], order[y]), std::max(order[x], order[y]));
        }
      }
      s = e;
    }
  } else {
    // MinHash: per function k, the minimum of hash(shingle ⊕ salt_k); one band's values hashed
    // together (with the block) are the bucket key, and documents sharing a key are candidates.
    const int funcs = options.bands * options.rows;
    std::vector<uint64_t> salts(static_cast<size_t>(funcs));
    for (int k = 0; k < funcs; ++k) {
      salts[static_cast<size_t>(k)] = HashCombine(options.seed, static_cast<uint64_t>(k) + 1);
    }
    std::vector<std::pair<uint64_t, int64_t>> keys;  // (bucket key, document)
    std::vector<uint64_t> sig(static_cast<size_t>(funcs));
    for (int64_t d = 0; d < n; ++d) {
      const ShingleSet& s = docs[static_cast<size_t>(d)];
      if (s.empty()) continue;  // nothing to compare
      for (int k = 0; k < funcs; ++k) {
        uint64_t m = std::numeric_limits<uint64_t>::max();
        for (uint64_t h : s) m = std::min(m, HashInt64(h ^ salts[static_cast<size_t>(k)]));
        sig[static_cast<size_t>(k)] = m;
      }
      for (int b = 0; b < options.bands; ++b) {
        uint64_t key = HashCombine(block(d), static_cast<uint64_t>(b));
        for (int r = 0; r < options.rows; ++r) {
          key = HashCombine(key, sig[static_cast<size_t>(b * options.rows + r)]);
        }
        keys.emplace_back(key, d);
      }
    }
    std::sort(keys.begin(), keys.end());
    for (size_t s = 0; s < keys.size();) {
      size_t e = s;
      while (e < keys.size() && keys[e].first == keys[s].first) ++e;
      for (size_t x = s; x < e; ++x) {
        for (size_t y = x + 1; y < e; ++y) {
          // A hash collision across blocks must not pair documents of different blocks.
          if (block(keys[x].second) != block(keys[y].second)) continue;
          candidates.emplace_back(keys[x].second, keys[y].second);
        }
      }
      s = e;
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }
  std::vector<SimilarPair> out;
  for (const auto& [a, b] : candidates) {
    const double j = Jaccard(docs[static_cast<size_t>(a)], docs[static_cast<size_t>(b)]);
    if (j >= options.threshold && j > 0) out.push_back({a, b, j});
  }
  std::sort(out.begin(), out.end(), [](const SimilarPair& x, const SimilarPair& y) {
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  return out;
}

}  // namespace xf::model
