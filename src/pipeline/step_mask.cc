// mask: masks columns of a table (govern/mask.h): partial masks, keyed hashes, format-preserving
// tokens, generalisation and null-out. The same map is accepted as `mask:` on any step, where the
// runner applies it to the step's outputs.
#include "pipeline/step_mask.h"

#include <fmt/format.h>

#include "pipeline/builtin_steps.h"

namespace xf::pipeline {

namespace {

class MaskStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    plan_ = govern::ParseMaskPlan(o.Required("columns"));
  }
  void Run(StepContext& ctx) override {
    ctx.SetOutput(0, govern::ApplyMaskPlan(ctx.input(0), plan_, ctx.services().keys, true));
  }

 private:
  govern::MaskPlan plan_;
};

}  // namespace

void MaskStepOutputs(const govern::MaskPlan& plan, StepContext* ctx) {
  std::vector<bool> any(plan.rules.size(), false);
  for (int i = 0; i < ctx->num_outputs(); ++i) {
    std::vector<bool> matched;
    TablePtr& out = ctx->outputs()[static_cast<size_t>(i)];
    out = govern::ApplyMaskPlan(out, plan, ctx->services().keys, false, &matched);
    for (size_t k = 0; k < matched.size(); ++k) any[k] = any[k] || matched[k];
  }
  for (size_t k = 0; k < any.size(); ++k) {
    if (!any[k]) {
      plan.rules[k].node.Fail(
          fmt::format("mask: column '{}' is in none of the step's outputs", plan.rules[k].column));
    }
  }
}

StepKind MaskStepKind() {
  return {.name = "mask",
          .summary =
              "Masks personal columns: partial mask, keyed hash (HMAC-SHA256/SM3), "
              "format-preserving token, generalisation or null-out.",
          .inputs_doc = "a table",
          .outputs_doc = "the table with the named columns masked",
          .options = {{"columns", "map", true,
                       "Column → method (partial, hash, token, generalize, null_out) or "
                       "{method, options}; see docs/sensitive-data.md."}},
          .make = [] { return std::make_unique<MaskStep>(); }};
}

}  // namespace xf::pipeline
