// normalize: min-max or z-score normalisation of indicators by direction (model/normalize.h).
#include "model/normalize.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class NormalizeStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    const std::string method = o.GetString("method", "minmax");
    if (method == "minmax" || method == "min_max") {
      options_.method = model::NormalizeMethod::kMinMax;
    } else if (method == "zscore" || method == "z_score") {
      options_.method = model::NormalizeMethod::kZScore;
    } else {
      o.Get("method").Fail("expected minmax or zscore, got '" + method + "'");
    }
    for (const std::string& c : o.Get("benefit").AsStringList()) {
      options_.indicators.push_back({c, model::Direction::kBenefit});
    }
    for (const std::string& c : o.Get("cost").AsStringList()) {
      options_.indicators.push_back({c, model::Direction::kCost});
    }
    if (options_.indicators.empty())
      o.Fail("give the indicator columns in 'benefit' and/or 'cost'");
    options_.by = o.Get("by").AsStringList();
    options_.suffix = o.GetString("suffix", "");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    for (const model::Indicator& i : options_.indicators) {
      RequireColumn(node_.Get(i.direction == model::Direction::kBenefit ? "benefit" : "cost"), in,
                    i.column);
    }
    for (const std::string& b : options_.by) RequireColumn(node_.Get("by"), in, b);
    try {
      ctx.SetOutput(0, model::Normalize(in, options_));
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  model::NormalizeOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind NormalizeStepKind() {
  return {.name = "normalize",
          .summary = "Normalises indicator columns (min-max or z-score), flipping cost indicators.",
          .outputs_doc = "the input with the normalised columns",
          .options = {{"method", "text", false, "minmax (default) or zscore."},
                      {"benefit", "columns", false, "Indicators where higher is better."},
                      {"cost", "columns", false, "Indicators where lower is better."},
                      {"by", "columns", false, "Normalise within each group of these columns."},
                      {"suffix", "text", false,
                       "Add <column><suffix> columns instead of replacing the indicators."}},
          .make = [] { return std::make_unique<NormalizeStep>(); }};
}

}  // namespace xf::pipeline
