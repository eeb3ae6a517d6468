// A scenario: one folder with scenario.yaml (what data, which steps, what to output and report)
// and a README. LoadScenario reads and validates the whole spec — every step's options, every
// table a step reads — before any data is touched, so a spec error costs milliseconds.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/spec_node.h"
#include "govern/mask.h"
#include "govern/standard.h"
#include "io/table_file.h"
#include "pipeline/step.h"

namespace xf::pipeline {

struct GuidelineRef {
  int industry = 0;  // 1..9 as numbered in the guideline
  int field = 0;
  std::string title_zh;
  std::string title_en;
};

// A real data source: a file the user points the scenario at (relative to --data DIR, or to the
// scenario folder when --data is not given).
struct SourceSpec {
  std::string name;  // table name in the pipeline
  std::string path;
  ReadFileOptions read;
  // `bundled: true`: the file ships in the scenario's folder (reference data such as emission
  // factors or code tables). Synthetic runs read it from there; --data runs read DIR/<path> when it
  // exists (the user's own version), else the scenario's copy.
  bool bundled = false;
  SpecNode node;
};

struct StepSpec {
  std::string id;
  std::string kind;
  std::string description;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  SpecNode node;               // the whole step map, for errors at run time
  std::unique_ptr<Step> step;  // configured
  // The step-level `mask:` option, applied by the runner to the step's outputs; null if none.
  std::shared_ptr<const govern::MaskPlan> mask;
};

struct OutputSpec {
  std::string table;
  std::vector<std::string> formats;  // "csv", "jsonl"; default csv
};

struct ScenarioSpec {
  std::string file;  // path of scenario.yaml
  std::string dir;   // its folder
  std::string name;  // slug, e.g. power-production-status
  std::string industry_slug;  // folder name above, e.g. green
  std::string title_en;
  std::string title_zh;
  GuidelineRef guideline;
  std::optional<SpecNode> synthetic;  // the synthetic-data spec (inline or from its own file)
  // Named sizes of the synthetic data (`scales: {large: 20}`), chosen with `--scale large`;
  // `default` is always 1.
  std::map<std::string, double> scales;
  std::vector<SourceSpec> sources;
  // Data standards by source name, applied right after loading (runner.h); each source `x` with
  // one also provides the table `x__quarantine`.
  std::map<std::string, govern::TableStandard> standards;
  std::vector<StepSpec> steps;  // in a valid execution order (topologically sorted)
  std::vector<OutputSpec> outputs;
  std::vector<std::string> alert_tables;
  SpecNode report;  // report: block (panels, metrics, headline); validated by report_json.cc
  SpecNode root;
};

// `path` is a scenario folder or its yaml file. Validates everything that can be validated
// without data: keys, step kinds and options, table names read before written, cycles.
// `available_tables` are the names the data section will provide (sources or synthetic tables);
// empty means "take them from the spec's sources".
// `require_guideline` false loads a plain pipeline (no `guideline:`), as `xfactor exec` runs; the
// catalogue, `run` and the report want every scenario to name its guideline field.
ScenarioSpec LoadScenario(const std::string& path, bool require_guideline = true);

// A synthetic-data scale, named in `scales:` or given as --scale: greater than 0, at most 10000.
inline bool IsValidScale(double scale) { return scale > 0 && scale <= 10000; }

// The scenario folders under `root` (recursively, those containing scenario.yaml), sorted.
std::vector<std::string> FindScenarios(const std::string& root);

}  // namespace xf::pipeline
