// Native (.xfc) file write and read throughput on a 10M-row table of four typical columns:
// an int64 id, a float64 reading, a timestamp at 1 s cadence, a short string tag.
// Throughput is reported against the table's in-memory size; `ratio` is in-memory / file bytes.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>

#include "core/table.h"
#include "core/time.h"
#include "io/native_reader.h"
#include "io/native_writer.h"

namespace {

constexpr int64_t kRows = 10'000'000;

const xf::TablePtr& BenchTable() {
  static const xf::TablePtr table = [] {
    std::mt19937_64 rng(42);
    auto id = xf::Column::Make(xf::TypeId::kInt64);
    auto kwh = xf::Column::Make(xf::TypeId::kFloat64);
    auto ts = xf::Column::Make(xf::TypeId::kTimestamp);
    auto tag = xf::Column::Make(xf::TypeId::kString);
    id->Reserve(kRows);
    kwh->Reserve(kRows);
    ts->Reserve(kRows);
    tag->Reserve(kRows, kRows * 10);
    int64_t micros;
    xf::ParseTimestamp("2024-01-01 00:00:00", &micros);
    for (int64_t i = 0; i < kRows; ++i) {
      id->AppendInt64(1'000'000 + i);
      // Meter readings with two decimals, as exported by most systems.
      kwh->AppendFloat64(static_cast<double>(rng() % 100000) / 100.0);
      ts->AppendTimestamp(micros + i * xf::kMicrosPerSecond);
      tag->AppendString("meter-" + std::to_string(rng() % 5000));
    }
    return xf::Table::Make(xf::Schema({{"id", xf::TypeId::kInt64},
                                       {"kwh", xf::TypeId::kFloat64},
                                       {"ts", xf::TypeId::kTimestamp},
                                       {"tag", xf::TypeId::kString}}),
                           {id, kwh, ts, tag});
  }();
  return table;
}

std::string BenchPath() {
  return (std::filesystem::temp_directory_path() / "xf_native_bench.xfc").string();
}

void BM_NativeWrite(benchmark::State& state) {
  const xf::TablePtr& t = BenchTable();
  const std::string path = BenchPath();
  const xf::NativeWriteOptions o{.compression_level = static_cast<int>(state.range(0))};
  for (auto _ : state) xf::WriteNative(*t, path, o);
  const auto file = static_cast<double>(std::filesystem::file_size(path));
  state.SetBytesProcessed(static_cast<int64_t>(t->MemoryBytes()) * state.iterations());
  state.counters["ratio"] = static_cast<double>(t->MemoryBytes()) / file;
  state.counters["file_MB"] = file / 1e6;
}
BENCHMARK(BM_NativeWrite)
    ->Arg(1)
    ->Arg(3)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

void BM_NativeRead(benchmark::State& state) {
  const xf::TablePtr& t = BenchTable();
  const std::string path = BenchPath();
  xf::WriteNative(*t, path);
  for (auto _ : state) benchmark::DoNotOptimize(xf::ReadNative(path));
  state.SetBytesProcessed(static_cast<int64_t>(t->MemoryBytes()) * state.iterations());
}
BENCHMARK(BM_NativeRead)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
