// Calendar arithmetic and date/time text for xfactor's kDate and kTimestamp types.
//
// Dates are days since 1970-01-01 in the proleptic Gregorian calendar; timestamps are UTC
// microseconds. Naive text (no offset) is interpreted in a fixed-offset session zone, by default
// Asia/Shanghai (+08:00). A fixed offset is exact for China from 1992 on (no DST since 1991).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xf {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;
constexpr int32_t kShanghaiOffsetSeconds = 8 * 3600;

struct CivilDate {
  int32_t year;
  int32_t month;  // 1..12
  int32_t day;    // 1..31
};

struct CivilTime {
  CivilDate date;
  int32_t hour, minute, second;
  int32_t micros;
};

// Howard Hinnant's days_from_civil / civil_from_days: exact for every proleptic Gregorian date.
int32_t DaysFromCivil(int32_t year, int32_t month, int32_t day);
CivilDate CivilFromDays(int32_t days);
bool IsValidCivil(int32_t year, int32_t month, int32_t day);
int32_t DaysInMonth(int32_t year, int32_t month);
// 0 = Monday .. 6 = Sunday (ISO order).
int32_t DayOfWeek(int32_t days);

// Splits a UTC instant into local civil time at the given offset.
CivilTime ToCivil(int64_t micros, int32_t offset_seconds = kShanghaiOffsetSeconds);
int64_t FromCivil(const CivilTime& t, int32_t offset_seconds = kShanghaiOffsetSeconds);

// Parses a date: 2024-01-05, 2024/1/5, 2024.01.05, 2024年1月5日. Returns false on anything else,
// including impossible dates (2023-02-29). Leading/trailing spaces are not accepted: callers trim.
bool ParseDate(std::string_view text, int32_t* days);

// Parses a timestamp: a date as above, then 'T' or ' ', then HH:MM[:SS[.f{1,9}]], then an
// optional zone: Z, +hh, +hh:mm, +hhmm (or -). A date alone is midnight. Naive text uses
// `default_offset_seconds`. Fractions beyond microseconds are truncated.
bool ParseTimestamp(std::string_view text, int64_t* micros,
                    int32_t default_offset_seconds = kShanghaiOffsetSeconds);

// "2024-01-05"
std::string FormatDate(int32_t days);

// A duration written as a count and a unit: "90s", "15m" (minutes), "1.5h", "7d", "2w"; also
// "15min". False when malformed or not positive.
bool ParseDuration(std::string_view text, int64_t* micros);
// "2024-01-05 08:30:00" or "2024-01-05 08:30:00.250000" in the given zone, without offset.
std::string FormatTimestamp(int64_t micros, int32_t offset_seconds = kShanghaiOffsetSeconds);
// Appends without allocating a temporary string, for writers.
void AppendDate(int32_t days, std::string* out);
void AppendTimestamp(int64_t micros, int32_t offset_seconds, std::string* out);

}  // namespace xf
