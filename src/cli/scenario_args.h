// Options every scenario command shares: --scale, --seed, --data.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "pipeline/runner.h"
#include "pipeline/scenario_spec.h"

namespace xf::cli {

struct ScenarioArgs {
  std::string scale = "1";  // a number, or a name from the scenario's `scales:` (e.g. large)
  uint64_t seed = 42;
  std::string data;
  pipeline::RunOptions ToRunOptions(const pipeline::ScenarioSpec& spec) const;
};

// `with_data`: whether --data applies (not for `gen`, which makes the data).
void AddScenarioArgs(CLI::App& cmd, ScenarioArgs* args, bool with_data = true);

}  // namespace xf::cli
