// Graph analyses against hand-worked graphs and a planted partition.
#include "model/graph.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "core/error.h"

namespace xf::model {
namespace {

// farm → mill → {bakery1, bakery2}; bakery1 → shopA; isolated pair x → y.
Graph SupplyChain() {
  Graph g;
  g.AddEdge("farm", "mill");
  g.AddEdge("mill", "bakery1");
  g.AddEdge("mill", "bakery2");
  g.AddEdge("bakery1", "shopA");
  g.AddEdge("x", "y");
  return g;
}

TEST(GraphTraverse, ForwardBackwardAndDepthLimit) {
  Graph g = SupplyChain();
  auto fwd = Traverse(g, {g.Find("farm")}, Direction::kForward, -1);
  ASSERT_EQ(fwd.size(), 5u);
  std::map<std::string, int> depth;
  for (const auto& r : fwd) depth[g.name(r.node)] = r.depth;
  EXPECT_EQ(depth["farm"], 0);
  EXPECT_EQ(depth["mill"], 1);
  EXPECT_EQ(depth["bakery2"], 2);
  EXPECT_EQ(depth["shopA"], 3);
  EXPECT_EQ(PathTo(g, fwd, 4), "farm>mill>bakery1>shopA");

  auto limited = Traverse(g, {g.Find("farm")}, Direction::kForward, 2);
  EXPECT_EQ(limited.size(), 4u);  // shopA is 3 hops away

  auto back = Traverse(g, {g.Find("shopA")}, Direction::kBackward, -1);
  ASSERT_EQ(back.size(), 4u);
  EXPECT_EQ(g.name(back.back().node), "farm");
  EXPECT_EQ(PathTo(g, back, 3), "shopA>bakery1>mill>farm");

  auto both = Traverse(g, {g.Find("bakery2")}, Direction::kBoth, -1);
  EXPECT_EQ(both.size(), 5u);  // the whole first component

  // Two seeds: separate recall lists.
  auto two = Traverse(g, {g.Find("bakery1"), g.Find("x")}, Direction::kForward, -1);
  ASSERT_EQ(two.size(), 4u);
  EXPECT_EQ(two[2].seed, g.Find("x"));
  EXPECT_EQ(PathTo(g, two, 3), "x>y");
}

TEST(GraphTraverse, CyclesTerminate) {
  Graph g;
  g.AddEdge("a", "b");
  g.AddEdge("b", "c");
  g.AddEdge("c", "a");
  auto r = Traverse(g, {0}, Direction::kForward, -1);
  EXPECT_EQ(r.size(), 3u);
}

TEST(GraphComponents, HandGraph) {
  Graph g = SupplyChain();
  g.AddNode("lonely");
  auto c = ConnectedComponents(g);
  EXPECT_EQ(c[static_cast<size_t>(g.Find("farm"))], 0);
  EXPECT_EQ(c[static_cast<size_t>(g.Find("shopA"))], 0);
  EXPECT_EQ(c[static_cast<size_t>(g.Find("bakery2"))], 0);
  EXPECT_EQ(c[static_cast<size_t>(g.Find("x"))], 1);
  EXPECT_EQ(c[static_cast<size_t>(g.Find("y"))], 1);
  EXPECT_EQ(c[static_cast<size_t>(g.Find("lonely"))], 2);
}

TEST(GraphDegree, WeightedInOut) {
  Graph g;
  g.AddEdge("a", "b", 2);
  g.AddEdge("a", "c", 3);
  g.AddEdge("c", "a", 0.5);
  g.AddEdge("b", "b", 1);
  auto d = Degrees(g);
  EXPECT_EQ(d[0].out, 2);
  EXPECT_EQ(d[0].in, 1);
  EXPECT_DOUBLE_EQ(d[0].out_weight, 5);
  EXPECT_DOUBLE_EQ(d[0].in_weight, 0.5);
  EXPECT_EQ(d[1].in, 2);
  EXPECT_EQ(d[1].out, 1);
}

TEST(GraphModularity, TwoTrianglesHandComputed) {
  // Two triangles joined by one edge: m = 7; each side in = 6 (3 edges × 2), tot = 7.
  Graph g;
  g.AddEdge("a", "b");
  g.AddEdge("b", "c");
  g.AddEdge("c", "a");
  g.AddEdge("d", "e");
  g.AddEdge("e", "f");
  g.AddEdge("f", "d");
  g.AddEdge("c", "d");
  const double expected = 2 * (6.0 / 14 - (7.0 / 14) * (7.0 / 14));
  EXPECT_NEAR(Modularity(g, {0, 0, 0, 1, 1, 1}), expected, 1e-12);
  Communities c = Louvain(g, 7);
  EXPECT_EQ(c.community, (std::vector<int32_t>{0, 0, 0, 1, 1, 1}));
  EXPECT_NEAR(c.modularity, expected, 1e-12);
}

// Normalised mutual information between two labelings.
double Nmi(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  const double n = static_cast<double>(a.size());
  std::map<int32_t, double> pa, pb;
  std::map<std::pair<int32_t, int32_t>, double> pab;
  for (size_t i = 0; i < a.size(); ++i) {
    pa[a[i]] += 1 / n;
    pb[b[i]] += 1 / n;
    pab[{a[i], b[i]}] += 1 / n;
  }
  double mi = 0, ha = 0, hb = 0;
  for (auto [k, p] : pab) mi += p * std::log(p / (pa[k.first] * pb[k.second]));
  for (auto [k, p] : pa) ha -= p * std::log(p);
  for (auto [k, p] : pb) hb -= p * std::log(p);
  return ha + hb == 0 ? 1 : 2 * mi / (ha + hb);
}

TEST(GraphLouvain, RecoversPlantedPartition) {
  // 5 groups of 20 nodes; p_in = 0.5, p_out = 0.01.
  for (uint64_t seed : {1u, 2u, 3u}) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    const int groups = 5, size = 20, n = groups * size;
    Graph g;
    for (int i = 0; i < n; ++i) g.AddNode("n" + std::to_string(i));
    for (int i = 0; i < n; ++i) {
      for (int j = i + 1; j < n; ++j) {
        const double p = i / size == j / size ? 0.5 : 0.01;
        if (u(rng) < p) g.AddEdge("n" + std::to_string(i), "n" + std::to_string(j));
      }
    }
    std::vector<int32_t> truth(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) truth[static_cast<size_t>(i)] = i / size;
    Communities c = Louvain(g, seed);
    EXPECT_GE(Nmi(truth, c.community), 0.95) << "seed " << seed;
    EXPECT_GE(c.modularity, Modularity(g, truth) - 1e-9) << "seed " << seed;
    EXPECT_NEAR(c.modularity, Modularity(g, c.community), 1e-12);
    // Same seed, same answer.
    EXPECT_EQ(Louvain(g, seed).community, c.community);
  }
}

TEST(GraphLouvain, NegativeWeightIsAnError) {
  Graph g;
  g.AddEdge("a", "b", -1);
  EXPECT_THROW(Louvain(g, 1), Error);
}

}  // namespace
}  // namespace xf::model
