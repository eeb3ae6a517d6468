// Units of measure and conversion between them (kWh/MWh, m/mm, ℃/℉, t/kg …), for standards that
// declare a column's unit and for the `normalize_units` cleaning step. A unit belongs to one
// dimension (energy, length, temperature, mass …); conversion is affine (value × scale + offset)
// so that temperatures convert too.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xf::govern {

struct UnitConversion {
  double scale = 1.0;
  double offset = 0.0;
  double Apply(double v) const { return v * scale + offset; }
};

// The dimension of a unit symbol ("energy" for "kWh"), or empty when the unit is unknown.
// Symbols are case-sensitive as written in SI ("MWh" ≠ "mWh"); common Chinese names are accepted
// as aliases (千瓦时, 兆瓦时, 米, 毫米, 吨, 千克, 摄氏度 …).
std::optional<std::string> UnitDimension(std::string_view unit);

// The conversion from `from` to `to`; empty when either is unknown or their dimensions differ.
std::optional<UnitConversion> FindConversion(std::string_view from, std::string_view to);

// Every known unit symbol (for error messages with suggestions and for the reference doc).
std::vector<std::string> KnownUnits();

}  // namespace xf::govern
