// logistic: logistic regression by IRLS, optionally L2-penalised and per group
// (model/logistic.h); predictions through model/regression.h's Predict with the logit link.
#include "model/logistic.h"
#include "model/regression.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class LogisticStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.y = o.Required("y").AsString();
    options_.x = o.Required("x").AsStringList();
    options_.by = o.Get("by").AsStringList();
    options_.l2 = o.GetDouble("l2", 0);
    if (!(options_.l2 >= 0)) o.Get("l2").Fail("must be >= 0");
    options_.intercept = o.GetBool("intercept", true);
    options_.max_iterations = static_cast<int>(o.GetInt("max_iterations", 100));
    if (options_.max_iterations < 1) o.Get("max_iterations").Fail("must be >= 1");
    predict_ = PredictOption(o);
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    RequireFitColumns(node_, in, options_.y, options_.x, options_.by);
    try {
      model::LogisticResult r = model::FitLogistic(in, options_);
      ctx.SetOutput(0, r.coefficients);
      ctx.SetOutput(1, r.fit_stats);
      if (ctx.num_outputs() == 3) {
        ctx.SetOutput(
            2, Predict(in, *r.coefficients,
                       {.by = options_.by, .output = predict_, .link = PredictLink::kLogit}));
      }
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  model::LogisticOptions options_;
  std::string predict_;
  SpecNode node_;
};

}  // namespace

StepKind LogisticStepKind() {
  return {
      .name = "logistic",
      .summary = "Logistic regression (IRLS, optional L2) of a 0/1 target, optionally per group.",
      .min_outputs = 2,
      .max_outputs = 3,
      .outputs_doc = "coefficients, fit stats[, predictions]",
      .options = {{"y", "column", true, "Target: bool or 0/1."},
                  {"x", "columns", true, "Numeric predictors."},
                  {"by", "columns", false, "Fit one model per group of these columns."},
                  {"l2", "number", false, "L2 penalty λ on the slopes (default 0)."},
                  {"intercept", "bool", false, "Fit an intercept (default true)."},
                  {"max_iterations", "number", false, "Newton iterations at most (100)."},
                  {"predict", "column", false,
                   "Name of a probability column; adds a third output: the input plus it."}},
      .make = [] { return std::make_unique<LogisticStep>(); }};
}

}  // namespace xf::pipeline
