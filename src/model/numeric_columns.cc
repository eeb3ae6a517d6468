#include "model/numeric_columns.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "core/error.h"

namespace xf::model {

const Column& NumericColumnOf(const Table& table, const std::string& name, const char* what) {
  const Column& c = *table.column(name);
  if (!IsNumeric(c.type())) {
    throw Error(
        ErrorKind::kSpec,
        fmt::format("{}: column '{}' must be numeric, not {}", what, name, TypeName(c.type())),
        SourceContext{.column_name = name});
  }
  return c;
}

std::vector<double> NumericValues(const Column& c) {
  const int64_t n = c.size();
  std::vector<double> out(static_cast<size_t>(n), std::numeric_limits<double>::quiet_NaN());
  for (int64_t i = 0; i < n; ++i) {
    if (c.IsNull(i)) continue;
    const double v = c.type() == TypeId::kFloat64 ? c.data<double>()[i]
                                                  : static_cast<double>(c.data<int64_t>()[i]);
    if (std::isfinite(v)) out[static_cast<size_t>(i)] = v;
  }
  return out;
}

std::vector<double> BinaryTarget(const Table& table, const std::string& name, const char* what) {
  const Column& c = *table.column(name);
  const int64_t n = c.size();
  std::vector<double> out(static_cast<size_t>(n), std::numeric_limits<double>::quiet_NaN());
  if (c.type() == TypeId::kBool) {
    for (int64_t i = 0; i < n; ++i) {
      if (!c.IsNull(i)) out[static_cast<size_t>(i)] = c.data<uint8_t>()[i] ? 1.0 : 0.0;
    }
    return out;
  }
  if (!IsNumeric(c.type())) {
    throw Error(ErrorKind::kSpec,
                fmt::format("{}: target column '{}' must be bool or 0/1 numbers, not {}", what,
                            name, TypeName(c.type())),
                SourceContext{.column_name = name});
  }
  const std::vector<double> v = NumericValues(c);
  for (int64_t i = 0; i < n; ++i) {
    const double x = v[static_cast<size_t>(i)];
    if (c.IsNull(i)) continue;
    if (x != 0 && x != 1) {
      throw Error(ErrorKind::kData,
                  fmt::format("{}: target column '{}' must hold 0 or 1, row {} holds {}", what,
                              name, i + 1, c.GetValue(i).ToString()),
                  SourceContext{.line = i + 1, .column_name = name});
    }
    out[static_cast<size_t>(i)] = x;
  }
  return out;
}

ColumnPtr Float64Column(const std::vector<double>& values) {
  auto c = Column::Make(TypeId::kFloat64);
  c->Reserve(static_cast<int64_t>(values.size()));
  for (double v : values) {
    if (std::isnan(v)) {
      c->AppendNull();
    } else {
      c->AppendFloat64(v);
    }
  }
  return c;
}

}  // namespace xf::model
