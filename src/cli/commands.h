// Subcommands of the `xfactor` CLI. Each Add*Command registers its options and a callback that
// runs after parsing; errors propagate as xf::Error to main(), which maps them to exit codes.
#pragma once

#include <CLI/CLI.hpp>

namespace xf::cli {

void AddVersionCommand(CLI::App& app);
void AddInspectCommand(CLI::App& app);
void AddConvertCommand(CLI::App& app);
void AddRunsCommand(CLI::App& app);  // runs_command.cc
void AddRunCommand(CLI::App& app);        // run_command.cc
void AddGenCommand(CLI::App& app);        // gen_command.cc
void AddExecCommand(CLI::App& app);       // exec_command.cc
void AddScenariosCommand(CLI::App& app);  // scenarios_command.cc
void AddReportCommand(CLI::App& app);     // report_command.cc
void AddValidateCommand(CLI::App& app);   // validate_command.cc
void AddProfileCommand(CLI::App& app);    // profile_command.cc

void AddLedgerCommand(CLI::App& app);     // ledger_command.cc
void AddLineageCommand(CLI::App& app);    // lineage_command.cc

}  // namespace xf::cli
