// dynamic_threshold: bounds per entity and operating condition learned from normal periods
// (model/dynamic_threshold.h).
#include "core/time.h"
#include "expr/expr.h"
#include "model/dynamic_threshold.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class DynamicThresholdStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.by = o.Get("by").AsStringList();
    options_.condition = o.Get("condition").AsStringList();
    options_.value = o.Required("value").AsString();
    const std::string method = ChoiceOption(o, "method", {"sigma", "quantile"}, "sigma");
    options_.method =
        method == "quantile" ? model::ThresholdMethod::kQuantile : model::ThresholdMethod::kSigma;
    options_.k = NumberOption(o, "k", 3.0, 0, 1e9);
    options_.lower_quantile = NumberOption(o, "lower_quantile", 0.01, 0, 1);
    options_.upper_quantile = NumberOption(o, "upper_quantile", 0.99, 0, 1);
    if (options_.lower_quantile > options_.upper_quantile) {
      o.Get("upper_quantile").Fail("must be >= lower_quantile");
    }
    training_ = o.GetString("training", "");
    options_.order = o.GetString("order", "");
    if (o.Has("window") != !options_.order.empty()) {
      (o.Has("window") ? o.Get("window") : o.Get("order")).Fail("window and order go together");
    }
    options_.min_count = IntOption(o, "min_count", 5, 1, int64_t{1} << 40);
    options_.lower_column = o.GetString("lower", "lower");
    options_.upper_column = o.GetString("upper", "upper");
    options_.breach_column = o.GetString("breach", "breach");
    only_breaches_ = o.GetBool("only_breaches", false);
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const TablePtr& in = ctx.input(0);
    for (const std::string& b : options_.by) RequireColumn(node_.Get("by"), *in, b);
    for (const std::string& c : options_.condition) RequireColumn(node_.Get("condition"), *in, c);
    RequireColumn(node_.Get("value"), *in, options_.value);
    model::DynamicThresholdOptions options = options_;
    if (!options.order.empty()) {
      RequireColumn(node_.Get("order"), *in, options.order);
      const SpecNode w = node_.Get("window");
      const TypeId t = in->column(options.order)->type();
      if (t == TypeId::kDate || t == TypeId::kTimestamp) {
        const int64_t micros = w.AsDuration();
        options.window = t == TypeId::kDate
                             ? static_cast<double>(micros) / static_cast<double>(kMicrosPerDay)
                             : static_cast<double>(micros);
      } else {
        options.window = w.AsDouble();
      }
      if (!(*options.window > 0)) w.Fail("must be > 0");
    }
    std::vector<uint8_t> training;
    if (!training_.empty()) {
      ColumnPtr mask = TagStep(ctx, [&] { return EvaluateExpression(training_, *in); });
      if (mask->type() != TypeId::kBool) node_.Get("training").Fail("must be a boolean expression");
      training.resize(in->num_rows());
      for (int64_t r = 0; r < in->num_rows(); ++r) {
        training[r] = mask->IsValid(r) && mask->data<uint8_t>()[r] != 0;
      }
    }
    TablePtr out = TagStep(ctx, [&] { return model::DynamicThresholds(*in, training, options); });
    ctx.SetOutput(0, only_breaches_ ? KeepFlagged(out, options.breach_column) : out);
  }

 private:
  model::DynamicThresholdOptions options_;
  std::string training_;
  bool only_breaches_ = false;
  SpecNode node_;
};

}  // namespace

StepKind DynamicThresholdStepKind() {
  return {.name = "dynamic_threshold",
          .summary =
              "Lower/upper bounds per entity and operating condition learned from normal "
              "periods (μ ± kσ or quantiles, static or rolling), and a breach flag.",
          .outputs_doc = "the input plus lower, upper and breach (or only the breaching rows)",
          .options = {{"value", "column", true, "Numeric column to bound."},
                      {"by", "columns", false, "Entity columns (one baseline per entity)."},
                      {"condition", "columns", false,
                       "Operating-condition columns, e.g. day_type or load_band."},
                      {"training", "expression", false,
                       "Rows to learn from (normal periods); default all rows."},
                      {"method", "text", false, "sigma (mean ± k·sd, default) or quantile."},
                      {"k", "number", false, "Width of the sigma band (default 3)."},
                      {"lower_quantile", "number", false, "Quantile method's lower bound (0.01)."},
                      {"upper_quantile", "number", false, "Quantile method's upper bound (0.99)."},
                      {"order", "column", false, "Time column for rolling bounds (with window)."},
                      {"window", "duration", false,
                       "Rolling bounds from the training rows in (t − window, t), e.g. 28d."},
                      {"min_count", "number", false,
                       "Training values needed before bounds appear (default 5)."},
                      {"lower", "column", false, "Name of the lower bound column (lower)."},
                      {"upper", "column", false, "Name of the upper bound column (upper)."},
                      {"breach", "column", false, "Name of the breach flag column (breach)."},
                      {"only_breaches", "bool", false, "Keep only the breaching rows."}},
          .make = [] { return std::make_unique<DynamicThresholdStep>(); }};
}

}  // namespace xf::pipeline
