#include "ops/sort.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.h"
#include "ops/filter.h"
#include "ops/tests/test_util.h"
#include "ops/union.h"

namespace xf {
namespace {

using testing::ExpectTablesEqual;
using testing::RandomTable;
using testing::RunSingleAndMulti;

// Reference: std::stable_sort with a Value-based comparator.
std::vector<int64_t> ReferenceOrder(const Table& t, const std::vector<SortKey>& keys) {
  std::vector<int64_t> idx(static_cast<size_t>(t.num_rows()));
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<int64_t>(i);
  std::stable_sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) {
    for (const SortKey& k : keys) {
      const Value x = t.column(k.column)->GetValue(a), y = t.column(k.column)->GetValue(b);
      const bool nf = k.nulls == NullOrder::kDefault ? k.descending : k.nulls == NullOrder::kFirst;
      if (x.is_null() || y.is_null()) {
        if (x.is_null() && y.is_null()) continue;
        return x.is_null() == nf;
      }
      int c;
      if (x.type() == TypeId::kString) {
        c = x.string_value() < y.string_value() ? -1 : (x.string_value() > y.string_value() ? 1 : 0);
      } else {
        c = x.AsDouble() < y.AsDouble() ? -1 : (x.AsDouble() > y.AsDouble() ? 1 : 0);
      }
      if (c != 0) return k.descending ? c > 0 : c < 0;
    }
    return false;
  });
  return idx;
}

TEST(Sort, MatchesReference) {
  const auto t = RandomTable(31, 5000, {{"i", TypeId::kInt64, 100, 0.1},
                                        {"f", TypeId::kFloat64, 50, 0.1},
                                        {"s", TypeId::kString, 30, 0.1},
                                        {"d", TypeId::kDate, 40, 0.1},
                                        {"b", TypeId::kBool, 2, 0.1}});
  const std::vector<std::vector<SortKey>> cases = {
      {{"i"}},
      {{"f", true}},
      {{"d", false, NullOrder::kFirst}},
      {{"b", true, NullOrder::kLast}},
      {{"s"}, {"i", true}},
      {{"s", true}, {"f", false, NullOrder::kFirst}, {"i"}},
  };
  for (const auto& keys : cases) {
    for (int64_t limit : {int64_t{-1}, int64_t{10}, int64_t{3000}}) {
      auto got = RunSingleAndMulti([&] { return Sort(*t, {keys, limit}); });
      auto order = ReferenceOrder(*t, keys);
      if (limit >= 0) order.resize(static_cast<size_t>(limit));
      ExpectTablesEqual(*got, *t->Take(order));
    }
  }
}

TEST(Sort, LargeMultiKeyParallelMerge) {
  const auto t = RandomTable(32, 100000, {{"s", TypeId::kString, 300, 0.05}, {"i", TypeId::kInt64, 1000, 0.05}});
  std::vector<SortKey> keys{{"s", true}, {"i"}};
  auto got = RunSingleAndMulti([&] { return Sort(*t, {keys}); });
  ExpectTablesEqual(*got, *t->Take(ReferenceOrder(*t, keys)));
}

TEST(Sort, FloatSpecials) {
  auto f = Column::FromValues(TypeId::kFloat64, {Value::Float64(NAN), Value::Float64(-0.0), Value::Float64(1),
                                                 Value(), Value::Float64(-INFINITY), Value::Float64(0.0)});
  auto t = Table::Make(Schema({{"f", TypeId::kFloat64}}), {f});
  EXPECT_EQ(SortIndices(*t, {{{"f"}}}), (std::vector<int64_t>{4, 1, 5, 2, 0, 3}));
  EXPECT_EQ(SortIndices(*t, {{{"f", true}}}), (std::vector<int64_t>{3, 0, 2, 1, 5, 4}));
  EXPECT_THROW(Sort(*t, {{{"g"}}}), Error);
  EXPECT_THROW(Sort(*t, {}), Error);
}

TEST(Filter, ByMask) {
  const auto t = RandomTable(41, 200000, {{"a", TypeId::kString, 30, 0.1}, {"b", TypeId::kInt64, 10, 0.1}});
  auto mask = RandomTable(42, 200000, {{"m", TypeId::kBool, 2, 0.2}})->column(0);
  auto got = RunSingleAndMulti([&] { return FilterByMask(*t, *mask); });
  std::vector<int64_t> keep;
  for (int64_t i = 0; i < t->num_rows(); ++i) {
    if (mask->IsValid(i) && mask->data<uint8_t>()[i]) keep.push_back(i);
  }
  ExpectTablesEqual(*got, *t->Take(keep));
  EXPECT_THROW(FilterByMask(*t, *t->column("b")), Error);
  EXPECT_THROW(FilterByMask(*t, *mask->Slice(0, 10)), Error);
}

TEST(Union, AllAndByName) {
  const auto a = RandomTable(51, 100, {{"x", TypeId::kString, 10, 0.1}, {"y", TypeId::kInt64, 10, 0.1}});
  const auto b = RandomTable(52, 50, {{"x", TypeId::kString, 10, 0.1}, {"y", TypeId::kInt64, 10, 0.1}});
  auto u = UnionAll({a, b});
  ASSERT_EQ(u->num_rows(), 150);
  ExpectTablesEqual(*u->Slice(100, 50), *b);
  ExpectTablesEqual(*u->Slice(0, 100), *a);
  auto swapped = b->SelectColumns({1, 0});
  EXPECT_THROW(UnionAll({a, swapped}), Error);
  ExpectTablesEqual(*UnionAll({a, swapped}, {.by_name = true}), *u);
  const auto c = RandomTable(53, 5, {{"x", TypeId::kString}, {"y", TypeId::kFloat64}});
  try {
    UnionAll({a, c});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("column 'y' is float64 but int64"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace xf
