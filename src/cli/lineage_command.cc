// `xfactor lineage <dataset[@vN]>`: the chain from a dataset version back to its sources — for
// each version its content hash, rows, and the run and step that made it from which inputs.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "catalog/names.h"
#include "catalog/workspace.h"
#include "cli/commands.h"
#include "cli/read_options.h"
#include "core/error.h"

namespace xf::cli {

namespace {

struct LineageArgs {
  std::string workspace = catalog::kDefaultWorkspaceDir;
  std::string dataset;
  bool json = false;
};

using nlohmann::ordered_json;

// Depth-first from `ref`; a version already printed is referred to, not expanded again.
ordered_json Walk(catalog::Workspace& ws, const catalog::DatasetRef& ref, std::set<std::string>& seen) {
  ordered_json j;
  std::optional<catalog::DatasetVersion> d = ws.FindDataset(ref.name, ref.version);
  j["dataset"] = ref.name;
  j["version"] = ref.version;
  if (!d) {
    j["missing"] = true;
    return j;
  }
  j["version"] = d->version;
  j["content_hash"] = d->content_hash;
  j["rows"] = d->rows;
  j["file"] = d->path;
  j["created_by_run"] = d->created_by_run;
  j["created_by_step"] = d->created_by_step;
  const std::string key = catalog::FormatDatasetRef({d->name, d->version});
  if (!seen.insert(key).second) {
    j["repeated"] = true;
    return j;
  }
  ordered_json inputs = ordered_json::array();
  for (const catalog::LineageEdge& e : ws.Lineage(d->name, d->version)) {
    ordered_json in = Walk(ws, e.input, seen);
    in["via_run"] = e.run_id;
    in["via_step"] = e.step;
    inputs.push_back(std::move(in));
  }
  j["inputs"] = inputs;
  return j;
}

void Print(const ordered_json& j, const std::string& prefix, bool last, bool root) {
  std::string line = j["dataset"].get<std::string>() + "@v" + std::to_string(j["version"].get<int64_t>());
  if (j.value("missing", false)) {
    line += "  (not in the catalog)";
  } else {
    line += "  " + j["content_hash"].get<std::string>() + "  " + std::to_string(j["rows"].get<int64_t>()) + " rows";
    if (root) {
      line += "  made by run " + j["created_by_run"].get<std::string>() + " step " +
              j["created_by_step"].get<std::string>();
    }
  }
  if (j.contains("via_step")) {
    line += "  ← step " + j["via_step"].get<std::string>() + " of run " + j["via_run"].get<std::string>();
  }
  if (j.value("repeated", false)) line += "  (see above)";
  std::printf("%s%s%s\n", prefix.c_str(), root ? "" : (last ? "└─ " : "├─ "), line.c_str());
  if (!j.contains("inputs")) return;
  const std::string child = root ? "" : prefix + (last ? "   " : "│  ");
  const auto& in = j["inputs"];
  for (size_t i = 0; i < in.size(); ++i) Print(in[i], child, i + 1 == in.size(), false);
}

void RunLineage(const LineageArgs& a) {
  if (!catalog::Workspace::Exists(a.workspace)) {
    throw Error(ErrorKind::kUsage, "no workspace at '" + a.workspace + "' (run a scenario first, or pass --workspace)");
  }
  auto ws = catalog::Workspace::Open(a.workspace);
  catalog::DatasetRef ref = catalog::ParseDatasetRef(a.dataset);
  std::optional<catalog::DatasetVersion> d = ws->FindDataset(ref.name, ref.version);
  if (!d) throw Error(ErrorKind::kUsage, "no dataset '" + a.dataset + "' in workspace '" + ws->root() + "'");
  std::set<std::string> seen;
  ordered_json tree = Walk(*ws, {d->name, d->version}, seen);
  if (a.json) {
    std::printf("%s\n", tree.dump(2).c_str());
    return;
  }
  Print(tree, "", true, true);
}

}  // namespace

void AddLineageCommand(CLI::App& app) {
  auto args = std::make_shared<LineageArgs>();
  auto* cmd = app.add_subcommand("lineage", "Show the chain from a dataset back to its sources, with hashes");
  AddWorkspaceOption(*cmd, &args->workspace);
  cmd->add_option("dataset", args->dataset, "Dataset name, optionally @vN (default: the latest version)")->required();
  cmd->add_flag("--json", args->json, "Print the chain as nested JSON");
  cmd->final_callback([args] { RunLineage(*args); });
}

}  // namespace xf::cli
