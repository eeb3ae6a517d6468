// Finding a dataset by the name a user types ("kwh_daily", "kwh_daily@v3") in a workspace, for
// commands such as `xfactor inspect` that accept either a file or a dataset.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/records.h"

namespace xf::catalog {

struct FoundDataset {
  std::string workspace;  // absolute directory
  DatasetVersion dataset;
  std::optional<RunRecord> run;     // the run that created this version
  std::vector<LineageEdge> inputs;  // its direct inputs
  TablePtr table;                   // loaded and checked against the content hash
};

// Looks `ref_text` up in the workspace at `workspace_dir`, never creating one. Throws
// Error(kUsage) when the text is not a dataset reference, there is no workspace there, or it has
// no such dataset/version (naming the closest dataset name and the latest version).
FoundDataset FindWorkspaceDataset(const std::string& workspace_dir, const std::string& ref_text);

}  // namespace xf::catalog
