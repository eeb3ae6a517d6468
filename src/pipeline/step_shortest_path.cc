// shortest_path: distance and route for each origin–destination pair on a road graph, by
// Dijkstra or A* with a great-circle heuristic (model/shortest_path.h).
#include <fmt/format.h>

#include <cmath>

#include "core/error.h"
#include "model/column_values.h"
#include "model/shortest_path.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/graph_geo_options.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class ShortestPathStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    edges_.Configure(o);
    origin_ = o.Required("origin").AsString();
    destination_ = o.Required("destination").AsString();
    algorithm_ = o.GetString("algorithm", "dijkstra");
    if (algorithm_ != "dijkstra" && algorithm_ != "astar")
      o.Get("algorithm").Fail("must be dijkstra or astar");
    undirected_ = o.GetBool("undirected", false);
    node_id_ = o.GetString("node_id", "node");
    lat_ = o.GetString("lat", "lat");
    lon_ = o.GetString("lon", "lon");
    scale_ = o.GetDouble("heuristic_scale", 1.0);
    if (!(scale_ >= 0)) o.Get("heuristic_scale").Fail("must be >= 0");
    unreachable_ = o.GetString("unreachable", "error");
    if (unreachable_ != "error" && unreachable_ != "null")
      o.Get("unreachable").Fail("must be error or null");
    distance_out_ = o.GetString("distance", "distance");
  }

  void Run(StepContext& ctx) override {
    if (algorithm_ == "astar" && ctx.num_inputs() < 3) {
      node_.Get("algorithm").Fail("astar needs a third input: the nodes with their lat/lon");
    }
    const Table& od = *ctx.input(0);
    RequireColumns(node_, od, {{"origin", origin_}, {"destination", destination_}});
    model::Graph g = edges_.Build(*ctx.input(1), /*allow_negative=*/false);
    std::vector<double> lat, lon;
    if (algorithm_ == "astar") {
      const Table& nodes = *ctx.input(2);
      RequireColumns(node_, nodes, {{"node_id", node_id_}, {"lat", lat_}, {"lon", lon_}});
      lat.assign(static_cast<size_t>(g.num_nodes()), NAN);
      lon.assign(static_cast<size_t>(g.num_nodes()), NAN);
      RunNamed(node_, [&] {
        auto ids = model::TextValues(nodes, node_id_);
        auto la = model::NumericValues(nodes, lat_), lo = model::NumericValues(nodes, lon_);
        for (size_t i = 0; i < ids.size(); ++i) {
          const int32_t v = ids[i] ? g.Find(*ids[i]) : -1;
          if (v < 0) continue;
          lat[static_cast<size_t>(v)] = la[i];
          lon[static_cast<size_t>(v)] = lo[i];
        }
        for (int32_t v = 0; v < g.num_nodes(); ++v) {
          if (!std::isfinite(lat[static_cast<size_t>(v)]) ||
              !std::isfinite(lon[static_cast<size_t>(v)])) {
            throw Error(
                ErrorKind::kData,
                fmt::format("node '{}' has no coordinates in the node table (A* needs them)",
                            g.name(v)));
          }
        }
      });
    }
    std::vector<std::optional<std::string>> from, to;
    RunNamed(node_, [&] {
      from = model::TextValues(od, origin_);
      to = model::TextValues(od, destination_);
    });
    auto dist = Column::Make(TypeId::kFloat64), path = Column::Make(TypeId::kString),
         hops = Column::Make(TypeId::kInt64);
    for (size_t i = 0; i < from.size(); ++i) {
      const int32_t s = from[i] ? g.Find(*from[i]) : -1;
      const int32_t t = to[i] ? g.Find(*to[i]) : -1;
      std::optional<model::PathResult> r;
      if (s >= 0 && t >= 0) {
        r = algorithm_ == "astar" ? model::AStar(g, s, t, lat, lon, scale_, undirected_)
                                  : model::Dijkstra(g, s, t, undirected_);
      }
      if (!r) {
        if (unreachable_ == "error") {
          RunNamed(node_, [&] {
            model::ThrowRowError(
                destination_, static_cast<int64_t>(i),
                fmt::format("no path from '{}' to '{}'{} (set `unreachable: null` to keep going)",
                            from[i].value_or("NULL"), to[i].value_or("NULL"),
                            s < 0 || t < 0 ? " (node not in the graph)" : ""));
          });
        }
        dist->AppendNull();
        path->AppendNull();
        hops->AppendNull();
        continue;
      }
      std::string p;
      for (int32_t v : r->nodes) p += (p.empty() ? "" : ">") + g.name(v);
      dist->AppendFloat64(r->distance);
      path->AppendString(p);
      hops->AppendInt64(static_cast<int64_t>(r->nodes.size()) - 1);
    }
    ctx.SetOutput(
        0, od.WithColumn(distance_out_, dist)->WithColumn("path", path)->WithColumn("hops", hops));
  }

 private:
  SpecNode node_;
  EdgeOptions edges_;
  std::string origin_, destination_, algorithm_, node_id_, lat_, lon_, unreachable_, distance_out_;
  bool undirected_ = false;
  double scale_ = 1;
};

}  // namespace

StepKind ShortestPathStepKind() {
  std::vector<OptionSpec> options = EdgeOptions::Docs();
  options.insert(
      options.end(),
      {{"origin", "column", true, "Origin node id column of the OD table."},
       {"destination", "column", true, "Destination node id column of the OD table."},
       {"algorithm", "text", false, "dijkstra (default) or astar (needs the node table)."},
       {"undirected", "bool", false, "Roads run both ways (default false: edges go src → dst)."},
       {"node_id", "column", false, "astar: node id column of the node table (node)."},
       {"lat", "column", false, "astar: node latitude column (lat)."},
       {"lon", "column", false, "astar: node longitude column (lon)."},
       {"heuristic_scale", "number", false,
        "astar: weight units per km of straight line (1 for km, 1000 for m)."},
       {"unreachable", "text", false, "error (default) or null: what a pair with no path gives."},
       {"distance", "column", false, "Name of the output distance column (distance)."}});
  return {.name = "shortest_path",
          .summary =
              "Shortest route and its length for each origin–destination pair on a weighted "
              "graph (Dijkstra, or A* with a great-circle heuristic).",
          .min_inputs = 2,
          .max_inputs = 3,
          .inputs_doc = "od pairs, edges[, nodes with lat/lon]",
          .outputs_doc = "the od pairs with distance, path (a>b>c) and hops",
          .options = std::move(options),
          .make = [] { return std::make_unique<ShortestPathStep>(); }};
}

}  // namespace xf::pipeline
