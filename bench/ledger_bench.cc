// Evidence ledger appends (docs/performance.md, "Evidence ledger"): batched appends (one IMMEDIATE
// transaction per batch) and individually committed appends (one fsynced commit each), both on a
// fresh SQLite file in WAL mode with synchronous=FULL, as in a workspace catalog.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "trust/evidence_log.h"

namespace {

using xf::trust::Event;
using xf::trust::EvidenceLog;

std::string FreshDb(const char* name) {
  const char* tmp = std::getenv("XF_BENCH_DIR");
  std::string dir = std::string(tmp ? tmp : "/tmp") + "/xf_ledger_bench_" + name + "_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir + "/catalog.sqlite";
}

Event MakeEvent(int64_t i) {
  // About the size of a scenario's sampling event (~150 bytes of canonical JSON).
  return Event{.type = "sample",
               .run_id = "run-20261124T031500Z-coal-sampling",
               .fields = {{"sample_id", "S" + std::to_string(i)},
                          {"mine", "晋城-3"},
                          {"ash_pct", 12.5 + static_cast<double>(i % 100) / 10},
                          {"time", "2026-11-24T03:15:00Z"}}};
}

void BM_AppendBatch(benchmark::State& state) {
  const std::string db = FreshDb("batch");
  auto log = EvidenceLog::Open(db, {});
  const int64_t batch = state.range(0);
  int64_t next = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Event> events;
    events.reserve(static_cast<size_t>(batch));
    for (int64_t i = 0; i < batch; ++i) events.push_back(MakeEvent(next++));
    state.ResumeTiming();
    benchmark::DoNotOptimize(log->AppendBatch(events));
  }
  state.SetItemsProcessed(state.iterations() * batch);
  std::filesystem::remove_all(std::filesystem::path(db).parent_path());
}
BENCHMARK(BM_AppendBatch)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AppendSingle(benchmark::State& state) {
  const std::string db = FreshDb("single");
  auto log = EvidenceLog::Open(db, {});
  int64_t next = 0;
  for (auto _ : state) benchmark::DoNotOptimize(log->Append(MakeEvent(next++)));
  state.SetItemsProcessed(state.iterations());
  std::filesystem::remove_all(std::filesystem::path(db).parent_path());
}
BENCHMARK(BM_AppendSingle)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
