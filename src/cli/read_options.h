// Command-line options that say how to read a data file, shared by every subcommand that reads
// one: --format, --encoding, --delimiter, --no-header, --type NAME=TYPE, --fullwidth.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "io/table_file.h"

namespace xf::cli {

struct FileOptionArgs {
  std::string format;
  std::string encoding = "auto";
  std::string delimiter;
  bool no_header = false;
  bool fullwidth = false;
  std::vector<std::string> types;  // NAME=TYPE

  // Throws a usage error naming the bad option value.
  ReadFileOptions ToReadOptions() const;
};

void AddFileOptions(CLI::App& cmd, FileOptionArgs* args);

// --workspace DIR, for subcommands that read or write the workspace (default ./workspace).
void AddWorkspaceOption(CLI::App& cmd, std::string* dir);

}  // namespace xf::cli
