#include <cstdio>

#include "cli/commands.h"

namespace xf::cli {

void AddVersionCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print the engine version");
  cmd->final_callback([] { std::printf("xfactor %s\n", XF_VERSION); });
}

}  // namespace xf::cli
