#include "ops/window.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.h"
#include "ops/resample.h"
#include "ops/tests/test_util.h"

namespace xf {
namespace {

using testing::ExpectTablesEqual;
using testing::RandomTable;
using testing::RowKey;
using testing::RunSingleAndMulti;

// Partition rows (first-appearance order of keys), each sorted stably by time ascending.
std::vector<std::vector<int64_t>> RefPartitions(const Table& t, const std::vector<std::string>& by,
                                                const std::string& order) {
  std::map<std::string, size_t> idx;
  std::vector<std::vector<int64_t>> parts;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    auto [it, added] = idx.emplace(RowKey(t, by, r), parts.size());
    if (added) parts.emplace_back();
    parts[it->second].push_back(r);
  }
  const Column& c = *t.column(order);
  for (auto& p : parts) {
    std::stable_sort(p.begin(), p.end(), [&](int64_t a, int64_t b) {
      if (c.IsNull(a) || c.IsNull(b)) return !c.IsNull(a) && c.IsNull(b);
      return c.GetValue(a).AsDouble() < c.GetValue(b).AsDouble();
    });
  }
  return parts;
}

TEST(Window, RankingLagLeadCumSumMatchReference) {
  const auto t = RandomTable(61, 3000, {{"g", TypeId::kString, 20, 0.05},
                                        {"t", TypeId::kInt64, 50, 0.05},
                                        {"v", TypeId::kInt64, 100, 0.2}});
  WindowOptions o{{"g"}, {{"t"}},
                  {{WindowFunc::kRowNumber, "", "rn"},
                   {WindowFunc::kRank, "", "rk"},
                   {WindowFunc::kDenseRank, "", "drk"},
                   {WindowFunc::kLag, "v", "lag2", 2},
                   {WindowFunc::kLead, "v", "lead1", 1, Value::Int64(-1)},
                   {WindowFunc::kCumSum, "v", "cs"}}};
  auto got = RunSingleAndMulti([&] { return Window(*t, o); });
  const int64_t n = t->num_rows();
  std::vector<Value> rn(n), rk(n), drk(n), lag(n), lead(n), cs(n);
  const Column& tc = *t->column("t");
  const Column& v = *t->column("v");
  for (const auto& p : RefPartitions(*t, {"g"}, "t")) {
    int64_t rank = 0, dense = 0, sum = 0;
    bool any = false;
    for (size_t k = 0; k < p.size(); ++k) {
      const int64_t r = p[k];
      if (k == 0 || !(tc.GetValue(p[k - 1]) == tc.GetValue(r))) {
        rank = static_cast<int64_t>(k) + 1;
        ++dense;
      }
      rn[r] = Value::Int64(static_cast<int64_t>(k) + 1);
      rk[r] = Value::Int64(rank);
      drk[r] = Value::Int64(dense);
      lag[r] = k >= 2 ? v.GetValue(p[k - 2]) : Value::Null(TypeId::kInt64);
      lead[r] = k + 1 < p.size() ? v.GetValue(p[k + 1]) : Value::Int64(-1);
      if (v.IsValid(r)) {
        any = true;
        sum += v.GetValue(r).int_value();
      }
      cs[r] = any ? Value::Int64(sum) : Value::Null(TypeId::kInt64);
    }
  }
  for (int64_t r = 0; r < n; ++r) {
    ASSERT_EQ(got->column("rn")->GetValue(r), rn[r]) << r;
    ASSERT_EQ(got->column("rk")->GetValue(r), rk[r]) << r;
    ASSERT_EQ(got->column("drk")->GetValue(r), drk[r]) << r;
    ASSERT_EQ(got->column("lag2")->GetValue(r), lag[r]) << r;
    ASSERT_EQ(got->column("lead1")->GetValue(r), lead[r]) << r;
    ASSERT_EQ(got->column("cs")->GetValue(r), cs[r]) << r;
  }
  ExpectTablesEqual(*got->SelectColumns({0, 1, 2}), *t);
}

// Direct two-pass computation over each window.
void CheckRolling(const Table& t, const TablePtr& got, const WindowSpec& w, const std::string& by,
                  const std::string& order) {
  const Column& v = *t.column(w.column);
  const Column& tc = *t.column(order);
  const int64_t minp = w.min_periods >= 0 ? w.min_periods : (w.range > 0 ? 1 : w.rows);
  for (const auto& p : RefPartitions(t, {by}, order)) {
    for (size_t k = 0; k < p.size(); ++k) {
      const int64_t r = p[k];
      std::vector<double> xs;
      if (w.range > 0 && tc.IsNull(r)) {
        if (w.func == WindowFunc::kRollingCount) {
          ASSERT_EQ(got->column(w.output)->GetValue(r), Value::Int64(0)) << r;
        } else {
          ASSERT_TRUE(got->column(w.output)->IsNull(r)) << r;
        }
        continue;
      }
      for (size_t j = 0; j <= k; ++j) {
        const int64_t q = p[j];
        const bool in = w.range > 0 ? !tc.IsNull(q) && tc.GetValue(q).AsDouble() > tc.GetValue(r).AsDouble() - w.range
                                    : static_cast<int64_t>(k - j) < w.rows;
        if (in && v.IsValid(q)) xs.push_back(v.GetValue(q).AsDouble());
      }
      const Value g = got->column(w.output)->GetValue(r);
      if (w.func == WindowFunc::kRollingCount) {
        ASSERT_EQ(g, Value::Int64(static_cast<int64_t>(xs.size())));
        continue;
      }
      const double n = static_cast<double>(xs.size());
      if (static_cast<int64_t>(xs.size()) < std::max<int64_t>(minp, 1) ||
          (w.func == WindowFunc::kRollingStd && xs.size() < 2)) {
        ASSERT_TRUE(g.is_null()) << w.output << " row " << r << " got " << g.ToString();
        continue;
      }
      double mean = 0, sum = 0, ss = 0;
      for (double x : xs) sum += x;
      mean = sum / n;
      for (double x : xs) ss += (x - mean) * (x - mean);
      double want = 0;
      switch (w.func) {
        case WindowFunc::kRollingMean: want = mean; break;
        case WindowFunc::kRollingSum: want = sum; break;
        case WindowFunc::kRollingStd: want = std::sqrt(ss / (n - 1)); break;
        case WindowFunc::kRollingMin: want = *std::min_element(xs.begin(), xs.end()); break;
        case WindowFunc::kRollingMax: want = *std::max_element(xs.begin(), xs.end()); break;
        default: break;
      }
      ASSERT_FALSE(g.is_null()) << w.output << " row " << r;
      ASSERT_NEAR(g.float_value(), want, 1e-6 * std::max(1.0, std::fabs(want))) << w.output << " row " << r;
    }
  }
}

TEST(Window, RollingRowsAndRangeMatchReference) {
  auto t = RandomTable(62, 2000, {{"g", TypeId::kString, 8, 0.0},
                                  {"ts", TypeId::kTimestamp, 600, 0.03},
                                  {"v", TypeId::kFloat64, 1000, 0.15}});
  // Values like 1e9 + noise: catastrophic cancellation shows up in a naive rolling std.
  auto big = Column::Make(TypeId::kFloat64);
  for (int64_t i = 0; i < t->num_rows(); ++i) {
    t->column("v")->IsNull(i) ? big->AppendNull() : big->AppendFloat64(1e9 + t->column("v")->data<double>()[i] * 1e-3);
  }
  t = t->WithColumn("big", big);
  std::vector<WindowSpec> specs;
  for (WindowFunc f : {WindowFunc::kRollingMean, WindowFunc::kRollingSum, WindowFunc::kRollingStd,
                       WindowFunc::kRollingMin, WindowFunc::kRollingMax, WindowFunc::kRollingCount}) {
    specs.push_back({.func = f, .column = "v", .output = "r" + std::to_string(specs.size()), .rows = 5});
    specs.push_back({.func = f, .column = "v", .output = "r" + std::to_string(specs.size()), .rows = 7, .min_periods = 2});
    specs.push_back({.func = f, .column = "v", .output = "r" + std::to_string(specs.size()), .range = 3600e6});
  }
  specs.push_back({.func = WindowFunc::kRollingStd, .column = "big", .output = "sdbig", .rows = 20});
  specs.push_back({.func = WindowFunc::kRollingStd, .column = "big", .output = "sdbig_t", .range = 7200e6});
  WindowOptions o{{"g"}, {{"ts"}}, specs};
  auto got = RunSingleAndMulti([&] { return Window(*t, o); });
  for (const auto& w : specs) CheckRolling(*t, got, w, "g", "ts");
}

TEST(Window, Errors) {
  const auto t = RandomTable(63, 10, {{"s", TypeId::kString}, {"i", TypeId::kInt64}});
  EXPECT_THROW(Window(*t, {{}, {{"i"}}, {{.func = WindowFunc::kRollingMean, .column = "s", .output = "x", .rows = 2}}}), Error);
  EXPECT_THROW(Window(*t, {{}, {{"i"}}, {{.func = WindowFunc::kRollingMean, .column = "i", .output = "x"}}}), Error);
  EXPECT_THROW(Window(*t, {{}, {{"i"}}, {{.func = WindowFunc::kRowNumber, .output = "i"}}}), Error);
  EXPECT_THROW(Window(*t, {{"q"}, {}, {{.func = WindowFunc::kRowNumber, .output = "n"}}}), Error);
}

TEST(Resample, BucketsGapsAndLocalMidnight) {
  // Two devices; 15-minute buckets; device b has a gap.
  const int64_t t0 = 1'704'067'200'000'000;  // 2024-01-01 08:00:00 Asia/Shanghai
  auto dev = Column::FromValues(TypeId::kString, {Value::String("a"), Value::String("b"), Value::String("a"),
                                                  Value::String("b"), Value::String("b"), Value::String("a")});
  auto ts = Column::FromValues(TypeId::kTimestamp,
                               {Value::Timestamp(t0 + kMicrosPerMinute), Value::Timestamp(t0),
                                Value::Timestamp(t0 + 14 * kMicrosPerMinute), Value::Timestamp(t0 + 46 * kMicrosPerMinute),
                                Value(), Value::Timestamp(t0 + 16 * kMicrosPerMinute)});
  auto v = Column::FromValues(TypeId::kFloat64, {Value::Float64(1), Value::Float64(2), Value::Float64(3),
                                                 Value::Float64(4), Value::Float64(5), Value::Float64(6)});
  auto t = Table::Make(Schema({{"dev", TypeId::kString}, {"ts", TypeId::kTimestamp}, {"v", TypeId::kFloat64}}),
                       {dev, ts, v});
  auto r = Resample(*t, {.keys = {"dev"}, .time_column = "ts", .interval_micros = 15 * kMicrosPerMinute,
                         .aggregates = {{AggKind::kAvg, "v", "mean"}, {AggKind::kCountStar, "", "n"}}});
  ASSERT_EQ(r->num_rows(), 2 + 4);
  EXPECT_EQ(r->column("ts")->GetValue(0), Value::Timestamp(t0));
  EXPECT_EQ(r->column("mean")->GetValue(0), Value::Float64(2));
  EXPECT_EQ(r->column("mean")->GetValue(1), Value::Float64(6));
  EXPECT_EQ(r->column("dev")->GetValue(2), Value::String("b"));
  EXPECT_TRUE(r->column("mean")->IsNull(3)) << "gap bucket";
  EXPECT_EQ(r->column("n")->GetValue(3), Value::Int64(0));
  EXPECT_EQ(r->column("mean")->GetValue(5), Value::Float64(4));
  // Day buckets start at local midnight (00:00 +08:00 = 16:00 UTC the day before).
  auto d = Resample(*t, {.time_column = "ts", .interval_micros = kMicrosPerDay,
                         .aggregates = {{AggKind::kSum, "v", "s"}}});
  ASSERT_EQ(d->num_rows(), 1);
  EXPECT_EQ(FormatTimestamp(d->column("ts")->GetValue(0).int_value()), "2024-01-01 00:00:00");
  EXPECT_EQ(d->column("s")->GetValue(0), Value::Float64(16));
  EXPECT_THROW(Resample(*t, {.time_column = "v", .interval_micros = 1}), Error);
  EXPECT_THROW(Resample(*t, {.time_column = "ts", .interval_micros = 1, .max_buckets = 100}), Error);
}

TEST(Resample, MatchesAggregateOverBuckets) {
  const auto t = RandomTable(64, 20000, {{"k", TypeId::kInt64, 30, 0.05},
                                         {"ts", TypeId::kTimestamp, 5000, 0.02},
                                         {"v", TypeId::kFloat64, 100, 0.1}});
  ResampleOptions o{.keys = {"k"}, .time_column = "ts", .interval_micros = kMicrosPerHour,
                    .aggregates = {{AggKind::kAvg, "v", "m"}, {AggKind::kMax, "v", "mx"},
                                   {AggKind::kCount, "v", "c"}, {AggKind::kLast, "v", "l"}}};
  auto got = RunSingleAndMulti([&] { return Resample(*t, o); });
  // Reference: per (key, bucket) lists.
  std::map<std::string, std::map<int64_t, std::vector<int64_t>>> ref;
  const int64_t off = 8 * kMicrosPerHour;
  for (int64_t i = 0; i < t->num_rows(); ++i) {
    if (t->column("ts")->IsNull(i)) continue;
    const int64_t tt = t->column("ts")->GetValue(i).int_value();
    const int64_t b = (tt + off) / kMicrosPerHour * kMicrosPerHour - off;  // times are positive
    ref[RowKey(*t, {"k"}, i)][b].push_back(i);
  }
  int64_t rows = 0;
  for (const auto& [k, buckets] : ref) rows += (buckets.rbegin()->first - buckets.begin()->first) / kMicrosPerHour + 1;
  ASSERT_EQ(got->num_rows(), rows);
  for (int64_t r = 0; r < got->num_rows(); ++r) {
    const Value kv = got->column("k")->GetValue(r);
    const std::string key = (kv.is_null() ? std::string("\x01N") : kv.ToString()) + '\x02';
    const int64_t b = got->column("ts")->GetValue(r).int_value();
    auto it = ref[key].find(b);
    std::vector<int64_t> in = it == ref[key].end() ? std::vector<int64_t>{} : it->second;
    std::vector<double> xs;
    for (int64_t i : in) {
      if (t->column("v")->IsValid(i)) xs.push_back(t->column("v")->data<double>()[i]);
    }
    ASSERT_EQ(got->column("c")->GetValue(r), Value::Int64(static_cast<int64_t>(xs.size())));
    if (xs.empty()) {
      ASSERT_TRUE(got->column("m")->IsNull(r));
      continue;
    }
    double s = 0;
    for (double x : xs) s += x;
    ASSERT_NEAR(got->column("m")->GetValue(r).float_value(), s / static_cast<double>(xs.size()), 1e-9);
    ASSERT_EQ(got->column("mx")->GetValue(r), Value::Float64(*std::max_element(xs.begin(), xs.end())));
    ASSERT_EQ(got->column("l")->GetValue(r), Value::Float64(xs.back()));
  }
}

}  // namespace
}  // namespace xf
