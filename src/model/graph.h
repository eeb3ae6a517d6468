// Directed, weighted graphs built from edge tables, and the analyses the guideline's traceability
// and fraud-ring scenarios need: forward/backward traversal (recall lists), weakly connected
// components, Louvain communities and degree centrality.
//
// Node ids are strings (an int64 id column is read as its decimal text). Nodes are numbered in
// order of first appearance (src before dst, edge rows in table order), which is what makes every
// analysis below deterministic: ties are broken by that order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/table.h"

namespace xf::model {

struct GraphEdge {
  int32_t src = 0, dst = 0;
  double weight = 1;
};

class Graph {
 public:
  // Adds a node when absent; returns its id either way.
  int32_t AddNode(std::string_view name);
  void AddEdge(std::string_view src, std::string_view dst, double weight = 1);
  // -1 when absent.
  int32_t Find(std::string_view name) const;

  int32_t num_nodes() const { return static_cast<int32_t>(names_.size()); }
  const std::string& name(int32_t node) const { return names_[static_cast<size_t>(node)]; }
  const std::vector<GraphEdge>& edges() const { return edges_; }
  // Edge indices leaving / entering `node`, in edge order.
  const std::vector<int32_t>& out_edges(int32_t node) const {
    return out_[static_cast<size_t>(node)];
  }
  const std::vector<int32_t>& in_edges(int32_t node) const {
    return in_[static_cast<size_t>(node)];
  }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, int32_t> index_;
  std::vector<GraphEdge> edges_;
  std::vector<std::vector<int32_t>> out_, in_;
};

struct EdgeColumns {
  std::string src, dst;
  std::string weight;  // empty: every edge weighs 1
};

// Rows with a NULL src or dst add no edge (counted in *skipped when given); a NULL, negative
// (when !allow_negative) or non-finite weight is a data error naming the row and column.
Graph GraphFromTable(const Table& edges, const EdgeColumns& columns, bool allow_negative = true,
                     int64_t* skipped = nullptr);

enum class Direction { kForward, kBackward, kBoth };

struct Reached {
  int32_t seed;  // the seed this row was reached from
  int32_t node;
  int32_t depth;       // 0 for the seed itself
  int32_t parent;      // the node it was first reached from; -1 for the seed
  int64_t parent_row;  // index of the parent's row in the result; -1 for the seed
};

// Breadth-first search from each seed separately (a recall list per seed), following edges
// forward (downstream), backward (upstream) or both, up to max_depth hops (< 0: unlimited).
// Rows: seeds in the given order, then nodes in BFS order (neighbours in edge order).
std::vector<Reached> Traverse(const Graph& g, const std::vector<int32_t>& seeds, Direction dir,
                              int32_t max_depth);
// "seed>…>node" following parent_row links (O(depth)).
std::string PathTo(const Graph& g, const std::vector<Reached>& rows, size_t row);

// Weakly connected components: component[node], numbered 0… in order of their first node.
std::vector<int32_t> ConnectedComponents(const Graph& g);

struct Communities {
  std::vector<int32_t> community;  // per node, numbered 0… in order of their first node
  double modularity = 0;
  int32_t levels = 0;  // aggregation passes made
};

// Louvain (Blondel et al. 2008) on the undirected version of g (edge directions dropped,
// parallel edges summed; weights must be >= 0). Nodes are visited in a seeded random order on the
// first level (then in community order), so a seed gives one answer. `resolution` is γ in
// Q = Σ_c [ in_c / 2m − γ (tot_c / 2m)² ].
Communities Louvain(const Graph& g, uint64_t seed, double resolution = 1.0);
// Q of a given partition under the same definition (for tests and reports).
double Modularity(const Graph& g, const std::vector<int32_t>& community, double resolution = 1.0);

struct Degree {
  int64_t in = 0, out = 0;
  double in_weight = 0, out_weight = 0;
};
// Per node. A self loop counts once in `in` and once in `out`.
std::vector<Degree> Degrees(const Graph& g);

}  // namespace xf::model
