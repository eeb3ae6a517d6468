// scorecard_score: applies a scorecard's bins to rows (model/scorecard.h).
#include "model/scorecard.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class ScorecardScoreStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.score = o.GetString("score", options_.score);
    options_.points_suffix = o.GetString("points_suffix", options_.points_suffix);
  }
  void Run(StepContext& ctx) override {
    try {
      ctx.SetOutput(0, model::ApplyScorecard(*ctx.input(0), *ctx.input(1), options_));
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  model::ScoreOptions options_;
};

}  // namespace

StepKind ScorecardScoreStepKind() {
  return {.name = "scorecard_score",
          .summary = "Scores rows with a scorecard: points per variable and the total score.",
          .min_inputs = 2,
          .max_inputs = 2,
          .inputs_doc = "table, bins (first output of scorecard_fit)",
          .outputs_doc = "the table plus <variable><points_suffix> columns and the score",
          .options = {{"score", "column", false, "Name of the total score column (score)."},
                      {"points_suffix", "text", false,
                       "Suffix of the per-variable points columns (_points)."}},
          .make = [] { return std::make_unique<ScorecardScoreStep>(); }};
}

}  // namespace xf::pipeline
