// Relational operator benchmarks on synthetic data (fixed seeds). Sizes follow the targets in
// the ops brief: 10M-row group-by (1k and 1M groups, plus 20k and 200k, which take the other
// grouping strategies), 10M x 1M join, 10M-row sorts, and a rolling mean over 96 rows per key on
// 1.44M rows (15 000 series of one day at 15 minutes).
#include <benchmark/benchmark.h>

#include <map>
#include <random>

#include "core/table.h"
#include "core/time.h"
#include "ops/aggregate.h"
#include "ops/join.h"
#include "ops/sort.h"
#include "ops/window.h"

namespace xf {
namespace {

ColumnPtr RandomInt64(uint64_t seed, int64_t n, int64_t card) {
  std::mt19937_64 rng(seed);
  auto c = Column::Make(TypeId::kInt64);
  c->ResizeFixed(n);
  int64_t* v = c->mutable_data<int64_t>();
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<int64_t>(rng() % static_cast<uint64_t>(card));
  return c;
}

ColumnPtr RandomFloat64(uint64_t seed, int64_t n) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1000);
  auto c = Column::Make(TypeId::kFloat64);
  c->ResizeFixed(n);
  double* v = c->mutable_data<double>();
  for (int64_t i = 0; i < n; ++i) v[i] = u(rng);
  return c;
}

TablePtr KeyValueTable(int64_t n, int64_t groups) {
  return Table::Make(Schema({{"k", TypeId::kInt64}, {"v", TypeId::kFloat64}}),
                     {RandomInt64(1, n, groups), RandomFloat64(2, n)});
}

void GroupBy(benchmark::State& state) {
  const int64_t n = 10'000'000;
  // One table per group count, made on first use.
  static std::map<int64_t, TablePtr> tables;
  TablePtr& t = tables[state.range(0)];
  if (t == nullptr) t = KeyValueTable(n, state.range(0));
  AggregateOptions o{{"k"},
                     {{AggKind::kSum, "v", "s"}, {AggKind::kCount, "v", "c"}, {AggKind::kAvg, "v", "a"}}};
  for (auto _ : state) benchmark::DoNotOptimize(HashAggregate(*t, o));
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(GroupBy)->Arg(1000)->Arg(20'000)->Arg(200'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

void Join(benchmark::State& state) {
  const int64_t nl = 10'000'000, nr = 1'000'000;
  static TablePtr left = Table::Make(Schema({{"k", TypeId::kInt64}, {"v", TypeId::kFloat64}}),
                                     {RandomInt64(3, nl, nr), RandomFloat64(4, nl)});
  static TablePtr right = [] {
    auto k = Column::Make(TypeId::kInt64);
    k->ResizeFixed(nr);
    std::vector<int64_t> keys(static_cast<size_t>(nr));
    for (int64_t i = 0; i < nr; ++i) keys[static_cast<size_t>(i)] = i;
    std::shuffle(keys.begin(), keys.end(), std::mt19937_64(5));
    std::copy(keys.begin(), keys.end(), k->mutable_data<int64_t>());
    return Table::Make(Schema({{"k", TypeId::kInt64}, {"w", TypeId::kFloat64}}), {k, RandomFloat64(6, nr)});
  }();
  for (auto _ : state) benchmark::DoNotOptimize(HashJoin(*left, *right, {JoinType::kInner, {"k"}}));
  state.SetItemsProcessed(state.iterations() * nl);
}
BENCHMARK(Join)->Unit(benchmark::kMillisecond)->UseRealTime();

void SortBench(benchmark::State& state) {
  const int64_t n = 10'000'000;
  static TablePtr t = Table::Make(Schema({{"i", TypeId::kInt64}, {"f", TypeId::kFloat64}}),
                                  {RandomInt64(7, n, int64_t{1} << 40), RandomFloat64(8, n)});
  const std::string key = state.range(0) == 0 ? "i" : "f";
  for (auto _ : state) benchmark::DoNotOptimize(Sort(*t, {{{key}}}));
  state.SetItemsProcessed(state.iterations() * n);
  state.SetLabel(key == "i" ? "int64 key" : "float64 key");
}
BENCHMARK(SortBench)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

void RollingMean(benchmark::State& state) {
  const int64_t series = 15'000, per = 96, n = series * per;
  static TablePtr t = [] {
    auto k = Column::Make(TypeId::kInt64);
    auto ts = Column::Make(TypeId::kTimestamp);
    for (int64_t s = 0; s < series; ++s) {
      for (int64_t j = 0; j < per; ++j) {
        k->AppendInt64(s);
        ts->AppendTimestamp(1'704'038'400'000'000 + j * 15 * kMicrosPerMinute);
      }
    }
    return Table::Make(Schema({{"k", TypeId::kInt64}, {"ts", TypeId::kTimestamp}, {"v", TypeId::kFloat64}}),
                       {k, ts, RandomFloat64(9, n)});
  }();
  WindowOptions o{{"k"}, {{"ts"}}, {{.func = WindowFunc::kRollingMean, .column = "v", .output = "m", .rows = 96}}};
  for (auto _ : state) benchmark::DoNotOptimize(Window(*t, o));
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(RollingMean)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace xf
