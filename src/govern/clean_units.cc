#include "govern/clean_units.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "core/error.h"
#include "core/strings.h"
#include "govern/clean_common.h"
#include "govern/units.h"

namespace xf::govern {

std::string UnitSuggestion(const std::string& unit) {
  // "KWh" → "kWh": a case slip is the likeliest typo, and edit distance alone ties with "GWh".
  for (const std::string& known : KnownUnits()) {
    if (known.size() == unit.size() &&
        std::equal(known.begin(), known.end(), unit.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return fmt::format(" (did you mean '{}'?)", known);
    }
  }
  const std::string close = ClosestName(unit, KnownUnits());
  return close.empty() ? "" : fmt::format(" (did you mean '{}'?)", close);
}

UnitNormalizeResult NormalizeUnits(const Table& input, const UnitNormalizeOptions& o) {
  const int64_t n = input.num_rows();
  if (!UnitDimension(o.to)) {
    throw Error(ErrorKind::kSpec,
                fmt::format("unknown target unit '{}'{}", o.to, UnitSuggestion(o.to)));
  }
  if (o.unit_column.empty() == o.from.empty()) {
    throw Error(ErrorKind::kSpec, "give exactly one of a unit column ('unit') and 'from'");
  }
  const Column* unit = nullptr;
  if (!o.unit_column.empty()) {
    unit = input.column(o.unit_column).get();
    if (unit->type() != TypeId::kString) {
      throw Error(ErrorKind::kSpec,
                  fmt::format("unit column '{}' must be string, not {}", o.unit_column,
                              TypeName(unit->type())),
                  {.column_name = o.unit_column});
    }
  }
  std::vector<const Column*> values;
  for (const std::string& name : o.columns)
    values.push_back(&NumericColumn(input, name, "normalize_units"));
  // Conversions by unit text, looked up once per distinct unit.
  std::map<std::string, std::optional<UnitConversion>, std::less<>> cache;
  auto conversion = [&](std::string_view u) -> const std::optional<UnitConversion>& {
    auto it = cache.find(u);
    if (it == cache.end()) it = cache.emplace(std::string(u), FindConversion(u, o.to)).first;
    return it->second;
  };
  std::vector<int64_t> keep, moved;
  std::vector<std::string> reasons;
  std::vector<UnitConversion> row_conv;
  for (int64_t i = 0; i < n; ++i) {
    bool any_value = false;
    for (const Column* v : values) any_value |= v->IsValid(i);
    std::string problem;
    UnitConversion conv;
    if (unit && unit->IsNull(i)) {
      if (any_value) problem = "no unit (NULL) for a value";
    } else {
      const std::string_view u = unit ? unit->GetString(i) : std::string_view(o.from);
      const std::optional<UnitConversion>& c = conversion(u);
      if (c) {
        conv = *c;
      } else if (UnitDimension(u)) {
        problem = fmt::format("unit '{}' ({}) cannot convert to '{}' ({})", u, *UnitDimension(u),
                              o.to, *UnitDimension(o.to));
      } else {
        problem = fmt::format("unknown unit '{}'{}", u, UnitSuggestion(std::string(u)));
      }
    }
    if (problem.empty()) {
      keep.push_back(i);
      row_conv.push_back(conv);
      continue;
    }
    if (!o.quarantine_unknown) {
      throw Error(ErrorKind::kData,
                  fmt::format("row {}: {} (quarantine such rows with on_unknown: quarantine)",
                              i + 1, problem),
                  {.column_name = unit ? o.unit_column : o.columns.front()});
    }
    moved.push_back(i);
    reasons.push_back(std::move(problem));
  }
  TablePtr out = input.Take(keep);
  for (size_t k = 0; k < values.size(); ++k) {
    const Column& c = *out->column(o.columns[k]);
    auto col = Column::Make(TypeId::kFloat64);
    col->Reserve(out->num_rows());
    for (int64_t i = 0; i < out->num_rows(); ++i) {
      if (c.IsNull(i)) {
        col->AppendNull();
      } else {
        col->AppendFloat64(row_conv[static_cast<size_t>(i)].Apply(NumericAt(c, i)));
      }
    }
    out = out->WithColumn(o.columns[k], col);
  }
  if (unit) {
    out =
        out->WithColumn(o.unit_column, Column::MakeConstant(Value::String(o.to), out->num_rows()));
  }
  std::vector<std::string> rules(moved.size(), "normalize_units");
  return {out, SetAside(input, moved, rules, reasons)};
}

}  // namespace xf::govern
