// validate: applies a data standard (govern/standard.h) to a table mid-pipeline: the passing
// rows, the quarantined rows, and the quality results for the report.
#include <filesystem>

#include <fmt/format.h>

#include "govern/quality_log.h"
#include "govern/standard_parser.h"
#include "govern/validate.h"
#include "pipeline/builtin_steps.h"

namespace xf::pipeline {

namespace {

class ValidateStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    SpecNode s = o.Required("standard");
    std::filesystem::path dir = std::filesystem::path(o.file()).parent_path();
    if (s.IsScalar()) {
      std::filesystem::path p = dir / s.AsString();
      if (!std::filesystem::exists(p)) s.Fail(fmt::format("no such file: {}", p.string()));
      standard_ = govern::ParseTableStandard(SpecNode::LoadFile(p.string()).InStep(o.step()), "",
                                             p.parent_path().string());
    } else {
      standard_ = govern::ParseTableStandard(s, "", dir.empty() ? "." : dir.string());
    }
    flag_column_ = o.GetString("flag_column", "");
    fail_on_threshold_ = o.GetBool("fail_on_threshold", false);
  }

  void Run(StepContext& ctx) override {
    govern::TableLookup others;
    for (int i = 0; i < ctx.num_inputs(); ++i) others[ctx.input_name(i)] = ctx.input(i);
    govern::ValidateOptions options;
    options.table = ctx.input_name(0);
    options.tables = &others;
    options.flag_column = flag_column_;
    govern::Validation v = govern::Validate(standard_, ctx.input(0), options);
    ctx.SetOutput(0, v.passed);
    ctx.SetOutput(1, v.quarantine);
    if (fail_on_threshold_ && v.quality.blocking_failed()) {
      std::string failed;
      for (const govern::RuleResult& r : v.quality.rules) {
        if (r.severity != govern::Severity::kBlock || r.passed) continue;
        if (!failed.empty()) failed += ", ";
        failed += r.id;
      }
      throw Error(ErrorKind::kData,
                  fmt::format("table '{}' fails blocking rules below their threshold: {}",
                              ctx.input_name(0), failed),
                  node_.context());
    }
    if (ctx.services().quality != nullptr) {
      ctx.services().quality->Add(ctx.step_id(), std::move(v.quality));
    }
  }

 private:
  SpecNode node_;
  govern::TableStandard standard_;
  std::string flag_column_;
  bool fail_on_threshold_ = false;
};

}  // namespace

StepKind ValidateStepKind() {
  return {.name = "validate",
          .summary = "Applies a data standard to a table: rows failing a blocking rule go to "
                     "quarantine; quality scores go to the report.",
          .min_inputs = 1,
          .max_inputs = 8,
          .min_outputs = 2,
          .max_outputs = 2,
          .inputs_doc = "the table to validate, then any tables its `references` rules name",
          .outputs_doc = "passed rows, quarantined rows (with _rules, _reasons, _source, _source_row)",
          .options = {{"standard", "map", true,
                       "The standard (docs/governance.md): inline, or a path to its YAML file "
                       "relative to scenario.yaml."},
                      {"flag_column", "column", false,
                       "Adds this column to the passed rows: the warn rules each row fails."},
                      {"fail_on_threshold", "bool", false,
                       "Stop the run when a blocking rule's conformance is below its threshold "
                       "(default false: record it in the report)."}},
          .make = [] { return std::make_unique<ValidateStep>(); }};
}

}  // namespace xf::pipeline
