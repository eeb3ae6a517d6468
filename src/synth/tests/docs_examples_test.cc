// The examples of docs/synthetic-data.md, together in one spec: each must be valid.
#include <set>

#include "synth/tests/test_util.h"
namespace xf::synth::test {

TEST(Docs, ExamplesGenerate) {
  const std::string spec = R"Y(
users:
  kind: entities
  rows: 50
  columns:
    user_id: {seq: "U{:06d}"}
    id: {seq: true, start: 100}
    region: {choice: [东区, 西区], weights: [2, 1]}
    kva: {choice: {10: 1, 15: 2}}
    age: {uniform: [18, 70], type: int}
    score: {normal: [600, 80], clamp: [300, 900], round: 0}
    kwh: {lognormal: [300, 0.6], round: 1}
    opened: {date: [2010-01-01, 2023-12-31]}
    vip: {bool: 0.1}
    country: {value: CN}
    industry: {choice: {造纸: 3, 印染: 2, 居民: 5}}
    user_type: {expr: "if(industry = '居民', 'resident', 'non_resident')"}
    division: {value: "330102"}
    name: {company_name: {place: region, industry: industry, suffix: 有限公司}}
    contact: {person_name: true}
    credit_code: {uscc: {division_column: division}}
    id_no: {resident_id: {division: "330102", born: [1960-01-01, 2000-12-31]}}
    lat: {geo: lat, by: region, centres: &c {东区: [30.6, 114.3], 西区: [30.5, 114.1]}, spread_km: 2}
    lon: {geo: lon, by: region, centres: *c, spread_km: 2}
    capacity_kva: {expr: "kva * 2"}
    load_factor: {uniform: [0.2, 0.4]}
    base_kwh: {expr: "capacity_kva * 24 * load_factor", round: 1}
    weekend_factor: {uniform: [0.6, 0.8]}
    x: {uniform: [0, 100], null_rate: 0.02, clamp: [0, 100], round: 2}
polluting_companies:
  from: users
  where: "industry IN ('造纸', '印染', '化工') AND user_type = 'non_resident'"
  sample: 0.8
  columns:
    contact: {person_name: true}
  select: [user_id, {company: name}, credit_code, contact, industry]
treatment_companies:
  from: users
daily_kwh:
  kind: timeseries
  entities: users
  keys: [user_id]
  active: "capacity_kva > 0"
  start: 2024-01-01
  end: 2025-03-31
  freq: 1d
  time_column: date
  values:
    kwh: {base: base_kwh, noise: 0.07, trend: 0.03, weekly: [1, 1, 1, 1, 1, 0.8, 0.7], annual: {amplitude: 0.12, peak_day: 200}, day_type: {workday: 1, weekend: weekend_factor, holiday: 0.3}, ar: 0.9, round: 1, floor: 0}
    conductivity: {base: 400, type: int}
    total_nitrogen: {base: 1}
    dissolved_oxygen: {base: 9}
  anomalies:
      - {kind: shutdown, label: false, rate: 1.2, length: [1d, 6d], value: [0, 5.5]}
      - {kind: spike, count: 40, window: {last_days: 90}, factor: [2, 3.5], length: [1, 2]}
      - {kind: drop, count: 40, window: {last_days: 90}, factor: [0.15, 0.4], min: 6.5}
      - {kind: level_shift, rate: 0.2, length: [5d, 15d], factor: [1.4, 1.8]}
      - {kind: spike, rate: 2, per: 30d, columns: [kwh]}
      - kind: episode
        rate: 1.5
        length: [3h, 8h]
        entities: "capacity_kva >= 15"
        factors: {conductivity: [1.8, 2.6], total_nitrogen: [1.6, 2.5], dissolved_oxygen: [0.35, 0.6]}
inspections:
  kind: events
  entities: users
  keys: [user_id]
  active: "user_type = 'non_resident'"
  start: 2024-01-01
  days: 365
  rate: 4
  per: 365d
  columns:
    inspection_id: {seq: "INS{:07d}"}
    result: {choice: {合格: 9, 整改: 1}}
supply_links:
  kind: graph
  from: users
  to: treatment_companies
  key: user_id
  to_key: user_id
  k: [1, 2]
  source_column: company
  target_column: treatment_plant
  columns:
    share: {uniform: [0.2, 1.0], round: 2}
sewage_discharge:
  kind: derived_series
  from: daily_kwh
  entities: polluting_companies
  keys: [user_id]
  where: "industry <> '食品加工'"
  sample: 0.6
  columns:
    discharge_m3:
      expr: "kwh * CASE industry WHEN '造纸' THEN 0.06 ELSE 0.04 END"
      noise: 0.06
      round: 2
      floor: 0
  select: [user_id, date, discharge_m3]
)Y";
  const auto tables = Gen(spec);
  std::vector<std::string> names;
  for (const SynthTable& t : tables) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"users", "polluting_companies", "treatment_companies",
                                             "daily_kwh", "daily_kwh__truth", "inspections",
                                             "supply_links", "sewage_discharge"}));
  const TablePtr u = Find(tables, "users");
  EXPECT_EQ(u->schema().field(u->ColumnIndex("division")).type, TypeId::kString);  // quoted
  EXPECT_EQ(u->schema().field(u->ColumnIndex("kva")).type, TypeId::kInt64);
  EXPECT_EQ(Find(tables, "supply_links")->schema().names(),
            (std::vector<std::string>{"company", "treatment_plant", "share"}));
  std::set<std::string> kinds;
  const TablePtr t = Find(tables, "daily_kwh__truth");
  for (int64_t i = 0; i < t->num_rows(); ++i) kinds.insert(Str(t, "kind", i));
  EXPECT_EQ(kinds, (std::set<std::string>{"spike", "drop", "level_shift", "episode"}));
}
}  // namespace xf::synth::test
