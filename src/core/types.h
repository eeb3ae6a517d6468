// Logical types of xfactor columns and their physical representation.
//
//   kBool       uint8_t (0 or 1)
//   kInt64      int64_t
//   kFloat64    double
//   kString     UTF-8 bytes: int64_t offsets + one character buffer
//   kDate       int32_t days since 1970-01-01 (proleptic Gregorian)
//   kTimestamp  int64_t microseconds since 1970-01-01T00:00:00Z (UTC instant)
//
// Time zones: a timestamp is always a UTC instant. Text without an offset ("naive" times, as in
// most exports) is read in the session time zone, by default Asia/Shanghai (+08:00, exact since
// China has not observed daylight saving time after 1991); text with "Z" or "+hh:mm" keeps its
// own offset. Timestamps are written back in the session time zone. See core/time.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xf {

enum class TypeId : uint8_t {
  kNull,  // the type of an untyped NULL literal or an all-empty column before inference
  kBool,
  kInt64,
  kFloat64,
  kString,
  kDate,
  kTimestamp,
};

// "bool", "int64", "float64", "string", "date", "timestamp", "null".
const char* TypeName(TypeId type);

// Accepts the names above and common aliases (int, integer, bigint, double, real, float, text,
// varchar, boolean, datetime). Case-insensitive. Empty optional for an unknown name.
std::optional<TypeId> ParseTypeName(std::string_view name);

inline bool IsNumeric(TypeId t) { return t == TypeId::kInt64 || t == TypeId::kFloat64; }
inline bool IsTemporal(TypeId t) { return t == TypeId::kDate || t == TypeId::kTimestamp; }

// Width in bytes of one value of a fixed-width type; 0 for kString and kNull.
int FixedWidth(TypeId type);

}  // namespace xf
