// Anchoring a run in the workspace's evidence ledger: what went in (spec, engine, seed, input
// datasets with their content hashes and file hashes), what came out (output datasets, exported
// files with SHA-256, row counts) and the quality summary, as ledger entries of the run, followed
// by a signed checkpoint. Later, VerifyRecordedFiles re-hashes every file those entries name.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "catalog/records.h"
#include "catalog/workspace.h"

namespace xf::catalog {

struct RunAnchor {
  std::string run_id;
  RunStart start;
  std::string data = "synthetic";  // or the --data folder
  // table name in the scenario → the dataset version it was stored as
  std::vector<std::pair<std::string, DatasetRef>> inputs;
  std::vector<std::pair<std::string, DatasetRef>> outputs;
  nlohmann::json quality;  // the report's "quality" section, as is
  std::string status = "complete";
};

// Appends run_start, input…, output…, export…, quality, run_end in one batch, then signs a
// checkpoint. Returns report.json's "ledger" object (docs/report.md).
nlohmann::json AnchorRun(Workspace& ws, const RunAnchor& anchor);

// Every file named by an anchored run's input, output and export entries, re-hashed: one line per
// file that is missing or whose SHA-256 differs, naming the file, dataset and ledger entry.
std::vector<std::string> VerifyRecordedFiles(Workspace& ws);

}  // namespace xf::catalog
