// Injected anomalies of generated series: spikes, drops, level shifts, shutdown spells,
// correlated multi-column episodes and missing readings (NULL values), each placed at random
// points of a window and recorded (when labelled) so that detectors can be scored against the
// truth.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/spec_node.h"
#include "core/table.h"
#include "synth/series_time.h"

namespace xf::synth {

struct AnomalySpec {
  std::string kind;          // spike, drop, level_shift, shutdown, episode, missing
  std::vector<int> columns;  // indices of value columns
  std::vector<std::pair<double, double>> factors;  // per column (same order as `columns`)
  bool set_value = false;                          // `value:` replaces instead of scaling
  std::pair<double, double> value{0, 0};
  bool factor_per_point = false;             // spike/drop: one draw per point
  std::pair<int64_t, int64_t> length{1, 1};  // points
  int64_t window_lo = 0, window_hi = 0;      // points [lo, hi)
  double rate = 0;                           // expected episodes per entity (rate mode)
  std::vector<int64_t> count_per_entity;     // count mode: episodes per entity row
  bool by_count = false;
  bool label = true;
  double min_value = NAN;         // injected values kept >= this
  std::vector<uint8_t> eligible;  // per entity row
};

// Reads the `anomalies:` list of a timeseries. `active` marks entities that have a series.
std::vector<AnomalySpec> ReadAnomalies(const SpecNode& list,
                                       const std::vector<std::string>& value_columns,
                                       const TimeAxis& axis, const Table& entities,
                                       const std::vector<uint8_t>& active, uint64_t seed,
                                       double scale, const std::string& table);

struct Injection {
  int64_t point;
  int column;
  int spec;         // index into the anomaly list
  int64_t episode;  // per entity, 0-based, in placement order
  double factor;    // value / original
  double original;
  double value;
};

// Applies every anomaly to one entity's series (values[column][point]); appends what it did.
void InjectEntity(const std::vector<AnomalySpec>& specs, int64_t entity_row, uint64_t seed,
                  const std::string& table, std::vector<std::vector<double>>* values,
                  std::vector<Injection>* out);

}  // namespace xf::synth
