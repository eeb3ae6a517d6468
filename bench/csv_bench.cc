// CSV read/write throughput. Inputs are generated in memory (about 64 MB) so the numbers
// measure parsing, inference and column building, not the disk.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "io/csv_reader.h"
#include "io/csv_writer.h"

namespace {

// Mixed types: int, float, date, timestamp, short string, Chinese text, bool.
const std::string& MixedCsv() {
  static const std::string csv = [] {
    std::mt19937_64 rng(1);
    static const char* kCities[] = {"北京", "上海", "广州", "深圳", "杭州", "成都"};
    std::string s = "id,value,day,ts,code,city,ok\n";
    char buf[256];
    for (int64_t i = 0; s.size() < (size_t{64} << 20); ++i) {
      const int n = std::snprintf(
          buf, sizeof buf, "%lld,%.3f,2024-%02d-%02d,2024-%02d-%02d %02d:%02d:%02d,A%04d,%s,%s\n",
          static_cast<long long>(i), static_cast<double>(rng() % 1000000) / 7.0,
          static_cast<int>(1 + rng() % 12), static_cast<int>(1 + rng() % 28),
          static_cast<int>(1 + rng() % 12), static_cast<int>(1 + rng() % 28),
          static_cast<int>(rng() % 24), static_cast<int>(rng() % 60), static_cast<int>(rng() % 60),
          static_cast<int>(rng() % 10000), kCities[rng() % 6], rng() % 2 ? "true" : "false");
      s.append(buf, static_cast<size_t>(n));
    }
    return s;
  }();
  return csv;
}

// Simple numeric CSV: the per-core speed target.
const std::string& NumericCsv() {
  static const std::string csv = [] {
    std::mt19937_64 rng(2);
    std::string s = "a,b,c,d,e\n";
    while (s.size() < (size_t{64} << 20)) {
      for (int c = 0; c < 5; ++c) {
        if (c) s += ',';
        s += std::to_string(rng() % 1000000);
      }
      s += '\n';
    }
    return s;
  }();
  return csv;
}

void Read(benchmark::State& state, const std::string& csv) {
  xf::CsvOptions o;
  o.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    const xf::ReadResult r = xf::ReadCsvBuffer(csv, o, "bench.csv");
    benchmark::DoNotOptimize(r.table->num_rows());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(csv.size()));
}

void BM_ReadCsvMixed(benchmark::State& state) { Read(state, MixedCsv()); }
void BM_ReadCsvNumeric(benchmark::State& state) { Read(state, NumericCsv()); }

void BM_WriteCsvMixed(benchmark::State& state) {
  xf::CsvOptions o;
  const xf::TablePtr t = xf::ReadCsvBuffer(MixedCsv(), o, "bench.csv").table;
  xf::CsvWriteOptions w;
  w.threads = static_cast<int>(state.range(0));
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string out = xf::ToCsv(*t, w);
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
}

BENCHMARK(BM_ReadCsvMixed)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReadCsvNumeric)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_WriteCsvMixed)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
