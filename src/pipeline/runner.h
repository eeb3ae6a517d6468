// Runs a scenario's pipeline in memory: load or generate the data, then execute the steps of the
// DAG, independent steps in parallel, with per-step statistics. Persisting (the workspace),
// exporting and reporting are the caller's business, through RunObserver.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/table.h"
#include "govern/validate.h"
#include "pipeline/run_services.h"
#include "pipeline/scenario_spec.h"

namespace xf::pipeline {

struct RunOptions {
  uint64_t seed = 42;
  double scale = 1.0;
  // Empty: synthetic data from the scenario's spec. Otherwise the folder holding the sources'
  // files (their paths are relative to it).
  std::string data_dir;
  // Set (e.g. by a SIGINT handler) to stop before the next step; Execute then throws Cancelled.
  const std::atomic<bool>* cancel = nullptr;
  // Steps that may run at once; 0 = the global pool's parallelism.
  int max_parallel_steps = 0;
  // The evidence ledger and masking keys steps may use; not owned.
  RunServices services;
};

// How an input table came to be.
struct InputInfo {
  std::string name;
  std::string source;  // "synthetic" or the file path
  int64_t rows_read = 0;
  int64_t rows_loaded = 0;
  int64_t rows_rejected = 0;
  TablePtr rejects;  // io/read_result.h RejectsSchema; may be empty
};

struct StepStats {
  std::string id;
  std::string kind;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  int64_t rows_in = 0;
  int64_t rows_out = 0;
  double seconds = 0;
  double peak_rss_mb = 0;  // process high-water mark when the step finished
};

struct RunResult {
  std::map<std::string, TablePtr> tables;  // every source, ground-truth and step output table
  std::vector<InputInfo> inputs;           // in source order
  std::vector<StepStats> steps;            // in completion order
  std::vector<std::string> truth_tables;   // names of ground-truth tables (synthetic runs)
  // Quality of every validated table: sources with a standard (in source order), then the
  // `validate` steps (in spec order).
  std::vector<govern::TableQuality> quality;
  double seconds = 0;
};

// Told of progress as it happens; called from the runner's threads but never concurrently.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void OnInput(const InputInfo& info, const TablePtr& table) {}
  virtual void OnStepStart(const StepSpec& step, int index, int total) {}
  virtual void OnStepDone(const StepStats& stats, const std::vector<TablePtr>& outputs, int done,
                          int total) {}
};

// Thrown when RunOptions::cancel was set; the run is incomplete.
class Cancelled : public Error {
 public:
  Cancelled() : Error(ErrorKind::kData, "run interrupted") {}
};

// The source tables: generated from the synthetic spec (every source must be among the
// generated tables) or read from files.
RunResult LoadInputs(const ScenarioSpec& spec, const RunOptions& options, RunObserver* observer);

// LoadInputs, then every step. A step's error carries the scenario file, line and step id.
RunResult Execute(const ScenarioSpec& spec, const RunOptions& options, RunObserver* observer);

// Process peak resident set size in MiB.
double PeakRssMb();

}  // namespace xf::pipeline
