// scorecard_fit: binning, WOE/IV, logistic fit and points (model/scorecard.h).
#include "model/scorecard.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class ScorecardFitStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.target = o.Required("target").AsString();
    options_.variables = o.Required("variables").AsStringList();
    if (options_.variables.empty()) o.Get("variables").Fail("no variables");
    const std::string binning = o.GetString("binning", "monotone");
    if (binning == "quantile") {
      options_.binning = model::Binning::kQuantile;
    } else if (binning != "monotone") {
      o.Get("binning").Fail("expected monotone or quantile, got '" + binning + "'");
    }
    options_.bins = static_cast<int>(o.GetInt("bins", 10));
    if (options_.bins < 2) o.Get("bins").Fail("must be >= 2");
    options_.min_iv = o.GetDouble("min_iv", 0);
    options_.pdo = o.GetDouble("pdo", 20);
    if (!(options_.pdo > 0)) o.Get("pdo").Fail("must be > 0");
    options_.base_score = o.GetDouble("base_score", 600);
    options_.base_odds = o.GetDouble("base_odds", 50);
    if (!(options_.base_odds > 0)) o.Get("base_odds").Fail("must be > 0");
    options_.l2 = o.GetDouble("l2", 0);
    if (!(options_.l2 >= 0)) o.Get("l2").Fail("must be >= 0");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    RequireColumn(node_.Get("target"), in, options_.target);
    for (const std::string& v : options_.variables) RequireColumn(node_.Get("variables"), in, v);
    try {
      model::ScorecardResult r = model::FitScorecard(in, options_);
      ctx.SetOutput(0, r.bins);
      ctx.SetOutput(1, r.metrics);
      if (ctx.num_outputs() == 3) ctx.SetOutput(2, r.variables);
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  model::ScorecardOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind ScorecardFitStepKind() {
  return {.name = "scorecard_fit",
          .summary = "Scorecard: binning, WOE/IV, logistic fit on WOE, points with PDO.",
          .min_outputs = 2,
          .max_outputs = 3,
          .outputs_doc = "bins (with WOE, IV, points), metrics[, variables]",
          .options = {{"target", "column", true, "Bad flag: bool or 0/1 (1 = bad)."},
                      {"variables", "columns", true, "Numeric candidate variables."},
                      {"binning", "text", false, "monotone (default) or quantile."},
                      {"bins", "number", false, "Quantile bins to start from (10)."},
                      {"min_iv", "number", false, "Variables with a lower IV stay out (0)."},
                      {"pdo", "number", false, "Points to double the odds (20)."},
                      {"base_score", "number", false, "Score at the base odds (600)."},
                      {"base_odds", "number", false, "Good:bad odds at the base score (50)."},
                      {"l2", "number", false, "L2 penalty of the logistic fit (0)."}},
          .make = [] { return std::make_unique<ScorecardFitStep>(); }};
}

}  // namespace xf::pipeline
