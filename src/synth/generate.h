// Declarative, seeded, deterministic synthetic data with injected ground truth.
//
//   SpecNode spec = SpecNode::LoadFile("synthetic.yaml").Required("synthetic");
//   for (const SynthTable& t : Generate(spec, {.seed = 42, .scale = 1.0})) ...
//
// The vocabulary (entities, derived, timeseries, events, graph, derived_series; column
// generators; anomalies) is documented with examples in docs/synthetic-data.md. Every value is
// drawn from a stream keyed by (seed, table, column, entity), so outputs are byte-identical for a
// seed whatever the thread count, and adding a table or column does not change the others.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/spec_node.h"
#include "core/table.h"

namespace xf {

struct SynthOptions {
  uint64_t seed = 42;
  double scale = 1.0;  // multiplies entity counts and anomaly counts, not time spans
};

struct SynthTable {
  std::string name;
  TablePtr table;
  bool ground_truth = false;
};

// `spec` is the `synthetic:` map of a scenario, or a root map holding it under `synthetic:`. Tables
// come in spec order; every table that injects labelled anomalies is followed by its ground truth
// "<name>__truth". Spec errors name file:line and the closest key.
std::vector<SynthTable> Generate(const SpecNode& spec, const SynthOptions& options);

}  // namespace xf
