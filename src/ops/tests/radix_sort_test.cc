// The parallel radix sort behind single-key sorts: stable order on key distributions that take
// its different routes (wide keys, narrow keys, skewed top bits that force a second parallel MSD
// split, all keys equal), on 1 and 4 threads; and large single-key Sorts with NULLs.
#include "ops/radix_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "ops/sort.h"
#include "ops/tests/test_util.h"

namespace xf {
namespace {

using testing::ExpectTablesEqual;
using testing::RunSingleAndMulti;

std::vector<KeyIdx> Keys(int kind, int64_t n) {
  std::mt19937_64 rng(40 + static_cast<uint64_t>(kind));
  std::vector<KeyIdx> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    uint64_t k = rng();
    switch (kind) {
      case 0:
        break;  // full 64-bit range
      case 1:
        k %= 1000;
        break;  // narrow, many ties
      case 2:
        k = (k % 10 == 0) ? k : (uint64_t{0xC08} << 52) | (k >> 12);
        break;  // skewed
      case 3:
        k = 42;
        break;  // all equal
    }
    v[static_cast<size_t>(i)] = KeyIdx{k, i};
  }
  return v;
}

TEST(RadixSort, StableOnEveryDistributionAndThreadCount) {
  for (int kind = 0; kind < 4; ++kind) {
    const std::vector<KeyIdx> input = Keys(kind, 700000);
    std::vector<KeyIdx> want = input;
    std::stable_sort(want.begin(), want.end(),
                     [](const KeyIdx& a, const KeyIdx& b) { return a.key < b.key; });
    for (int threads : {1, 4}) {
      ThreadPool pool(threads);
      ScopedOpsThreadPool scope(&pool);
      std::vector<KeyIdx> got = input;
      RadixSortPairs(got.data(), got.size());
      for (size_t i = 0; i < got.size(); ++i) {
        ASSERT_EQ(got[i].key, want[i].key) << "kind " << kind << " at " << i;
        ASSERT_EQ(got[i].idx, want[i].idx) << "kind " << kind << " at " << i;
      }
    }
  }
}

TEST(RadixSort, LargeSingleKeySortsWithNulls) {
  const auto t = testing::RandomTable(41, 400000,
                                      {{"i", TypeId::kInt64, 1'000'000'000, 0.05},
                                       {"f", TypeId::kFloat64, 100000, 0.05},
                                       {"t", TypeId::kTimestamp, 5000, 0.05}});
  for (const SortKey& key : {SortKey{"i"}, SortKey{"i", true}, SortKey{"f", true, NullOrder::kLast},
                             SortKey{"t", false, NullOrder::kFirst}}) {
    // Reference: stable sort on values, NULLs placed as the key says.
    const Column& c = *t->column(key.column);
    const bool nulls_first =
        key.nulls == NullOrder::kDefault ? key.descending : key.nulls == NullOrder::kFirst;
    std::vector<int64_t> order(static_cast<size_t>(t->num_rows()));
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int64_t>(i);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
      if (c.IsNull(a) || c.IsNull(b))
        return c.IsNull(a) && !c.IsNull(b) ? nulls_first
                                           : (!c.IsNull(a) && c.IsNull(b) ? !nulls_first : false);
      const double x = c.GetValue(a).AsDouble(), y = c.GetValue(b).AsDouble();
      return key.descending ? x > y : x < y;
    });
    auto got = RunSingleAndMulti([&] { return Sort(*t, {{key}}); });
    ExpectTablesEqual(*got, *t->Take(order));
  }
}

}  // namespace
}  // namespace xf
