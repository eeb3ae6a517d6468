// forecast_metrics: MAE, RMSE, MAPE per group, optionally against the seasonal-naive forecast
// (model/forecast_metrics.h).
#include <cmath>

#include "model/forecast_metrics.h"
#include "model/series_groups.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class ForecastMetricsStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    actual_ = o.Required("actual").AsString();
    predicted_ = o.Required("predicted").AsString();
    by_ = o.Get("by").AsStringList();
    date_ = o.GetString("date", "");
    season_days_ = IntOption(o, "season_days", 7, 1, 100000);
    if (o.Has("season_days") && date_.empty()) o.Get("season_days").Fail("needs the date option");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const TablePtr& in = ctx.input(0);
    RequireColumn(node_.Get("actual"), *in, actual_);
    RequireColumn(node_.Get("predicted"), *in, predicted_);
    for (const std::string& b : by_) RequireColumn(node_.Get("by"), *in, b);
    if (!date_.empty()) RequireColumn(node_.Get("date"), *in, date_);
    ctx.SetOutput(0, TagStep(ctx, [&] { return Compute(*in); }));
  }

 private:
  TablePtr Compute(const Table& in) const {
    const bool naive = !date_.empty();
    ColumnPtr naive_col;
    if (naive) naive_col = SeasonalNaive(in, by_, date_, actual_, season_days_);
    const RowGroups groups = GroupRows(in, by_);
    MetricsTable out(in, by_);
    const ColumnPtr n_col = out.AddColumn("n", TypeId::kInt64);
    std::vector<std::string> names = {"mae", "rmse", "mape"};
    if (naive) names.insert(names.end(), {"naive_mae", "naive_rmse", "naive_mape", "mae_ratio"});
    out.AddMetrics(names);
    const ColumnPtr& actual = in.column(actual_);
    const ColumnPtr& predicted = in.column(predicted_);
    for (int64_t g = 0; g < groups.num_groups(); ++g) {
      const std::vector<int64_t> rows(groups.rows.begin() + groups.offsets[g],
                                      groups.rows.begin() + groups.offsets[g + 1]);
      out.AppendKey(rows[0]);
      const ColumnPtr a = actual->Take(rows), p = predicted->Take(rows);
      const ForecastMetrics m = ComputeForecastMetrics(*a, *p);
      n_col->AppendInt64(m.n);
      out.AppendMetric(0, m.mae);
      out.AppendMetric(1, m.rmse);
      out.AppendMetric(2, m.mape);
      if (!naive) continue;
      // The comparison uses only rows where the model, the naive forecast and the actual all
      // exist, so neither side is judged on days the other skipped.
      std::vector<int64_t> common;
      const ColumnPtr nv = naive_col->Take(rows);
      for (int64_t i = 0; i < static_cast<int64_t>(rows.size()); ++i) {
        if (p->IsValid(i) && nv->IsValid(i)) common.push_back(i);
      }
      const ColumnPtr ac = a->Take(common);
      const ForecastMetrics nm = ComputeForecastMetrics(*ac, *nv->Take(common));
      const ForecastMetrics pm = ComputeForecastMetrics(*ac, *p->Take(common));
      out.AppendMetric(3, nm.mae);
      out.AppendMetric(4, nm.rmse);
      out.AppendMetric(5, nm.mape);
      out.AppendMetric(6, nm.mae > 0 ? pm.mae / nm.mae : NAN);
    }
    return out.Finish();
  }

  std::string actual_, predicted_, date_;
  std::vector<std::string> by_;
  int64_t season_days_ = 7;
  SpecNode node_;
};

}  // namespace

StepKind ForecastMetricsStepKind() {
  return {
      .name = "forecast_metrics",
      .summary =
          "Forecast accuracy per group (MAE, RMSE, MAPE), optionally against the "
          "seasonal-naive forecast.",
      .outputs_doc = "one row per group: by…, n, mae, rmse, mape[, naive_*, mae_ratio]",
      .options = {{"actual", "column", true, "Numeric actual values."},
                  {"predicted", "column", true, "Numeric forecast values."},
                  {"by", "columns", false, "Group columns (none: one row)."},
                  {"date", "column", false,
                   "Date column; adds the seasonal-naive comparison (same key, season_days "
                   "earlier)."},
                  {"season_days", "number", false, "Season of the naive forecast (default 7)."}},
      .make = [] { return std::make_unique<ForecastMetricsStep>(); }};
}

}  // namespace xf::pipeline
