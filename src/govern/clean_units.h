// Unit normalisation: numeric columns measured in a unit named per row (a unit column) or
// declared once, converted to one target unit (govern/units.h).
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf::govern {

struct UnitNormalizeOptions {
  std::vector<std::string> columns;  // numeric value columns
  std::string unit_column;           // a string column naming each row's unit, or
  std::string from;                  // the unit of every row (exactly one of the two)
  std::string to;                    // the target unit
  // A row whose unit is unknown, NULL (with a value present) or of another dimension: false →
  // a data error naming the value and row; true → the row goes to `quarantined`.
  bool quarantine_unknown = false;
};

struct UnitNormalizeResult {
  TablePtr table;        // value columns converted (float64), the unit column set to `to`
  TablePtr quarantined;  // rows with an unusable unit, with _rules "normalize_units", _reasons and
                         // _source_row
};

// table.num_rows() + quarantined.num_rows() == input.num_rows(), always.
UnitNormalizeResult NormalizeUnits(const Table& input, const UnitNormalizeOptions& options);

// " (did you mean 'kWh'?)" for a misspelt unit (a case slip first, then the closest symbol), or "".
std::string UnitSuggestion(const std::string& unit);

}  // namespace xf::govern
