// psi: population stability index between two tables (model/psi.h).
#include "model/psi.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class PsiStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.columns = o.Required("columns").AsStringList();
    if (options_.columns.empty()) o.Get("columns").Fail("no columns");
    options_.bins = static_cast<int>(o.GetInt("bins", 10));
    if (options_.bins < 2) o.Get("bins").Fail("must be >= 2");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    for (const std::string& c : options_.columns) {
      RequireColumn(node_.Get("columns"), *ctx.input(0), c);
      RequireColumn(node_.Get("columns"), *ctx.input(1), c);
    }
    try {
      model::PsiResult r = model::Psi(*ctx.input(0), *ctx.input(1), options_);
      ctx.SetOutput(0, r.summary);
      if (ctx.num_outputs() == 2) ctx.SetOutput(1, r.detail);
    } catch (Error& e) {
      e.WithStep(ctx.step_id());
      throw;
    }
  }

 private:
  model::PsiOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind PsiStepKind() {
  return {
      .name = "psi",
      .summary = "Population stability index of columns between an expected and an actual table.",
      .min_inputs = 2,
      .max_inputs = 2,
      .max_outputs = 2,
      .inputs_doc = "expected (e.g. training), actual (e.g. recent)",
      .outputs_doc = "summary (column, psi, bins, status)[, per-bin detail]",
      .options = {{"columns", "columns", true, "Numeric columns present in both tables."},
                  {"bins", "number", false, "Quantile bins of the expected table (10)."}},
      .make = [] { return std::make_unique<PsiStep>(); }};
}

}  // namespace xf::pipeline
