#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

#include "core/calendar_cn.h"
#include "core/time.h"
#include "synth/identifiers.h"
#include "synth/tests/test_util.h"

namespace xf::synth::test {
namespace {

const char* kUsers = R"(
users:
  rows: 200
  columns:
    id: {seq: "C{:04d}"}
    region: {choice: {north: 3, south: 1}}
    size: {uniform: [1, 100], type: int}
    score: {normal: [50, 10], clamp: [0, 100], round: 1}
    kwh: {lognormal: [300, 0.5], round: 2}
    opened: {date: [2020-01-01, 2020-12-31]}
    vip: {bool: 0.25}
    code: {uscc: {division: "330102"}}
    div: {value: "330106", hidden: true}
    pid: {resident_id: {division_column: div, born: [1980-01-01, 1990-12-31]}}
    boss: {person_name: true}
    trade: {value: 造纸, hidden: true}
    name: {company_name: {place: region, industry: trade}}
    lat: {geo: lat, by: region, centres: {north: [40, 116], south: [23, 113]}, spread_km: 2}
    big: {expr: "size > 50 AND vip"}
    note: {value: x, null_rate: 0.5}
)";

TEST(Synth, EntitiesHaveTypedColumns) {
  const TablePtr t = Find(Gen(kUsers), "users");
  ASSERT_EQ(t->num_rows(), 200);
  const Schema& s = t->schema();
  EXPECT_EQ(s.ToString(),
            "id:string, region:string, size:int64, score:float64, kwh:float64, opened:date, "
            "vip:bool, code:string, pid:string, boss:string, name:string, lat:float64, "
            "big:bool, note:string");  // `div` is hidden
  int north = 0, nulls = 0;
  for (int64_t i = 0; i < 200; ++i) {
    EXPECT_EQ(Str(t, "id", i), fmt::format("C{:04d}", i + 1));
    north += Str(t, "region", i) == "north";
    EXPECT_GE(F(t, "size", i), 1);
    EXPECT_LE(F(t, "size", i), 100);
    EXPECT_GE(F(t, "score", i), 0);
    EXPECT_LE(F(t, "score", i), 100);
    EXPECT_GT(F(t, "kwh", i), 0);
    EXPECT_TRUE(IsValidCreditCode(Str(t, "code", i)));
    EXPECT_TRUE(IsValidResidentId(Str(t, "pid", i)));
    EXPECT_EQ(Str(t, "pid", i).substr(0, 6), "330106");
    const int year = std::stoi(Str(t, "pid", i).substr(6, 4));
    EXPECT_GE(year, 1980);
    EXPECT_LE(year, 1990);
    const double centre = Str(t, "region", i) == "north" ? 40 : 23;
    EXPECT_NEAR(F(t, "lat", i), centre, 0.15);  // 2 km sd: 7.5 sd is 0.135 degrees
    EXPECT_EQ(Str(t, "name", i).rfind(Str(t, "region", i), 0), 0u);
    const bool big = F(t, "size", i) > 50 && t->column("vip")->data<uint8_t>()[i];
    EXPECT_EQ(t->column("big")->data<uint8_t>()[i] != 0, big);
    nulls += t->column("note")->IsNull(i);
  }
  EXPECT_GT(north, 120);  // weight 3:1 → ~150
  EXPECT_LT(north, 180);
  EXPECT_GT(nulls, 60);
  EXPECT_LT(nulls, 140);
}

TEST(Synth, SameSeedSameTablesOtherSeedOthers) {
  const auto a = Gen(kUsers, 7), b = Gen(kUsers, 7), c = Gen(kUsers, 8);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_TRUE(SameTable(*a[0].table, *b[0].table));
  EXPECT_FALSE(SameTable(*a[0].table, *c[0].table));
  // Adding a column does not change the others (streams are per column).
  const auto d = Gen(std::string(kUsers) + "    extra: {uniform: [0, 1]}\n", 7);
  const TablePtr without = d[0].table->SelectColumns([&] {
    std::vector<int> idx;
    for (int i = 0; i < a[0].table->num_columns(); ++i) idx.push_back(i);
    return idx;
  }());
  EXPECT_TRUE(SameTable(*a[0].table, *without));
}

TEST(Synth, ScaleMultipliesEntitiesNotTime) {
  const std::string spec = R"(
e: {rows: 40, columns: {id: {seq: true}}}
s:
  kind: timeseries
  entities: e
  start: 2024-01-01
  days: 10
  values: {v: {base: 5}}
  anomalies: [{kind: spike, count: 10}]
)";
  const auto one = Gen(spec, 1, 1.0), half = Gen(spec, 1, 0.5), triple = Gen(spec, 1, 3.0);
  EXPECT_EQ(Find(one, "e")->num_rows(), 40);
  EXPECT_EQ(Find(half, "e")->num_rows(), 20);
  EXPECT_EQ(Find(triple, "e")->num_rows(), 120);
  EXPECT_EQ(Find(triple, "s")->num_rows(), 120 * 10);
  EXPECT_EQ(Find(one, "s__truth")->num_rows(), 10);
  EXPECT_EQ(Find(triple, "s__truth")->num_rows(), 30);
  EXPECT_EQ(Find(Gen(spec, 1, 0.001), "e")->num_rows(), 1);  // at least one row
}

TEST(Synth, DerivedTables) {
  const std::string spec = std::string(kUsers) + R"(
vips:
  from: users
  where: "vip AND region = 'north'"
  columns: {contact: {person_name: true}}
  select: [id, {company: name}, contact]
half:
  kind: derived
  from: users
  sample: 0.5
)";
  const auto tables = Gen(spec);
  const TablePtr u = Find(tables, "users"), v = Find(tables, "vips"), h = Find(tables, "half");
  EXPECT_EQ(v->schema().names(), (std::vector<std::string>{"id", "company", "contact"}));
  int64_t expected = 0;
  for (int64_t i = 0; i < u->num_rows(); ++i) {
    expected += u->column("vip")->data<uint8_t>()[i] && Str(u, "region", i) == "north";
  }
  EXPECT_EQ(v->num_rows(), expected);
  EXPECT_GT(h->num_rows(), 70);
  EXPECT_LT(h->num_rows(), 130);
}

const char* kSeries = R"(
plants:
  rows: 30
  columns:
    id: {seq: "P{:02d}"}
    base: {uniform: [100, 200]}
    on: {expr: "id <> 'P03'"}
kwh:
  kind: timeseries
  entities: plants
  keys: [id]
  active: on
  start: 2024-01-01
  end: 2024-12-31
  values:
    kwh:
      base: base
      day_type: {workday: 1, weekend: 0.7, holiday: 0.2}
      noise: 0.02
      round: 1
  anomalies:
    - {kind: shutdown, label: false, rate: 1, length: [2d, 4d], value: [0, 1]}
    - {kind: spike, rate: 2, factor: [3, 4]}
    - {kind: drop, count: 20, factor: [0.2, 0.3], window: {last_days: 60}}
    - {kind: level_shift, count: 5, length: [5d, 5d], factor: [1.5, 1.5]}
)";

TEST(Synth, TimeseriesDayTypesAndActiveGating) {
  const auto tables = Gen(kSeries);
  const TablePtr s = Find(tables, "kwh");
  EXPECT_EQ(s->num_rows(), 29 * 366);  // P03 is inactive
  std::map<DayType, std::pair<double, int>> by_type;
  std::map<std::pair<std::string, int32_t>, double> value;
  for (int64_t i = 0; i < s->num_rows(); ++i) {
    EXPECT_NE(Str(s, "id", i), "P03");
    const int32_t d = s->column("date")->data<int32_t>()[i];
    auto& b = by_type[ChinaDayType(d)];
    b.first += F(s, "kwh", i);
    b.second++;
    value[{Str(s, "id", i), d}] = F(s, "kwh", i);
  }
  const double work = by_type[DayType::kWorkday].first / by_type[DayType::kWorkday].second;
  const double weekend = by_type[DayType::kWeekend].first / by_type[DayType::kWeekend].second;
  const double holiday = by_type[DayType::kHoliday].first / by_type[DayType::kHoliday].second;
  EXPECT_NEAR(weekend / work, 0.7, 0.05);
  EXPECT_NEAR(holiday / work, 0.2, 0.05);
  // 2024-10-03 (holiday) vs 2024-10-12 (make-up Saturday) for one plant without anomalies.
  const double hol = value[{"P01", DaysFromCivil(2024, 10, 3)}];
  const double makeup = value[{"P01", DaysFromCivil(2024, 10, 12)}];
  EXPECT_GT(makeup, 3 * hol);
}

TEST(Synth, EveryInjectedAnomalyIsInTruthAndDeviates) {
  const auto tables = Gen(kSeries);
  const TablePtr s = Find(tables, "kwh"), t = Find(tables, "kwh__truth");
  ASSERT_GT(t->num_rows(), 50);
  std::map<std::pair<std::string, int32_t>, double> value;
  for (int64_t i = 0; i < s->num_rows(); ++i) {
    value[{Str(s, "id", i), s->column("date")->data<int32_t>()[i]}] = F(s, "kwh", i);
  }
  std::map<std::string, int> kinds;
  std::set<std::pair<std::string, int32_t>> labelled;
  const int32_t last60 = DaysFromCivil(2024, 12, 31) - 59;
  for (int64_t i = 0; i < t->num_rows(); ++i) {
    const std::string kind = Str(t, "kind", i);
    const int32_t d = t->column("date")->data<int32_t>()[i];
    kinds[kind]++;
    EXPECT_NE(kind, "shutdown");  // label: false
    const double v = value.at({Str(t, "id", i), d});
    EXPECT_EQ(v, F(t, "value", i));
    const double ratio = v / F(t, "original", i);
    if (kind == "spike") {
      EXPECT_GT(ratio, 2.9);
    }
    if (kind == "drop") {
      EXPECT_LT(ratio, 0.31);
      EXPECT_GE(d, last60);
    }
    if (kind == "level_shift") {
      EXPECT_NEAR(ratio, 1.5, 0.01);
    }
    labelled.insert({Str(t, "id", i), d});
  }
  EXPECT_EQ(kinds["drop"], 20);
  EXPECT_EQ(kinds["level_shift"], 25);
  EXPECT_GT(kinds["spike"], 20);
  // Outside the truth nothing was pushed up: bases are at most 200 and noise is 2%
  // (shutdown spells, unlabelled, only go down).
  for (const auto& [key, v] : value) {
    if (labelled.count(key)) continue;
    EXPECT_LT(v, 200 * 1.2) << key.first << " " << FormatDate(key.second);
  }
}

TEST(Synth, SubDailySeriesAndEpisodes) {
  const auto tables = Gen(R"(
st: {rows: 3, columns: {sid: {seq: "S{}"}}}
wq:
  kind: timeseries
  entities: st
  start: 2025-01-01
  days: 2
  freq: 15m
  values:
    cond: {base: 400, intraday: [1,1,1,1,1,1,1,1,1,1,1,1,2,1,1,1,1,1,1,1,1,1,1,1]}
    do: {base: 9}
    temp: {model: additive, base: 10, annual: {amplitude: 5, peak_day: 0}}
  anomalies:
    - {kind: episode, count: 2, length: [1h, 1h], factors: {cond: [2, 2], do: [0.5, 0.5]}}
)");
  const TablePtr w = Find(tables, "wq"), t = Find(tables, "wq__truth");
  EXPECT_EQ(w->schema().ToString(),
            "sid:string, time:timestamp, cond:float64, do:float64, temp:float64");
  EXPECT_EQ(w->num_rows(), 3 * 2 * 96);
  EXPECT_EQ(FormatTimestamp(w->column("time")->data<int64_t>()[1]), "2025-01-01 00:15:00");
  // Noon is doubled by the intraday profile; January 1 is the annual peak (10 + 5).
  EXPECT_EQ(F(w, "cond", 48), 800);
  EXPECT_EQ(F(w, "cond", 47), 400);
  EXPECT_NEAR(F(w, "temp", 0), 15, 1e-9);
  // Two episodes × 4 quarter-hours × 2 columns, each column scaled as declared.
  ASSERT_EQ(t->num_rows(), 16);
  for (int64_t i = 0; i < t->num_rows(); ++i) {
    EXPECT_NEAR(F(t, "factor", i), Str(t, "column", i) == "cond" ? 2.0 : 0.5, 1e-9);
  }
}

TEST(Synth, MissingReadingsAreNullAndInTheTruth) {
  const auto tables = Gen(R"(
st: {rows: 4, columns: {sid: {seq: "S{}"}}}
sales:
  kind: timeseries
  entities: st
  start: 2025-01-01
  days: 60
  values:
    qty: {base: 20, noise: 0.1, type: int}
  anomalies:
    - {kind: spike, count: 6, factor: [5, 5]}
    - {kind: missing, count: 9, window: {first_days: 30}}
)");
  const TablePtr s = Find(tables, "sales"), t = Find(tables, "sales__truth");
  EXPECT_EQ(s->num_rows(), 4 * 60);  // missing readings keep their row, with a NULL value
  std::set<std::pair<std::string, int32_t>> nulls, truth_missing;
  for (int64_t i = 0; i < s->num_rows(); ++i) {
    if (s->column("qty")->IsNull(i)) {
      nulls.insert({Str(s, "sid", i), s->column("date")->data<int32_t>()[i]});
    }
  }
  int spikes = 0;
  for (int64_t i = 0; i < t->num_rows(); ++i) {
    if (Str(t, "kind", i) == "missing") {
      EXPECT_TRUE(t->column("value")->IsNull(i));
      EXPECT_TRUE(t->column("factor")->IsNull(i));
      EXPECT_GT(F(t, "original", i), 0);
      const int32_t d = t->column("date")->data<int32_t>()[i];
      EXPECT_LT(d, DaysFromCivil(2025, 1, 31));
      truth_missing.insert({Str(t, "sid", i), d});
    } else {
      ++spikes;
    }
  }
  EXPECT_EQ(truth_missing.size(), 9u);
  EXPECT_EQ(nulls, truth_missing);
  EXPECT_EQ(spikes, 6);
}

TEST(Synth, EventsAndGraph) {
  const auto tables = Gen(R"(
shops:
  rows: 50
  columns:
    shop: {seq: "S{:03d}"}
    district: {choice: [a, b, c]}
    rate: {uniform: [1, 3]}
visits:
  kind: events
  entities: shops
  keys: [shop]
  start: 2024-01-01
  days: 100
  rate: rate
  per: 10d
  columns:
    severity: {choice: [low, high], weights: [4, 1]}
links:
  kind: graph
  from: shops
  k: [2, 4]
  match: district
  columns: {weight: {uniform: [0, 1], round: 2}}
)");
  const TablePtr v = Find(tables, "visits"), g = Find(tables, "links"), s = Find(tables, "shops");
  EXPECT_EQ(v->schema().ToString(), "shop:string, time:timestamp, severity:string");
  // Expected 50 × 2 (mean rate) × 10 periods = 1000 events.
  EXPECT_GT(v->num_rows(), 850);
  EXPECT_LT(v->num_rows(), 1150);
  const int64_t lo = FromCivil({{2024, 1, 1}, 0, 0, 0, 0}), hi = lo + 100 * kMicrosPerDay;
  for (int64_t i = 0; i < v->num_rows(); ++i) {
    const int64_t t = v->column("time")->data<int64_t>()[i];
    EXPECT_GE(t, lo);
    EXPECT_LT(t, hi);
    if (i > 0 && Str(v, "shop", i) == Str(v, "shop", i - 1)) {
      EXPECT_GE(t, v->column("time")->data<int64_t>()[i - 1]);
    }
  }
  std::map<std::string, std::string> district;
  for (int64_t i = 0; i < s->num_rows(); ++i) district[Str(s, "shop", i)] = Str(s, "district", i);
  std::map<std::string, std::set<std::string>> out;
  for (int64_t i = 0; i < g->num_rows(); ++i) {
    const std::string a = Str(g, "source", i), b = Str(g, "target", i);
    EXPECT_NE(a, b);
    EXPECT_EQ(district[a], district[b]);
    EXPECT_TRUE(out[a].insert(b).second) << "duplicate edge " << a << "→" << b;
  }
  for (const auto& [a, targets] : out) {
    EXPECT_GE(targets.size(), 2u);
    EXPECT_LE(targets.size(), 4u);
  }
}

TEST(Synth, DerivedSeriesRecoversTheSlope) {
  const auto tables = Gen(R"(
co:
  rows: 40
  columns:
    id: {seq: true}
    per_kwh: {choice: [0.5, 2.0]}
k:
  kind: timeseries
  entities: co
  start: 2024-01-01
  days: 60
  values: {kwh: {base: 100, noise: 0.3}}
m:
  kind: derived_series
  from: k
  entities: co
  where: "per_kwh = 2.0"
  sample: 0.5
  columns: {m3: {expr: "kwh * per_kwh", noise: 0.05, round: 3}}
)");
  const TablePtr k = Find(tables, "k"), m = Find(tables, "m");
  EXPECT_EQ(m->schema().ToString(), "id:int64, date:date, kwh:float64, m3:float64");
  ASSERT_GT(m->num_rows(), 0);
  EXPECT_EQ(m->num_rows() % 60, 0);
  double sxy = 0, sxx = 0;
  for (int64_t i = 0; i < m->num_rows(); ++i) {
    sxy += F(m, "kwh", i) * F(m, "m3", i);
    sxx += F(m, "kwh", i) * F(m, "kwh", i);
  }
  EXPECT_NEAR(sxy / sxx, 2.0, 0.02);
}

TEST(Synth, SpecErrorsNameTheLineAndSuggest) {
  std::string e = ErrorOf("users:\n  rows: 3\n  colums: {id: {seq: true}}\n");
  EXPECT_NE(e.find("test.yaml:3"), std::string::npos) << e;
  EXPECT_NE(e.find("columns"), std::string::npos) << e;

  e = ErrorOf("users:\n  rows: 3\n  columns:\n    id: {seqq: true}\n");
  EXPECT_NE(e.find("test.yaml:4"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'seq'"), std::string::npos) << e;

  e = ErrorOf(
      "u:\n  rows: 3\n  columns: {id: {seq: true}}\ns:\n  kind: timeseries\n"
      "  entities: u\n  start: 2024-01-01\n  days: 3\n  values: {v: {base: 1}}\n"
      "  anomalies:\n    - {kind: spkie, count: 1}\n");
  EXPECT_NE(e.find("test.yaml:11"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'spike'"), std::string::npos) << e;

  e = ErrorOf("u: {rows: 3, columns: {id: {seq: true}}}\nd:\n  from: usr\n");
  EXPECT_NE(e.find("test.yaml:3"), std::string::npos) << e;

  e = ErrorOf("u:\n  rows: 3\n  columns:\n    id: {seq: true}\n    x: {expr: \"idd + 1\"}\n");
  EXPECT_NE(e.find("test.yaml:5"), std::string::npos) << e;
  EXPECT_NE(e.find("idd"), std::string::npos) << e;

  e = ErrorOf("u:\n  kind: entitees\n  rows: 1\n");
  EXPECT_NE(e.find("did you mean 'entities'"), std::string::npos) << e;

  e = ErrorOf("u:\n  rows: 3\n  columns:\n    n: {uniform: [5, 1]}\n");
  EXPECT_NE(e.find("test.yaml:4"), std::string::npos) << e;

  e = ErrorOf(
      "u: {rows: 3, columns: {id: {seq: true}}}\ns:\n  kind: timeseries\n"
      "  entities: u\n  start: 2024-01-01\n  days: 3\n  freq: 7m\n  values: {v: {base: 1}}\n");
  EXPECT_NE(e.find("test.yaml:7"), std::string::npos) << e;
}

}  // namespace
}  // namespace xf::synth::test
