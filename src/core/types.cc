#include "core/types.h"

#include <algorithm>
#include <cctype>

namespace xf {

const char* TypeName(TypeId type) {
  switch (type) {
    case TypeId::kNull: return "null";
    case TypeId::kBool: return "bool";
    case TypeId::kInt64: return "int64";
    case TypeId::kFloat64: return "float64";
    case TypeId::kString: return "string";
    case TypeId::kDate: return "date";
    case TypeId::kTimestamp: return "timestamp";
  }
  return "?";
}

std::optional<TypeId> ParseTypeName(std::string_view name) {
  std::string s(name);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  if (s == "bool" || s == "boolean") return TypeId::kBool;
  if (s == "int64" || s == "int" || s == "integer" || s == "bigint" || s == "long")
    return TypeId::kInt64;
  if (s == "float64" || s == "double" || s == "float" || s == "real" || s == "number")
    return TypeId::kFloat64;
  if (s == "string" || s == "text" || s == "varchar" || s == "str") return TypeId::kString;
  if (s == "date") return TypeId::kDate;
  if (s == "timestamp" || s == "datetime" || s == "time") return TypeId::kTimestamp;
  if (s == "null") return TypeId::kNull;
  return std::nullopt;
}

int FixedWidth(TypeId type) {
  switch (type) {
    case TypeId::kBool: return 1;
    case TypeId::kInt64: return 8;
    case TypeId::kFloat64: return 8;
    case TypeId::kDate: return 4;
    case TypeId::kTimestamp: return 8;
    case TypeId::kString:
    case TypeId::kNull: return 0;
  }
  return 0;
}

}  // namespace xf
