#include "pipeline/source_standards.h"

#include "govern/validate.h"

namespace xf::pipeline {

govern::RuleResult ReadableRule(const InputInfo& input) {
  govern::RuleResult r;
  r.id = "readable";
  r.kind = govern::RuleKind::kReadable;
  r.table = input.name;
  r.severity = govern::Severity::kWarn;
  r.dimension = govern::DefaultDimension(r.kind);
  r.indicator = govern::DefaultIndicator(r.kind);
  r.description = "rows loaded / rows read";
  r.evaluated = input.rows_read;
  r.conforming = input.rows_loaded;
  return r;
}

void ApplySourceStandards(const ScenarioSpec& spec, RunResult* result) {
  if (spec.standards.empty()) return;
  // References are checked against the sources as loaded, so the outcome does not depend on
  // the order the standards are applied in.
  const govern::TableLookup loaded(result->tables.begin(), result->tables.end());
  for (const InputInfo& in : result->inputs) {
    auto it = spec.standards.find(in.name);
    if (it == spec.standards.end()) continue;
    govern::ValidateOptions options;
    options.table = in.name;
    options.source = in.source == "synthetic" ? in.name : in.source;
    options.tables = &loaded;
    govern::Validation v = govern::Validate(it->second, loaded.at(in.name), options);
    result->tables[in.name] = v.passed;
    result->tables[govern::QuarantineTableName(in.name)] = v.quarantine;
    v.quality.rules.push_back(ReadableRule(in));
    result->quality.push_back(std::move(v.quality));
  }
}

}  // namespace xf::pipeline
