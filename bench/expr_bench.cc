// Expression evaluation throughput over 10M rows (rows/s reported as items_per_second).
#include <benchmark/benchmark.h>

#include <random>

#include "core/table.h"
#include "expr/expr.h"

namespace {

constexpr int64_t kRows = 10'000'000;

const xf::TablePtr& BenchTable() {
  static const xf::TablePtr table = [] {
    std::mt19937_64 rng(42);
    auto a = xf::Column::Make(xf::TypeId::kInt64);
    auto b = xf::Column::Make(xf::TypeId::kFloat64);
    auto c = xf::Column::Make(xf::TypeId::kString);
    a->Reserve(kRows);
    b->Reserve(kRows);
    c->Reserve(kRows, kRows * 6);
    for (int64_t i = 0; i < kRows; ++i) {
      const uint64_t r = rng();
      a->AppendInt64(static_cast<int64_t>(r % 100));
      if (r % 97 == 0) {
        b->AppendNull();
      } else {
        b->AppendFloat64(static_cast<double>((r >> 8) % 1000) / 10.0);
      }
      static const char* kWords[] = {"x-ray", "yak", "xylem", "zebra", "电量", "3301"};
      c->AppendString(kWords[(r >> 20) % 6]);
    }
    xf::Schema schema(
        {{"a", xf::TypeId::kInt64}, {"b", xf::TypeId::kFloat64}, {"c", xf::TypeId::kString}});
    return xf::Table::Make(schema, {a, b, c});
  }();
  return table;
}

void Run(benchmark::State& state, const char* text) {
  const xf::TablePtr& t = BenchTable();
  const xf::BoundExpr e = xf::Bind(text, t->schema());
  for (auto _ : state) {
    xf::ColumnPtr out = xf::Evaluate(e, *t);
    benchmark::DoNotOptimize(out.get());
  }
  state.SetItemsProcessed(state.iterations() * t->num_rows());
}

void BM_FilterMixed(benchmark::State& s) { Run(s, "a * 2 + b > 10 AND c LIKE 'x%'"); }
void BM_Arithmetic(benchmark::State& s) { Run(s, "a * 2 + 1"); }
void BM_FloatRatio(benchmark::State& s) { Run(s, "abs(b - a) / a > 0.3"); }
void BM_CaseLabel(benchmark::State& s) {
  Run(s, "CASE WHEN b < 6 THEN 'shutdown' ELSE 'producing' END");
}
void BM_InList(benchmark::State& s) { Run(s, "c IN ('yak', 'zebra', '电量')"); }
void BM_Length(benchmark::State& s) { Run(s, "length(c) > 3"); }

BENCHMARK(BM_FilterMixed)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Arithmetic)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FloatRatio)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CaseLabel)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_InList)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Length)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
