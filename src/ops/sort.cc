#include "ops/sort.h"

#include <algorithm>
#include <array>

#include "core/error.h"
#include "ops/parallel.h"

namespace xf {

namespace {

struct KeyIdx {
  uint64_t key;
  int64_t idx;
};

// LSD radix sort on the 8 key bytes: stable, so equal keys keep input order. Bytes on which all
// keys agree (the high bytes of small integers, say) are skipped.
void RadixSort(std::vector<KeyIdx>& v) {
  const size_t n = v.size();
  if (n < 2) return;
  std::vector<std::array<int64_t, 256>> hist(8);
  for (auto& h : hist) h.fill(0);
  for (const KeyIdx& e : v) {
    for (int b = 0; b < 8; ++b) ++hist[static_cast<size_t>(b)][(e.key >> (8 * b)) & 0xFF];
  }
  std::vector<KeyIdx> tmp(n);
  for (int b = 0; b < 8; ++b) {
    auto& h = hist[static_cast<size_t>(b)];
    if (std::any_of(h.begin(), h.end(), [n](int64_t c) { return c == static_cast<int64_t>(n); })) {
      continue;
    }
    int64_t sum = 0;
    for (auto& c : h) {
      const int64_t t = c;
      c = sum;
      sum += t;
    }
    for (const KeyIdx& e : v) tmp[static_cast<size_t>(h[(e.key >> (8 * b)) & 0xFF]++)] = e;
    v.swap(tmp);
  }
}

std::vector<int64_t> SortSingleFixed(const Column& c, bool desc, bool nulls_first) {
  const int64_t n = c.size();
  std::vector<KeyIdx> pairs;
  pairs.reserve(static_cast<size_t>(n - c.null_count()));
  std::vector<int64_t> nulls;
  for (int64_t i = 0; i < n; ++i) {
    if (c.IsNull(i)) {
      nulls.push_back(i);
      continue;
    }
    const uint64_t k = OrderedKeyAt(c, i);
    pairs.push_back(KeyIdx{desc ? ~k : k, i});
  }
  RadixSort(pairs);
  std::vector<int64_t> out;
  out.reserve(static_cast<size_t>(n));
  if (nulls_first) out.insert(out.end(), nulls.begin(), nulls.end());
  for (const KeyIdx& e : pairs) out.push_back(e.idx);
  if (!nulls_first) out.insert(out.end(), nulls.begin(), nulls.end());
  return out;
}

// Stable sort of all rows: chunks sorted in parallel, then merged pairwise. Any chunking gives
// the same result because a stable order is unique.
std::vector<int64_t> SortGeneric(const RowComparator& cmp, int64_t n) {
  std::vector<int64_t> idx(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) idx[static_cast<size_t>(i)] = i;
  auto less = [&cmp](int64_t a, int64_t b) { return cmp.Less(a, b); };
  const int64_t chunks = std::max<int64_t>(
      1, std::min<int64_t>(OpsThreadPool().parallelism() * 2, n / (int64_t{1} << 15)));
  std::vector<int64_t> bounds;
  for (int64_t k = 0; k <= chunks; ++k) bounds.push_back(n * k / chunks);
  ParallelTasks(chunks, [&](int64_t k) {
    std::stable_sort(idx.begin() + bounds[static_cast<size_t>(k)],
                     idx.begin() + bounds[static_cast<size_t>(k + 1)], less);
  });
  std::vector<int64_t> tmp(idx.size());
  while (bounds.size() > 2) {
    std::vector<int64_t> next_bounds;
    const int64_t pairs = static_cast<int64_t>(bounds.size() - 1) / 2;
    ParallelTasks(pairs, [&](int64_t p) {
      const auto b = static_cast<size_t>(bounds[static_cast<size_t>(2 * p)]);
      const auto m = static_cast<size_t>(bounds[static_cast<size_t>(2 * p + 1)]);
      const auto e = static_cast<size_t>(bounds[static_cast<size_t>(2 * p + 2)]);
      std::merge(idx.begin() + b, idx.begin() + m, idx.begin() + m, idx.begin() + e,
                 tmp.begin() + b, less);
    });
    for (size_t i = 0; i + 2 < bounds.size(); i += 2) next_bounds.push_back(bounds[i]);
    if ((bounds.size() - 1) % 2 == 1) {  // odd chunk out: copied unchanged
      const auto b = static_cast<size_t>(bounds[bounds.size() - 2]);
      std::copy(idx.begin() + b, idx.end(), tmp.begin() + b);
      next_bounds.push_back(bounds[bounds.size() - 2]);
    }
    next_bounds.push_back(n);
    idx.swap(tmp);
    bounds.swap(next_bounds);
  }
  return idx;
}

}  // namespace

std::vector<int64_t> SortIndices(const Table& table, const SortOptions& options) {
  if (options.keys.empty()) throw Error(ErrorKind::kSpec, "sort needs at least one key column");
  const RowComparator cmp(table, options.keys);
  const int64_t n = table.num_rows();
  const int64_t limit = options.limit < 0 ? n : std::min(options.limit, n);
  std::vector<int64_t> out;
  if (limit < n / 8) {
    // Top-N: partial sort with the index as last key keeps it stable.
    out.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out[static_cast<size_t>(i)] = i;
    std::partial_sort(out.begin(), out.begin() + limit, out.end(), [&cmp](int64_t a, int64_t b) {
      const int r = cmp.Compare(a, b);
      return r != 0 ? r < 0 : a < b;
    });
  } else if (cmp.num_keys() == 1 && cmp.column(0).type() != TypeId::kString &&
             cmp.column(0).type() != TypeId::kNull) {
    out = SortSingleFixed(cmp.column(0), cmp.descending(0), cmp.nulls_first(0));
  } else {
    out = SortGeneric(cmp, n);
  }
  out.resize(static_cast<size_t>(limit));
  return out;
}

TablePtr Sort(const Table& table, const SortOptions& options) {
  return ParallelTake(table, SortIndices(table, options));
}

}  // namespace xf
