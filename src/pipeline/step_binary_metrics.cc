// binary_metrics: how well scores separate a 0/1 target — AUC, Gini, KS and log-loss per group
// and score column (model/binary_metrics.h), e.g. holdout validation of a scorecard or a GBDT.
#include <algorithm>
#include <cmath>

#include "model/binary_metrics.h"
#include "model/numeric_columns.h"
#include "model/series_groups.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class BinaryMetricsStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    target_ = o.Required("target").AsString();
    scores_ = o.Required("scores").AsStringList();
    if (scores_.empty()) o.Get("scores").Fail("needs at least one score column");
    reverse_ = o.Get("reverse").AsStringList();
    for (const std::string& r : reverse_) {
      if (std::find(scores_.begin(), scores_.end(), r) == scores_.end()) {
        o.Get("reverse").Fail("'" + r + "' is not one of the scores");
      }
    }
    by_ = o.Get("by").AsStringList();
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const TablePtr& in = ctx.input(0);
    RequireColumn(node_.Get("target"), *in, target_);
    for (const std::string& s : scores_) RequireColumn(node_.Get("scores"), *in, s);
    for (const std::string& b : by_) RequireColumn(node_.Get("by"), *in, b);
    ctx.SetOutput(0, TagStep(ctx, [&] { return Compute(*in); }));
  }

 private:
  TablePtr Compute(const Table& in) const {
    const std::vector<double> target = model::BinaryTarget(in, target_, "binary_metrics");
    std::vector<std::vector<double>> values;
    for (const std::string& s : scores_) {
      values.push_back(model::NumericValues(model::NumericColumnOf(in, s, "binary_metrics")));
    }
    const RowGroups groups = GroupRows(in, by_);
    MetricsTable out(in, by_);
    const ColumnPtr score_col = out.AddColumn("score", TypeId::kString);
    const ColumnPtr n_col = out.AddColumn("n", TypeId::kInt64);
    const ColumnPtr events_col = out.AddColumn("events", TypeId::kInt64);
    out.AddMetrics({"event_rate", "auc", "gini", "ks", "log_loss"});
    for (int64_t g = 0; g < groups.num_groups(); ++g) {
      for (size_t s = 0; s < scores_.size(); ++s) {
        const bool reversed =
            std::find(reverse_.begin(), reverse_.end(), scores_[s]) != reverse_.end();
        // Rows where both the score and the target are known: every metric uses the same rows.
        std::vector<double> score, y;
        bool probability = !reversed;
        for (int64_t k = groups.offsets[g]; k < groups.offsets[g + 1]; ++k) {
          const int64_t r = groups.rows[k];
          const double v = values[s][r];
          if (std::isnan(v) || std::isnan(target[r])) continue;
          probability = probability && v >= 0 && v <= 1;
          score.push_back(reversed ? -v : v);
          y.push_back(target[r]);
        }
        out.AppendKey(groups.first_rows[g]);
        int64_t events = 0;
        for (double t : y) events += t == 1;
        score_col->AppendString(scores_[s]);
        n_col->AppendInt64(static_cast<int64_t>(y.size()));
        events_col->AppendInt64(events);
        const double auc = model::Auc(score, y);
        out.AppendMetric(
            0, y.empty() ? NAN : static_cast<double>(events) / static_cast<double>(y.size()));
        out.AppendMetric(1, auc);
        out.AppendMetric(2, 2 * auc - 1);
        out.AppendMetric(3, model::KsStatistic(score, y));
        // Log-loss only means something for probabilities.
        out.AppendMetric(4, probability && !y.empty() ? model::LogLoss(score, y) : NAN);
      }
    }
    return out.Finish();
  }

  std::string target_;
  std::vector<std::string> scores_, reverse_, by_;
  SpecNode node_;
};

}  // namespace

StepKind BinaryMetricsStepKind() {
  return {
      .name = "binary_metrics",
      .summary = "How well scores separate a 0/1 target: AUC, Gini, KS and log-loss per group.",
      .outputs_doc =
          "one row per group and score: by…, score, n, events, event_rate, auc, gini, ks, log_loss",
      .options = {{"target", "column", true, "0/1 or bool target (1 = event, e.g. default)."},
                  {"scores", "columns", true, "Score columns; higher = more likely an event."},
                  {"reverse", "columns", false,
                   "Scores among `scores` where lower = more likely an event (scorecard points)."},
                  {"by", "columns", false, "Group columns (none: one row per score)."}},
      .make = [] { return std::make_unique<BinaryMetricsStep>(); }};
}

}  // namespace xf::pipeline
