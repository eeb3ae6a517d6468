// Dijkstra against Floyd–Warshall on random graphs; A* equal to Dijkstra on a random road grid.
#include "model/shortest_path.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "ops/geo.h"

namespace xf::model {
namespace {

std::string Name(int i) { return "v" + std::to_string(i); }

TEST(ShortestPath, DijkstraMatchesFloydWarshall) {
  const double inf = std::numeric_limits<double>::infinity();
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed);
    const int n = 12;
    Graph g;
    for (int i = 0; i < n; ++i) g.AddNode(Name(i));
    std::vector<std::vector<double>> d(n, std::vector<double>(n, inf));
    for (int i = 0; i < n; ++i) d[static_cast<size_t>(i)][static_cast<size_t>(i)] = 0;
    for (int e = 0; e < 30; ++e) {
      const int a = static_cast<int>(rng() % n), b = static_cast<int>(rng() % n);
      const double w = static_cast<double>(rng() % 1000) / 10.0;
      g.AddEdge(Name(a), Name(b), w);
      auto& cur = d[static_cast<size_t>(a)][static_cast<size_t>(b)];
      cur = std::min(cur, w);
    }
    for (int k = 0; k < n; ++k)
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
          d[static_cast<size_t>(i)][static_cast<size_t>(j)] =
              std::min(d[static_cast<size_t>(i)][static_cast<size_t>(j)],
                       d[static_cast<size_t>(i)][static_cast<size_t>(k)] +
                           d[static_cast<size_t>(k)][static_cast<size_t>(j)]);
    for (int s = 0; s < n; ++s) {
      for (int t = 0; t < n; ++t) {
        auto r = Dijkstra(g, s, t);
        const double want = d[static_cast<size_t>(s)][static_cast<size_t>(t)];
        if (std::isinf(want)) {
          EXPECT_FALSE(r.has_value());
          continue;
        }
        ASSERT_TRUE(r.has_value());
        EXPECT_NEAR(r->distance, want, 1e-9);
        // The path is real and sums to the distance (cheapest parallel edge per hop).
        ASSERT_EQ(r->nodes.front(), s);
        ASSERT_EQ(r->nodes.back(), t);
        double sum = 0;
        for (size_t k = 1; k < r->nodes.size(); ++k) {
          double best = inf;
          for (int32_t e : g.out_edges(r->nodes[k - 1])) {
            if (g.edges()[static_cast<size_t>(e)].dst == r->nodes[k])
              best = std::min(best, g.edges()[static_cast<size_t>(e)].weight);
          }
          sum += best;
        }
        EXPECT_NEAR(sum, want, 1e-9);
      }
    }
  }
}

TEST(ShortestPath, AStarEqualsDijkstraOnRoadGrid) {
  // 10×10 grid of junctions ~1 km apart; each road is the straight distance × a detour factor
  // in [1, 1.5], so the haversine heuristic is admissible and consistent.
  std::mt19937_64 rng(9);
  const int side = 10;
  std::vector<double> lat, lon;
  Graph g;
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      g.AddNode(Name(r * side + c));
      lat.push_back(30 + 0.009 * r + 0.002 * static_cast<double>(rng() % 100) / 100);
      lon.push_back(120 + 0.0104 * c + 0.002 * static_cast<double>(rng() % 100) / 100);
    }
  }
  auto road = [&](int a, int b) {
    const double km = HaversineKm(lat[static_cast<size_t>(a)], lon[static_cast<size_t>(a)],
                                  lat[static_cast<size_t>(b)], lon[static_cast<size_t>(b)]);
    const double w = km * (1 + 0.5 * static_cast<double>(rng() % 100) / 100);
    g.AddEdge(Name(a), Name(b), w);
  };
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      const int v = r * side + c;
      if (c + 1 < side && rng() % 10) road(v, v + 1);
      if (r + 1 < side && rng() % 10) road(v, v + side);
    }
  }
  int64_t settled_dijkstra = 0, settled_astar = 0;
  for (int s = 0; s < side * side; s += 7) {
    for (int t = 0; t < side * side; t += 5) {
      auto d = Dijkstra(g, s, t, /*undirected=*/true);
      auto a = AStar(g, s, t, lat, lon, 1, /*undirected=*/true);
      ASSERT_EQ(d.has_value(), a.has_value());
      if (!d) continue;
      EXPECT_NEAR(a->distance, d->distance, 1e-9);
      settled_dijkstra += d->settled;
      settled_astar += a->settled;
    }
  }
  EXPECT_LT(settled_astar, settled_dijkstra);  // the heuristic prunes
}

TEST(ShortestPath, Unreachable) {
  Graph g;
  g.AddEdge("a", "b", 1);
  g.AddNode("c");
  EXPECT_FALSE(Dijkstra(g, 0, 2).has_value());
  EXPECT_FALSE(Dijkstra(g, 1, 0).has_value());
  EXPECT_TRUE(Dijkstra(g, 1, 0, true).has_value());
}

}  // namespace
}  // namespace xf::model
