// report.json: everything a reader of a run needs — summary, data quality, per-step statistics,
// the panels the scenario declares, alerts and outputs — in the schema of docs/report.md, which
// web/report.js renders into report.html.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "pipeline/runner.h"
#include "pipeline/scenario_spec.h"

namespace xf::pipeline {

struct RunMeta {
  std::string id;
  std::string status = "complete";
  std::string started_at;   // ISO-8601 UTC
  std::string finished_at;  // ISO-8601 UTC
  double seconds = 0;
  uint64_t seed = 42;
  double scale = 1;
  std::string engine_version;
  std::string workspace;
  std::string data = "synthetic";  // or the --data folder
};

struct OutputInfo {
  std::string name;
  int64_t rows = 0;
  std::string content_hash;
  std::vector<std::string> files;  // relative to the run folder
};

// Checks the scenario's report: block (keys, panel types, tables, metric functions) so that a
// mistake there fails before the run, not after it. Called by LoadScenario.
void ValidateReportSpec(const ScenarioSpec& spec);

nlohmann::json BuildReport(const ScenarioSpec& spec, const RunResult& result, const RunMeta& meta,
                           const std::vector<OutputInfo>& outputs);

// A table cell as JSON: numbers rounded to 4 decimals (reports show, they do not carry data),
// dates as YYYY-MM-DD, timestamps in Asia/Shanghai local time.
nlohmann::json CellToJson(const Column& column, int64_t row);

}  // namespace xf::pipeline
