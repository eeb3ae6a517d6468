// grade: labelled levels by bands or quantiles (model/grading.h).
#include "model/grading.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class GradeStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.column = o.Required("column").AsString();
    options_.bands = o.Get("bands").AsDoubleList();
    options_.quantiles = o.Get("quantiles").AsDoubleList();
    if (options_.bands.empty() == options_.quantiles.empty()) {
      o.Fail("give either 'bands' or 'quantiles'");
    }
    for (double q : options_.quantiles) {
      if (!(q > 0 && q < 1)) o.Get("quantiles").Fail("quantiles must lie strictly between 0 and 1");
    }
    options_.labels = o.Required("labels").AsStringList();
    const size_t cuts = options_.bands.size() + options_.quantiles.size();
    if (options_.labels.size() != cuts + 1) {
      o.Get("labels").Fail("give one label more than there are " +
                           std::string(options_.bands.empty() ? "quantiles" : "bands") + " (" +
                           std::to_string(cuts + 1) + "), best first");
    }
    const std::string dir = o.GetString("direction", "benefit");
    if (dir == "cost") {
      options_.direction = model::Direction::kCost;
    } else if (dir != "benefit") {
      o.Get("direction").Fail("expected benefit or cost, got '" + dir + "'");
    }
    options_.output = o.GetString("output", options_.output);
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    RequireColumn(node_.Get("column"), *ctx.input(0), options_.column);
    try {
      ctx.SetOutput(0, model::Grade(*ctx.input(0), options_));
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  model::GradeOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind GradeStepKind() {
  return {.name = "grade",
          .summary = "Grades a score into labelled levels by bands or quantiles.",
          .outputs_doc = "the input plus the label column and <output>_level (1 = best)",
          .options = {{"column", "column", true, "Numeric score to grade."},
                      {"bands", "list", false, "Cut values between levels."},
                      {"quantiles", "list", false, "Cut probabilities in (0, 1) between levels."},
                      {"labels", "list", true, "Level labels, best first; one more than cuts."},
                      {"direction", "text", false, "benefit (default: higher is better) or cost."},
                      {"output", "column", false, "Name of the label column (grade)."}},
          .make = [] { return std::make_unique<GradeStep>(); }};
}

}  // namespace xf::pipeline
