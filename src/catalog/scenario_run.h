// Running a scenario into a workspace: the run is recorded (running → complete, failed or
// aborted), every input and step output is stored as a dataset version with its lineage, the
// outputs are exported as CSV/JSONL, and report.json + report.html are written into
// <workspace>/runs/<run id>/.
#pragma once

#include <string>
#include <vector>

#include "pipeline/runner.h"
#include "pipeline/scenario_spec.h"

namespace xf::catalog {

struct ScenarioRunOptions {
  pipeline::RunOptions run;
  std::string workspace_dir = "workspace";
  std::string engine_version;
  // Whether to store every intermediate table as a dataset version (lineage step to step), or
  // only sources and outputs.
  bool keep_intermediate = true;
};

struct ScenarioRunOutcome {
  std::string run_id;
  std::string run_dir;
  std::string report_json;  // paths
  std::string report_html;
  std::vector<std::string> output_files;
  pipeline::RunResult result;
};

// Throws what the pipeline throws, after marking the run failed (or aborted when cancelled).
// `progress` is told of each input and step as it completes (may be null).
ScenarioRunOutcome RunScenario(const pipeline::ScenarioSpec& spec, const ScenarioRunOptions& options,
                               pipeline::RunObserver* progress);

// Writes the synthetic data of `spec` as CSV files into `out_dir`, named as the scenario's
// sources expect (so `run --data out_dir` reads them back), plus <name>__truth.csv ground truth.
// Returns the files written.
std::vector<std::string> GenerateScenarioData(const pipeline::ScenarioSpec& spec,
                                              const pipeline::RunOptions& options,
                                              const std::string& out_dir);

}  // namespace xf::catalog
