#include "ops/aggregate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "core/error.h"
#include "ops/distinct.h"
#include "ops/tests/test_util.h"

namespace xf {
namespace {

using testing::ColSpec;
using testing::ExpectTablesEqual;
using testing::RandomTable;
using testing::RowKey;
using testing::RunSingleAndMulti;

// Straightforward reference: groups in first-appearance order, per-group value lists.
TablePtr ReferenceAggregate(const Table& t, const AggregateOptions& o) {
  std::map<std::string, size_t> index;
  std::vector<int64_t> first;
  std::vector<std::vector<int64_t>> rows;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    const std::string k = RowKey(t, o.keys, r);
    auto [it, added] = index.emplace(k, first.size());
    if (added) {
      first.push_back(r);
      rows.emplace_back();
    }
    rows[it->second].push_back(r);
  }
  if (o.keys.empty()) {
    first.assign(1, 0);
    if (rows.empty()) rows.emplace_back();
  }
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (const auto& k : o.keys) {
    fields.push_back({k, t.column(k)->type()});
    cols.push_back(t.column(k)->Take(first));
  }
  for (const AggSpec& a : o.aggregates) {
    const Column* c = a.column.empty() ? nullptr : t.column(a.column).get();
    const TypeId type = AggOutputType(a, c ? c->type() : TypeId::kInt64);
    auto out = Column::Make(type);
    for (const auto& g : rows) {
      std::vector<Value> vals;
      for (int64_t r : g) {
        if (c && c->IsValid(r)) vals.push_back(c->GetValue(r));
      }
      std::vector<double> d;
      if (c && IsNumeric(c->type())) {
        for (const auto& v : vals) d.push_back(v.AsDouble());
      }
      const double n = static_cast<double>(d.size());
      double mean = 0;
      for (double x : d) mean += x / n;
      double ss = 0;
      for (double x : d) ss += (x - mean) * (x - mean);
      auto cmp = [](const Value& x, const Value& y) {
        if (x.type() == TypeId::kString) return x.string_value() < y.string_value();
        return x.AsDouble() < y.AsDouble();
      };
      switch (a.kind) {
        case AggKind::kCountStar: out->AppendInt64(static_cast<int64_t>(g.size())); break;
        case AggKind::kCount: out->AppendInt64(static_cast<int64_t>(vals.size())); break;
        case AggKind::kCountDistinct: {
          std::set<std::string> s;
          for (const auto& v : vals) s.insert(v.ToString());
          out->AppendInt64(static_cast<int64_t>(s.size()));
          break;
        }
        case AggKind::kSum:
          if (vals.empty()) {
            out->AppendNull();
          } else if (type == TypeId::kInt64) {
            int64_t s = 0;
            for (const auto& v : vals) s += v.int_value();
            out->AppendInt64(s);
          } else {
            double s = 0;
            for (double x : d) s += x;
            out->AppendFloat64(s);
          }
          break;
        case AggKind::kAvg:
          vals.empty() ? out->AppendNull() : out->AppendFloat64(mean);
          break;
        case AggKind::kVar:
        case AggKind::kStddev:
          if (d.size() < 2) {
            out->AppendNull();
          } else {
            const double var = ss / (n - 1);
            out->AppendFloat64(a.kind == AggKind::kVar ? var : std::sqrt(var));
          }
          break;
        case AggKind::kMedian:
        case AggKind::kQuantile: {
          if (d.empty()) {
            out->AppendNull();
            break;
          }
          std::sort(d.begin(), d.end());
          const double q = a.kind == AggKind::kMedian ? 0.5 : a.quantile;
          const double pos = q * (n - 1);
          const size_t lo = static_cast<size_t>(std::floor(pos));
          const size_t hi = std::min(lo + 1, d.size() - 1);
          out->AppendFloat64(d[lo] + (d[hi] - d[lo]) * (pos - static_cast<double>(lo)));
          break;
        }
        case AggKind::kMin:
        case AggKind::kMax:
          if (vals.empty()) {
            out->AppendNull();
          } else {
            out->AppendValue(a.kind == AggKind::kMin ? *std::min_element(vals.begin(), vals.end(), cmp)
                                                     : *std::max_element(vals.begin(), vals.end(), cmp));
          }
          break;
        case AggKind::kFirst:
          vals.empty() ? out->AppendNull() : out->AppendValue(vals.front());
          break;
        case AggKind::kLast:
          vals.empty() ? out->AppendNull() : out->AppendValue(vals.back());
          break;
      }
    }
    fields.push_back({AggOutputName(a), type});
    cols.push_back(out);
  }
  return Table::Make(Schema(fields), cols);
}

std::vector<AggSpec> AllAggregates() {
  return {
      {AggKind::kCountStar, "", "n"},
      {AggKind::kCount, "f", "cnt_f"},
      {AggKind::kCountDistinct, "s", "nd_s"},
      {AggKind::kCountDistinct, "f", "nd_f"},
      {AggKind::kSum, "i", "sum_i"},
      {AggKind::kSum, "f", "sum_f"},
      {AggKind::kAvg, "f", "avg_f"},
      {AggKind::kAvg, "i", "avg_i"},
      {AggKind::kMin, "s", "min_s"},
      {AggKind::kMax, "s", "max_s"},
      {AggKind::kMin, "f", "min_f"},
      {AggKind::kMax, "ts", "max_ts"},
      {AggKind::kStddev, "f", "sd_f"},
      {AggKind::kVar, "i", "var_i"},
      {AggKind::kMedian, "f", "med_f"},
      {AggKind::kQuantile, "i", "q90_i", 0.9},
      {AggKind::kFirst, "s", "first_s"},
      {AggKind::kLast, "f", "last_f"},
  };
}

TablePtr MixedTable(uint64_t seed, int64_t n, int64_t key_card) {
  return RandomTable(seed, n,
                     {{"k", TypeId::kInt64, key_card, 0.05},
                      {"ks", TypeId::kString, 30, 0.05},
                      {"i", TypeId::kInt64, 1000, 0.1},
                      {"f", TypeId::kFloat64, 500, 0.2},
                      {"s", TypeId::kString, 40, 0.1},
                      {"ts", TypeId::kTimestamp, 10000, 0.1}});
}

TEST(HashAggregate, MatchesReferenceInt64Key) {
  const auto t = MixedTable(1, 5000, 50);
  AggregateOptions o{{"k"}, AllAggregates()};
  ExpectTablesEqual(*HashAggregate(*t, o), *ReferenceAggregate(*t, o), 1e-9);
}

TEST(HashAggregate, MatchesReferenceStringAndMultiKey) {
  const auto t = MixedTable(2, 4000, 7);
  for (const auto& keys : std::vector<std::vector<std::string>>{{"ks"}, {"ks", "k"}, {"s", "f"}}) {
    AggregateOptions o{keys, AllAggregates()};
    ExpectTablesEqual(*HashAggregate(*t, o), *ReferenceAggregate(*t, o), 1e-9);
  }
}

TEST(HashAggregate, NoKeysGivesOneRowEvenWhenEmpty) {
  const auto t = MixedTable(3, 3000, 10);
  AggregateOptions o{{}, AllAggregates()};
  ExpectTablesEqual(*HashAggregate(*t, o), *ReferenceAggregate(*t, o), 1e-9);
  const auto empty = t->Slice(0, 0);
  auto r = HashAggregate(*empty, o);
  ASSERT_EQ(r->num_rows(), 1);
  EXPECT_EQ(r->column("n")->GetValue(0), Value::Int64(0));
  EXPECT_TRUE(r->column("sum_f")->IsNull(0));
  EXPECT_EQ(HashAggregate(*empty, {{"k"}, AllAggregates()})->num_rows(), 0);
}

TEST(HashAggregate, LargeInputThreadCountIndependent) {
  // Enough rows for many morsels and partitions; many groups and few groups.
  const std::vector<AggSpec> some = {{AggKind::kCountStar, "", "n"}, {AggKind::kSum, "f", "sum_f"},
                                     {AggKind::kVar, "i", "var_i"}, {AggKind::kMedian, "f", "med_f"},
                                     {AggKind::kCountDistinct, "s", "nd_s"}, {AggKind::kMin, "s", "min_s"},
                                     {AggKind::kLast, "f", "last_f"}};
  for (int64_t card : {20, 60000}) {
    const auto t = MixedTable(4 + static_cast<uint64_t>(card), 140000, card);
    AggregateOptions o{{"k"}, some};
    auto got = RunSingleAndMulti([&] { return HashAggregate(*t, o); });
    ExpectTablesEqual(*got, *ReferenceAggregate(*t, o), 1e-9);
  }
  const auto t = MixedTable(9, 140000, 100);
  AggregateOptions o{{"ks", "s"}, some};
  auto got = RunSingleAndMulti([&] { return HashAggregate(*t, o); });
  ExpectTablesEqual(*got, *ReferenceAggregate(*t, o), 1e-9);
}

TEST(HashAggregate, HandWritten) {
  auto k = Column::FromValues(TypeId::kString, {Value::String("北京"), Value(), Value::String("上海"),
                                                Value::String("北京"), Value()});
  auto v = Column::FromValues(TypeId::kFloat64, {Value::Float64(1), Value::Float64(2), Value::Float64(3),
                                                 Value::Float64(4), Value()});
  auto t = Table::Make(Schema({{"city", TypeId::kString}, {"v", TypeId::kFloat64}}), {k, v});
  auto r = HashAggregate(*t, {{"city"},
                              {{AggKind::kSum, "v", "total"},
                               {AggKind::kCountStar, "", "rows"},
                               {AggKind::kMedian, "v", "med"},
                               {AggKind::kStddev, "v", "sd"}}});
  ASSERT_EQ(r->num_rows(), 3);
  EXPECT_EQ(r->column("city")->GetValue(0), Value::String("北京"));
  EXPECT_TRUE(r->column("city")->IsNull(1));
  EXPECT_EQ(r->column("total")->GetValue(0), Value::Float64(5));
  EXPECT_EQ(r->column("total")->GetValue(1), Value::Float64(2));
  EXPECT_EQ(r->column("rows")->GetValue(1), Value::Int64(2));
  EXPECT_EQ(r->column("med")->GetValue(0), Value::Float64(2.5));
  EXPECT_NEAR(r->column("sd")->GetValue(0).float_value(), std::sqrt(4.5), 1e-12);
  EXPECT_TRUE(r->column("sd")->IsNull(1)) << "stddev of one value is NULL";
}

TEST(HashAggregate, QuantileInterpolatesLikeNumpy) {
  auto v = Column::FromValues(TypeId::kInt64, {Value::Int64(1), Value::Int64(2), Value::Int64(3),
                                               Value::Int64(4), Value::Int64(10)});
  auto t = Table::Make(Schema({{"v", TypeId::kInt64}}), {v});
  auto r = HashAggregate(*t, {{}, {{AggKind::kQuantile, "v", "q", 0.3}, {AggKind::kQuantile, "v", "q1", 1.0}}});
  EXPECT_DOUBLE_EQ(r->column("q")->GetValue(0).float_value(), 2.2);  // numpy.quantile(..., 0.3)
  EXPECT_DOUBLE_EQ(r->column("q1")->GetValue(0).float_value(), 10.0);
}

TEST(HashAggregate, Errors) {
  const auto t = MixedTable(5, 100, 5);
  try {
    HashAggregate(*t, {{"kk"}, {}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("did you mean 'k'"), std::string::npos) << e.what();
  }
  try {
    HashAggregate(*t, {{"k"}, {{AggKind::kSum, "s", "x"}}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kSpec);
    EXPECT_NE(std::string(e.what()).find("sum needs an int64 or float64"), std::string::npos);
  }
  EXPECT_THROW(HashAggregate(*t, {{"k"}, {{AggKind::kQuantile, "f", "x", 1.5}}}), Error);
  EXPECT_THROW(HashAggregate(*t, {{"k"}, {{AggKind::kSum, "f", "k"}}}), Error);  // name clash
  auto big = Column::FromValues(TypeId::kInt64, {Value::Int64(std::numeric_limits<int64_t>::max()),
                                                 Value::Int64(1)});
  auto bt = Table::Make(Schema({{"v", TypeId::kInt64}}), {big});
  try {
    HashAggregate(*bt, {{}, {{AggKind::kSum, "v", "s"}}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kData);
    EXPECT_NE(std::string(e.what()).find("overflows"), std::string::npos);
  }
}

TEST(Distinct, KeepsFirstOccurrenceInOrder) {
  for (int64_t n : {0, 50, 200000}) {
    const auto t = RandomTable(7, n, {{"a", TypeId::kString, 20, 0.1}, {"b", TypeId::kInt64, 5, 0.2},
                                     {"c", TypeId::kFloat64, 1000, 0.0}});
    for (const auto& cols : std::vector<std::vector<std::string>>{{"a", "b"}, {}}) {
      auto got = testing::RunSingleAndMulti([&] { return Distinct(*t, {cols}); });
      std::set<std::string> seen;
      std::vector<int64_t> keep;
      const auto names = cols.empty() ? t->schema().names() : cols;
      for (int64_t r = 0; r < t->num_rows(); ++r) {
        if (seen.insert(RowKey(*t, names, r)).second) keep.push_back(r);
      }
      ExpectTablesEqual(*got, *t->Take(keep));
    }
  }
}

}  // namespace
}  // namespace xf
