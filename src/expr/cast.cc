#include "expr/cast.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/strings.h"
#include "core/time.h"
#include "expr/evaluator.h"
#include "io/text_values.h"

namespace xf {
namespace {

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string Quote(std::string_view s) {
  constexpr size_t kMax = 60;
  if (Utf8Length(s) <= static_cast<int64_t>(kMax)) return fmt::format("'{}'", s);
  return fmt::format("'{}...'", s.substr(0, Utf8Offset(s, kMax)));
}

}  // namespace

// CAST uses the same lenient text conversions as the readers' type overrides (io/text_values.h),
// so a value that loads under `--type x=int64` also casts, and the other way round. Expressions
// never produce inf or NaN, so those texts do not cast to float64.
bool ParseInt64Text(std::string_view s, int64_t* out) { return ParseInt64(Trim(s), out); }

bool ParseFloat64Text(std::string_view s, double* out) {
  return ParseFloat64(Trim(s), out) && std::isfinite(*out);
}

bool ParseBoolText(std::string_view s, bool* out) { return ParseBool(Trim(s), out); }

bool ParseDateText(std::string_view s, int32_t* out) {
  s = Trim(s);
  if (ParseDate(s, out)) return true;
  int64_t micros = 0;
  if (!ParseTimestamp(s, &micros)) return false;
  *out = TimestampToDate(micros);
  return true;
}

bool ParseTimestampText(std::string_view s, int64_t* out) { return ParseTimestamp(Trim(s), out); }

int32_t TimestampToDate(int64_t micros) {
  // Timestamps within ±292,000 years; adding the offset first could overflow at the extremes.
  return static_cast<int32_t>(
      FloorDiv(FloorDiv(micros, kMicrosPerSecond) + kShanghaiOffsetSeconds, 86400));
}

int64_t DateToTimestamp(int32_t days) {
  return static_cast<int64_t>(days) * kMicrosPerDay - kShanghaiOffsetSeconds * kMicrosPerSecond;
}

bool CanCast(TypeId from, TypeId to) {
  if (from == to || from == TypeId::kNull || to == TypeId::kString || from == TypeId::kString) {
    return to != TypeId::kNull;
  }
  switch (to) {
    case TypeId::kBool:
      return from == TypeId::kInt64;
    case TypeId::kInt64:
      return from == TypeId::kFloat64 || from == TypeId::kBool;
    case TypeId::kFloat64:
      return from == TypeId::kInt64 || from == TypeId::kBool;
    case TypeId::kDate:
      return from == TypeId::kTimestamp;
    case TypeId::kTimestamp:
      return from == TypeId::kDate;
    default:
      return false;
  }
}

ColumnPtr CastKernel(const Vec& a, int64_t n, TypeId to, bool try_cast, const KernelContext& ctx) {
  const TypeId from = a.type();
  if (from == to) return Materialize(a, n);
  if (from == TypeId::kNull) return Column::MakeNulls(to, n);
  // Called for a value that does not convert: raise (CAST) or NULL (TRY_CAST).
  auto fail = [&](int64_t row, const std::string& what) {
    if (!try_cast) ctx.FailRow(row, fmt::format("cannot cast {} to {}", what, TypeName(to)));
    return false;
  };
  if (from == TypeId::kString) {
    switch (to) {
      case TypeId::kInt64:
        return Map1Indexed<int64_t, std::string_view>(
            to, a, n, [&](int64_t i, std::string_view s, int64_t* r) {
              return ParseInt64Text(s, r) || fail(i, Quote(s));
            });
      case TypeId::kFloat64:
        return Map1Indexed<double, std::string_view>(
            to, a, n, [&](int64_t i, std::string_view s, double* r) {
              return ParseFloat64Text(s, r) || fail(i, Quote(s));
            });
      case TypeId::kBool:
        return Map1Indexed<uint8_t, std::string_view>(
            to, a, n, [&](int64_t i, std::string_view s, uint8_t* r) {
              bool b = false;
              if (!ParseBoolText(s, &b)) return fail(i, Quote(s));
              *r = b;
              return true;
            });
      case TypeId::kDate:
        return Map1Indexed<int32_t, std::string_view>(
            to, a, n, [&](int64_t i, std::string_view s, int32_t* r) {
              return ParseDateText(s, r) || fail(i, Quote(s));
            });
      case TypeId::kTimestamp:
        return Map1Indexed<int64_t, std::string_view>(
            to, a, n, [&](int64_t i, std::string_view s, int64_t* r) {
              return ParseTimestampText(s, r) || fail(i, Quote(s));
            });
      default:
        break;
    }
  }
  if (to == TypeId::kString) {
    StringBuilder out(to, n);
    for (int64_t i = 0; i < n; ++i) {
      if (!a.Valid(i)) {
        out.Null(i);
        continue;
      }
      switch (from) {
        case TypeId::kBool:
          out.Put(i, a.Get<uint8_t>(i) ? "true" : "false");
          break;
        case TypeId::kInt64:
          out.Put(i, fmt::format("{}", a.Get<int64_t>(i)));
          break;
        case TypeId::kFloat64:
          out.Put(i, fmt::format("{}", a.Get<double>(i)));
          break;
        // Values beyond ±200,000 years have no calendar form (and would overflow it).
        case TypeId::kDate: {
          const int32_t d = a.Get<int32_t>(i);
          if (d < -kMaxCivilDays || d > kMaxCivilDays) {
            fail(i, fmt::format("date {} (days)", d));
            out.Null(i);
          } else {
            out.Put(i, FormatDate(d));
          }
          break;
        }
        case TypeId::kTimestamp: {
          const int64_t t = a.Get<int64_t>(i);
          if (t < -kMaxCivilDays * kMicrosPerDay || t > kMaxCivilDays * kMicrosPerDay) {
            fail(i, fmt::format("timestamp {} (microseconds)", t));
            out.Null(i);
          } else {
            out.Put(i, FormatTimestamp(t));
          }
          break;
        }
        default:
          out.Null(i);
      }
    }
    return out.Finish();
  }
  switch (to) {
    case TypeId::kInt64:
      if (from == TypeId::kBool) {
        return Map1<int64_t, uint8_t>(to, a, n, [](uint8_t b, int64_t* r) {
          *r = b;
          return true;
        });
      }
      return Map1Indexed<int64_t, double>(to, a, n, [&](int64_t i, double d, int64_t* r) {
        const double rounded = std::round(d);
        // 2^63 itself is out of range; every double below it converts exactly.
        if (!(rounded >= -9223372036854775808.0 && rounded < 9223372036854775808.0)) {
          return fail(i, fmt::format("{}", d));
        }
        *r = static_cast<int64_t>(rounded);
        return true;
      });
    case TypeId::kFloat64:
      if (from == TypeId::kBool) {
        return Map1<double, uint8_t>(to, a, n, [](uint8_t b, double* r) {
          *r = b;
          return true;
        });
      }
      return Map1<double, int64_t>(to, a, n, [](int64_t v, double* r) {
        *r = static_cast<double>(v);
        return true;
      });
    case TypeId::kBool:
      return Map1<uint8_t, int64_t>(to, a, n, [](int64_t v, uint8_t* r) {
        *r = v != 0;
        return true;
      });
    case TypeId::kDate:
      return Map1<int32_t, int64_t>(to, a, n, [](int64_t v, int32_t* r) {
        *r = TimestampToDate(v);
        return true;
      });
    case TypeId::kTimestamp:
      return Map1Indexed<int64_t, int32_t>(to, a, n, [&](int64_t i, int32_t d, int64_t* r) {
        if (d < -kMaxCivilDays || d > kMaxCivilDays) return fail(i, fmt::format("date {}", d));
        *r = DateToTimestamp(d);
        return true;
      });
    default:
      break;
  }
  XF_CHECK(false);
  return nullptr;
}

}  // namespace xf
