#include "core/value.h"

#include <fmt/format.h>

#include "core/time.h"

namespace xf {

double Value::AsDouble() const {
  if (type_ == TypeId::kFloat64) return float_value();
  return static_cast<double>(int_value());
}

std::string Value::ToString() const {
  if (is_null()) return "NULL";
  switch (type_) {
    case TypeId::kBool: return bool_value() ? "true" : "false";
    case TypeId::kInt64: return std::to_string(int_value());
    case TypeId::kFloat64: return fmt::format("{}", float_value());
    case TypeId::kString: return string_value();
    case TypeId::kDate: return FormatDate(static_cast<int32_t>(int_value()));
    case TypeId::kTimestamp: return FormatTimestamp(int_value());
    case TypeId::kNull: return "NULL";
  }
  return "?";
}

}  // namespace xf
