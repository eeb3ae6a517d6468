// The `xfactor` command: parses the command line and maps errors to exit codes
// (0 ok, 1 data or pipeline error, 2 usage error).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "core/error.h"

int main(int argc, char** argv) {
  CLI::App app{"xfactor — aggregate, govern, fuse, model and act on data from many sources"};
  app.require_subcommand(1);
  xf::cli::AddVersionCommand(app);
  xf::cli::AddInspectCommand(app);
  xf::cli::AddConvertCommand(app);
  xf::cli::AddRunsCommand(app);
  xf::cli::AddRunCommand(app);
  xf::cli::AddGenCommand(app);
  xf::cli::AddExecCommand(app);
  xf::cli::AddScenariosCommand(app);
  xf::cli::AddReportCommand(app);
  xf::cli::AddLedgerCommand(app);
  xf::cli::AddLineageCommand(app);
  xf::cli::AddValidateCommand(app);
  xf::cli::AddProfileCommand(app);
  // Subcommands run in their final callbacks, inside parse(), so one try covers both.
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const xf::Error& e) {
    std::fprintf(stderr, "xfactor: %s: %s\n", xf::ErrorKindName(e.kind()), e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "xfactor: internal error: %s\n", e.what());
    return 1;
  }
  return 0;
}
