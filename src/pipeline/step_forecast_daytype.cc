// forecast_daytype: the guideline's per-day-type electricity forecast (model/daytype_forecast.h).
#include "model/daytype_forecast.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class ForecastDayTypeStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.keys = o.Get("key").AsStringList();
    options_.date = o.Required("date").AsString();
    options_.value = o.Required("value").AsString();
    options_.lookback_days = PositiveInt(o, "lookback_days", options_.lookback_days);
    options_.holiday_lookback_days =
        PositiveInt(o, "holiday_lookback_days", options_.holiday_lookback_days);
    options_.recent_days = PositiveInt(o, "recent_days", options_.recent_days);
    options_.min_history_days = o.GetInt("min_history_days", options_.min_history_days);
    if (options_.min_history_days < 0) o.Get("min_history_days").Fail("must be >= 0");
    options_.correction_min = o.GetDouble("correction_min", options_.correction_min);
    options_.correction_max = o.GetDouble("correction_max", options_.correction_max);
    if (!(options_.correction_min > 0)) o.Get("correction_min").Fail("must be > 0");
    if (!(options_.correction_max >= options_.correction_min)) {
      o.Get("correction_max").Fail("must be >= correction_min");
    }
    if (o.Has("exclude_below")) options_.exclude_below = o.Get("exclude_below").AsDouble();
    options_.prefix = o.GetString("prefix", "");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    for (const std::string& k : options_.keys) RequireColumn(node_.Get("key"), in, k);
    RequireColumn(node_.Get("date"), in, options_.date);
    RequireColumn(node_.Get("value"), in, options_.value);
    ctx.SetOutput(0, DayTypeForecast(in, options_));
  }

 private:
  static int64_t PositiveInt(const SpecNode& o, const char* key, int64_t fallback) {
    const int64_t v = o.GetInt(key, fallback);
    if (v < 1) o.Get(key).Fail("must be >= 1");
    return v;
  }
  DayTypeForecastOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind ForecastDayTypeStepKind() {
  return {.name = "forecast_daytype",
          .summary =
              "Expected value per key and date from the same China day type's history "
              "(workday / weekend / holiday), corrected by the recent deviation.",
          .outputs_doc = "the input plus day_type, baseline, correction, expected",
          .options =
              {{"key", "columns", false, "Series keys, e.g. user_id (none: one series)."},
               {"date", "column", true, "Date column (type date)."},
               {"value", "column", true, "Numeric value to forecast, e.g. daily kWh."},
               {"lookback_days", "number", false,
                "Window for the workday and weekend baselines, in days (default 56)."},
               {"holiday_lookback_days", "number", false,
                "Window for the holiday baseline (default 400); with no holiday in it, the weekend "
                "baseline is used."},
               {"recent_days", "number", false,
                "Window of the correction factor actual ÷ baseline (default 7)."},
               {"min_history_days", "number", false,
                "Usable history rows needed before outputs are non-NULL (default 14)."},
               {"correction_min", "number", false, "Lower clamp of the correction (default 0.5)."},
               {"correction_max", "number", false, "Upper clamp of the correction (default 2.0)."},
               {"exclude_below", "number", false,
                "Values below this are left out of the history (e.g. 6: shutdown days)."},
               {"prefix", "text", false, "Prefix for the four output column names."}},
          .make = [] { return std::make_unique<ForecastDayTypeStep>(); }};
}

}  // namespace xf::pipeline
