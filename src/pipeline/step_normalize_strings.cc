// normalize_strings: trim, collapse, full→half width, case, traditional→simplified (OpenCC).
#include <fmt/format.h>

#include "govern/clean_strings.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/clean_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class NormalizeStringsStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    columns_ = o.Required("columns").AsStringList();
    options_.trim = o.GetBool("trim", true);
    options_.collapse_spaces = o.GetBool("collapse_spaces", false);
    options_.full_to_half = o.GetBool("full_to_half", false);
    options_.case_fold =
        static_cast<govern::CaseFold>(ChoiceOf(o, "case", {"keep", "lower", "upper"}, 0));
    options_.t2s = o.GetBool("t2s", false);
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    TablePtr t = ctx.input(0);
    for (const std::string& c : columns_) {
      const Column& col = *node_.Get("columns").ColumnOf(*t, c);
      if (col.type() != TypeId::kString) {
        node_.Get("columns").Fail(
            fmt::format("column '{}' is {}, not string", c, TypeName(col.type())));
      }
      t = t->WithColumn(
          c, InCleaningStep(ctx, [&] { return govern::NormalizeStrings(col, options_); }));
    }
    ctx.SetOutput(0, t);
  }

 private:
  std::vector<std::string> columns_;
  govern::StringNormalizeOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind NormalizeStringsStepKind() {
  return {
      .name = "normalize_strings",
      .summary =
          "Normalises text columns: trim, collapse spaces, full-width → half-width, "
          "case, traditional → simplified Chinese.",
      .options = {{"columns", "columns", true, "String columns."},
                  {"trim", "bool", false, "Strip leading/trailing whitespace and U+3000 (true)."},
                  {"collapse_spaces", "bool", false, "Runs of whitespace → one space (false)."},
                  {"full_to_half", "bool", false,
                   "Full-width forms U+FF01–FF5E and U+3000 → ASCII (false)."},
                  {"case", "text", false, "keep (default), lower or upper (ASCII letters)."},
                  {"t2s", "bool", false,
                   "Traditional → simplified Chinese with OpenCC t2s.json (false)."}},
      .make = [] { return std::make_unique<NormalizeStringsStep>(); }};
}

}  // namespace xf::pipeline
