// The unique int64 build-key fast path of HashJoin (dense array and hashed index), checked
// against a map-based reference on random data with NULLs, absent keys and extreme values.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <random>

#include "ops/join.h"
#include "ops/join_output.h"
#include "ops/tests/test_util.h"

namespace xf {
namespace {

using testing::ExpectTablesEqual;
using testing::RunSingleAndMulti;

ColumnPtr Int64s(const std::vector<int64_t>& v, const std::vector<bool>& null) {
  auto c = Column::Make(TypeId::kInt64);
  for (size_t i = 0; i < v.size(); ++i) {
    if (null[i]) {
      c->AppendNull();
    } else {
      c->AppendInt64(v[i]);
    }
  }
  return c;
}

// Right keys: distinct values key_of(0..nr-1) in shuffled order, some NULL; left keys drawn from
// a wider set so some miss.
struct Case {
  TablePtr left, right;
};

Case MakeCase(uint64_t seed, int64_t nl, int64_t nr, int64_t (*key_of)(int64_t)) {
  std::mt19937_64 rng(seed);
  std::vector<int64_t> rk(static_cast<size_t>(nr));
  std::iota(rk.begin(), rk.end(), 0);
  std::shuffle(rk.begin(), rk.end(), rng);
  std::vector<bool> rnull(rk.size()), lnull(static_cast<size_t>(nl));
  for (auto& k : rk) k = key_of(k);
  for (size_t i = 0; i < rk.size(); ++i) rnull[i] = rng() % 20 == 0;
  std::vector<int64_t> lk(static_cast<size_t>(nl));
  for (size_t i = 0; i < lk.size(); ++i) {
    lk[i] = key_of(static_cast<int64_t>(rng() % static_cast<uint64_t>(nr + nr / 4)));
    lnull[i] = rng() % 25 == 0;
  }
  std::vector<int64_t> lv(lk.size()), rv(rk.size());
  std::iota(lv.begin(), lv.end(), 0);
  std::iota(rv.begin(), rv.end(), 1000);
  Case c;
  c.left = Table::Make(Schema({{"k", TypeId::kInt64}, {"v", TypeId::kInt64}}),
                       {Int64s(lk, lnull), Int64s(lv, std::vector<bool>(lv.size()))});
  c.right = Table::Make(Schema({{"k", TypeId::kInt64}, {"w", TypeId::kInt64}}),
                        {Int64s(rk, rnull), Int64s(rv, std::vector<bool>(rv.size()))});
  return c;
}

TablePtr Reference(const Table& l, const Table& r, JoinType type) {
  std::map<int64_t, int64_t> index;
  const Column& rk = *r.column("k");
  for (int64_t j = 0; j < r.num_rows(); ++j) {
    if (rk.IsValid(j)) index[rk.data<int64_t>()[j]] = j;
  }
  const Column& lk = *l.column("k");
  std::vector<int64_t> li, ri;
  for (int64_t i = 0; i < l.num_rows(); ++i) {
    auto it = lk.IsValid(i) ? index.find(lk.data<int64_t>()[i]) : index.end();
    const bool hit = it != index.end();
    if ((type == JoinType::kSemi && hit) || (type == JoinType::kAnti && !hit)) li.push_back(i);
    if ((type == JoinType::kInner && hit) || type == JoinType::kLeft) {
      li.push_back(i);
      ri.push_back(hit ? it->second : -1);
    }
  }
  if (type == JoinType::kSemi || type == JoinType::kAnti) return l.Take(li);
  return AssembleJoinOutput(l, &li, r, ri, {"k"}, "_right");
}

int64_t Dense(int64_t i) { return i - 100; }
int64_t Sparse(int64_t i) {  // spread over the whole int64 range, extremes included
  if (i == 0) return std::numeric_limits<int64_t>::min();
  if (i == 1) return std::numeric_limits<int64_t>::max();
  // Odd multiplier: a bijection on 64 bits, so keys stay distinct; unsigned to wrap.
  return static_cast<int64_t>((static_cast<uint64_t>(i) * 0x9E3779B97F4A7C1ULL) ^ 0x5555ULL);
}

TEST(HashJoinUniqueKey, DenseAndHashedMatchReference) {
  for (auto key_of : {&Dense, &Sparse}) {
    const Case c = MakeCase(21, 200000, 30000, key_of);
    for (JoinType type : {JoinType::kInner, JoinType::kLeft, JoinType::kSemi, JoinType::kAnti}) {
      auto got = RunSingleAndMulti([&] { return HashJoin(*c.left, *c.right, {type, {"k"}}); });
      ExpectTablesEqual(*got, *Reference(*c.left, *c.right, type));
    }
  }
}

TEST(HashJoinUniqueKey, EveryRowMatchingOnceSharesLeftColumns) {
  const Case c = MakeCase(22, 5000, 1000, &Dense);
  // Keep only left rows whose key is in the right table: every row then has exactly one match.
  const TablePtr l = HashJoin(*c.left, *c.right, {JoinType::kSemi, {"k"}});
  const TablePtr got = HashJoin(*l, *c.right, {JoinType::kInner, {"k"}});
  ExpectTablesEqual(*got, *Reference(*l, *c.right, JoinType::kInner));
  EXPECT_EQ(got->column("v"), l->column("v"));
}

TEST(HashJoinUniqueKey, DuplicateKeyFallsBackToGeneralPath) {
  const Case c = MakeCase(23, 3000, 500, &Dense);
  // Append a duplicate of an existing key: the result must hold both matches.
  auto k = Column::Make(TypeId::kInt64);
  k->AppendColumn(*c.right->column("k"));
  k->AppendInt64(Dense(7));
  auto w = Column::Make(TypeId::kInt64);
  w->AppendColumn(*c.right->column("w"));
  w->AppendInt64(-1);
  const TablePtr dup = Table::Make(c.right->schema(), {k, w});
  const TablePtr got = HashJoin(*c.left, *dup, {JoinType::kInner, {"k"}});
  int64_t want = 0;
  for (int64_t i = 0; i < c.left->num_rows(); ++i) {
    if (c.left->column("k")->IsValid(i) && c.left->column("k")->data<int64_t>()[i] == Dense(7)) {
      ++want;
    }
  }
  int64_t twice = 0;
  for (int64_t i = 0; i < got->num_rows(); ++i) {
    if (got->column("w")->data<int64_t>()[i] == -1) ++twice;
  }
  EXPECT_EQ(twice, want);
  EXPECT_GT(want, 0);
}

}  // namespace
}  // namespace xf
