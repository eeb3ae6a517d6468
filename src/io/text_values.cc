#include "io/text_values.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace xf {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (Lower(s[i]) != lower[i]) return false;
  }
  return true;
}

// inf, -inf, +inf, infinity, nan (any case): what std::from_chars accepts minus "nan(...)".
bool ParseSpecialFloat(std::string_view s, double* out) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (EqualsLower(s, "inf") || EqualsLower(s, "infinity")) {
    *out = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (EqualsLower(s, "nan")) {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  return false;
}

// Decimal text: digits with an optional fraction and exponent; no sign, no specials.
bool FromCharsDouble(std::string_view s, double* out) {
  if (s.empty() || (!IsDigit(s[0]) && s[0] != '.')) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), *out, std::chars_format::general);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

bool ParseInt64(std::string_view s, int64_t* out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty() || s[0] == '+') return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool ParseFloat64(std::string_view s, double* out) {
  if (ParseSpecialFloat(s, out)) return true;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (!FromCharsDouble(s, out)) return false;
  if (neg) *out = -*out;
  return true;
}

bool IsBoolWord(std::string_view s, bool* out) {
  bool v;
  if (EqualsLower(s, "true") || EqualsLower(s, "t") || EqualsLower(s, "yes") || s == "是") {
    v = true;
  } else if (EqualsLower(s, "false") || EqualsLower(s, "f") || EqualsLower(s, "no") || s == "否") {
    v = false;
  } else {
    return false;
  }
  if (out) *out = v;
  return true;
}

bool ParseBool(std::string_view s, bool* out) {
  if (IsBoolWord(s, out)) return true;
  if (s == "1" || EqualsLower(s, "y")) {
    *out = true;
    return true;
  }
  if (s == "0" || EqualsLower(s, "n")) {
    *out = false;
    return true;
  }
  return false;
}

bool InferInt64(std::string_view s, int64_t* out) {
  const size_t sign = !s.empty() && s[0] == '-' ? 1 : 0;
  const size_t digits = s.size() - sign;
  // 18 digits always fit in int64; 19+ digit strings are identifiers (see header).
  if (digits == 0 || digits > 18) return false;
  if (s[sign] == '0' && digits > 1) return false;  // "007": a code, not a number
  int64_t v = 0;
  for (size_t i = sign; i < s.size(); ++i) {
    const char c = s[i];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *out = sign ? -v : v;
  return true;
}

bool InferFloat64(std::string_view s, double* out) {
  int64_t i;
  if (InferInt64(s, &i)) {
    *out = static_cast<double>(i);
    return true;
  }
  std::string_view body = s;
  const bool neg = !body.empty() && body[0] == '-';
  if (neg) body.remove_prefix(1);
  if (body.empty()) return false;
  if (!IsDigit(body[0]) && body[0] != '.') {
    if (!ParseSpecialFloat(s, out) || s[0] == '+') return false;
    return true;
  }
  // Leading zeros before more integer digits mark a code ("00.5", "0123.4").
  if (body.size() >= 2 && body[0] == '0' && IsDigit(body[1])) return false;
  size_t int_digits = 0;
  while (int_digits < body.size() && IsDigit(body[int_digits])) ++int_digits;
  // A pure digit string that InferInt64 refused (19+ digits) stays a string.
  if (int_digits == body.size()) return false;
  if (!FromCharsDouble(body, out)) return false;
  if (neg) *out = -*out;
  return true;
}

TypeId InferTextType(std::string_view s) {
  if (s.empty()) return TypeId::kString;
  int64_t i;
  if (InferInt64(s, &i)) return TypeId::kInt64;
  const char c = s[0];
  if (IsDigit(c) || c == '-' || c == '.' || c == 'i' || c == 'I' || c == 'n' || c == 'N') {
    double d;
    if (InferFloat64(s, &d)) return TypeId::kFloat64;
  }
  if (s.size() >= 8 && IsDigit(c)) {
    int32_t days;
    if (ParseDate(s, &days)) return TypeId::kDate;
    int64_t micros;
    if (ParseTimestamp(s, &micros, 0)) return TypeId::kTimestamp;
  }
  if (IsBoolWord(s)) return TypeId::kBool;
  return TypeId::kString;
}

TypeId JoinInferredTypes(TypeId a, TypeId b) {
  if (a == b) return a;
  if (a == TypeId::kNull) return b;
  if (b == TypeId::kNull) return a;
  if (IsNumeric(a) && IsNumeric(b)) return TypeId::kFloat64;
  if (IsTemporal(a) && IsTemporal(b)) return TypeId::kTimestamp;
  return TypeId::kString;
}

}  // namespace xf
