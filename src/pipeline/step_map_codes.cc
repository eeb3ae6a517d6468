// map_codes: code mapping through an inline map or a CSV file (govern/clean_map_codes.h).
#include <filesystem>

#include "govern/clean_map_codes.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/clean_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class MapCodesStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.column = o.Required("column").AsString();
    options_.output = o.GetString("output", "");
    if (o.Has("map") == o.Has("file")) o.Fail("give exactly one of 'map' and 'file'");
    if (o.Has("map")) {
      const SpecNode m = o.Get("map");
      if (!m.IsMap()) m.Fail("must be a map of from: to");
      for (const auto& [from, to] : m.Entries()) options_.map[from] = to.AsString();
    } else {
      // Relative to the scenario file, like every other path in a scenario.
      const SpecNode f = o.Get("file");
      std::filesystem::path path = f.AsString();
      if (path.is_relative()) path = std::filesystem::path(f.file()).parent_path() / path;
      try {
        options_.map = govern::LoadCodeMap(path.string());
      } catch (const Error& e) {
        f.Fail(e.what());
      }
    }
    options_.unmapped = static_cast<govern::UnmappedAction>(
        ChoiceOf(o, "unmapped", {"keep", "null", "error", "quarantine"}, 0));
    RequireSetAsideOutput(o, options_.unmapped == govern::UnmappedAction::kQuarantine,
                          "unmapped: quarantine");
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    RequireColumn(node_.Get("column"), in, options_.column);
    govern::CodeMapResult r = InCleaningStep(ctx, [&] { return govern::MapCodes(in, options_); });
    ctx.SetOutput(0, r.table);
    if (ctx.num_outputs() > 1) ctx.SetOutput(1, r.quarantined);
  }

 private:
  govern::CodeMapOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind MapCodesStepKind() {
  return {.name = "map_codes",
          .summary = "Replaces codes by standard ones through a from → to map (代码映射).",
          .max_outputs = 2,
          .outputs_doc = "the table[, unmapped rows with _rules, _reasons and _source_row]",
          .options = {{"column", "column", true, "The codes (non-string values match as text)."},
                      {"output", "column", false, "Column for the result (default: replace)."},
                      {"map", "map", false, "Inline map of from: to."},
                      {"file", "text", false,
                       "CSV with columns from,to (relative to the scenario file)."},
                      {"unmapped", "text", false, "keep (default), null, error or quarantine."}},
          .make = [] { return std::make_unique<MapCodesStep>(); }};
}

}  // namespace xf::pipeline
