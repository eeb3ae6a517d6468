// Grouping::Build against a first-appearance reference for both strategies (morsel-wise, with
// the direct-array path for small int64 ranges, and hash-partitioned for many distinct keys),
// with and without skipping NULL keys, and Lookup of probe keys.
#include "ops/grouping.h"

#include <gtest/gtest.h>

#include <map>
#include <unordered_map>
#include <string>

#include "ops/tests/test_util.h"

namespace xf {
namespace {

using testing::RandomTable;
using testing::RowKey;

void ExpectMatchesReference(const Table& t, const std::vector<std::string>& names, bool skip) {
  const KeyColumns keys = KeyColumns::FromTable(t, names);
  ThreadPool one(1), four(4);
  UninitVector<int32_t> single;
  {
    ScopedOpsThreadPool s(&one);
    single = Grouping::Build(keys, skip).row_groups();
  }
  ScopedOpsThreadPool s(&four);
  const Grouping g = Grouping::Build(keys, skip);
  EXPECT_EQ(g.row_groups(), single);

  std::map<std::string, int32_t> ids;
  std::vector<int64_t> first;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    const bool has_null = keys.AnyNull(r);
    int32_t want = -1;
    if (!(skip && has_null)) {
      auto [it, added] = ids.emplace(RowKey(t, names, r), static_cast<int32_t>(first.size()));
      if (added) first.push_back(r);
      want = it->second;
    }
    ASSERT_EQ(g.row_groups()[static_cast<size_t>(r)], want) << "row " << r;
  }
  EXPECT_EQ(g.first_rows(), first);

  // Probing with the same rows finds each row's group (or -1 for NULL keys).
  std::vector<int32_t> probe(static_cast<size_t>(t.num_rows()));
  g.Lookup(keys, 0, t.num_rows(), probe.data());
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    const int32_t want = keys.AnyNull(r) ? -1 : g.row_groups()[static_cast<size_t>(r)];
    ASSERT_EQ(probe[static_cast<size_t>(r)], want) << "probe row " << r;
  }
}

TEST(Grouping, ManyDistinctKeysPartitioned) {
  const auto t = RandomTable(31, 200000,
                             {{"k", TypeId::kInt64, 1'000'000, 0.03},
                              {"s", TypeId::kString, 400, 0.03},
                              {"d", TypeId::kInt64, 1000, 0.03}});
  for (bool skip : {false, true}) {
    ExpectMatchesReference(*t, {"k"}, skip);
    ExpectMatchesReference(*t, {"s", "d"}, skip);
  }
}

TEST(Grouping, FewDistinctKeysMorselWise) {
  // Small ranges (direct array, negative keys included) and a wide range with few values.
  const auto t = RandomTable(32, 150000,
                             {{"small", TypeId::kInt64, 300, 0.05},
                              {"ts", TypeId::kTimestamp, 50, 0.05},
                              {"s", TypeId::kString, 30, 0.05}});
  for (bool skip : {false, true}) {
    ExpectMatchesReference(*t, {"small"}, skip);
    ExpectMatchesReference(*t, {"ts"}, skip);  // keys a minute apart in micros: hashed
    ExpectMatchesReference(*t, {"s", "small"}, skip);
  }
}

TEST(Grouping, MidCardinalityLargeChunks) {
  // Enough rows for several morsels per phase-1 chunk: 20k groups take the large-chunk route.
  const auto t = RandomTable(33, 1'200'000, {{"k", TypeId::kInt64, 20000, 0.02}});
  const KeyColumns keys = KeyColumns::FromTable(*t, {"k"});
  const Column& c = *t->column("k");
  for (bool skip : {false, true}) {
    ThreadPool one(1), four(4);
    UninitVector<int32_t> single;
    {
      ScopedOpsThreadPool s(&one);
      single = Grouping::Build(keys, skip).row_groups();
    }
    ScopedOpsThreadPool s(&four);
    const Grouping g = Grouping::Build(keys, skip);
    ASSERT_TRUE(g.row_groups() == single);
    std::unordered_map<int64_t, int32_t> ids;
    int32_t null_id = -1, next = 0;
    for (int64_t r = 0; r < t->num_rows(); ++r) {
      int32_t want;
      if (c.IsNull(r)) {
        if (!skip && null_id < 0) null_id = next++;
        want = skip ? -1 : null_id;
      } else {
        auto [it, added] = ids.emplace(c.data<int64_t>()[r], next);
        if (added) ++next;
        want = it->second;
      }
      ASSERT_EQ(g.row_groups()[static_cast<size_t>(r)], want) << "row " << r;
    }
    EXPECT_EQ(g.num_groups(), next);
  }
}

}  // namespace
}  // namespace xf
