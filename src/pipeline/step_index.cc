// index: weighted composite index, indicators rolling up through dimensions
// (model/composite_index.h).
#include "model/composite_index.h"
#include "model/weights.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class IndexStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.indicators = o.Get("indicators").AsStringList();
    const SpecNode dims = o.Get("dimensions");
    if (dims.IsDefined()) {
      if (!dims.IsMap()) dims.Fail("expected a map dimension: [indicator columns]");
      for (const auto& [name, cols] : dims.Entries()) {
        options_.dimensions.push_back({name, cols.AsStringList()});
        if (options_.dimensions.back().indicators.empty()) cols.Fail("no indicators");
      }
    }
    if (options_.dimensions.empty() == options_.indicators.empty()) {
      o.Fail("give either 'indicators' or 'dimensions'");
    }
    const SpecNode w = o.Get("weights");
    if (w.IsDefined()) {
      if (!w.IsMap()) w.Fail("expected a map name: weight");
      for (const auto& [name, value] : w.Entries()) option_weights_[name] = value.AsDouble();
    }
    options_.output = o.GetString("output", options_.output);
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    for (const std::string& c : options_.indicators) RequireColumn(node_.Get("indicators"), in, c);
    for (const model::Dimension& d : options_.dimensions) {
      for (const std::string& c : d.indicators) {
        RequireColumn(node_.Get("dimensions").Get(d.name), in, c);
      }
    }
    model::CompositeIndexOptions o = options_;
    try {
      for (int i = 1; i < ctx.num_inputs(); ++i) {
        for (const auto& [name, weight] : model::WeightMap(*ctx.input(i))) o.weights[name] = weight;
      }
      for (const auto& [name, weight] : option_weights_) o.weights[name] = weight;
      ctx.SetOutput(0, model::CompositeIndex(in, o));
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  model::CompositeIndexOptions options_;
  std::map<std::string, double> option_weights_;
  SpecNode node_;
};

}  // namespace

StepKind IndexStepKind() {
  return {
      .name = "index",
      .summary = "Weighted composite index, indicators rolling up through dimensions.",
      .min_inputs = 1,
      .max_inputs = 4,
      .inputs_doc = "table[, weights tables (indicator, weight) …]",
      .outputs_doc = "the input plus one column per dimension and the index column",
      .options = {{"indicators", "columns", false, "Indicators of a one-level index."},
                  {"dimensions", "map", false, "Two levels: dimension → its indicator columns."},
                  {"weights", "map", false,
                   "Weights of indicators and dimensions by name (override weight tables)."},
                  {"output", "column", false, "Name of the index column (index)."}},
      .make = [] { return std::make_unique<IndexStep>(); }};
}

}  // namespace xf::pipeline
