// gbdt_predict: applies a gbdt_train model to a table (model/gbdt.h).
#include "core/error.h"
#include "model/gbdt.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class GbdtPredictStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    output_ = o.GetString("output", "prediction");
    nthread_ = o.GetInt("nthread", 1);
    if (nthread_ < 1) o.Get("nthread").Fail("nthread must be 1 or more");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& data = *ctx.input(0);
    try {
      model::GbdtModel m = model::GbdtModelFromTable(*ctx.input(1));
      for (const std::string& f : m.features) RequireColumn(node_.Get("in"), data, f);
      if (data.ColumnIndex(output_) >= 0) {
        node_.Get("output").Fail("output column '" + output_ + "' already exists in the table");
      }
      ctx.SetOutput(
          0, data.WithColumn(output_, model::PredictGbdt(m, data, static_cast<int>(nthread_))));
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  std::string output_;
  int64_t nthread_ = 1;
  SpecNode node_;
};

}  // namespace

StepKind GbdtPredictStepKind() {
  return {.name = "gbdt_predict",
          .summary = "Adds the predictions of a gbdt_train model to every row of a table.",
          .min_inputs = 2,
          .max_inputs = 2,
          .inputs_doc = "table, model (from gbdt_train)",
          .outputs_doc = "the table plus the prediction column",
          .options = {{"output", "column", false,
                       "Name of the prediction column (prediction); under binary:logistic the "
                       "probability of 1."},
                      {"nthread", "number", false, "xgboost threads, default 1."}},
          .make = [] { return std::make_unique<GbdtPredictStep>(); }};
}

}  // namespace xf::pipeline
