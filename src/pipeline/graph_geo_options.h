// Options shared by the graph, optimisation and geofence step kinds (step_graph.cc,
// step_shortest_path.cc, step_geofence*.cc): edge tables, fence tables, and running model code
// so that its errors name the step.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/spec_node.h"
#include "model/geofence.h"
#include "model/graph.h"
#include "pipeline/step.h"

namespace xf::pipeline {

// The `src`, `dst`, `weight` options and their documentation.
struct EdgeOptions {
  model::EdgeColumns columns;
  SpecNode node;
  void Configure(const SpecNode& o);
  // Checks the columns and builds the graph; errors name the step.
  model::Graph Build(const Table& edges, bool allow_negative, int64_t* skipped = nullptr) const;
  static std::vector<OptionSpec> Docs();
};

// `fence_id` and either `wkt` or `fence_lat` / `fence_lon` (+ `fence_order`, `fence_ring`), and
// `fence_column`, the point table's column naming each point's one fence.
struct FenceOptions {
  model::FenceColumns columns;
  std::string fence_column;  // empty: every point against every fence
  SpecNode node;
  void Configure(const SpecNode& o);
  std::vector<model::Polygon> Load(const Table& fences) const;
  // With `fence_column`: per point row, its fence's index in `fences` (-1 for a NULL id); errors
  // (missing column, unknown id) name the step.
  std::vector<int32_t> Assign(const Table& points, const std::vector<model::Polygon>& fences) const;
  static std::vector<OptionSpec> Docs();
};

// Runs fn; an xf::Error without a step gets this node's step (and file) attached.
void RunNamed(const SpecNode& node, const std::function<void()>& fn);

// A column name option's value, checked against `table` at the option's position.
void RequireColumns(const SpecNode& step, const Table& table,
                    const std::vector<std::pair<std::string, std::string>>& option_and_column);

}  // namespace xf::pipeline
