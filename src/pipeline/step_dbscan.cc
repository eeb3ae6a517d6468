// dbscan: density-based clusters with noise (model/dbscan.h).
#include "model/dbscan.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class DbscanStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    const std::string metric = ChoiceOption(o, "metric", {"euclidean", "haversine"}, "euclidean");
    options_.haversine = metric == "haversine";
    if (options_.haversine) {
      if (o.Has("features")) o.Get("features").Fail("with metric haversine give lat and lon");
      features_ = {o.Required("lat").AsString(), o.Required("lon").AsString()};
      feature_node_ = {o.Get("lat"), o.Get("lon")};
    } else {
      if (o.Has("lat") || o.Has("lon")) {
        (o.Has("lat") ? o.Get("lat") : o.Get("lon")).Fail("lat and lon need metric: haversine");
      }
      features_ = o.Required("features").AsStringList();
      if (features_.empty()) o.Get("features").Fail("give at least one feature column");
      feature_node_.assign(features_.size(), o.Get("features"));
    }
    options_.eps = o.Required("eps").AsDouble();
    if (!(options_.eps > 0)) o.Get("eps").Fail("must be > 0");
    options_.min_pts = IntOption(o, "min_pts", 5, 1, int64_t{1} << 40);
    standardise_ = o.GetBool("standardise", !options_.haversine);
    if (standardise_ && options_.haversine) o.Get("standardise").Fail("not with metric haversine");
    cluster_ = o.GetString("cluster", "cluster");
    core_ = o.GetString("core", "");
  }
  void Run(StepContext& ctx) override {
    const TablePtr& in = ctx.input(0);
    for (size_t i = 0; i < features_.size(); ++i)
      RequireColumn(feature_node_[i], *in, features_[i]);
    const model::DbscanResult r = TagStep(ctx, [&] {
      return model::Dbscan(model::ReadFeatures(*in, features_, standardise_), options_);
    });
    auto cc = Column::Make(TypeId::kInt64);
    auto core = Column::Make(TypeId::kBool);
    for (int64_t i = 0; i < in->num_rows(); ++i) {
      if (r.cluster[i] == -2) {
        cc->AppendNull();
        core->AppendNull();
      } else {
        cc->AppendInt64(r.cluster[i]);
        core->AppendBool(r.core[i] != 0);
      }
    }
    TablePtr out = in->WithColumn(cluster_, cc);
    ctx.SetOutput(0, core_.empty() ? out : out->WithColumn(core_, core));
  }

 private:
  std::vector<std::string> features_;
  std::vector<SpecNode> feature_node_;
  model::DbscanOptions options_;
  bool standardise_ = true;
  std::string cluster_, core_;
};

}  // namespace

StepKind DbscanStepKind() {
  return {.name = "dbscan",
          .summary = "Density-based clusters (DBSCAN) with noise labelled -1.",
          .outputs_doc = "the input plus the cluster column (and the core flag with core)",
          .options = {{"features", "columns", false, "Numeric feature columns (euclidean)."},
                      {"metric", "text", false, "euclidean (default) or haversine."},
                      {"lat", "column", false, "Latitude in degrees (haversine)."},
                      {"lon", "column", false, "Longitude in degrees (haversine)."},
                      {"eps", "number", true,
                       "Neighbourhood radius: in standardised units, feature units, or km."},
                      {"min_pts", "number", false,
                       "Neighbours (itself included) that make a core point (default 5)."},
                      {"standardise", "bool", false,
                       "Use z-scores of the features (default true for euclidean)."},
                      {"cluster", "column", false, "Name of the cluster column (cluster)."},
                      {"core", "column", false, "Adds a core-point flag column of this name."}},
          .make = [] { return std::make_unique<DbscanStep>(); }};
}

}  // namespace xf::pipeline
