// Subcommands of the `xfactor` CLI. Each Add*Command registers its options and a callback that
// runs after parsing; errors propagate as xf::Error to main(), which maps them to exit codes.
#pragma once

#include <CLI/CLI.hpp>

namespace xf::cli {

void AddVersionCommand(CLI::App& app);
void AddInspectCommand(CLI::App& app);
void AddConvertCommand(CLI::App& app);

}  // namespace xf::cli
