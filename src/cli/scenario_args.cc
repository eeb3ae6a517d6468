#include "cli/scenario_args.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <vector>

#include "core/error.h"

namespace xf::cli {

namespace {

// --scale is a number, or one of the scenario's named scales.
double ResolveScale(const std::string& text, const pipeline::ScenarioSpec& spec) {
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  if (!text.empty() && end == text.c_str() + text.size()) {
    if (!pipeline::IsValidScale(number)) {
      throw Error(ErrorKind::kUsage, "--scale must be greater than 0 and at most 10000");
    }
    return number;
  }
  auto it = spec.scales.find(text);
  if (it != spec.scales.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [name, scale] : spec.scales)
    names.push_back(fmt::format("{} ({})", name, scale));
  throw Error(ErrorKind::kUsage,
              fmt::format("--scale {}: scenario {} has no such scale; its scales: {}", text,
                          spec.name, fmt::join(names, ", ")));
}

}  // namespace

pipeline::RunOptions ScenarioArgs::ToRunOptions(const pipeline::ScenarioSpec& spec) const {
  pipeline::RunOptions o;
  o.scale = ResolveScale(scale, spec);
  o.seed = seed;
  o.data_dir = data;
  return o;
}

void AddScenarioArgs(CLI::App& cmd, ScenarioArgs* args, bool with_data) {
  cmd.add_option("--scale", args->scale,
                 "Size of the synthetic data: a factor (1 = the default) or a name from the "
                 "scenario's scales, e.g. large")
      ->capture_default_str();
  cmd.add_option("--seed", args->seed, "Seed of the synthetic data")->capture_default_str();
  if (with_data) {
    cmd.add_option(
           "--data", args->data,
           "Folder with your own files for the scenario's sources (instead of synthetic data)")
        ->check(CLI::ExistingDirectory);
  }
}

}  // namespace xf::cli
