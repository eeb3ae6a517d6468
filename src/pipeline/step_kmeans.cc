// kmeans: k-means++ / Lloyd clustering (model/kmeans.h), seeded by the run.
#include <fmt/format.h>

#include "model/kmeans.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class KMeansStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    features_ = o.Required("features").AsStringList();
    if (features_.empty()) o.Get("features").Fail("give at least one feature column");
    options_.k = IntOption(o, "k", o.Required("k").AsInt(), 1, 100000);
    options_.max_iterations = IntOption(o, "max_iterations", 100, 1, 100000);
    options_.restarts = IntOption(o, "restarts", 1, 1, 1000);
    standardise_ = o.GetBool("standardise", true);
    cluster_ = o.GetString("cluster", "cluster");
    distance_ = o.GetString("distance", "distance");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const TablePtr& in = ctx.input(0);
    for (const std::string& f : features_) RequireColumn(node_.Get("features"), *in, f);
    const model::FeatureMatrix x =
        TagStep(ctx, [&] { return model::ReadFeatures(*in, features_, standardise_); });
    const int64_t usable = x.num_usable();
    if (options_.k > usable) {
      node_.Get("k").Fail(fmt::format("k = {} is larger than the {} rows with all features set",
                                      options_.k, usable));
    }
    model::KMeansOptions options = options_;
    options.seed = ctx.seed();
    const model::KMeansResult r = TagStep(ctx, [&] { return model::KMeans(x, options); });
    const int64_t n = in->num_rows();
    auto cc = Column::Make(TypeId::kInt64);
    auto dc = Column::Make(TypeId::kFloat64);
    for (int64_t i = 0; i < n; ++i) {
      if (r.cluster[i] < 0) {
        cc->AppendNull();
        dc->AppendNull();
      } else {
        cc->AppendInt64(r.cluster[i]);
        dc->AppendFloat64(r.distance[i]);
      }
    }
    ctx.SetOutput(0, in->WithColumn(cluster_, cc)->WithColumn(distance_, dc));
    if (ctx.num_outputs() < 2) return;
    // Centres in the features' own units, whatever space the clustering used.
    Schema schema({{cluster_, TypeId::kInt64}, {"size", TypeId::kInt64}});
    auto id = Column::Make(TypeId::kInt64), size = Column::Make(TypeId::kInt64);
    std::vector<ColumnPtr> cols = {id, size};
    for (int64_t j = 0; j < x.dims; ++j) {
      schema.Add({features_[j], TypeId::kFloat64});
      cols.push_back(Column::Make(TypeId::kFloat64));
    }
    for (int64_t c = 0; c < options_.k; ++c) {
      id->AppendInt64(c);
      size->AppendInt64(r.sizes[c]);
      for (int64_t j = 0; j < x.dims; ++j) {
        cols[2 + j]->AppendFloat64(r.centres[c * x.dims + j] * x.scale[j] + x.shift[j]);
      }
    }
    ctx.SetOutput(1, Table::Make(schema, cols));
  }

 private:
  std::vector<std::string> features_;
  model::KMeansOptions options_;
  bool standardise_ = true;
  std::string cluster_, distance_;
  SpecNode node_;
};

}  // namespace

StepKind KMeansStepKind() {
  return {
      .name = "kmeans",
      .summary = "k-means clustering (k-means++ seeding from the run's seed, Lloyd iterations).",
      .min_outputs = 1,
      .max_outputs = 2,
      .outputs_doc = "the input plus cluster and distance[, one row per cluster centre]",
      .options =
          {{"features", "columns", true, "Numeric feature columns."},
           {"k", "number", true, "Number of clusters (at most the usable rows)."},
           {"standardise", "bool", false, "Cluster on z-scores of the features (default true)."},
           {"max_iterations", "number", false, "Lloyd iterations at most (default 100)."},
           {"restarts", "number", false, "Seedings tried; the least inertia wins (default 1)."},
           {"cluster", "column", false, "Name of the cluster id column (cluster)."},
           {"distance", "column", false, "Name of the distance-to-centre column (distance)."}},
      .make = [] { return std::make_unique<KMeansStep>(); }};
}

}  // namespace xf::pipeline
