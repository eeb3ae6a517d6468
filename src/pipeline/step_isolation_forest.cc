// isolation_forest: multivariate anomaly scores (model/isolation_forest.h).
#include <algorithm>
#include <cmath>

#include "model/isolation_forest.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class IsolationForestStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    features_ = o.Required("features").AsStringList();
    if (features_.empty()) o.Get("features").Fail("give at least one feature column");
    options_.trees = IntOption(o, "trees", 100, 1, 100000);
    options_.sample_size = IntOption(o, "sample_size", 256, 2, int64_t{1} << 30);
    if (o.Has("contamination") && o.Has("threshold")) {
      o.Get("threshold").Fail("give either contamination or threshold, not both");
    }
    if (o.Has("contamination")) contamination_ = NumberOption(o, "contamination", 0, 0, 0.5);
    threshold_ = NumberOption(o, "threshold", 0.6, 0, 1);
    score_ = o.GetString("score", "score");
    flag_ = o.GetString("flag", "anomaly");
    only_anomalies_ = o.GetBool("only_anomalies", false);
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const TablePtr& in = ctx.input(0);
    for (const std::string& f : features_) RequireColumn(node_.Get("features"), *in, f);
    model::IsolationForestOptions options = options_;
    options.seed = ctx.seed();
    const std::vector<double> scores = TagStep(ctx, [&] {
      return model::IsolationForestScores(model::ReadFeatures(*in, features_, false), options);
    });
    double threshold = threshold_;
    if (contamination_ >= 0) {
      // The score of the ceil(contamination × n)-th highest usable row; ties are all flagged.
      std::vector<double> sorted;
      for (double s : scores) {
        if (std::isfinite(s)) sorted.push_back(s);
      }
      std::sort(sorted.begin(), sorted.end(), std::greater<>());
      const auto top = static_cast<int64_t>(
          std::ceil(contamination_ * static_cast<double>(sorted.size()) - 1e-9));
      threshold = top == 0 ? 2.0 : sorted[top - 1];
    }
    const int64_t n = in->num_rows();
    auto sc = Column::Make(TypeId::kFloat64);
    auto fc = Column::Make(TypeId::kBool);
    sc->Reserve(n);
    fc->Reserve(n);
    for (int64_t r = 0; r < n; ++r) {
      if (std::isfinite(scores[r])) {
        sc->AppendFloat64(scores[r]);
      } else {
        sc->AppendNull();
      }
      // With contamination the cut-off row itself is flagged (>=); a fixed threshold is strict.
      fc->AppendBool(std::isfinite(scores[r]) &&
                     (contamination_ >= 0 ? scores[r] >= threshold : scores[r] > threshold));
    }
    TablePtr out = in->WithColumn(score_, sc)->WithColumn(flag_, fc);
    ctx.SetOutput(0, only_anomalies_ ? KeepFlagged(out, flag_) : out);
  }

 private:
  std::vector<std::string> features_;
  model::IsolationForestOptions options_;
  double contamination_ = -1;
  double threshold_ = 0.6;
  std::string score_, flag_;
  bool only_anomalies_ = false;
  SpecNode node_;
};

}  // namespace

StepKind IsolationForestStepKind() {
  return {
      .name = "isolation_forest",
      .summary = "Multivariate anomaly score in (0, 1] by isolation forest (seeded by the run).",
      .outputs_doc = "the input plus the score and flag columns (or only the flagged rows)",
      .options = {{"features", "columns", true, "Numeric feature columns."},
                  {"trees", "number", false, "Number of trees (default 100)."},
                  {"sample_size", "number", false, "Rows per tree, ψ (default 256)."},
                  {"contamination", "number", false,
                   "Flag this fraction of rows with the highest scores (0 … 0.5)."},
                  {"threshold", "number", false,
                   "Flag rows scoring above this (default 0.6) when contamination is not set."},
                  {"score", "column", false, "Name of the score column (default score)."},
                  {"flag", "column", false, "Name of the flag column (default anomaly)."},
                  {"only_anomalies", "bool", false, "Keep only the flagged rows."}},
      .make = [] { return std::make_unique<IsolationForestStep>(); }};
}

}  // namespace xf::pipeline
