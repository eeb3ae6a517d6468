// anomaly: z-score (3σ) or robust MAD scores per group (model/anomaly.h).
#include "model/anomaly.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class AnomalyStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    const std::string method = ChoiceOption(o, "method", {"zscore", "mad"}, "zscore");
    options_.method = method == "mad" ? model::AnomalyMethod::kMad : model::AnomalyMethod::kZScore;
    options_.by = o.Get("by").AsStringList();
    options_.value = o.Required("value").AsString();
    options_.k = NumberOption(o, "k", method == "mad" ? 3.5 : 3.0, 1e-9, 1e9);
    const std::string dir = ChoiceOption(o, "direction", {"both", "high", "low"}, "both");
    options_.direction = dir == "high"  ? model::AnomalyDirection::kHigh
                         : dir == "low" ? model::AnomalyDirection::kLow
                                        : model::AnomalyDirection::kBoth;
    options_.min_count = IntOption(o, "min_count", 3, 2, int64_t{1} << 40);
    options_.score_column = o.GetString("score", "score");
    options_.flag_column = o.GetString("flag", "anomaly");
    only_anomalies_ = o.GetBool("only_anomalies", false);
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const TablePtr& in = ctx.input(0);
    for (const std::string& b : options_.by) RequireColumn(node_.Get("by"), *in, b);
    RequireColumn(node_.Get("value"), *in, options_.value);
    TablePtr out = TagStep(ctx, [&] { return model::ScoreAnomalies(*in, options_); });
    ctx.SetOutput(0, only_anomalies_ ? KeepFlagged(out, options_.flag_column) : out);
  }

 private:
  model::AnomalyOptions options_;
  bool only_anomalies_ = false;
  SpecNode node_;
};

}  // namespace

StepKind AnomalyStepKind() {
  return {.name = "anomaly",
          .summary =
              "Per-group anomaly score and flag: z-score (3σ rule) or robust z from median "
              "and MAD.",
          .outputs_doc = "the input plus the score and flag columns (or only the flagged rows)",
          .options = {{"method", "text", false, "zscore (default) or mad."},
                      {"value", "column", true, "Numeric column to score."},
                      {"by", "columns", false, "One distribution per group (none: whole table)."},
                      {"k", "number", false, "Flag when |score| > k (default 3; 3.5 for mad)."},
                      {"direction", "text", false, "both (default), high or low."},
                      {"min_count", "number", false,
                       "Values a group needs to be scored (default 3, at least 2)."},
                      {"score", "column", false, "Name of the score column (default score)."},
                      {"flag", "column", false, "Name of the flag column (default anomaly)."},
                      {"only_anomalies", "bool", false, "Keep only the flagged rows."}},
          .make = [] { return std::make_unique<AnomalyStep>(); }};
}

}  // namespace xf::pipeline
