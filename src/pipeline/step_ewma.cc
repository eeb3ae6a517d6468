// ewma: exponentially weighted moving average per series (model/exponential_smoothing.h). A step
// of its own rather than a `window` function: it needs alpha/span rather than a window size, and
// keeps the window step's option set small.
#include <cmath>

#include "model/exponential_smoothing.h"
#include "model/feature_matrix.h"
#include "model/series_groups.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class EwmaStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    by_ = o.Get("by").AsStringList();
    order_ = o.GetString("order", "");
    value_ = o.Required("value").AsString();
    if (o.Has("alpha") == o.Has("span")) {
      (o.Has("alpha") ? o.Get("span") : o).Fail("give exactly one of alpha or span");
    }
    if (o.Has("alpha")) {
      alpha_ = NumberOption(o, "alpha", 0.5, 0, 1);
      if (alpha_ == 0) o.Get("alpha").Fail("must be in (0, 1]");
    } else {
      alpha_ = 2.0 / (NumberOption(o, "span", 1, 1, 1e12) + 1.0);
    }
    output_ = o.GetString("output", value_ + "_ewma");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const TablePtr& in = ctx.input(0);
    for (const std::string& b : by_) RequireColumn(node_.Get("by"), *in, b);
    RequireColumn(node_.Get("value"), *in, value_);
    if (!order_.empty()) RequireColumn(node_.Get("order"), *in, order_);
    const int64_t n = in->num_rows();
    std::vector<double> out(n, 0);
    std::vector<uint8_t> valid(n, 0);
    TagStep(ctx, [&] {
      model::RequireNumericColumn(*in, value_, "ewma");
      const Column& vc = *in->column(value_);
      auto smooth = [&](const std::vector<int64_t>& rows) {
        std::vector<double> x(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
          if (!model::NumericValue(vc, rows[i], &x[i])) x[i] = NAN;
        }
        const std::vector<double> s = model::Ewma(x, alpha_);
        for (size_t i = 0; i < rows.size(); ++i) {
          out[rows[i]] = std::isfinite(s[i]) ? s[i] : 0;
          valid[rows[i]] = std::isfinite(s[i]);
        }
      };
      if (!order_.empty()) {
        ForEachOrderedSeries(*in, by_, order_, smooth);
      } else {
        const RowGroups groups = GroupRows(*in, by_);
        for (int64_t g = 0; g < groups.num_groups(); ++g) {
          smooth(std::vector<int64_t>(groups.rows.begin() + groups.offsets[g],
                                      groups.rows.begin() + groups.offsets[g + 1]));
        }
      }
    });
    auto c = Column::Make(TypeId::kFloat64);
    c->ResizeFixed(n);
    std::copy(out.begin(), out.end(), c->mutable_data<double>());
    c->SetValidityFromFlags(valid);
    ctx.SetOutput(0, in->WithColumn(output_, c));
  }

 private:
  std::vector<std::string> by_;
  std::string order_, value_, output_;
  double alpha_ = 0.5;
  SpecNode node_;
};

}  // namespace

StepKind EwmaStepKind() {
  return {.name = "ewma",
          .summary = "Exponentially weighted moving average per series: s = α·x + (1 − α)·s_prev.",
          .outputs_doc = "the input (row order kept) plus the smoothed column",
          .options = {{"value", "column", true, "Numeric column to smooth."},
                      {"by", "columns", false, "Series keys (none: one series)."},
                      {"order", "column", false, "Time or sequence column (default: input order)."},
                      {"alpha", "number", false, "Smoothing factor in (0, 1]."},
                      {"span", "number", false, "Alternative to alpha: α = 2 / (span + 1)."},
                      {"output", "column", false, "Name of the result (default <value>_ewma)."}},
          .make = [] { return std::make_unique<EwmaStep>(); }};
}

}  // namespace xf::pipeline
