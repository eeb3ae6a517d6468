#include "synth/anomalies.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/strings.h"
#include "core/time.h"
#include "synth/kinds.h"
#include "synth/rng.h"
#include "synth/spec_util.h"

namespace xf::synth {
namespace {

struct KindDefaults {
  const char* kind;
  std::pair<double, double> factor;
  const char* min_len;
  const char* max_len;
  bool per_point;
};

// Lengths are in points ("1") or durations ("3d"); durations shorter than the step become 1.
constexpr KindDefaults kKinds[] = {
    {"spike", {2.0, 4.0}, "1", "1", true},           {"drop", {0.1, 0.5}, "1", "1", true},
    {"level_shift", {1.3, 1.6}, "3d", "10d", false}, {"shutdown", {0.0, 0.05}, "1d", "5d", false},
    {"episode", {1.0, 1.0}, "3h", "8h", false},      {"missing", {0.0, 0.0}, "1", "1", false},
};

int ColumnIndex(const std::vector<std::string>& names, const SpecNode& node) {
  const std::string name = node.AsString();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  const std::string close = ClosestName(name, names);
  node.Fail(fmt::format("no value column '{}'{}", name,
                        close.empty() ? "" : fmt::format("; did you mean '{}'?", close)));
}

}  // namespace

std::vector<AnomalySpec> ReadAnomalies(const SpecNode& list,
                                       const std::vector<std::string>& value_columns,
                                       const TimeAxis& axis, const Table& entities,
                                       const std::vector<uint8_t>& active, uint64_t seed,
                                       double scale, const std::string& table) {
  std::vector<AnomalySpec> out;
  if (!list.IsDefined()) return out;
  if (!list.IsSequence()) list.Fail("expected a list of anomalies");
  int k = 0;
  for (const SpecNode& a : list.Items()) {
    a.CheckKeys({"kind", "columns", "factor", "factors", "value", "rate", "per", "count", "length",
                 "window", "label", "min", "entities"});
    AnomalySpec s;
    const SpecNode kind = a.Required("kind");
    s.kind = kind.AsString();
    const KindDefaults* d = nullptr;
    std::vector<std::string> kinds;
    for (const KindDefaults& kd : kKinds) {
      kinds.push_back(kd.kind);
      if (s.kind == kd.kind) d = &kd;
    }
    if (d == nullptr) {
      const std::string close = ClosestName(s.kind, kinds);
      kind.Fail(
          fmt::format("unknown anomaly kind '{}'{} (spike, drop, level_shift, shutdown, "
                      "episode, missing)",
                      s.kind, close.empty() ? "" : fmt::format("; did you mean '{}'?", close)));
    }
    s.factor_per_point = d->per_point;
    // Columns and their factors.
    if (s.kind == "episode") {
      const SpecNode f = a.Required("factors");
      if (!f.IsMap()) f.Fail("expected {column: [low, high], ...}");
      for (const auto& [col, range] : f.Entries()) {
        s.columns.push_back(
            ColumnIndex(value_columns, SpecNode(YAML::Node(col), f.file(), "factors")));
        s.factors.push_back(ReadRange(range));
      }
    } else {
      if (a.Has("factors")) a.Get("factors").Fail("'factors' (per column) is for kind: episode");
      if (a.Has("columns")) {
        for (const SpecNode& c : a.Get("columns").Items()) {
          s.columns.push_back(ColumnIndex(value_columns, c));
        }
      } else {
        s.columns.push_back(0);
      }
      const auto f = a.Has("factor") ? ReadRange(a.Get("factor")) : d->factor;
      if (f.first < 0) a.Get("factor").Fail("factors are >= 0");
      s.factors.assign(s.columns.size(), f);
      if (a.Has("value")) {
        s.set_value = true;
        s.value = ReadRange(a.Get("value"));
      }
    }
    // Length in points.
    if (a.Has("length")) {
      s.length = ReadPointRange(a.Get("length"), axis.step);
    } else {
      s.length = {ReadPoints(SpecNode(YAML::Node(d->min_len), a.file()), axis.step),
                  ReadPoints(SpecNode(YAML::Node(d->max_len), a.file()), axis.step)};
    }
    // Window.
    s.window_lo = 0;
    s.window_hi = axis.points;
    if (a.Has("window")) {
      const SpecNode w = a.Get("window");
      w.CheckKeys({"last_days", "first_days", "from", "to"});
      int32_t from = axis.first_day, to = axis.last_day;
      if (w.Has("last_days"))
        from = axis.last_day - static_cast<int32_t>(w.Get("last_days").AsInt()) + 1;
      if (w.Has("first_days"))
        to = axis.first_day + static_cast<int32_t>(w.Get("first_days").AsInt()) - 1;
      if (w.Has("from")) from = ReadDate(w.Get("from"));
      if (w.Has("to")) to = ReadDate(w.Get("to"));
      std::tie(s.window_lo, s.window_hi) = axis.PointsOfDays(from, to);
      if (s.window_hi <= s.window_lo) w.Fail("the window holds no point of the series");
    }
    s.label = a.GetBool("label", true);
    if (a.Has("min")) s.min_value = a.Get("min").AsDouble();
    // Which entities, how many episodes.
    s.eligible = active;
    if (a.Has("entities")) {
      const std::vector<uint8_t> m = RowMask(a.Get("entities"), entities);
      for (size_t i = 0; i < m.size(); ++i) s.eligible[i] = s.eligible[i] && m[i];
    }
    if (a.Has("rate") == a.Has("count")) {
      a.Fail("give exactly one of 'rate' (episodes per entity and period) and 'count' (total)");
    }
    if (a.Has("rate")) {
      s.rate = a.Get("rate").AsDouble();
      if (s.rate < 0) a.Get("rate").Fail("a rate is >= 0");
      if (a.Has("per")) {
        const double window_us =
            static_cast<double>(s.window_hi - s.window_lo) * static_cast<double>(axis.step);
        s.rate *= window_us / static_cast<double>(ReadDuration(a.Get("per")));
      }
    } else {
      s.by_count = true;
      const double c = a.Get("count").AsDouble();
      if (c < 0) a.Get("count").Fail("a count is >= 0");
      const int64_t total = std::llround(c * scale);
      std::vector<int64_t> pool;
      for (size_t i = 0; i < s.eligible.size(); ++i) {
        if (s.eligible[i]) pool.push_back(static_cast<int64_t>(i));
      }
      s.count_per_entity.assign(s.eligible.size(), 0);
      if (total > 0 && pool.empty()) a.Fail("no entity is eligible for this anomaly");
      for (int64_t e = 0; e < total; ++e) {
        Rng rng(seed, table, fmt::format("anomaly#{}#count", k), static_cast<uint64_t>(e));
        const int64_t pick = rng.UniformInt(0, static_cast<int64_t>(pool.size()) - 1);
        ++s.count_per_entity[static_cast<size_t>(pool[static_cast<size_t>(pick)])];
      }
    }
    out.push_back(std::move(s));
    ++k;
  }
  return out;
}

void InjectEntity(const std::vector<AnomalySpec>& specs, int64_t entity_row, uint64_t seed,
                  const std::string& table, std::vector<std::vector<double>>* values,
                  std::vector<Injection>* out) {
  if (specs.empty()) return;
  const int64_t points = static_cast<int64_t>((*values)[0].size());
  std::vector<uint8_t> touched(static_cast<size_t>(points), 0);
  int64_t episode = 0;
  for (size_t k = 0; k < specs.size(); ++k) {
    const AnomalySpec& s = specs[k];
    if (!s.eligible[static_cast<size_t>(entity_row)]) continue;
    Rng rng(seed, table, fmt::format("anomaly#{}", k), static_cast<uint64_t>(entity_row));
    const int64_t n =
        s.by_count ? s.count_per_entity[static_cast<size_t>(entity_row)] : rng.Poisson(s.rate);
    const int64_t span = s.window_hi - s.window_lo;
    for (int64_t ep = 0; ep < n; ++ep) {
      const int64_t len = std::min(span, rng.UniformInt(s.length.first, s.length.second));
      // Episodes do not overlap each other (nor shutdown spells): retry a few places.
      int64_t start = -1;
      for (int tries = 0; tries < 20 && start < 0; ++tries) {
        const int64_t at = rng.UniformInt(s.window_lo, s.window_hi - len);
        bool free = true;
        for (int64_t j = at; j < at + len && free; ++j) free = !touched[static_cast<size_t>(j)];
        if (free) start = at;
      }
      std::vector<double> episode_factor(s.columns.size());
      for (size_t c = 0; c < s.columns.size(); ++c) {
        episode_factor[c] = rng.Uniform(s.factors[c].first, s.factors[c].second);
      }
      if (start < 0) continue;
      bool any = false;
      for (int64_t j = start; j < start + len; ++j) {
        touched[static_cast<size_t>(j)] = 1;
        for (size_t c = 0; c < s.columns.size(); ++c) {
          double& v = (*values)[static_cast<size_t>(s.columns[c])][static_cast<size_t>(j)];
          const double original = v;
          double f = s.factor_per_point ? rng.Uniform(s.factors[c].first, s.factors[c].second)
                                        : episode_factor[c];
          double nv = s.set_value ? rng.Uniform(s.value.first, s.value.second) : original * f;
          if (s.kind == "missing") nv = NAN;  // a reading that never arrived
          if (!std::isnan(s.min_value) && nv < s.min_value) {
            // A drop that must stay above a threshold (e.g. "still producing") is clipped
            // there; a point already below it cannot drop and is left alone.
            if (original <= s.min_value) continue;
            nv = s.min_value;
          }
          f = original != 0 ? nv / original : f;
          v = nv;
          any = true;
          out->push_back({j, s.columns[c], static_cast<int>(k), episode, f, original, nv});
        }
      }
      if (any) ++episode;
    }
  }
}

}  // namespace xf::synth
