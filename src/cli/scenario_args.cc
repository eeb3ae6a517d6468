#include "cli/scenario_args.h"

#include "core/error.h"

namespace xf::cli {

pipeline::RunOptions ScenarioArgs::ToRunOptions() const {
  if (!(scale > 0) || scale > 10000) {
    throw Error(ErrorKind::kUsage, "--scale must be greater than 0 and at most 10000");
  }
  pipeline::RunOptions o;
  o.scale = scale;
  o.seed = seed;
  o.data_dir = data;
  return o;
}

void AddScenarioArgs(CLI::App& cmd, ScenarioArgs* args, bool with_data) {
  cmd.add_option("--scale", args->scale, "Size of the synthetic data (1 = the default scale)")
      ->capture_default_str();
  cmd.add_option("--seed", args->seed, "Seed of the synthetic data")->capture_default_str();
  if (with_data) {
    cmd.add_option("--data", args->data,
                   "Folder with your own files for the scenario's sources (instead of synthetic data)")
        ->check(CLI::ExistingDirectory);
  }
}

}  // namespace xf::cli
