// `xfactor runs`: the runs recorded in a workspace, oldest first, with their status and, for
// failed or aborted runs, why.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "catalog/names.h"
#include "catalog/workspace.h"
#include "cli/commands.h"
#include "cli/read_options.h"
#include "core/error.h"
#include "io/table_file.h"

namespace xf::cli {

namespace {

struct RunsArgs {
  std::string workspace = catalog::kDefaultWorkspaceDir;
  bool json = false;
};

nlohmann::ordered_json RunToJson(const catalog::RunRecord& r) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["scenario"] = r.scenario;
  j["status"] = catalog::RunStatusName(r.status);
  j["started_at"] = r.started_at;
  j["finished_at"] =
      r.finished_at.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.finished_at);
  j["error_message"] =
      r.error_message.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.error_message);
  j["spec_path"] = r.spec_path;
  j["spec_hash"] = r.spec_hash;
  j["engine_version"] = r.engine_version;
  j["seed"] = r.seed ? nlohmann::ordered_json(*r.seed) : nlohmann::ordered_json();
  j["scale"] = r.scale ? nlohmann::ordered_json(*r.scale) : nlohmann::ordered_json();
  // Stored as JSON text by the runner; shown as is if it does not parse.
  j["params"] = nlohmann::ordered_json::parse(r.params_json, nullptr, false);
  if (j["params"].is_discarded()) j["params"] = r.params_json;
  j["pid"] = r.pid;
  j["host"] = r.host;
  return j;
}

void RunRuns(const RunsArgs& a) {
  // Listing must not create a workspace where there is none.
  std::vector<catalog::RunRecord> runs;
  if (catalog::Workspace::Exists(a.workspace))
    runs = catalog::Workspace::Open(a.workspace)->ListRuns();
  if (a.json) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& r : runs) j.push_back(RunToJson(r));
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  if (runs.empty()) {
    std::printf("no runs in workspace '%s'\n", a.workspace.c_str());
    return;
  }
  std::printf("%-52s %-9s %-24s %-24s %s\n", "RUN", "STATUS", "STARTED (UTC)", "FINISHED (UTC)",
              "SCENARIO");
  for (const auto& r : runs) {
    std::printf("%-52s %-9s %-24s %-24s %s\n", r.id.c_str(), catalog::RunStatusName(r.status),
                r.started_at.c_str(), r.finished_at.empty() ? "-" : r.finished_at.c_str(),
                r.scenario.c_str());
    if (!r.error_message.empty()) std::printf("    %s\n", r.error_message.c_str());
  }
}

}  // namespace

void AddRunsCommand(CLI::App& app) {
  auto args = std::make_shared<RunsArgs>();
  auto* cmd = app.add_subcommand("runs", "List the runs recorded in a workspace");
  AddWorkspaceOption(*cmd, &args->workspace);
  cmd->add_flag("--json", args->json, "Print a JSON array instead of text");
  cmd->final_callback([args] { RunRuns(*args); });
}

}  // namespace xf::cli
