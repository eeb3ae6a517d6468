// Code mapping (代码映射): replacing source codes by standard ones through a from → to table.
#pragma once

#include <string>
#include <unordered_map>

#include "core/table.h"

namespace xf::govern {

enum class UnmappedAction {
  kKeep,        // the value stays (as text)
  kNull,        // it becomes NULL
  kError,       // a data error naming the value and row
  kQuarantine,  // the row goes to the second output
};

struct CodeMapOptions {
  std::string column;  // the codes; non-string values are matched by their text ("42")
  std::string output;  // the mapped column; empty = replace `column`
  std::unordered_map<std::string, std::string> map;
  UnmappedAction unmapped = UnmappedAction::kKeep;
};

struct CodeMapResult {
  TablePtr table;  // output column of type string; NULL codes stay NULL
  TablePtr
      quarantined;  // kQuarantine: unmapped rows with _rules "map_codes", _reasons and _source_row
  int64_t unmapped = 0;  // non-NULL values without a mapping
};

// table.num_rows() + quarantined.num_rows() == input.num_rows(), always.
CodeMapResult MapCodes(const Table& input, const CodeMapOptions& options);

// A from → to map from a CSV file with columns `from` and `to` (read as text). A `from` listed
// twice with different targets is a data error naming the file and both targets.
std::unordered_map<std::string, std::string> LoadCodeMap(const std::string& path);

}  // namespace xf::govern
