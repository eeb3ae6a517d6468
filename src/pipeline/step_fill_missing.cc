// fill_missing: constant, forward, linear, mean, median, seasonal (govern/clean_fill.h).
#include <fmt/format.h>

#include "govern/clean_fill.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/clean_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class FillMissingStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.columns = o.Required("columns").AsStringList();
    options_.method = static_cast<govern::FillMethod>(
        ChoiceOf(o, "method", {"constant", "forward", "linear", "mean", "median", "seasonal"}, 0));
    const govern::FillMethod m = options_.method;
    if (m == govern::FillMethod::kConstant) o.Required("value");
    options_.by = o.Get("by").AsStringList();
    options_.time = o.GetString("time", "");
    if ((m == govern::FillMethod::kForward || m == govern::FillMethod::kLinear ||
         m == govern::FillMethod::kSeasonal) &&
        options_.time.empty()) {
      o.Fail(fmt::format("method {} needs 'time'", govern::FillMethodName(m)));
    }
    if (o.Has("max_gap")) options_.max_gap_micros = ParseDurationOption(o.Get("max_gap"));
    if (m == govern::FillMethod::kSeasonal) {
      options_.period_micros = ParseDurationOption(o.Required("period"));
      if (options_.period_micros <= 0) o.Get("period").Fail("must be positive");
    }
    options_.max_periods = static_cast<int>(o.GetInt("max_periods", 1));
    if (options_.max_periods < 1) o.Get("max_periods").Fail("must be >= 1");
    options_.flag = o.GetBool("flag", false);
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    TablePtr t = ctx.input(0);
    for (const std::string& c : options_.columns) RequireColumn(node_.Get("columns"), *t, c);
    for (const std::string& b : options_.by) RequireColumn(node_.Get("by"), *t, b);
    if (!options_.time.empty()) RequireColumn(node_.Get("time"), *t, options_.time);
    if (options_.method != govern::FillMethod::kConstant) {
      ctx.SetOutput(0,
                    InCleaningStep(ctx, [&] { return govern::FillMissing(*t, options_); }).table);
      return;
    }
    // A constant is read as the type of each column it fills.
    for (const std::string& c : options_.columns) {
      govern::FillOptions one = options_;
      one.columns = {c};
      one.constant = ConstantFor(t->column(c)->type());
      t = InCleaningStep(ctx, [&] { return govern::FillMissing(*t, one); }).table;
    }
    ctx.SetOutput(0, t);
  }

 private:
  Value ConstantFor(TypeId type) const {
    const SpecNode v = node_.Get("value");
    switch (type) {
      case TypeId::kBool:
        return Value::Bool(v.AsBool());
      case TypeId::kInt64:
        return Value::Int64(v.AsInt());
      case TypeId::kFloat64:
        return Value::Float64(v.AsDouble());
      case TypeId::kString:
        return Value::String(v.AsString());
      default:
        v.Fail(
            fmt::format("a constant fill supports bool, int64, float64 and string columns, "
                        "not {}",
                        TypeName(type)));
    }
  }

  govern::FillOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind FillMissingStepKind() {
  return {.name = "fill_missing",
          .summary =
              "Fills NULL values: constant, forward fill, linear interpolation in time, "
              "group mean/median, or the same slot of an earlier period.",
          .options = {{"columns", "columns", true, "Columns to fill."},
                      {"method", "text", false,
                       "constant (default), forward, linear, mean, median or seasonal."},
                      {"value", "text", false, "constant: the value, read as each column's type."},
                      {"by", "columns", false, "Series keys, or groups for mean/median."},
                      {"time", "column", false, "forward/linear/seasonal: the time column."},
                      {"max_gap", "duration", false,
                       "forward/linear: largest time span bridged (default: any)."},
                      {"period", "duration", false, "seasonal: the period, e.g. 1d or 7d."},
                      {"max_periods", "number", false, "seasonal: periods to look back (1)."},
                      {"flag", "bool", false, "Add <column>_filled (bool) per filled column."}},
          .make = [] { return std::make_unique<FillMissingStep>(); }};
}

}  // namespace xf::pipeline
