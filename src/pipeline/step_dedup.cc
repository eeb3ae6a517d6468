// dedup: duplicate rows removed (govern/clean_dedup.h); dropped rows go to a second output.
#include "govern/clean_dedup.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/clean_step_util.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class DedupStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    options_.by = o.Get("by").AsStringList();
    options_.keep =
        static_cast<govern::DedupKeep>(ChoiceOf(o, "keep", {"first", "last", "most_complete"}, 0));
    if (o.Has("order_by")) options_.order_by = ParseSortKeys(o.Get("order_by"));
    node_ = o;
  }
  void Run(StepContext& ctx) override {
    const Table& in = *ctx.input(0);
    for (const std::string& b : options_.by) RequireColumn(node_.Get("by"), in, b);
    for (const SortKey& k : options_.order_by) RequireColumn(node_.Get("order_by"), in, k.column);
    govern::DedupResult r = InCleaningStep(ctx, [&] { return govern::Deduplicate(in, options_); });
    ctx.SetOutput(0, r.kept);
    if (ctx.num_outputs() > 1) ctx.SetOutput(1, r.dropped);
  }

 private:
  govern::DedupOptions options_;
  SpecNode node_;
};

}  // namespace

StepKind DedupStepKind() {
  return {.name = "dedup",
          .summary = "Removes duplicate rows: exact duplicates, or one row kept per key.",
          .max_outputs = 2,
          .outputs_doc =
              "the deduplicated table[, the dropped rows with _rules, _reasons and _source_row]",
          .options = {{"by", "columns", false, "Key columns; none: rows equal in every column."},
                      {"keep", "text", false, "first (default), last or most_complete."},
                      {"order_by", "list", false,
                       "Sort keys giving the meaning of first/last (default: input order)."}},
          .make = [] { return std::make_unique<DedupStep>(); }};
}

}  // namespace xf::pipeline
