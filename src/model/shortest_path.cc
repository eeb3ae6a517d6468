#include "model/shortest_path.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <tuple>

#include "ops/geo.h"

namespace xf::model {

namespace {

std::optional<PathResult> Search(const Graph& g, int32_t source, int32_t target, bool undirected,
                                 const std::function<double(int32_t)>& h) {
  const auto n = static_cast<size_t>(g.num_nodes());
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> dist(n, inf);
  std::vector<int32_t> prev(n, -1);
  std::vector<char> done(n, 0);
  using Item = std::tuple<double, int32_t>;  // (f = g + h, node): ties by node id
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  dist[static_cast<size_t>(source)] = 0;
  queue.push({h(source), source});
  PathResult r;
  while (!queue.empty()) {
    // Not a structured binding: clang 14 cannot capture one in the lambda below.
    const int32_t a = std::get<1>(queue.top());
    queue.pop();
    if (done[static_cast<size_t>(a)]) continue;
    done[static_cast<size_t>(a)] = 1;
    ++r.settled;
    if (a == target) break;
    auto relax = [&](int32_t b, double w) {
      if (done[static_cast<size_t>(b)]) return;
      const double d = dist[static_cast<size_t>(a)] + w;
      double& cur = dist[static_cast<size_t>(b)];
      if (d < cur || (d == cur && a < prev[static_cast<size_t>(b)])) {
        const bool better = d < cur;
        cur = d;
        prev[static_cast<size_t>(b)] = a;
        if (better) queue.push({d + h(b), b});
      }
    };
    for (int32_t e : g.out_edges(a))
      relax(g.edges()[static_cast<size_t>(e)].dst, g.edges()[static_cast<size_t>(e)].weight);
    if (undirected) {
      for (int32_t e : g.in_edges(a))
        relax(g.edges()[static_cast<size_t>(e)].src, g.edges()[static_cast<size_t>(e)].weight);
    }
  }
  if (!done[static_cast<size_t>(target)]) return std::nullopt;
  r.distance = dist[static_cast<size_t>(target)];
  for (int32_t v = target; v >= 0; v = prev[static_cast<size_t>(v)]) {
    r.nodes.push_back(v);
    if (v == source) break;
  }
  std::reverse(r.nodes.begin(), r.nodes.end());
  return r;
}

}  // namespace

std::optional<PathResult> Dijkstra(const Graph& g, int32_t source, int32_t target,
                                   bool undirected) {
  return Search(g, source, target, undirected, [](int32_t) { return 0.0; });
}

std::optional<PathResult> AStar(const Graph& g, int32_t source, int32_t target,
                                const std::vector<double>& lat, const std::vector<double>& lon,
                                double heuristic_scale, bool undirected) {
  const auto t = static_cast<size_t>(target);
  return Search(g, source, target, undirected, [&](int32_t v) {
    const auto i = static_cast<size_t>(v);
    return heuristic_scale * HaversineKm(lat[i], lon[i], lat[t], lon[t]);
  });
}

}  // namespace xf::model
