// graph: analyses of a graph given as an edge table (model/graph.h). One kind with an
// `analysis:` option rather than four kinds, because all four share the edge options and a
// scenario reads "graph … analysis: traverse" as naturally as a separate kind name.
#include <fmt/format.h>

#include <map>

#include "core/error.h"
#include "model/column_values.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/graph_geo_options.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

enum class Analysis { kTraverse, kComponents, kCommunities, kDegree };

class GraphStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    edges_.Configure(o);
    const std::string a = o.GetString("analysis", "");
    static const std::map<std::string, Analysis> kinds = {{"traverse", Analysis::kTraverse},
                                                          {"components", Analysis::kComponents},
                                                          {"communities", Analysis::kCommunities},
                                                          {"degree", Analysis::kDegree}};
    auto it = kinds.find(a);
    if (it == kinds.end()) {
      o.Required("analysis").Fail("must be traverse, components, communities or degree");
    }
    analysis_ = it->second;
    const std::string dir = o.GetString("direction", "forward");
    if (dir == "forward") {
      direction_ = model::Direction::kForward;
    } else if (dir == "backward") {
      direction_ = model::Direction::kBackward;
    } else if (dir == "both") {
      direction_ = model::Direction::kBoth;
    } else {
      o.Get("direction").Fail("must be forward, backward or both");
    }
    max_depth_ = o.GetInt("max_depth", -1);
    resolution_ = o.GetDouble("resolution", 1.0);
    if (!(resolution_ > 0)) o.Get("resolution").Fail("must be > 0");
    seed_column_ = o.GetString("seed_column", "");
    if (o.Has("seeds")) seeds_ = o.Get("seeds").AsStringList();
    node_column_ = o.GetString("node", "node");
    if (analysis_ == Analysis::kTraverse && seeds_.empty() && seed_column_.empty()) {
      o.Fail(
          "analysis: traverse needs `seeds` (a list of node ids) or `seed_column` (of a second "
          "input)");
    }
    if (analysis_ != Analysis::kTraverse && (o.Has("seeds") || o.Has("seed_column"))) {
      o.Fail("`seeds` and `seed_column` apply to analysis: traverse only");
    }
  }

  void Run(StepContext& ctx) override {
    const bool need_nonneg = analysis_ == Analysis::kCommunities;
    int64_t skipped = 0;
    model::Graph g = edges_.Build(*ctx.input(0), !need_nonneg, &skipped);
    switch (analysis_) {
      case Analysis::kTraverse:
        return RunTraverse(ctx, g);
      case Analysis::kComponents:
        return RunComponents(ctx, g);
      case Analysis::kCommunities:
        return RunCommunities(ctx, g);
      case Analysis::kDegree:
        return RunDegree(ctx, g);
    }
  }

 private:
  void RunTraverse(StepContext& ctx, const model::Graph& g) {
    std::vector<std::string> names = seeds_;
    if (!seed_column_.empty()) {
      if (ctx.num_inputs() < 2)
        node_.Get("seed_column").Fail("needs a second input (the seed table)");
      RequireColumn(node_.Get("seed_column"), *ctx.input(1), seed_column_);
      RunNamed(node_, [&] {
        for (const auto& v : model::TextValues(*ctx.input(1), seed_column_)) {
          if (v) names.push_back(*v);
        }
      });
    }
    std::vector<int32_t> seeds;
    auto seed = Column::Make(TypeId::kString), node = Column::Make(TypeId::kString),
         depth = Column::Make(TypeId::kInt64), parent = Column::Make(TypeId::kString),
         path = Column::Make(TypeId::kString), found = Column::Make(TypeId::kBool);
    // A seed that is not in the graph still gets its row (depth 0, found false): a recall list
    // must show that the batch was looked for.
    std::vector<model::Reached> rows;
    for (const std::string& name : names) {
      const int32_t id = g.Find(name);
      if (id < 0) {
        seed->AppendString(name);
        node->AppendString(name);
        depth->AppendInt64(0);
        parent->AppendNull();
        path->AppendString(name);
        found->AppendBool(false);
        continue;
      }
      rows = model::Traverse(g, {id}, direction_, static_cast<int32_t>(max_depth_));
      for (size_t i = 0; i < rows.size(); ++i) {
        seed->AppendString(name);
        node->AppendString(g.name(rows[i].node));
        depth->AppendInt64(rows[i].depth);
        if (rows[i].parent < 0) {
          parent->AppendNull();
        } else {
          parent->AppendString(g.name(rows[i].parent));
        }
        path->AppendString(model::PathTo(g, rows, i));
        found->AppendBool(true);
      }
    }
    ctx.SetOutput(0, Table::Make(Schema({{"seed", TypeId::kString},
                                         {node_column_, TypeId::kString},
                                         {"depth", TypeId::kInt64},
                                         {"parent", TypeId::kString},
                                         {"path", TypeId::kString},
                                         {"found", TypeId::kBool}}),
                                 {seed, node, depth, parent, path, found}));
  }

  // node, <label>, <label>_size (+ extra float64 columns).
  TablePtr Labeled(const model::Graph& g, const std::vector<int32_t>& label,
                   const std::string& name) {
    std::map<int32_t, int64_t> size;
    for (int32_t l : label) ++size[l];
    auto node = Column::Make(TypeId::kString), lab = Column::Make(TypeId::kInt64),
         sz = Column::Make(TypeId::kInt64);
    for (int32_t v = 0; v < g.num_nodes(); ++v) {
      node->AppendString(g.name(v));
      lab->AppendInt64(label[static_cast<size_t>(v)]);
      sz->AppendInt64(size[label[static_cast<size_t>(v)]]);
    }
    return Table::Make(Schema({{node_column_, TypeId::kString},
                               {name, TypeId::kInt64},
                               {name + "_size", TypeId::kInt64}}),
                       {node, lab, sz});
  }

  void RunComponents(StepContext& ctx, const model::Graph& g) {
    ctx.SetOutput(0, Labeled(g, model::ConnectedComponents(g), "component"));
  }

  void RunCommunities(StepContext& ctx, const model::Graph& g) {
    model::Communities c;
    RunNamed(node_, [&] { c = model::Louvain(g, ctx.seed(), resolution_); });
    TablePtr t = Labeled(g, c.community, "community");
    ctx.SetOutput(0, t->WithColumn("modularity", Column::MakeConstant(Value::Float64(c.modularity),
                                                                      t->num_rows())));
  }

  void RunDegree(StepContext& ctx, const model::Graph& g) {
    auto d = model::Degrees(g);
    auto node = Column::Make(TypeId::kString);
    auto in = Column::Make(TypeId::kInt64), out = Column::Make(TypeId::kInt64),
         all = Column::Make(TypeId::kInt64);
    auto inw = Column::Make(TypeId::kFloat64), outw = Column::Make(TypeId::kFloat64),
         allw = Column::Make(TypeId::kFloat64), cen = Column::Make(TypeId::kFloat64);
    const double denom = g.num_nodes() > 1 ? g.num_nodes() - 1 : 1;
    for (int32_t v = 0; v < g.num_nodes(); ++v) {
      const auto& x = d[static_cast<size_t>(v)];
      node->AppendString(g.name(v));
      in->AppendInt64(x.in);
      out->AppendInt64(x.out);
      all->AppendInt64(x.in + x.out);
      inw->AppendFloat64(x.in_weight);
      outw->AppendFloat64(x.out_weight);
      allw->AppendFloat64(x.in_weight + x.out_weight);
      cen->AppendFloat64(static_cast<double>(x.in + x.out) / denom);
    }
    ctx.SetOutput(0, Table::Make(Schema({{node_column_, TypeId::kString},
                                         {"in_degree", TypeId::kInt64},
                                         {"out_degree", TypeId::kInt64},
                                         {"degree", TypeId::kInt64},
                                         {"in_weight", TypeId::kFloat64},
                                         {"out_weight", TypeId::kFloat64},
                                         {"weight", TypeId::kFloat64},
                                         {"centrality", TypeId::kFloat64}}),
                                 {node, in, out, all, inw, outw, allw, cen}));
  }

  SpecNode node_;
  EdgeOptions edges_;
  Analysis analysis_ = Analysis::kDegree;
  model::Direction direction_ = model::Direction::kForward;
  int64_t max_depth_ = -1;
  double resolution_ = 1;
  std::vector<std::string> seeds_;
  std::string seed_column_;
  std::string node_column_;
};

}  // namespace

StepKind GraphStepKind() {
  std::vector<OptionSpec> options = EdgeOptions::Docs();
  options.insert(
      options.end(),
      {{"analysis", "text", true, "traverse, components, communities or degree."},
       {"seeds", "list", false, "traverse: node ids to start from."},
       {"seed_column", "column", false,
        "traverse: node id column of a second input holding the seeds."},
       {"direction", "text", false,
        "traverse: forward (downstream, default), backward (upstream) or both."},
       {"max_depth", "number", false, "traverse: most hops from a seed (default unlimited)."},
       {"resolution", "number", false, "communities: Louvain resolution γ (default 1)."},
       {"node", "column", false, "Name of the output node column (node)."}});
  return {.name = "graph",
          .summary =
              "Analyses a graph given as an edge table: traversal from seeds (traceability, "
              "recall lists), connected components, Louvain communities, degree centrality.",
          .min_inputs = 1,
          .max_inputs = 2,
          .inputs_doc = "edges[, seeds]",
          .outputs_doc = "one row per reached node / node, per analysis",
          .options = std::move(options),
          .make = [] { return std::make_unique<GraphStep>(); }};
}

}  // namespace xf::pipeline
