#include "ops/sort.h"

#include <algorithm>
#include <array>

#include "core/error.h"
#include "ops/parallel.h"
#include "ops/gather.h"
#include "ops/single_key_sort.h"

namespace xf {

namespace {

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
    out = SortSingleKey(cmp.column(0), cmp.descending(0), cmp.nulls_first(0)).Indices();
  } else {
    out = SortGeneric(cmp, n);
  }
  out.resize(static_cast<size_t>(limit));
  return out;
}

TablePtr Sort(const Table& table, const SortOptions& options) {
  if (options.keys.size() == 1 && options.limit < 0) {
    const RowComparator cmp(table, options.keys);
    const Column& key = cmp.column(0);
    if (key.type() != TypeId::kFloat64 && key.type() != TypeId::kString &&
        key.type() != TypeId::kNull) {
      // Full sort on an integer-like key: the key column comes from the sorted keys, and only
      // the other columns are gathered by row.
      const SingleKeyOrder order = SortSingleKey(key, cmp.descending(0), cmp.nulls_first(0));
      UninitVector<int64_t> idx(static_cast<size_t>(order.rows()));
      order.WriteIndices(idx.data());
      std::vector<const Column*> others;
      for (int c = 0; c < table.num_columns(); ++c) {
        if (table.column(c).get() != &key) others.push_back(table.column(c).get());
      }
      std::vector<ColumnPtr> gathered = GatherColumns(others, idx.data(), order.rows());
      const ColumnPtr decoded = DecodeSortedKeys(order, key);
      std::vector<ColumnPtr> cols;
      size_t next = 0;
      for (int c = 0; c < table.num_columns(); ++c) {
        cols.push_back(table.column(c).get() == &key ? decoded : std::move(gathered[next++]));
      }
      return Table::Make(table.schema(), std::move(cols));
    }
  }
  return ParallelTake(table, SortIndices(table, options));
}

}  // namespace xf
