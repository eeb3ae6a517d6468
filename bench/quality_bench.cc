// Data-quality rules at scale: 20 mixed rules (value, key, cross-column, time-series and table
// rules) over 10M generated meter readings (XF_QUALITY_BENCH_ROWS overrides), reported as rows/s
// (items_per_second = rows validated per second, every rule included). docs/performance.md.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>

#include "core/spec_node.h"
#include "govern/standard_parser.h"
#include "govern/validate.h"

namespace {

using xf::Column;
using xf::ColumnPtr;
using xf::TablePtr;
using xf::TypeId;

int64_t Rows() {
  const char* env = std::getenv("XF_QUALITY_BENCH_ROWS");
  return env ? std::atoll(env) : 10'000'000;
}

constexpr int64_t kMeters = 10000;

// Readings every 15 minutes per meter, meters in blocks; ~0.1% of rows dirtied one way or another.
TablePtr Readings() {
  static TablePtr table = [] {
    const int64_t n = Rows();
    const int64_t per_meter = (n + kMeters - 1) / kMeters;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0, 1);
    auto meter = Column::Make(TypeId::kString), ts = Column::Make(TypeId::kTimestamp),
         kwh = Column::Make(TypeId::kFloat64), volt = Column::Make(TypeId::kFloat64),
         amp = Column::Make(TypeId::kFloat64), pf = Column::Make(TypeId::kFloat64),
         code = Column::Make(TypeId::kString), status = Column::Make(TypeId::kInt64);
    meter->Reserve(n, n * 6);
    code->Reserve(n, n * 2);
    const int64_t t0 = int64_t{1719763200} * 1000000;  // 2024-07-01 00:00 +08:00
    char buf[16];
    for (int64_t i = 0; i < n; ++i) {
      const int64_t m = i / per_meter, k = i % per_meter;
      const double dirt = u(rng);
      std::snprintf(buf, sizeof buf, dirt < 0.0002 ? "M%04d" : "M%05d", static_cast<int>(m));
      meter->AppendString(buf);
      ts->AppendTimestamp(t0 + (k - (dirt > 0.9998 ? 1 : 0)) * 900000000LL);
      const double v = 220 + 10 * (u(rng) - 0.5), a = 5 * u(rng);
      if (dirt > 0.0002 && dirt < 0.0004) {
        kwh->AppendNull();
      } else {
        kwh->AppendFloat64(dirt < 0.0006 && dirt > 0.0004 ? -1.0 : v * a * 0.25 / 1000 * u(rng));
      }
      volt->AppendFloat64(v);
      amp->AppendFloat64(a);
      pf->AppendFloat64(0.8 + 0.2 * u(rng));
      static const char* kCodes[] = {"A1", "B2", "C3", "D4"};
      code->AppendString(dirt > 0.9996 && dirt < 0.9998 ? "Z9" : kCodes[i % 4]);
      status->AppendInt64(static_cast<int64_t>(i % 3));
    }
    return xf::Table::Make(xf::Schema({{"meter_id", TypeId::kString},
                                       {"ts", TypeId::kTimestamp},
                                       {"kwh", TypeId::kFloat64},
                                       {"voltage", TypeId::kFloat64},
                                       {"current", TypeId::kFloat64},
                                       {"pf", TypeId::kFloat64},
                                       {"code", TypeId::kString},
                                       {"status", TypeId::kInt64}}),
                           {meter, ts, kwh, volt, amp, pf, code, status});
  }();
  return table;
}

TablePtr Meters() {
  auto id = Column::Make(TypeId::kString);
  char buf[16];
  for (int64_t m = 0; m < kMeters; ++m) {
    std::snprintf(buf, sizeof buf, "M%05d", static_cast<int>(m));
    id->AppendString(buf);
  }
  return xf::Table::Make(xf::Schema({{"meter_id", TypeId::kString}}), {id});
}

constexpr const char* kStandard = R"Y(
columns:
  meter_id: {required: true, pattern: "M\\d{5}"}
  ts: {type: timestamp, required: true}
  kwh: {type: float64, unit: kWh, required: true, min: 0, max: 5}
  voltage: {required: true, min: 198, max: 242}
  current: {min: 0, max: 100}
  pf: {min: 0, max: 1}
  code: {codes: [A1, B2, C3, D4], required: true}
  status: {codes: [0, 1, 2]}
primary_key: [meter_id, ts]
references:
  - {column: meter_id, table: meters}
rules:
  - {id: energy_fits_power, kind: expression, expr: "kwh <= voltage * current * 0.25 / 1000 + 0.001"}
  - {id: no_energy_without_current, kind: custom, expr: "current > 0 OR kwh = 0", severity: warn}
  - {kind: row_count, min: 1000}
  - {kind: freshness, column: ts, max_age: 400d}
  - {kind: monotonic, time: ts, by: meter_id}
  - {kind: regularity, time: ts, by: meter_id, interval: 15m, threshold: 99}
)Y";

void BM_Quality20Rules(benchmark::State& state) {
  TablePtr t = Readings();
  xf::govern::TableStandard s = xf::govern::ParseTableStandard(
      xf::SpecNode::LoadString(kStandard, "bench.yaml"), "readings", ".");
  xf::govern::TableLookup refs = {{"meters", Meters()}};
  int64_t quarantined = 0;
  for (auto _ : state) {
    xf::govern::Validation v = xf::govern::Validate(s, t, {.tables = &refs});
    quarantined = v.quality.rows_quarantined;
    benchmark::DoNotOptimize(v.passed);
  }
  state.SetItemsProcessed(state.iterations() * t->num_rows());
  state.counters["rules"] = static_cast<double>(s.rules.size());
  state.counters["quarantined"] = static_cast<double>(quarantined);
}
BENCHMARK(BM_Quality20Rules)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(1.0);

}  // namespace
