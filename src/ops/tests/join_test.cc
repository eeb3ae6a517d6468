#include "ops/join.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "ops/asof_join.h"
#include "ops/join_output.h"
#include "ops/tests/test_util.h"

namespace xf {
namespace {

using testing::ExpectTablesEqual;
using testing::RandomTable;
using testing::RowKey;
using testing::RunSingleAndMulti;

// Nested-loop reference.
TablePtr ReferenceJoin(const Table& l, const Table& r, const JoinOptions& o) {
  const auto& rk = o.right_keys.empty() ? o.left_keys : o.right_keys;
  std::vector<int64_t> li, ri;
  std::vector<std::string> rkeys;
  for (int64_t j = 0; j < r.num_rows(); ++j) rkeys.push_back(RowKey(r, rk, j));
  for (int64_t i = 0; i < l.num_rows(); ++i) {
    bool lnull = false;
    for (const auto& k : o.left_keys) lnull = lnull || l.column(k)->IsNull(i);
    const std::string key = RowKey(l, o.left_keys, i);
    bool any = false;
    for (int64_t j = 0; j < r.num_rows() && !lnull; ++j) {
      if (rkeys[static_cast<size_t>(j)] != key) continue;
      any = true;
      if (o.type == JoinType::kInner || o.type == JoinType::kLeft) {
        li.push_back(i);
        ri.push_back(j);
      }
    }
    if (o.type == JoinType::kLeft && !any) {
      li.push_back(i);
      ri.push_back(-1);
    }
    if ((o.type == JoinType::kSemi && any) || (o.type == JoinType::kAnti && !any)) li.push_back(i);
  }
  if (o.type == JoinType::kSemi || o.type == JoinType::kAnti) return l.Take(li);
  return AssembleJoinOutput(l, &li, r, ri, rk, o.suffix);
}

TEST(HashJoin, MatchesReference) {
  const auto l = RandomTable(11, 3000, {{"k", TypeId::kInt64, 200, 0.05},
                                        {"s", TypeId::kString, 15, 0.05},
                                        {"v", TypeId::kFloat64, 100, 0.1}});
  const auto r = RandomTable(12, 400, {{"key", TypeId::kInt64, 300, 0.05},
                                       {"s", TypeId::kString, 15, 0.05},
                                       {"v", TypeId::kInt64, 100, 0.1}});
  for (JoinType type : {JoinType::kInner, JoinType::kLeft, JoinType::kSemi, JoinType::kAnti}) {
    JoinOptions o{type, {"k"}, {"key"}};
    ExpectTablesEqual(*HashJoin(*l, *r, o), *ReferenceJoin(*l, *r, o));
    JoinOptions o2{type, {"s", "k"}, {"s", "key"}};
    ExpectTablesEqual(*HashJoin(*l, *r, o2), *ReferenceJoin(*l, *r, o2));
    JoinOptions o3{type, {"s"}, {}};  // string key only, many duplicates
    ExpectTablesEqual(*HashJoin(*l, *r, o3), *ReferenceJoin(*l, *r, o3));
  }
}

TEST(HashJoin, LargeThreadCountIndependent) {
  const auto l = RandomTable(13, 300000, {{"k", TypeId::kInt64, 50000, 0.02},
                                          {"v", TypeId::kFloat64, 100, 0.1}});
  const auto r = RandomTable(14, 70000, {{"k", TypeId::kInt64, 70000, 0.02},
                                         {"w", TypeId::kString, 100, 0.1}});
  for (JoinType type : {JoinType::kInner, JoinType::kLeft, JoinType::kAnti}) {
    auto got = RunSingleAndMulti([&] { return HashJoin(*l, *r, {type, {"k"}}); });
    // Spot check against the reference on a prefix of the left side (order is left order).
    const auto lp = l->Slice(0, 500);
    auto want = ReferenceJoin(*lp, *r, {type, {"k"}});
    auto part = HashJoin(*lp, *r, {type, {"k"}});
    ExpectTablesEqual(*part, *want);
    ExpectTablesEqual(*got->Slice(0, part->num_rows()), *part);
  }
}

TEST(HashJoin, HandWrittenNullsAndSuffix) {
  auto lk = Column::FromValues(TypeId::kString, {Value::String("电"), Value(), Value::String("水")});
  auto lv = Column::FromValues(TypeId::kInt64, {Value::Int64(1), Value::Int64(2), Value::Int64(3)});
  auto l = Table::Make(Schema({{"k", TypeId::kString}, {"v", TypeId::kInt64}}), {lk, lv});
  auto rk = Column::FromValues(TypeId::kString, {Value(), Value::String("电"), Value::String("电")});
  auto rv = Column::FromValues(TypeId::kInt64, {Value::Int64(10), Value::Int64(20), Value::Int64(30)});
  auto r = Table::Make(Schema({{"k", TypeId::kString}, {"v", TypeId::kInt64}}), {rk, rv});
  auto out = HashJoin(*l, *r, {JoinType::kLeft, {"k"}});
  EXPECT_EQ(out->schema().ToString(), "k:string, v:int64, v_right:int64");
  ASSERT_EQ(out->num_rows(), 4);  // 电 x2, NULL (no match), 水 (no match)
  EXPECT_EQ(out->column("v_right")->GetValue(0), Value::Int64(20));
  EXPECT_EQ(out->column("v_right")->GetValue(1), Value::Int64(30));
  EXPECT_TRUE(out->column("v_right")->IsNull(2)) << "NULL keys never match";
  EXPECT_EQ(HashJoin(*l, *r, {JoinType::kAnti, {"k"}})->num_rows(), 2);
}

TEST(HashJoin, Errors) {
  const auto l = RandomTable(1, 10, {{"k", TypeId::kInt64}});
  const auto r = RandomTable(1, 10, {{"k", TypeId::kString}});
  try {
    HashJoin(*l, *r, {JoinType::kInner, {"k"}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kSpec);
    EXPECT_NE(std::string(e.what()).find("int64 on the left"), std::string::npos) << e.what();
  }
  EXPECT_THROW(HashJoin(*l, *r, {JoinType::kInner, {"kk"}}), Error);
  EXPECT_THROW(HashJoin(*l, *l, {JoinType::kInner, {"k"}, {"k", "k"}}), Error);
}

// Reference as-of: scan every right row.
TablePtr ReferenceAsof(const Table& l, const Table& r, const AsofJoinOptions& o) {
  std::vector<int64_t> ri;
  const Column& lt = *l.column(o.left_on);
  const Column& rt = *r.column(o.left_on);
  std::vector<std::string> rkeys;
  for (int64_t j = 0; j < r.num_rows(); ++j) rkeys.push_back(RowKey(r, o.left_by, j));
  for (int64_t i = 0; i < l.num_rows(); ++i) {
    int64_t best = -1;
    const std::string lkey = RowKey(l, o.left_by, i);
    bool lnull = lt.IsNull(i);
    for (const auto& k : o.left_by) lnull = lnull || l.column(k)->IsNull(i);
    for (int64_t j = 0; j < r.num_rows() && !lnull; ++j) {
      if (rt.IsNull(j) || lkey != rkeys[static_cast<size_t>(j)]) continue;
      const int64_t a = lt.GetValue(i).int_value(), b = rt.GetValue(j).int_value();
      if (b > a || (!o.allow_exact_matches && b == a)) continue;
      if (o.tolerance && static_cast<double>(a - b) > *o.tolerance) continue;
      if (best < 0 || rt.GetValue(best).int_value() <= b) best = j;
    }
    ri.push_back(best);
  }
  return AssembleJoinOutput(l, nullptr, r, ri, o.left_by, o.suffix);
}

TEST(AsofJoin, MatchesReference) {
  for (uint64_t seed : {21, 22}) {
    const auto l = RandomTable(seed, 2000, {{"dev", TypeId::kString, 12, 0.05},
                                            {"t", TypeId::kTimestamp, 300, 0.05},
                                            {"x", TypeId::kInt64, 10, 0.1}});
    const auto r = RandomTable(seed + 100, 800, {{"dev", TypeId::kString, 12, 0.05},
                                                 {"t", TypeId::kTimestamp, 300, 0.05},
                                                 {"y", TypeId::kFloat64, 100, 0.1}});
    for (bool exact : {true, false}) {
      for (std::optional<double> tol : {std::optional<double>(), std::optional<double>(600e6)}) {
        AsofJoinOptions o{.left_on = "t", .left_by = {"dev"}, .allow_exact_matches = exact, .tolerance = tol};
        auto got = RunSingleAndMulti([&] { return AsofJoin(*l, *r, o); });
        ExpectTablesEqual(*got, *ReferenceAsof(*l, *r, o));
        AsofJoinOptions nokey{.left_on = "t", .allow_exact_matches = exact, .tolerance = tol};
        ExpectTablesEqual(*AsofJoin(*l, *r, nokey), *ReferenceAsof(*l, *r, nokey));
      }
    }
  }
}

TEST(AsofJoin, HandWritten) {
  auto lt = Column::FromValues(TypeId::kInt64, {Value::Int64(5), Value::Int64(1), Value::Int64(10)});
  auto l = Table::Make(Schema({{"t", TypeId::kInt64}}), {lt});
  auto rt = Column::FromValues(TypeId::kInt64, {Value::Int64(4), Value::Int64(2), Value::Int64(4), Value::Int64(9)});
  auto rv = Column::FromValues(TypeId::kString, {Value::String("a"), Value::String("b"), Value::String("c"), Value::String("d")});
  auto r = Table::Make(Schema({{"t", TypeId::kInt64}, {"v", TypeId::kString}}), {rt, rv});
  auto out = AsofJoin(*l, *r, {.left_on = "t"});
  EXPECT_EQ(out->schema().ToString(), "t:int64, t_right:int64, v:string");
  EXPECT_EQ(out->column("v")->GetValue(0), Value::String("c")) << "ties: last right row";
  EXPECT_TRUE(out->column("v")->IsNull(1));
  EXPECT_EQ(out->column("v")->GetValue(2), Value::String("d"));
  auto tol = AsofJoin(*l, *r, {.left_on = "t", .tolerance = 0.5});
  EXPECT_TRUE(tol->column("v")->IsNull(2));
  EXPECT_THROW(AsofJoin(*l, *r, {.left_on = "v"}), Error);
}

}  // namespace
}  // namespace xf
