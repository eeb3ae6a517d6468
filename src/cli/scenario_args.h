// Options every scenario command shares: --scale, --seed, --data.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "pipeline/runner.h"

namespace xf::cli {

struct ScenarioArgs {
  double scale = 1.0;
  uint64_t seed = 42;
  std::string data;
  pipeline::RunOptions ToRunOptions() const;
};

// `with_data`: whether --data applies (not for `gen`, which makes the data).
void AddScenarioArgs(CLI::App& cmd, ScenarioArgs* args, bool with_data = true);

}  // namespace xf::cli
