#include "model/graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

#include "core/error.h"
#include "model/column_values.h"

namespace xf::model {

int32_t Graph::AddNode(std::string_view name) {
  auto [it, added] = index_.try_emplace(std::string(name), num_nodes());
  if (added) {
    names_.emplace_back(name);
    out_.emplace_back();
    in_.emplace_back();
  }
  return it->second;
}

void Graph::AddEdge(std::string_view src, std::string_view dst, double weight) {
  const int32_t s = AddNode(src), d = AddNode(dst);
  const auto e = static_cast<int32_t>(edges_.size());
  edges_.push_back({s, d, weight});
  out_[static_cast<size_t>(s)].push_back(e);
  in_[static_cast<size_t>(d)].push_back(e);
}

int32_t Graph::Find(std::string_view name) const {
  auto it = index_.find(std::string(name));
  return it == index_.end() ? -1 : it->second;
}

Graph GraphFromTable(const Table& edges, const EdgeColumns& columns, bool allow_negative,
                     int64_t* skipped) {
  auto src = TextValues(edges, columns.src), dst = TextValues(edges, columns.dst);
  std::vector<double> weight;
  if (!columns.weight.empty()) weight = NumericValues(edges, columns.weight);
  Graph g;
  int64_t skip = 0;
  for (size_t i = 0; i < src.size(); ++i) {
    if (!src[i] || !dst[i]) {
      ++skip;
      continue;
    }
    double w = 1;
    if (!weight.empty()) {
      w = weight[i];
      if (!std::isfinite(w))
        ThrowRowError(columns.weight, static_cast<int64_t>(i), "edge weight is NULL or not finite");
      if (w < 0 && !allow_negative)
        ThrowRowError(columns.weight, static_cast<int64_t>(i),
                      fmt::format("negative edge weight {}", w));
    }
    g.AddEdge(*src[i], *dst[i], w);
  }
  if (skipped) *skipped = skip;
  return g;
}

std::vector<Reached> Traverse(const Graph& g, const std::vector<int32_t>& seeds, Direction dir,
                              int32_t max_depth) {
  std::vector<Reached> out;
  std::vector<int32_t> seen_stamp(static_cast<size_t>(g.num_nodes()), -1);
  for (size_t s = 0; s < seeds.size(); ++s) {
    const int32_t seed = seeds[s];
    const size_t begin = out.size();
    seen_stamp[static_cast<size_t>(seed)] = static_cast<int32_t>(s);
    out.push_back({seed, seed, 0, -1, -1});
    for (size_t q = begin; q < out.size(); ++q) {
      const Reached cur = out[q];
      if (max_depth >= 0 && cur.depth >= max_depth) continue;
      auto visit = [&](int32_t next) {
        if (seen_stamp[static_cast<size_t>(next)] == static_cast<int32_t>(s)) return;
        seen_stamp[static_cast<size_t>(next)] = static_cast<int32_t>(s);
        out.push_back({seed, next, cur.depth + 1, cur.node, static_cast<int64_t>(q)});
      };
      if (dir != Direction::kBackward) {
        for (int32_t e : g.out_edges(cur.node)) visit(g.edges()[static_cast<size_t>(e)].dst);
      }
      if (dir != Direction::kForward) {
        for (int32_t e : g.in_edges(cur.node)) visit(g.edges()[static_cast<size_t>(e)].src);
      }
    }
  }
  return out;
}

std::string PathTo(const Graph& g, const std::vector<Reached>& rows, size_t row) {
  std::vector<int32_t> chain;
  for (int64_t i = static_cast<int64_t>(row); i >= 0; i = rows[static_cast<size_t>(i)].parent_row) {
    chain.push_back(rows[static_cast<size_t>(i)].node);
  }
  std::string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!path.empty()) path += '>';
    path += g.name(*it);
  }
  return path;
}

namespace {

int32_t FindRoot(std::vector<int32_t>& parent, int32_t x) {
  while (parent[static_cast<size_t>(x)] != x) {
    parent[static_cast<size_t>(x)] = parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
    x = parent[static_cast<size_t>(x)];
  }
  return x;
}

// Renumbers labels 0… in order of their first node.
std::vector<int32_t> Renumber(const std::vector<int32_t>& labels) {
  std::map<int32_t, int32_t> ids;
  std::vector<int32_t> out(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    out[i] = ids.try_emplace(labels[i], static_cast<int32_t>(ids.size())).first->second;
  }
  return out;
}

// Undirected weighted graph in adjacency form: self[u] = A_uu (a self loop of weight w counts 2w,
// so that degree k_u = Σ_v A_uv), nbrs[u] = (v, A_uv) for v != u, in first-seen order.
struct UGraph {
  std::vector<double> self;
  std::vector<std::vector<std::pair<int32_t, double>>> nbrs;
  std::vector<double> degree;
  double m2 = 0;  // 2m = Σ degree
};

UGraph Undirected(int32_t n, const std::vector<GraphEdge>& edges) {
  UGraph u;
  u.self.assign(static_cast<size_t>(n), 0);
  u.nbrs.resize(static_cast<size_t>(n));
  std::vector<std::map<int32_t, size_t>> slot(static_cast<size_t>(n));
  auto add = [&](int32_t a, int32_t b, double w) {
    auto [it, fresh] =
        slot[static_cast<size_t>(a)].try_emplace(b, u.nbrs[static_cast<size_t>(a)].size());
    if (fresh) u.nbrs[static_cast<size_t>(a)].push_back({b, 0});
    u.nbrs[static_cast<size_t>(a)][it->second].second += w;
  };
  for (const GraphEdge& e : edges) {
    if (e.src == e.dst) {
      u.self[static_cast<size_t>(e.src)] += 2 * e.weight;
    } else {
      add(e.src, e.dst, e.weight);
      add(e.dst, e.src, e.weight);
    }
  }
  u.degree.assign(static_cast<size_t>(n), 0);
  for (int32_t a = 0; a < n; ++a) {
    double k = u.self[static_cast<size_t>(a)];
    for (auto [b, w] : u.nbrs[static_cast<size_t>(a)]) k += w;
    u.degree[static_cast<size_t>(a)] = k;
    u.m2 += k;
  }
  return u;
}

double ModularityOf(const UGraph& u, const std::vector<int32_t>& c, double gamma) {
  if (u.m2 <= 0) return 0;
  std::map<int32_t, std::pair<double, double>> per;  // community → (in, tot)
  for (size_t a = 0; a < c.size(); ++a) {
    auto& [in, tot] = per[c[a]];
    tot += u.degree[a];
    in += u.self[a];
    for (auto [b, w] : u.nbrs[a]) {
      if (c[static_cast<size_t>(b)] == c[a]) in += w;
    }
  }
  double q = 0;
  for (const auto& [id, it] : per)
    q += it.first / u.m2 - gamma * (it.second / u.m2) * (it.second / u.m2);
  return q;
}

// One level of local moving; returns true when any node moved. `order` is the visiting order.
bool LocalMoving(const UGraph& u, const std::vector<int32_t>& order, double gamma,
                 std::vector<int32_t>& comm) {
  const size_t n = u.degree.size();
  std::vector<double> tot(n, 0);
  for (size_t a = 0; a < n; ++a) tot[static_cast<size_t>(comm[a])] += u.degree[a];
  std::vector<double> link(n, 0);
  std::vector<int32_t> touched;
  bool any = false;
  for (bool moved = true; moved;) {
    moved = false;
    for (int32_t a : order) {
      const auto ua = static_cast<size_t>(a);
      const int32_t own = comm[ua];
      const double k = u.degree[ua];
      touched.clear();
      touched.push_back(own);  // staying put is always a candidate
      for (auto [b, w] : u.nbrs[ua]) {
        const int32_t cb = comm[static_cast<size_t>(b)];
        if (link[static_cast<size_t>(cb)] == 0 && cb != own &&
            std::find(touched.begin(), touched.end(), cb) == touched.end()) {
          touched.push_back(cb);
        }
        link[static_cast<size_t>(cb)] += w;
      }
      tot[static_cast<size_t>(own)] -= k;
      // Gain of joining community c (up to a positive factor): k_a,c − γ tot_c k_a / 2m.
      auto gain = [&](int32_t c) {
        return link[static_cast<size_t>(c)] - gamma * tot[static_cast<size_t>(c)] * k / u.m2;
      };
      int32_t best = own;
      double best_gain = gain(own);
      for (int32_t c : touched) {
        const double g = gain(c);
        if (g > best_gain + 1e-12) {
          best = c;
          best_gain = g;
        }
      }
      tot[static_cast<size_t>(best)] += k;
      for (int32_t c : touched) link[static_cast<size_t>(c)] = 0;
      if (best != own) {
        comm[ua] = best;
        moved = any = true;
      }
    }
  }
  return any;
}

}  // namespace

std::vector<int32_t> ConnectedComponents(const Graph& g) {
  std::vector<int32_t> parent(static_cast<size_t>(g.num_nodes()));
  std::iota(parent.begin(), parent.end(), 0);
  for (const GraphEdge& e : g.edges()) {
    int32_t a = FindRoot(parent, e.src), b = FindRoot(parent, e.dst);
    if (a != b) parent[static_cast<size_t>(std::max(a, b))] = std::min(a, b);
  }
  std::vector<int32_t> root(parent.size());
  for (int32_t i = 0; i < g.num_nodes(); ++i) root[static_cast<size_t>(i)] = FindRoot(parent, i);
  return Renumber(root);
}

Communities Louvain(const Graph& g, uint64_t seed, double resolution) {
  for (const GraphEdge& e : g.edges()) {
    if (!(e.weight >= 0)) throw Error(ErrorKind::kData, "Louvain needs non-negative edge weights");
  }
  const int32_t n = g.num_nodes();
  UGraph level = Undirected(n, g.edges());
  std::vector<int32_t> node_comm(static_cast<size_t>(n));
  std::iota(node_comm.begin(), node_comm.end(), 0);
  Communities out;
  if (level.m2 <= 0) {
    out.community = node_comm;
    return out;
  }
  std::mt19937_64 rng(seed);
  for (;;) {
    const size_t ln = level.degree.size();
    std::vector<int32_t> order(ln);
    std::iota(order.begin(), order.end(), 0);
    if (out.levels == 0) {
      // Fisher-Yates with our own draws: std::shuffle's use of the engine is unspecified.
      for (size_t i = ln; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    }
    std::vector<int32_t> comm(ln);
    std::iota(comm.begin(), comm.end(), 0);
    const bool moved = LocalMoving(level, order, resolution, comm);
    ++out.levels;
    if (!moved) break;
    comm = Renumber(comm);
    for (auto& c : node_comm) c = comm[static_cast<size_t>(c)];
    // Aggregate: one node per community.
    const int32_t k = *std::max_element(comm.begin(), comm.end()) + 1;
    std::vector<GraphEdge> agg;
    for (size_t a = 0; a < ln; ++a) {
      // A_aa was counted 2w per loop; re-emit as a loop of half the weight.
      if (level.self[a] > 0) agg.push_back({comm[a], comm[a], level.self[a] / 2});
      for (auto [b, w] : level.nbrs[a]) {
        if (static_cast<size_t>(b) > a) agg.push_back({comm[a], comm[static_cast<size_t>(b)], w});
      }
    }
    level = Undirected(k, agg);
    if (static_cast<size_t>(k) == ln) break;
  }
  out.community = Renumber(node_comm);
  out.modularity = Modularity(g, out.community, resolution);
  return out;
}

double Modularity(const Graph& g, const std::vector<int32_t>& community, double resolution) {
  return ModularityOf(Undirected(g.num_nodes(), g.edges()), community, resolution);
}

std::vector<Degree> Degrees(const Graph& g) {
  std::vector<Degree> d(static_cast<size_t>(g.num_nodes()));
  for (const GraphEdge& e : g.edges()) {
    auto& s = d[static_cast<size_t>(e.src)];
    auto& t = d[static_cast<size_t>(e.dst)];
    ++s.out;
    s.out_weight += e.weight;
    ++t.in;
    t.in_weight += e.weight;
  }
  return d;
}

}  // namespace xf::model
