#include "model/column_values.h"

#include <fmt/format.h>

#include <limits>

#include "core/error.h"

namespace xf::model {

std::vector<double> NumericValues(const Table& table, const std::string& column) {
  const Column& c = *table.column(column);
  if (!IsNumeric(c.type())) {
    SourceContext where;
    where.column_name = column;
    throw Error(ErrorKind::kSpec,
                fmt::format("column '{}' must be numeric, not {}", column, TypeName(c.type())),
                where);
  }
  std::vector<double> out(static_cast<size_t>(c.size()));
  for (int64_t i = 0; i < c.size(); ++i) {
    if (c.IsNull(i)) {
      out[static_cast<size_t>(i)] = std::numeric_limits<double>::quiet_NaN();
    } else {
      out[static_cast<size_t>(i)] = c.type() == TypeId::kFloat64
                                        ? c.data<double>()[i]
                                        : static_cast<double>(c.data<int64_t>()[i]);
    }
  }
  return out;
}

std::vector<std::optional<std::string>> TextValues(const Table& table, const std::string& column) {
  const Column& c = *table.column(column);
  std::vector<std::optional<std::string>> out(static_cast<size_t>(c.size()));
  for (int64_t i = 0; i < c.size(); ++i) {
    if (c.IsNull(i)) continue;
    out[static_cast<size_t>(i)] =
        c.type() == TypeId::kString ? std::string(c.GetString(i)) : c.GetValue(i).ToString();
  }
  return out;
}

std::vector<std::optional<int64_t>> TimeValues(const Table& table, const std::string& column) {
  const Column& c = *table.column(column);
  if (c.type() != TypeId::kTimestamp && c.type() != TypeId::kDate && c.type() != TypeId::kInt64) {
    SourceContext where;
    where.column_name = column;
    throw Error(ErrorKind::kSpec,
                fmt::format("column '{}' must be a timestamp, date or int64, not {}", column,
                            TypeName(c.type())),
                where);
  }
  std::vector<std::optional<int64_t>> out(static_cast<size_t>(c.size()));
  for (int64_t i = 0; i < c.size(); ++i) {
    if (c.IsNull(i)) continue;
    out[static_cast<size_t>(i)] = c.type() == TypeId::kDate
                                      ? static_cast<int64_t>(c.data<int32_t>()[i]) * 86400000000LL
                                      : c.data<int64_t>()[i];
  }
  return out;
}

void ThrowRowError(const std::string& column, int64_t row, const std::string& message) {
  SourceContext where;
  where.column_name = column;
  throw Error(ErrorKind::kData, fmt::format("row {}: {}", row + 1, message), where);
}

}  // namespace xf::model
