// Plain records that the workspace catalog stores and returns (docs/workspace.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::catalog {

enum class RunStatus { kRunning, kComplete, kFailed, kAborted };

// "running", "complete", "failed", "aborted".
const char* RunStatusName(RunStatus s);
// Empty optional for any other text.
std::optional<RunStatus> ParseRunStatus(std::string_view text);

// What the caller knows when a run starts.
struct RunStart {
  std::string scenario;        // "green/power-production-status"; its last part names the run
  std::string spec_path;       // the scenario.yaml that was run
  std::string spec_hash;       // e.g. FileSha256(spec_path)
  std::string engine_version;  // xfactor's version
  std::optional<int64_t> seed;
  std::optional<double> scale;
  std::string params_json = "{}";  // parameters given on the command line, as a JSON object
};

struct RunRecord {
  std::string id;
  std::string scenario;
  std::string spec_path;
  std::string spec_hash;
  std::string engine_version;
  std::optional<int64_t> seed;
  std::optional<double> scale;
  std::string params_json;
  RunStatus status = RunStatus::kRunning;
  std::string error_message;  // why a run failed or was aborted; empty otherwise
  int64_t pid = 0;
  std::string host;
  std::string started_at;   // ISO-8601 UTC, "2026-11-24T10:15:00.123Z"
  std::string finished_at;  // empty while running
};

// A dataset version named by the caller: version 0 means the latest one.
struct DatasetRef {
  std::string name;
  int64_t version = 0;
};

struct DatasetVersion {
  std::string name;
  int64_t version = 0;
  std::string content_hash;  // TableContentHash()
  Schema schema;
  int64_t rows = 0;
  int64_t bytes = 0;  // size of the .xfc file
  std::string path;   // of the .xfc file, relative to the workspace: data/<name>/v<N>.xfc
  std::string created_by_run;
  std::string created_by_step;
  std::string created_at;
  // Set by SaveDataset only: the table equalled the latest version, which was reused.
  bool reused = false;
};

// output ← input, recorded by `run` in `step`.
struct LineageEdge {
  DatasetRef output;
  DatasetRef input;
  std::string run_id;
  std::string step;
};

struct ExportRecord {
  std::string run_id;
  DatasetRef dataset;
  std::string file_path;  // absolute
  std::string sha256;     // "sha256:<hex>"
  int64_t bytes = 0;
  std::string recorded_at;
};

}  // namespace xf::catalog
