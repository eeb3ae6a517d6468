// Small table builders for the cleaning tests.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"

namespace xf::govern::testing {

inline ColumnPtr Doubles(const std::vector<std::optional<double>>& v) {
  auto c = Column::Make(TypeId::kFloat64);
  for (const auto& x : v) x ? c->AppendFloat64(*x) : c->AppendNull();
  return c;
}
inline ColumnPtr Ints(const std::vector<std::optional<int64_t>>& v) {
  auto c = Column::Make(TypeId::kInt64);
  for (const auto& x : v) x ? c->AppendInt64(*x) : c->AppendNull();
  return c;
}
inline ColumnPtr Strings(const std::vector<std::optional<std::string>>& v) {
  auto c = Column::Make(TypeId::kString);
  for (const auto& x : v) x ? c->AppendString(*x) : c->AppendNull();
  return c;
}
inline ColumnPtr Times(const std::vector<int64_t>& hours) {
  auto c = Column::Make(TypeId::kTimestamp);
  for (int64_t h : hours) c->AppendTimestamp(h * 3'600'000'000LL);
  return c;
}
inline TablePtr MakeTable(const std::vector<std::pair<std::string, ColumnPtr>>& cols) {
  Schema s;
  std::vector<ColumnPtr> columns;
  for (const auto& [name, c] : cols) {
    s.Add({name, c->type()});
    columns.push_back(c);
  }
  return Table::Make(s, columns);
}
inline std::optional<double> D(const Table& t, const std::string& col, int64_t row) {
  const Column& c = *t.column(col);
  if (c.IsNull(row)) return std::nullopt;
  return c.GetValue(row).AsDouble();
}
inline std::string S(const Table& t, const std::string& col, int64_t row) {
  return t.column(col)->GetValue(row).ToString();
}

}  // namespace xf::govern::testing
