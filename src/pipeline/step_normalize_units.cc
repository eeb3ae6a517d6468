// normalize_units: values converted to one unit (govern/clean_units.h, govern/units.h).
#include <fmt/format.h>

#include "govern/clean_units.h"
#include "govern/units.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/clean_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

void RequireUnit(const SpecNode& node) {
  const std::string u = node.AsString();
  if (govern::UnitDimension(u)) return;
  node.Fail(fmt::format("unknown unit '{}'{}", u, govern::UnitSuggestion(u)));
}

class NormalizeUnitsStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.columns = o.Required("columns").AsStringList();
    options_.unit_column = o.GetString("unit", "");
    options_.from = o.GetString("from", "");
    if (options_.unit_column.empty() == options_.from.empty()) {
      o.Fail("give exactly one of 'unit' (a column naming each row's unit) and 'from'");
    }
    if (!options_.from.empty()) RequireUnit(o.Get("from"));
    options_.to = o.Required("to").AsString();
    RequireUnit(o.Get("to"));
    if (!options_.from.empty() && !govern::FindConversion(options_.from, options_.to)) {
      o.Get("from").Fail(fmt::format("'{}' cannot convert to '{}' (different dimensions)",
                                     options_.from, options_.to));
    }
    options_.quarantine_unknown = ChoiceOf(o, "on_unknown", {"error", "quarantine"}, 0) == 1;
    RequireSetAsideOutput(o, options_.quarantine_unknown, "on_unknown: quarantine");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    for (const std::string& c : options_.columns) RequireColumn(node_.Get("columns"), in, c);
    if (!options_.unit_column.empty()) RequireColumn(node_.Get("unit"), in, options_.unit_column);
    govern::UnitNormalizeResult r =
        InCleaningStep(ctx, [&] { return govern::NormalizeUnits(in, options_); });
    ctx.SetOutput(0, r.table);
    if (ctx.num_outputs() > 1) ctx.SetOutput(1, r.quarantined);
  }

 private:
  govern::UnitNormalizeOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind NormalizeUnitsStepKind() {
  return {.name = "normalize_units",
          .summary = "Converts numeric columns to one unit (kWh/MWh, mm/m, ℃/℉ …).",
          .max_outputs = 2,
          .outputs_doc =
              "the table[, rows with an unusable unit, with _rules, _reasons and _source_row]",
          .options = {{"columns", "columns", true, "Numeric value columns (become float64)."},
                      {"unit", "column", false, "String column naming each row's unit."},
                      {"from", "text", false, "The unit of every row (instead of 'unit')."},
                      {"to", "text", true, "Target unit."},
                      {"on_unknown", "text", false,
                       "error (default) or quarantine: rows whose unit is unknown, NULL or of "
                       "another dimension."}},
          .make = [] { return std::make_unique<NormalizeUnitsStep>(); }};
}

}  // namespace xf::pipeline
