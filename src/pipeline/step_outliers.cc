// outliers: z-score / IQR / Hampel per group with an action (govern/clean_outliers.h).
#include "govern/clean_outliers.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/clean_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class OutliersStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.columns = o.Required("columns").AsStringList();
    options_.by = o.Get("by").AsStringList();
    options_.method =
        static_cast<govern::OutlierMethod>(ChoiceOf(o, "method", {"zscore", "iqr", "hampel"}, 0));
    options_.k = o.GetDouble("k", 0);
    if (o.Has("k") && !(options_.k > 0)) o.Get("k").Fail("must be > 0");
    options_.order = o.GetString("order", "");
    options_.window = static_cast<int>(o.GetInt("window", 3));
    if (options_.window < 1) o.Get("window").Fail("must be >= 1");
    if (options_.method == govern::OutlierMethod::kHampel && options_.order.empty()) {
      o.Fail("method hampel needs 'order' (the column giving the series order)");
    }
    options_.action = static_cast<govern::OutlierAction>(
        ChoiceOf(o, "action", {"flag", "set_null", "clip", "quarantine"}, 0));
    RequireSetAsideOutput(o, options_.action == govern::OutlierAction::kQuarantine,
                          "action quarantine");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    for (const std::string& c : options_.columns) RequireColumn(node_.Get("columns"), in, c);
    for (const std::string& b : options_.by) RequireColumn(node_.Get("by"), in, b);
    if (!options_.order.empty()) RequireColumn(node_.Get("order"), in, options_.order);
    govern::OutlierResult r =
        InCleaningStep(ctx, [&] { return govern::HandleOutliers(in, options_); });
    ctx.SetOutput(0, r.table);
    if (ctx.num_outputs() > 1) ctx.SetOutput(1, r.quarantined);
  }

 private:
  govern::OutlierOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind OutliersStepKind() {
  return {.name = "outliers",
          .summary =
              "Finds outlying values per group (3σ, IQR, Hampel) and flags, nulls, clips "
              "or quarantines them.",
          .max_outputs = 2,
          .outputs_doc = "the table[, quarantined rows with _rules, _reasons and _source_row]",
          .options = {{"columns", "columns", true, "Numeric columns, each judged on its own."},
                      {"by", "columns", false, "Groups; statistics are computed per group."},
                      {"method", "text", false, "zscore (default), iqr or hampel."},
                      {"k", "number", false,
                       "Threshold: σ for zscore (3), IQRs for iqr (1.5), scaled MADs for hampel "
                       "(3)."},
                      {"order", "column", false, "hampel: the column ordering each series."},
                      {"window", "number", false, "hampel: neighbours on each side (3)."},
                      {"action", "text", false, "flag (default), set_null, clip or quarantine."}},
          .make = [] { return std::make_unique<OutliersStep>(); }};
}

}  // namespace xf::pipeline
