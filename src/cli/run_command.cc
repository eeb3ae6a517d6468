// `xfactor run SCENARIO...`: runs scenarios into a workspace and says where each report is.
// Ctrl-C stops after the running step and marks the run aborted; a second Ctrl-C ends the
// process at once (the next run in that workspace marks the orphaned run aborted).
#include <csignal>
#include <cstdio>

#include <atomic>
#include <fmt/format.h>

#include "catalog/scenario_run.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/scenario_args.h"
#include "core/error.h"

namespace xf::cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void OnInterrupt(int) { g_interrupted.store(true); }

void InstallInterruptHandler() {
  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sa.sa_flags = SA_RESETHAND;  // the second Ctrl-C gets the default action: exit now
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

struct RunArgs {
  std::vector<std::string> scenarios;
  ScenarioArgs common;
  std::string workspace = "workspace";
  bool quiet = false;
};

void RunOne(const std::string& path, const RunArgs& a) {
  pipeline::ScenarioSpec spec = pipeline::LoadScenario(path);
  catalog::ScenarioRunOptions options;
  options.run = a.common.ToRunOptions(spec);
  options.run.cancel = &g_interrupted;
  options.workspace_dir = a.workspace;
  options.engine_version = XF_VERSION;
  ProgressPrinter progress(spec.name, a.quiet);
  catalog::ScenarioRunOutcome out;
  try {
    out = catalog::RunScenario(spec, options, &progress);
  } catch (const pipeline::Cancelled&) {
    progress.Finish();
    throw Error(ErrorKind::kData, fmt::format("{}: interrupted; the run is marked aborted", spec.name));
  }
  progress.Finish();
  int64_t alerts = 0;
  for (const std::string& t : spec.alert_tables) alerts += out.result.tables.at(t)->num_rows();
  std::printf("%s/%s: %zu steps in %.2f s, %lld alerts\n  report: %s\n", spec.industry_slug.c_str(),
              spec.name.c_str(), out.result.steps.size(), out.result.seconds,
              static_cast<long long>(alerts), out.report_html.c_str());
  std::fflush(stdout);
}

void Run(const RunArgs& a) {
  InstallInterruptHandler();
  std::vector<std::string> all;
  for (const std::string& s : a.scenarios) {
    std::vector<std::string> found = pipeline::FindScenarios(s);
    if (found.empty()) {
      throw Error(ErrorKind::kUsage, "no scenario.yaml here (nor in any folder below)", {.file = s});
    }
    all.insert(all.end(), found.begin(), found.end());
  }
  for (const std::string& path : all) RunOne(path, a);
  if (g_interrupted.load()) throw Error(ErrorKind::kData, "interrupted");
}

}  // namespace

void AddRunCommand(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand(
      "run", "Run scenarios (a scenario folder, its scenario.yaml, or a folder of scenarios)");
  cmd->add_option("scenario", args->scenarios, "Scenario folder(s) or scenario.yaml file(s)")
      ->required();
  AddScenarioArgs(*cmd, &args->common);
  cmd->add_option("--workspace", args->workspace, "Workspace folder (created if missing)")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "No progress output");
  cmd->final_callback([args] { Run(*args); });
}

}  // namespace xf::cli
