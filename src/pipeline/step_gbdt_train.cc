// gbdt_train: gradient-boosted trees through xgboost (model/gbdt.h).
#include <fmt/format.h>

#include "core/error.h"
#include "model/gbdt.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class GbdtTrainStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.features = o.Required("features").AsStringList();
    if (options_.features.empty()) o.Get("features").Fail("list at least one feature column");
    options_.label = o.Required("label").AsString();
    options_.objective = o.GetString("objective", options_.objective);
    if (options_.objective != "reg:squarederror" && options_.objective != "binary:logistic") {
      o.Get("objective")
          .Fail(fmt::format("unknown objective '{}'; valid: reg:squarederror, binary:logistic",
                            options_.objective));
    }
    auto positive_int = [&](const char* key, int fallback) {
      const int64_t v = o.GetInt(key, fallback);
      if (v < 1 || v > 100000) o.Get(key).Fail(fmt::format("{} must be between 1 and 100000", key));
      return static_cast<int>(v);
    };
    options_.rounds = positive_int("rounds", options_.rounds);
    options_.max_depth = positive_int("max_depth", options_.max_depth);
    options_.nthread = positive_int("nthread", options_.nthread);
    auto fraction = [&](const char* key, double fallback) {
      const double v = o.GetDouble(key, fallback);
      if (!(v > 0 && v <= 1)) o.Get(key).Fail(fmt::format("{} must be in (0, 1]", key));
      return v;
    };
    options_.eta = fraction("eta", options_.eta);
    options_.subsample = fraction("subsample", options_.subsample);
    options_.min_child_weight = o.GetDouble("min_child_weight", options_.min_child_weight);
    options_.lambda = o.GetDouble("lambda", options_.lambda);
    if (o.Has("seed")) seed_ = o.Get("seed").AsInt();
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    for (const std::string& f : options_.features) RequireColumn(node_.Get("features"), in, f);
    RequireColumn(node_.Get("label"), in, options_.label);
    model::GbdtOptions o = options_;
    o.seed = seed_ >= 0 ? static_cast<uint64_t>(seed_) : ctx.seed();
    try {
      model::GbdtTrainResult r = model::TrainGbdt(in, o);
      ctx.SetOutput(0, model::GbdtModelTable(r.model));
      if (ctx.num_outputs() > 1) ctx.SetOutput(1, r.importance);
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  model::GbdtOptions options_;
  int64_t seed_ = -1;
  SpecNode node_;
};

}  // namespace

StepKind GbdtTrainStepKind() {
  return {
      .name = "gbdt_train",
      .summary =
          "Trains gradient-boosted decision trees (xgboost) on a table; deterministic "
          "for a seed.",
      .max_outputs = 2,
      .inputs_doc = "the training table",
      .outputs_doc =
          "model (one row: objective, label, features, model_json), optional "
          "importance (feature, gain, total_gain, weight, share)",
      .options = {{"features", "columns", true,
                   "Numeric or bool feature columns; NULL is "
                   "passed as missing."},
                  {"label", "column", true,
                   "The column to learn (0/1 for binary:logistic); "
                   "rows with a NULL label are not used."},
                  {"objective", "text", false, "reg:squarederror (default) or binary:logistic."},
                  {"rounds", "number", false, "Boosting rounds (trees), default 100."},
                  {"max_depth", "number", false, "Depth of each tree, default 4."},
                  {"eta", "number", false, "Learning rate in (0, 1], default 0.1."},
                  {"subsample", "number", false, "Share of rows each tree sees, default 1."},
                  {"min_child_weight", "number", false, "Minimum hessian in a leaf, default 1."},
                  {"lambda", "number", false, "L2 regularisation of leaf weights, default 1."},
                  {"seed", "number", false, "Random seed (default: the run's seed)."},
                  {"nthread", "number", false,
                   "xgboost threads, default 1 (fixed, so results "
                   "do not depend on the machine)."}},
      .make = [] { return std::make_unique<GbdtTrainStep>(); }};
}

}  // namespace xf::pipeline
