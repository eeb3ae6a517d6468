#include "catalog/dataset_lookup.h"

#include <set>

#include "catalog/names.h"
#include "catalog/workspace.h"
#include "core/error.h"
#include "core/strings.h"

namespace xf::catalog {

FoundDataset FindWorkspaceDataset(const std::string& workspace_dir, const std::string& ref_text) {
  const DatasetRef ref = ParseDatasetRef(ref_text);
  if (!Workspace::Exists(workspace_dir)) {
    throw Error(ErrorKind::kUsage,
                "'" + ref_text + "' is not a file, and there is no workspace at '" + workspace_dir +
                    "' to look it up as a dataset (--workspace DIR)");
  }
  auto ws = Workspace::Open(workspace_dir);
  const auto found = ws->FindDataset(ref.name, ref.version);
  if (!found) {
    std::string msg =
        "'" + ref_text + "' is neither a file nor a dataset in the workspace '" + ws->root() + "'";
    if (const auto latest = ws->FindDataset(ref.name)) {
      msg += "; the latest version of '" + ref.name + "' is v" + std::to_string(latest->version);
    } else {
      std::set<std::string> names;
      for (const DatasetVersion& d : ws->ListDatasets()) names.insert(d.name);
      const std::string close =
          ClosestName(ref.name, std::vector<std::string>(names.begin(), names.end()));
      if (!close.empty()) msg += "; did you mean '" + close + "'?";
    }
    throw Error(ErrorKind::kUsage, msg);
  }
  FoundDataset out;
  out.workspace = ws->root();
  out.dataset = *found;
  out.run = ws->GetRun(found->created_by_run);
  out.inputs = ws->Lineage(found->name, found->version);
  out.table = ws->LoadDataset(*found);
  return out;
}

}  // namespace xf::catalog
