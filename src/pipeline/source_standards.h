// Applying a scenario's data standards to its sources right after loading: each source `x` with
// a standard becomes its passing rows, its quarantined rows become `x__quarantine`, and the
// quality results go to RunResult::quality.
#pragma once

#include "pipeline/runner.h"
#include "pipeline/scenario_spec.h"

namespace xf::pipeline {

void ApplySourceStandards(const ScenarioSpec& spec, RunResult* result);

// The accessibility check of a loaded source (GB/T 36344 可访问性 / availability): rows loaded
// out of rows read; rejected rows are the ones that could not be accessed.
govern::RuleResult ReadableRule(const InputInfo& input);

}  // namespace xf::pipeline
