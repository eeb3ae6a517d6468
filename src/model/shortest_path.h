// Shortest paths on a road graph: Dijkstra, and A* guided by the great-circle distance to the
// target (admissible when edge weights are lengths in km no shorter than the straight line).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/graph.h"

namespace xf::model {

struct PathResult {
  double distance = 0;
  std::vector<int32_t> nodes;  // source … target
  int64_t settled = 0;         // nodes taken off the queue (A* settles fewer)
};

// Follows edges forward (both ways when `undirected`). Weights must be >= 0 (the caller checks).
// nullopt when the target cannot be reached. Ties between equal-length paths go to the
// lower-numbered predecessor, so the path is deterministic.
std::optional<PathResult> Dijkstra(const Graph& g, int32_t source, int32_t target,
                                   bool undirected = false);

// `lat`/`lon` per node (degrees); heuristic = HaversineKm(node, target) × km_per_unit⁻¹, i.e.
// `heuristic_scale` converts km into the weight's unit (1 for km, 1000 for metres, 0 = Dijkstra).
std::optional<PathResult> AStar(const Graph& g, int32_t source, int32_t target,
                                const std::vector<double>& lat, const std::vector<double>& lon,
                                double heuristic_scale = 1, bool undirected = false);

}  // namespace xf::model
