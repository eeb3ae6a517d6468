// regression: OLS / ridge per group (model/regression.h).
#include <fmt/format.h>

#include "model/regression.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class RegressionStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.y = o.Required("y").AsString();
    options_.x = o.Required("x").AsStringList();
    options_.by = o.Get("by").AsStringList();
    options_.ridge_lambda = o.GetDouble("ridge", 0);
    if (!(options_.ridge_lambda >= 0)) o.Get("ridge").Fail("must be >= 0");
    options_.intercept = o.GetBool("intercept", true);
    predict_ = PredictOption(o);
    residual_ = o.GetString("residual", "residual");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    RequireFitColumns(node_, in, options_.y, options_.x, options_.by);
    RegressionResult r = FitRegression(in, options_);
    ctx.SetOutput(0, r.coefficients);
    ctx.SetOutput(1, r.fit_stats);
    if (ctx.num_outputs() == 3) {
      TablePtr p = Predict(in, *r.coefficients, {.by = options_.by, .output = predict_});
      const Column& y = *in.column(options_.y);
      const Column& fitted = *p->column(predict_);
      auto residual = Column::Make(TypeId::kFloat64);
      residual->Reserve(p->num_rows());
      for (int64_t i = 0; i < p->num_rows(); ++i) {
        if (y.IsNull(i) || fitted.IsNull(i)) {
          residual->AppendNull();
          continue;
        }
        const double yv = y.type() == TypeId::kFloat64 ? y.data<double>()[i]
                                                       : static_cast<double>(y.data<int64_t>()[i]);
        residual->AppendFloat64(yv - fitted.data<double>()[i]);
      }
      ctx.SetOutput(2, p->WithColumn(residual_, residual));
    }
  }

 private:
  RegressionOptions options_;
  std::string predict_, residual_;
  SpecNode node_;
};

}  // namespace

StepKind RegressionStepKind() {
  return {.name = "regression",
          .summary = "Linear regression (OLS or ridge) of y on x columns, optionally per group.",
          .min_outputs = 2,
          .max_outputs = 3,
          .outputs_doc = "coefficients, fit stats[, predictions]",
          .options = {{"y", "column", true, "Numeric response."},
                      {"x", "columns", true, "Numeric predictors."},
                      {"by", "columns", false, "Fit one model per group of these columns."},
                      {"ridge", "number", false, "Ridge penalty λ on the slopes (default 0: OLS)."},
                      {"intercept", "bool", false, "Fit an intercept (default true)."},
                      {"predict", "column", false,
                       "Name of a fitted-value column; adds a third output: the input plus it "
                       "and the residual."},
                      {"residual", "column", false, "Name of the residual column (residual)."}},
          .make = [] { return std::make_unique<RegressionStep>(); }};
}

}  // namespace xf::pipeline
