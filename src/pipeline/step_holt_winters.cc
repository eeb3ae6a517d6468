// holt_winters: per-key Holt-Winters fit and forecast (model/exponential_smoothing.h).
#include <cmath>
#include <memory>
#include <optional>

#include "core/time.h"
#include "model/exponential_smoothing.h"
#include "model/feature_matrix.h"
#include "model/series_groups.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/model_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

struct SeriesResult {
  std::vector<int64_t> rows;  // in time order
  model::HoltWintersFit fit;
  double step = 0;  // time between forecast rows, in the time column's units
  std::optional<Error> error;
};

class HoltWintersStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    by_ = o.Get("by").AsStringList();
    time_ = o.Required("time").AsString();
    value_ = o.Required("value").AsString();
    options_.season_length = IntOption(o, "season_length", 7, 1, 100000);
    options_.seasonality = ChoiceOption(o, "seasonality", {"additive", "multiplicative"},
                                        "additive") == "multiplicative"
                               ? model::Seasonality::kMultiplicative
                               : model::Seasonality::kAdditive;
    options_.trend = o.GetBool("trend", true);
    if (o.Has("alpha")) options_.alpha = NumberOption(o, "alpha", 0, 0, 1);
    if (o.Has("beta")) options_.beta = NumberOption(o, "beta", 0, 0, 1);
    if (o.Has("gamma")) options_.gamma = NumberOption(o, "gamma", 0, 0, 1);
    horizon_ = IntOption(o, "horizon", options_.season_length, 0, 1000000);
    output_ = o.GetString("output", "forecast");
    const size_t outs = o.Get("out").Items().size();
    if (outs > 2) o.Get("out").Fail("at most two outputs: forecast rows, parameters");
    node_ = o;
  }

  void Run(StepContext& ctx) override {
    const TablePtr& in = ctx.input(0);
    for (const std::string& b : by_) RequireColumn(node_.Get("by"), *in, b);
    RequireColumn(node_.Get("time"), *in, time_);
    RequireColumn(node_.Get("value"), *in, value_);
    const Column& tc = *in->column(time_);
    std::optional<double> every;
    if (node_.Has("every")) {
      const SpecNode e = node_.Get("every");
      if (tc.type() == TypeId::kDate) {
        every = static_cast<double>(e.AsDuration()) / static_cast<double>(kMicrosPerDay);
      } else if (tc.type() == TypeId::kTimestamp) {
        every = static_cast<double>(e.AsDuration());
      } else {
        every = e.AsDouble();
      }
      if (!(*every > 0)) e.Fail("must be > 0");
    }
    const int64_t n = in->num_rows();
    // One slot per series, at the series' smallest row, so series come out in order of first
    // appearance whatever the scheduling.
    std::vector<std::unique_ptr<SeriesResult>> slots(n);
    TagStep(ctx, [&] {
      model::RequireNumericColumn(*in, value_, "holt_winters");
      const Column& vc = *in->column(value_);
      ForEachOrderedSeries(*in, by_, time_, [&](const std::vector<int64_t>& rows) {
        if (rows.empty()) return;
        auto r = std::make_unique<SeriesResult>();
        r->rows = rows;
        std::vector<double> x(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
          if (!model::NumericValue(vc, rows[i], &x[i])) x[i] = NAN;
        }
        r->step = every.value_or(
            rows.size() >= 2 ? TimeOf(tc, rows.back()) - TimeOf(tc, rows[rows.size() - 2]) : 1);
        try {
          r->fit = model::FitHoltWinters(x, options_, horizon_);
        } catch (Error& e) {
          const std::string group = DescribeGroup(*in, by_, rows[0]);
          r->error = Error(e.kind(), (group.empty() ? "" : "series " + group + ": ") + e.message(),
                           e.context());
        }
        const int64_t slot = *std::min_element(rows.begin(), rows.end());
        slots[slot] = std::move(r);
      });
    });
    std::vector<const SeriesResult*> series;
    for (const auto& s : slots) {
      if (!s) continue;
      if (s->error) throw Error(*s->error).WithStep(ctx.step_id());
      series.push_back(s.get());
    }
    ctx.SetOutput(0, ForecastTable(*in, series));
    if (ctx.num_outputs() == 2) ctx.SetOutput(1, ParamsTable(*in, series));
  }

 private:
  static double TimeOf(const Column& c, int64_t r) {
    switch (c.type()) {
      case TypeId::kDate:
        return c.data<int32_t>()[r];
      case TypeId::kFloat64:
        return c.data<double>()[r];
      default:
        return static_cast<double>(c.data<int64_t>()[r]);
    }
  }

  // by…, time, value, forecast, kind: the fitted rows of each series then its forecast rows.
  TablePtr ForecastTable(const Table& in, const std::vector<const SeriesResult*>& series) const {
    const Column& tc = *in.column(time_);
    const Column& vc = *in.column(value_);
    std::vector<ColumnPtr> cols;
    Schema schema;
    for (const std::string& b : by_) {
      cols.push_back(Column::Make(in.column(b)->type()));
      schema.Add({b, in.column(b)->type()});
    }
    auto time = Column::Make(tc.type());
    auto value = Column::Make(TypeId::kFloat64);
    auto forecast = Column::Make(TypeId::kFloat64);
    auto kind = Column::Make(TypeId::kString);
    for (const SeriesResult* s : series) {
      auto emit = [&](int64_t key_row) {
        for (size_t k = 0; k < by_.size(); ++k) cols[k]->AppendFrom(*in.column(by_[k]), key_row);
      };
      for (size_t i = 0; i < s->rows.size(); ++i) {
        const int64_t r = s->rows[i];
        emit(r);
        time->AppendFrom(tc, r);
        double v = 0;
        if (model::NumericValue(vc, r, &v)) {
          value->AppendFloat64(v);
        } else {
          value->AppendNull();
        }
        const double f = s->fit.fitted[i];
        if (std::isfinite(f)) {
          forecast->AppendFloat64(f);
        } else {
          forecast->AppendNull();
        }
        kind->AppendString("fitted");
      }
      const int64_t last = s->rows.back();
      const double t0 = TimeOf(tc, last);
      for (size_t h = 1; h <= s->fit.forecast.size(); ++h) {
        emit(last);
        const double t = t0 + static_cast<double>(h) * s->step;
        switch (tc.type()) {
          case TypeId::kDate:
            time->AppendDate(static_cast<int32_t>(std::llround(t)));
            break;
          case TypeId::kFloat64:
            time->AppendFloat64(t);
            break;
          case TypeId::kTimestamp:
            time->AppendTimestamp(std::llround(t));
            break;
          default:
            time->AppendInt64(std::llround(t));
            break;
        }
        value->AppendNull();
        forecast->AppendFloat64(s->fit.forecast[h - 1]);
        kind->AppendString("forecast");
      }
    }
    schema.Add({time_, tc.type()});
    schema.Add({value_, TypeId::kFloat64});
    schema.Add({output_, TypeId::kFloat64});
    schema.Add({"kind", TypeId::kString});
    cols.push_back(time);
    cols.push_back(value);
    cols.push_back(forecast);
    cols.push_back(kind);
    return Table::Make(schema, cols);
  }

  // by…, alpha, beta, gamma, n, rmse: the smoothing parameters used (given or fitted).
  TablePtr ParamsTable(const Table& in, const std::vector<const SeriesResult*>& series) const {
    std::vector<ColumnPtr> cols;
    Schema schema;
    for (const std::string& b : by_) {
      cols.push_back(Column::Make(in.column(b)->type()));
      schema.Add({b, in.column(b)->type()});
    }
    std::vector<ColumnPtr> nums;
    for (const char* name : {"alpha", "beta", "gamma", "rmse"}) {
      nums.push_back(Column::Make(TypeId::kFloat64));
      schema.Add({name, TypeId::kFloat64});
    }
    auto count = Column::Make(TypeId::kInt64);
    schema.Add({"n", TypeId::kInt64});
    for (const SeriesResult* s : series) {
      for (size_t k = 0; k < by_.size(); ++k) cols[k]->AppendFrom(*in.column(by_[k]), s->rows[0]);
      nums[0]->AppendFloat64(s->fit.params.alpha);
      if (options_.trend) {
        nums[1]->AppendFloat64(s->fit.params.beta);
      } else {
        nums[1]->AppendNull();
      }
      nums[2]->AppendFloat64(s->fit.params.gamma);
      if (s->fit.n > 0) {
        nums[3]->AppendFloat64(std::sqrt(s->fit.sse / static_cast<double>(s->fit.n)));
      } else {
        nums[3]->AppendNull();
      }
      count->AppendInt64(s->fit.n);
    }
    cols.insert(cols.end(), nums.begin(), nums.end());
    cols.push_back(count);
    return Table::Make(schema, cols);
  }

  std::vector<std::string> by_;
  std::string time_, value_, output_;
  model::HoltWintersOptions options_;
  int64_t horizon_ = 7;
  SpecNode node_;
};

}  // namespace

StepKind HoltWintersStepKind() {
  return {
      .name = "holt_winters",
      .summary = "Holt-Winters (additive or multiplicative) fit and h-step forecast per series.",
      .min_outputs = 1,
      .max_outputs = 2,
      .outputs_doc = "fitted + forecast rows[, parameters per series]",
      .options = {{"value", "column", true, "Numeric series, one row per period."},
                  {"time", "column", true, "Date, timestamp or number ordering the series."},
                  {"by", "columns", false, "Series keys (none: one series)."},
                  {"season_length", "number", false, "Periods per season, m (default 7)."},
                  {"seasonality", "text", false, "additive (default) or multiplicative."},
                  {"trend", "bool", false, "Include a trend (default true)."},
                  {"alpha", "number", false, "Level smoothing in [0, 1] (default: fitted)."},
                  {"beta", "number", false, "Trend smoothing in [0, 1] (default: fitted)."},
                  {"gamma", "number", false, "Season smoothing in [0, 1] (default: fitted)."},
                  {"horizon", "number", false, "Forecast periods (default season_length)."},
                  {"every", "duration", false,
                   "Time between forecast rows (default: the series' last interval)."},
                  {"output", "column", false, "Name of the forecast column (forecast)."}},
      .make = [] { return std::make_unique<HoltWintersStep>(); }};
}

}  // namespace xf::pipeline
