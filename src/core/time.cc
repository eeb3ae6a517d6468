#include "core/time.h"

#include <charconv>
#include <cmath>

#include <cstdio>

namespace xf {

int32_t DaysFromCivil(int32_t y, int32_t m, int32_t d) {
  y -= m <= 2;
  const int32_t era = (y >= 0 ? y : y - 399) / 400;
  const uint32_t yoe = static_cast<uint32_t>(y - era * 400);
  const uint32_t doy = (153 * static_cast<uint32_t>(m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  // 64-bit: era * 146097 leaves int32 for years near the ends of its day range.
  return static_cast<int32_t>(int64_t{era} * 146097 + doe - 719468);
}

CivilDate CivilFromDays(int32_t days) {
  // 64-bit: shifting the epoch overflows int32 for days near its limits.
  const int64_t z = int64_t{days} + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const uint32_t doe = static_cast<uint32_t>(z - era * 146097);
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int32_t y = static_cast<int32_t>(int64_t{yoe} + era * 400);
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const uint32_t mp = (5 * doy + 2) / 153;
  const uint32_t d = doy - (153 * mp + 2) / 5 + 1;
  const uint32_t m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), static_cast<int32_t>(m), static_cast<int32_t>(d)};
}

static bool IsLeap(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int32_t DaysInMonth(int32_t y, int32_t m) {
  static constexpr int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool IsValidCivil(int32_t y, int32_t m, int32_t d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

int32_t DayOfWeek(int32_t days) {
  // 1970-01-01 was a Thursday (ISO index 3).
  int32_t r = (days + 3) % 7;
  return r < 0 ? r + 7 : r;
}

static int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

CivilTime ToCivil(int64_t micros, int32_t offset_seconds) {
  const int64_t local = micros + offset_seconds * kMicrosPerSecond;
  const int64_t days = FloorDiv(local, kMicrosPerDay);
  int64_t rem = local - days * kMicrosPerDay;
  CivilTime t;
  t.date = CivilFromDays(static_cast<int32_t>(days));
  t.hour = static_cast<int32_t>(rem / kMicrosPerHour);
  rem %= kMicrosPerHour;
  t.minute = static_cast<int32_t>(rem / kMicrosPerMinute);
  rem %= kMicrosPerMinute;
  t.second = static_cast<int32_t>(rem / kMicrosPerSecond);
  t.micros = static_cast<int32_t>(rem % kMicrosPerSecond);
  return t;
}

int64_t FromCivil(const CivilTime& t, int32_t offset_seconds) {
  const int64_t days = DaysFromCivil(t.date.year, t.date.month, t.date.day);
  return days * kMicrosPerDay + t.hour * kMicrosPerHour + t.minute * kMicrosPerMinute +
         t.second * kMicrosPerSecond + t.micros - offset_seconds * kMicrosPerSecond;
}

namespace {

// A tiny cursor over the text; hand-written because this is the hot path of CSV type inference
// and std::regex or strptime would be an order of magnitude slower.
struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  bool Eat(std::string_view lit) {
    if (s.substr(i, lit.size()) == lit) {
      i += lit.size();
      return true;
    }
    return false;
  }
  // Reads 1..max_digits decimal digits.
  bool Digits(int min_digits, int max_digits, int32_t* out) {
    int n = 0;
    int32_t v = 0;
    while (i < s.size() && n < max_digits && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      ++i;
      ++n;
    }
    *out = v;
    return n >= min_digits;
  }
};

bool ParseDatePart(Cursor& c, int32_t* days) {
  int32_t y, m, d;
  if (!c.Digits(4, 4, &y)) return false;
  if (c.Eat("年")) {
    if (!c.Digits(1, 2, &m) || !c.Eat("月") || !c.Digits(1, 2, &d)) return false;
    c.Eat("日");
  } else {
    if (c.done()) return false;
    const char sep = c.s[c.i];
    if (sep != '-' && sep != '/' && sep != '.') return false;
    ++c.i;
    if (!c.Digits(1, 2, &m)) return false;
    if (c.done() || c.s[c.i] != sep) return false;
    ++c.i;
    if (!c.Digits(1, 2, &d)) return false;
  }
  if (!IsValidCivil(y, m, d)) return false;
  *days = DaysFromCivil(y, m, d);
  return true;
}

}  // namespace

bool ParseDate(std::string_view text, int32_t* days) {
  Cursor c{text};
  return ParseDatePart(c, days) && c.done();
}

bool ParseTimestamp(std::string_view text, int64_t* micros, int32_t default_offset_seconds) {
  Cursor c{text};
  int32_t days;
  if (!ParseDatePart(c, &days)) return false;
  int32_t hh = 0, mi = 0, ss = 0, us = 0;
  if (!c.done()) {
    if (c.s[c.i] != 'T' && c.s[c.i] != ' ') return false;
    ++c.i;
    if (!c.Digits(1, 2, &hh) || !c.Eat(":") || !c.Digits(2, 2, &mi)) return false;
    if (c.Eat(":")) {
      if (!c.Digits(2, 2, &ss)) return false;
      if (c.Eat(".")) {
        int n = 0;
        while (!c.done() && c.s[c.i] >= '0' && c.s[c.i] <= '9') {
          if (n < 6) us = us * 10 + (c.s[c.i] - '0');
          ++n;
          ++c.i;
        }
        if (n == 0) return false;
        for (int k = n; k < 6; ++k) us *= 10;
      }
    }
    if (hh > 23 || mi > 59 || ss > 60) return false;  // 60: leap second, folded into the next
  }
  int32_t offset = default_offset_seconds;
  if (!c.done()) {
    if (c.Eat("Z") || c.Eat("z")) {
      offset = 0;
    } else if (c.s[c.i] == '+' || c.s[c.i] == '-') {
      const int sign = c.s[c.i] == '-' ? -1 : 1;
      ++c.i;
      int32_t oh, om = 0;
      if (!c.Digits(2, 2, &oh)) return false;
      if (c.Eat(":")) {
        if (!c.Digits(2, 2, &om)) return false;
      } else if (!c.done()) {
        if (!c.Digits(2, 2, &om)) return false;
      }
      if (oh > 14 || om > 59) return false;
      offset = sign * (oh * 3600 + om * 60);
    } else {
      return false;
    }
  }
  if (!c.done()) return false;
  *micros = static_cast<int64_t>(days) * kMicrosPerDay + hh * kMicrosPerHour +
            mi * kMicrosPerMinute + ss * kMicrosPerSecond + us - offset * kMicrosPerSecond;
  return true;
}

void AppendDate(int32_t days, std::string* out) {
  const CivilDate d = CivilFromDays(days);
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  out->append(buf, static_cast<size_t>(n));
}

void AppendTimestamp(int64_t micros, int32_t offset_seconds, std::string* out) {
  const CivilTime t = ToCivil(micros, offset_seconds);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", t.date.year,
                        t.date.month, t.date.day, t.hour, t.minute, t.second);
  out->append(buf, static_cast<size_t>(n));
  if (t.micros != 0) {
    n = std::snprintf(buf, sizeof buf, ".%06d", t.micros);
    out->append(buf, static_cast<size_t>(n));
  }
}

std::string FormatDate(int32_t days) {
  std::string s;
  AppendDate(days, &s);
  return s;
}

std::string FormatTimestamp(int64_t micros, int32_t offset_seconds) {
  std::string s;
  AppendTimestamp(micros, offset_seconds, &s);
  return s;
}

bool ParseDuration(std::string_view text, int64_t* micros) {
  size_t i = 0;
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
  double count = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + i, count);
  if (i == 0 || ec != std::errc() || end != text.data() + i || !(count > 0) || count > 1e9) return false;
  std::string_view unit = text.substr(i);
  int64_t scale = 0;
  if (unit == "s") scale = kMicrosPerSecond;
  else if (unit == "m" || unit == "min") scale = kMicrosPerMinute;
  else if (unit == "h") scale = kMicrosPerHour;
  else if (unit == "d") scale = kMicrosPerDay;
  else if (unit == "w") scale = 7 * kMicrosPerDay;
  else return false;
  *micros = std::llround(count * static_cast<double>(scale));
  return *micros > 0;
}

}  // namespace xf
