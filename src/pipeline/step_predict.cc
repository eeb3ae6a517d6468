// predict: applies a regression or logistic coefficient table to a table (model/regression.h).
#include "model/regression.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class PredictStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.by = o.Get("by").AsStringList();
    options_.output = o.GetString("output", options_.output);
    const std::string link = o.GetString("link", "identity");
    if (link == "logit") {
      options_.link = PredictLink::kLogit;
    } else if (link != "identity") {
      o.Get("link").Fail("expected identity or logit, got '" + link + "'");
    }
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    for (const std::string& b : options_.by) {
      RequireColumn(node_.Get("by"), *ctx.input(0), b);
      RequireColumn(node_.Get("by"), *ctx.input(1), b);
    }
    ctx.SetOutput(0, Predict(*ctx.input(0), *ctx.input(1), options_));
  }

 private:
  PredictOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind PredictStepKind() {
  return {.name = "predict",
          .summary = "Adds the prediction of a fitted regression (linear or logistic) to every row.",
          .min_inputs = 2,
          .max_inputs = 2,
          .inputs_doc = "table, coefficients (from a regression or logistic step)",
          .outputs_doc = "the table plus the prediction column",
          .options = {{"by", "columns", false,
                       "Group columns the model was fitted by (same names in both inputs)."},
                      {"output", "column", false, "Name of the prediction column (prediction)."},
                      {"link", "text", false,
                       "identity (default) or logit: a probability from a logistic model."}},
          .make = [] { return std::make_unique<PredictStep>(); }};
}

}  // namespace xf::pipeline
