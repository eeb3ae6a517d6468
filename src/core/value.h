// A single typed value (or NULL): literals, aggregate results, test expectations.
// Not for hot loops; columns are the unit of work there.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "core/types.h"

namespace xf {

class Value {
 public:
  Value() : type_(TypeId::kNull) {}  // untyped NULL
  static Value Null(TypeId type) { Value v; v.type_ = type; return v; }
  static Value Bool(bool b) { return Value(TypeId::kBool, static_cast<int64_t>(b)); }
  static Value Int64(int64_t i) { return Value(TypeId::kInt64, i); }
  static Value Float64(double d) { return Value(TypeId::kFloat64, d); }
  static Value String(std::string s) { return Value(TypeId::kString, std::move(s)); }
  static Value Date(int32_t days) { return Value(TypeId::kDate, static_cast<int64_t>(days)); }
  static Value Timestamp(int64_t micros) { return Value(TypeId::kTimestamp, micros); }

  TypeId type() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }

  bool bool_value() const { return std::get<int64_t>(data_) != 0; }
  // int64, date (days) and timestamp (micros) share this accessor.
  int64_t int_value() const { return std::get<int64_t>(data_); }
  double float_value() const { return std::get<double>(data_); }
  const std::string& string_value() const { return std::get<std::string>(data_); }
  // Numeric view of int64/float64/bool/date/timestamp.
  double AsDouble() const;

  // Display form: NULL, true, 42, 1.5, text, 2024-01-05, 2024-01-05 08:00:00.
  std::string ToString() const;

  // Equal type and value; NULLs of the same type are equal (useful for tests and grouping).
  bool operator==(const Value& other) const { return type_ == other.type_ && data_ == other.data_; }

 private:
  template <typename T>
  Value(TypeId type, T v) : type_(type), data_(std::move(v)) {}

  TypeId type_;
  std::variant<std::monostate, int64_t, double, std::string> data_;
};

}  // namespace xf
