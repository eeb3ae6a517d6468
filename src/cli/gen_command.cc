// `xfactor gen SCENARIO --out DIR`: writes a scenario's (or a pipeline's) synthetic data as the files its sources
// name, plus ground truth, so `xfactor run SCENARIO --data DIR` runs on exactly that data.
#include <cstdio>

#include "catalog/scenario_run.h"
#include "cli/commands.h"
#include "cli/scenario_args.h"

namespace xf::cli {

namespace {

struct GenArgs {
  std::string scenario;
  std::string out;
  ScenarioArgs common;
};

void Gen(const GenArgs& a) {
  pipeline::ScenarioSpec spec = pipeline::LoadScenario(a.scenario, /*require_guideline=*/false);
  std::vector<std::string> files = catalog::GenerateScenarioData(spec, a.common.ToRunOptions(spec), a.out);
  for (const std::string& f : files) std::printf("%s\n", f.c_str());
}

}  // namespace

void AddGenCommand(CLI::App& app) {
  auto args = std::make_shared<GenArgs>();
  auto* cmd = app.add_subcommand("gen", "Write a scenario's synthetic data (and ground truth) as files");
  cmd->add_option("scenario", args->scenario, "Scenario folder or scenario.yaml")->required();
  cmd->add_option("--out", args->out, "Folder to write into (created if missing)")->required();
  AddScenarioArgs(*cmd, &args->common, /*with_data=*/false);
  cmd->final_callback([args] { Gen(*args); });
}

}  // namespace xf::cli
