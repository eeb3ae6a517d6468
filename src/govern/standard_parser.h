// Reading data standards from YAML (through SpecNode, so every error names file:line:col and
// suggests the closest key). Everything that can be checked without data is checked here:
// keys, rule kinds, regexes, durations, units, thresholds, dimension names.
#pragma once

#include <map>
#include <string>

#include "govern/standard.h"

namespace xf::govern {

// One table's standard from a map (columns, primary_key, references, rules, description).
// `base_dir` resolves code-list files (`codes: {file: ...}`).
TableStandard ParseTableStandard(const SpecNode& node, const std::string& table,
                                 const std::string& base_dir);

// A standard file holding one table's standard (an optional `table:` key names the table).
TableStandard LoadStandardFile(const std::string& path);

// scenario.yaml `standards:`: a map table → inline standard or `{file: path}` (relative to
// `base_dir`).
std::map<std::string, TableStandard> ParseStandards(const SpecNode& node,
                                                    const std::string& base_dir);

}  // namespace xf::govern
