// CAST(x AS type): conversions between the column types.
//
//   string -> int64     decimal digits with optional sign, surrounding spaces ignored
//   string -> float64   std::from_chars syntax (1.5, -2e3, inf and nan are refused)
//   string -> bool      true/false, t/f, yes/no, y/n, 1/0 (any case)
//   string -> date      core/time.h ParseDate, or a timestamp's local date in Asia/Shanghai
//   string -> timestamp core/time.h ParseTimestamp (naive text is Asia/Shanghai time)
//   float64 -> int64    rounds half away from zero; out of range fails
//   int64 <-> bool      nonzero is true; true is 1
//   date <-> timestamp  midnight / local date in Asia/Shanghai
//   any -> string       the display form (Value::ToString)
// A value that cannot be converted raises a data error naming the row; TRY_CAST yields NULL.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "expr/bound.h"

namespace xf {

bool CanCast(TypeId from, TypeId to);

ColumnPtr CastKernel(const Vec& a, int64_t n, TypeId to, bool try_cast, const KernelContext& ctx);

// The text → value conversions above, shared with the binder for literal coercion.
bool ParseInt64Text(std::string_view s, int64_t* out);
bool ParseFloat64Text(std::string_view s, double* out);
bool ParseBoolText(std::string_view s, bool* out);
bool ParseDateText(std::string_view s, int32_t* out);
bool ParseTimestampText(std::string_view s, int64_t* out);

// Dates within ±kMaxCivilDays (about ±200,000 years) keep calendar and timestamp arithmetic
// free of overflow; results outside are NULL.
constexpr int64_t kMaxCivilDays = 73'000'000;

// Local (Asia/Shanghai) calendar day of a timestamp, and midnight of a day.
int32_t TimestampToDate(int64_t micros);
int64_t DateToTimestamp(int32_t days);

}  // namespace xf
