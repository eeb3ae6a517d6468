// kind: timeseries — one series per entity, built from a base level and multiplicative (or
// additive) components: trend, weekly profile, annual cycle, China day-type factors, intraday
// profile and AR(1) noise; then anomalies are injected (anomalies.h).
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <map>

#include "core/time.h"
#include "synth/anomalies.h"
#include "synth/kinds.h"
#include "synth/rng.h"
#include "synth/series_time.h"
#include "synth/spec_util.h"

namespace xf::synth {
namespace {

struct ValueSpec {
  std::string name;
  bool additive = false;
  Param base;
  double trend = 0;  // per year: relative (multiplicative) or absolute (additive)
  std::vector<double> weekly;
  double annual_amplitude = 0, annual_peak = 0;
  bool has_day_type = false;
  std::array<Param, 3> day_type;  // workday, weekend, holiday
  std::vector<double> intraday;
  double noise = 0, ar = 0;
  int round = -1;
  double floor = -INFINITY, ceiling = INFINITY;
  bool as_int = false;
};

ValueSpec ReadValue(const std::string& name, const SpecNode& v, const Table& entities) {
  v.CheckKeys({"model", "base", "trend", "weekly", "annual", "day_type", "intraday", "noise", "ar",
               "round", "floor", "ceiling", "type"});
  ValueSpec s;
  s.name = name;
  const std::string model = v.GetString("model", "multiplicative");
  if (model != "multiplicative" && model != "additive") {
    v.Get("model").Fail("expected multiplicative or additive");
  }
  s.additive = model == "additive";
  const double neutral = s.additive ? 0.0 : 1.0;
  s.base = ReadParam(v.Required("base"), entities, 0);
  s.trend = v.GetDouble("trend", 0);
  if (v.Has("weekly")) {
    s.weekly = v.Get("weekly").AsDoubleList();
    if (s.weekly.size() != 7) v.Get("weekly").Fail("expected 7 factors, Monday first");
  }
  if (v.Has("annual")) {
    const SpecNode a = v.Get("annual");
    a.CheckKeys({"amplitude", "peak_day"});
    s.annual_amplitude = a.Required("amplitude").AsDouble();
    s.annual_peak = a.GetDouble("peak_day", 196);
  }
  if (v.Has("day_type")) {
    const SpecNode d = v.Get("day_type");
    d.CheckKeys({"workday", "weekend", "holiday"});
    s.has_day_type = true;
    s.day_type[0] = ReadParam(d.Get("workday"), entities, neutral);
    s.day_type[1] = ReadParam(d.Get("weekend"), entities, neutral);
    s.day_type[2] = ReadParam(d.Get("holiday"), entities, neutral);
  }
  if (v.Has("intraday")) {
    s.intraday = v.Get("intraday").AsDoubleList();
    if (s.intraday.size() != 24) v.Get("intraday").Fail("expected 24 factors, hour 0 first");
  }
  s.noise = v.GetDouble("noise", 0);
  if (s.noise < 0) v.Get("noise").Fail("noise is a standard deviation, >= 0");
  s.ar = v.GetDouble("ar", 0);
  if (s.ar < 0 || s.ar >= 1) v.Get("ar").Fail("ar must be in [0, 1)");
  if (v.Has("round")) s.round = static_cast<int>(v.Get("round").AsInt());
  s.floor = v.GetDouble("floor", -INFINITY);
  s.ceiling = v.GetDouble("ceiling", INFINITY);
  if (v.Has("type")) {
    const TypeId t = ReadType(v.Get("type"));
    if (t != TypeId::kInt64 && t != TypeId::kFloat64) v.Get("type").Fail("expected int or float");
    s.as_int = t == TypeId::kInt64;
  }
  return s;
}

double RoundTo(double v, int digits) {
  if (digits < 0) return v;
  const double p = std::pow(10.0, digits);
  return std::round(v * p) / p;
}

double Finish(const ValueSpec& s, double v) {
  v = std::clamp(v, s.floor, s.ceiling);
  return s.as_int ? std::round(v) : RoundTo(v, s.round);
}

std::vector<double> Series(const ValueSpec& s, const TimeAxis& axis, int64_t row, uint64_t seed,
                           const std::string& table) {
  std::vector<double> out(static_cast<size_t>(axis.points));
  Rng rng(seed, table, s.name, static_cast<uint64_t>(row));
  const double base = s.base.At(row);
  std::array<double, 3> dt = {s.additive ? 0.0 : 1.0, s.additive ? 0.0 : 1.0,
                              s.additive ? 0.0 : 1.0};
  if (s.has_day_type) {
    for (int k = 0; k < 3; ++k)
      dt[static_cast<size_t>(k)] = s.day_type[static_cast<size_t>(k)].At(row);
  }
  const double innovation = std::sqrt(1.0 - s.ar * s.ar);
  double z = 0;
  for (int64_t j = 0; j < axis.points; ++j) {
    const size_t u = static_cast<size_t>(j);
    const double e = rng.Normal();
    z = j == 0 ? e : s.ar * z + innovation * e;
    const double years =
        (static_cast<double>(j) * static_cast<double>(axis.step) / kMicrosPerDay) / 365.25;
    const double annual =
        s.annual_amplitude * std::cos(2 * M_PI * (axis.doy[u] - s.annual_peak) / 365.25);
    const double weekly = s.weekly.empty() ? (s.additive ? 0 : 1) : s.weekly[axis.dow[u]];
    const double intraday =
        s.intraday.empty() || axis.daily ? (s.additive ? 0 : 1) : s.intraday[axis.hour[u]];
    const double day = dt[static_cast<size_t>(axis.day_type[u])];
    double v;
    if (s.additive) {
      v = base + s.trend * years + weekly + annual + day + intraday + s.noise * z;
    } else {
      v = base * (1 + s.trend * years) * weekly * (1 + annual) * day * intraday *
          std::max(0.0, 1 + s.noise * z);
    }
    out[u] = v;
  }
  return out;
}

}  // namespace

Output GenerateTimeseries(const std::string& name, const SpecNode& spec, const Context& ctx) {
  spec.CheckKeys({"kind", "entities", "keys", "active", "start", "end", "days", "freq",
                  "time_column", "values", "anomalies"});
  const TablePtr entities = ctx.Find(spec.Required("entities"));
  const std::vector<std::string> keys = ReadKeys(spec, *entities);
  const std::vector<uint8_t> active = RowMask(spec.Get("active"), *entities);
  const TimeAxis axis = TimeAxis::Read(spec);
  const std::string time_column = spec.GetString("time_column", axis.daily ? "date" : "time");

  const SpecNode values = spec.Required("values");
  if (!values.IsMap() || values.Keys().empty()) values.Fail("expected a map of value columns");
  std::vector<ValueSpec> specs;
  std::vector<std::string> names;
  for (const auto& [col, v] : values.Entries()) {
    if (col == time_column || std::find(keys.begin(), keys.end(), col) != keys.end()) {
      v.Fail(fmt::format("value column '{}' clashes with a key or the time column", col));
    }
    specs.push_back(ReadValue(col, v, *entities));
    names.push_back(col);
  }
  const std::vector<AnomalySpec> anomalies = ReadAnomalies(
      spec.Get("anomalies"), names, axis, *entities, active, ctx.seed, ctx.scale, name);

  std::vector<int64_t> row_of;  // entity row of each output row
  auto time = Column::Make(axis.type());
  std::vector<ColumnPtr> value_cols;
  for (const ValueSpec& s : specs)
    value_cols.push_back(Column::Make(s.as_int ? TypeId::kInt64 : TypeId::kFloat64));
  // Truth.
  std::vector<int64_t> truth_row;
  auto t_time = Column::Make(axis.type());
  auto t_column = Column::Make(TypeId::kString);
  auto t_kind = Column::Make(TypeId::kString);
  auto t_factor = Column::Make(TypeId::kFloat64);
  auto t_episode = Column::Make(TypeId::kInt64);
  auto t_original = Column::Make(TypeId::kFloat64);
  auto t_value = Column::Make(TypeId::kFloat64);
  int64_t episodes = 0;

  for (int64_t e = 0; e < entities->num_rows(); ++e) {
    if (!active[static_cast<size_t>(e)]) continue;
    std::vector<std::vector<double>> v;
    for (const ValueSpec& s : specs) {
      std::vector<double> x = Series(s, axis, e, ctx.seed, name);
      for (double& y : x) y = Finish(s, y);
      v.push_back(std::move(x));
    }
    std::vector<Injection> inj;
    InjectEntity(anomalies, e, ctx.seed, name, &v, &inj);
    std::map<int64_t, int64_t> episode_ids;  // local → table-wide, labelled episodes only
    for (const Injection& in : inj) {
      const ValueSpec& s = specs[static_cast<size_t>(in.column)];
      double& y = v[static_cast<size_t>(in.column)][static_cast<size_t>(in.point)];
      y = s.as_int ? std::round(y) : RoundTo(y, s.round);
      const AnomalySpec& a = anomalies[static_cast<size_t>(in.spec)];
      if (!a.label) continue;
      auto [it, fresh] = episode_ids.emplace(in.episode, episodes + 1);
      if (fresh) ++episodes;
      truth_row.push_back(e);
      axis.Append(in.point, t_time.get());
      t_column->AppendString(s.name);
      t_kind->AppendString(a.kind);
      if (std::isnan(y)) {  // kind: missing
        t_factor->AppendNull();
      } else {
        t_factor->AppendFloat64(in.original != 0 ? RoundTo(y / in.original, 4) : in.factor);
      }
      t_episode->AppendInt64(it->second);
      t_original->AppendFloat64(in.original);
      if (std::isnan(y)) {
        t_value->AppendNull();
      } else {
        t_value->AppendFloat64(y);
      }
    }
    for (int64_t j = 0; j < axis.points; ++j) {
      row_of.push_back(e);
      axis.Append(j, time.get());
    }
    for (size_t c = 0; c < specs.size(); ++c) {
      for (double y : v[c]) {
        if (std::isnan(y)) {
          value_cols[c]->AppendNull();
        } else if (specs[c].as_int) {
          value_cols[c]->AppendInt64(std::llround(y));
        } else {
          value_cols[c]->AppendFloat64(y);
        }
      }
    }
  }

  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (const std::string& k : keys) {
    const ColumnPtr& c = entities->column(k);
    fields.push_back({k, c->type()});
    cols.push_back(c->Take(row_of));
  }
  fields.push_back({time_column, axis.type()});
  cols.push_back(time);
  for (size_t c = 0; c < specs.size(); ++c) {
    fields.push_back({specs[c].name, value_cols[c]->type()});
    cols.push_back(value_cols[c]);
  }
  Output out{Table::Make(Schema(fields), cols), {}, nullptr};

  bool labelled = false;
  for (const AnomalySpec& a : anomalies) labelled = labelled || a.label;
  if (labelled) {
    std::vector<Field> tf;
    std::vector<ColumnPtr> tc;
    for (const std::string& k : keys) {
      const ColumnPtr& c = entities->column(k);
      tf.push_back({k, c->type()});
      tc.push_back(c->Take(truth_row));
    }
    tf.push_back({time_column, axis.type()});
    tc.push_back(t_time);
    const std::pair<const char*, ColumnPtr> rest[] = {
        {"column", t_column},   {"kind", t_kind},         {"factor", t_factor},
        {"episode", t_episode}, {"original", t_original}, {"value", t_value}};
    for (const auto& [n, c] : rest) {
      tf.push_back({n, c->type()});
      tc.push_back(c);
    }
    out.truth = Table::Make(Schema(tf), tc);
  }
  return out;
}

}  // namespace xf::synth
