// Date and time functions. Timestamps are UTC instants; calendar fields and truncation use the
// session zone Asia/Shanghai (+08:00). Day-of-week conventions: date_part('dow') is 0 = Sunday
// .. 6 = Saturday (PostgreSQL), date_part('isodow') and day_of_week() are 1 = Monday .. 7 =
// Sunday; 'week' is the ISO 8601 week number (weeks start on Monday). date_diff counts unit
// boundaries crossed from a to b (date_diff('month', '2024-01-31', '2024-02-01') = 1), as DuckDB.
// Results outside about ±200,000 years are NULL.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "core/time.h"
#include "expr/cast.h"
#include "expr/coerce.h"
#include "expr/evaluator.h"
#include "expr/functions.h"

namespace xf {
namespace {

using Args = std::vector<Vec>;
using SV = std::string_view;
constexpr TypeId kD = TypeId::kDate;
constexpr TypeId kT = TypeId::kTimestamp;
constexpr TypeId kI = TypeId::kInt64;
constexpr TypeId kS = TypeId::kString;
constexpr TypeId kF = TypeId::kFloat64;
constexpr int64_t kMaxMicros = kMaxCivilDays * kMicrosPerDay;

enum class Unit { kYear, kQuarter, kMonth, kWeek, kDay, kHour, kMinute, kSecond };
enum class Field {
  kYear,
  kQuarter,
  kMonth,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kDow,
  kIsoDow,
  kDoy,
  kWeek,
  kEpoch
};

struct TimeState {
  Unit unit = Unit::kDay;
  Field field = Field::kDay;
};

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
bool DayInRange(int64_t d) { return d >= -kMaxCivilDays && d <= kMaxCivilDays; }
bool MicrosInRange(int64_t t) { return t >= -kMaxMicros && t <= kMaxMicros; }

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

Unit ParseUnit(const FunctionCall& call, size_t i, bool allow_time) {
  std::string u = Lower(call.ConstantString(i, "the unit"));
  if (u.size() > 1 && u.back() == 's') u.pop_back();  // 'days' = 'day'
  static const std::pair<const char*, Unit> kUnits[] = {
      {"year", Unit::kYear},     {"quarter", Unit::kQuarter}, {"month", Unit::kMonth},
      {"week", Unit::kWeek},     {"day", Unit::kDay},         {"hour", Unit::kHour},
      {"minute", Unit::kMinute}, {"second", Unit::kSecond}};
  for (const auto& [name, unit] : kUnits) {
    if (u == name) {
      if (!allow_time && unit >= Unit::kHour) {
        call.Fail(
            static_cast<int>(i),
            fmt::format("{}: a date has no {}; CAST it to timestamp first", call.name(), name));
      }
      return unit;
    }
  }
  call.Fail(static_cast<int>(i),
            fmt::format("{}: unknown unit '{}'; units are year, quarter, month, week, day, hour, "
                        "minute, second",
                        call.name(), call.Constant(i).string_value()));
}

Field ParseField(const FunctionCall& call, size_t i, bool allow_time) {
  const std::string f = Lower(call.ConstantString(i, "the field"));
  static const std::pair<const char*, Field> kFields[] = {
      {"year", Field::kYear},     {"quarter", Field::kQuarter}, {"month", Field::kMonth},
      {"day", Field::kDay},       {"hour", Field::kHour},       {"minute", Field::kMinute},
      {"second", Field::kSecond}, {"dow", Field::kDow},         {"isodow", Field::kIsoDow},
      {"doy", Field::kDoy},       {"week", Field::kWeek},       {"epoch", Field::kEpoch}};
  for (const auto& [name, field] : kFields) {
    if (f == name) {
      if (!allow_time &&
          (field == Field::kHour || field == Field::kMinute || field == Field::kSecond)) {
        call.Fail(
            static_cast<int>(i),
            fmt::format("{}: a date has no {}; CAST it to timestamp first", call.name(), name));
      }
      return field;
    }
  }
  call.Fail(
      static_cast<int>(i),
      fmt::format("{}: unknown field '{}'; fields are year, quarter, month, day, hour, minute, "
                  "second, dow, isodow, doy, week, epoch",
                  call.name(), call.Constant(i).string_value()));
}

int32_t TruncDays(int32_t d, Unit unit) {
  const CivilDate c = CivilFromDays(d);
  switch (unit) {
    case Unit::kYear:
      return DaysFromCivil(c.year, 1, 1);
    case Unit::kQuarter:
      return DaysFromCivil(c.year, (c.month - 1) / 3 * 3 + 1, 1);
    case Unit::kMonth:
      return DaysFromCivil(c.year, c.month, 1);
    case Unit::kWeek:
      return d - DayOfWeek(d);
    default:
      return d;
  }
}

int64_t TruncMicros(int64_t t, Unit unit) {
  // Asia/Shanghai is a whole number of hours from UTC, so hours and finer truncate in UTC.
  switch (unit) {
    case Unit::kHour:
      return FloorDiv(t, kMicrosPerHour) * kMicrosPerHour;
    case Unit::kMinute:
      return FloorDiv(t, kMicrosPerMinute) * kMicrosPerMinute;
    case Unit::kSecond:
      return FloorDiv(t, kMicrosPerSecond) * kMicrosPerSecond;
    default:
      return DateToTimestamp(TruncDays(TimestampToDate(t), unit));
  }
}

int64_t IsoWeek(int32_t d) {
  const int32_t thursday = d - DayOfWeek(d) + 3;
  const CivilDate c = CivilFromDays(thursday);
  return (thursday - DaysFromCivil(c.year, 1, 1)) / 7 + 1;
}

int64_t DateField(int32_t d, Field f) {
  const CivilDate c = CivilFromDays(d);
  switch (f) {
    case Field::kYear:
      return c.year;
    case Field::kQuarter:
      return (c.month - 1) / 3 + 1;
    case Field::kMonth:
      return c.month;
    case Field::kDay:
      return c.day;
    case Field::kDow:
      return (DayOfWeek(d) + 1) % 7;
    case Field::kIsoDow:
      return DayOfWeek(d) + 1;
    case Field::kDoy:
      return d - DaysFromCivil(c.year, 1, 1) + 1;
    case Field::kWeek:
      return IsoWeek(d);
    case Field::kEpoch:
      return FloorDiv(DateToTimestamp(d), kMicrosPerSecond);
    default:
      return 0;
  }
}

int64_t TimestampField(int64_t t, Field f) {
  switch (f) {
    case Field::kHour:
      return ToCivil(t).hour;
    case Field::kMinute:
      return ToCivil(t).minute;
    case Field::kSecond:
      return ToCivil(t).second;
    case Field::kEpoch:
      return FloorDiv(t, kMicrosPerSecond);
    default:
      return DateField(TimestampToDate(t), f);
  }
}

ColumnPtr TruncDateKernel(const Args& a, int64_t n, const KernelContext& ctx) {
  const Unit u = ctx.state<TimeState>().unit;
  return Map1<int32_t, int32_t>(kD, a[1], n, [u](int32_t d, int32_t* r) {
    if (!DayInRange(d)) return false;
    *r = TruncDays(d, u);
    return true;
  });
}

ColumnPtr TruncTimestampKernel(const Args& a, int64_t n, const KernelContext& ctx) {
  const Unit u = ctx.state<TimeState>().unit;
  return Map1<int64_t, int64_t>(kT, a[1], n, [u](int64_t t, int64_t* r) {
    if (!MicrosInRange(t)) return false;
    *r = TruncMicros(t, u);
    return true;
  });
}

ColumnPtr PartDateKernel(const Args& a, int64_t n, const KernelContext& ctx) {
  const Field f = ctx.state<TimeState>().field;
  return Map1<int64_t, int32_t>(kI, a.back(), n, [f](int32_t d, int64_t* r) {
    if (!DayInRange(d)) return false;
    *r = DateField(d, f);
    return true;
  });
}

ColumnPtr PartTimestampKernel(const Args& a, int64_t n, const KernelContext& ctx) {
  const Field f = ctx.state<TimeState>().field;
  return Map1<int64_t, int64_t>(kI, a.back(), n, [f](int64_t t, int64_t* r) {
    if (!MicrosInRange(t)) return false;
    *r = TimestampField(t, f);
    return true;
  });
}

// Adds months keeping the day where possible, else the month's last day (Jan 31 + 1 month =
// Feb 28/29).
bool AddMonths(int32_t d, int64_t months, int32_t* out) {
  if (months > 12 * 400000 || months < -12 * 400000) return false;
  const CivilDate c = CivilFromDays(d);
  const int64_t total = static_cast<int64_t>(c.year) * 12 + (c.month - 1) + months;
  const int32_t y = static_cast<int32_t>(FloorDiv(total, 12));
  const int32_t m = static_cast<int32_t>(total - static_cast<int64_t>(y) * 12) + 1;
  const int64_t r = DaysFromCivil(y, m, std::min(c.day, DaysInMonth(y, m)));
  if (!DayInRange(r)) return false;
  *out = static_cast<int32_t>(r);
  return true;
}

int64_t MonthsPer(Unit u) { return u == Unit::kYear ? 12 : u == Unit::kQuarter ? 3 : 1; }
int64_t MicrosPer(Unit u) {
  switch (u) {
    case Unit::kWeek:
      return 7 * kMicrosPerDay;
    case Unit::kDay:
      return kMicrosPerDay;
    case Unit::kHour:
      return kMicrosPerHour;
    case Unit::kMinute:
      return kMicrosPerMinute;
    default:
      return kMicrosPerSecond;
  }
}
bool IsMonthly(Unit u) { return u == Unit::kYear || u == Unit::kQuarter || u == Unit::kMonth; }

ColumnPtr AddDateKernel(const Args& a, int64_t n, const KernelContext& ctx) {
  const Unit u = ctx.state<TimeState>().unit;
  return Map2<int32_t, int64_t, int32_t>(kD, a[1], a[2], n, [u](int64_t k, int32_t d, int32_t* r) {
    if (!DayInRange(d)) return false;
    if (IsMonthly(u)) {
      int64_t months = 0;
      if (__builtin_mul_overflow(k, MonthsPer(u), &months)) return false;
      return AddMonths(d, months, r);
    }
    int64_t days = 0, v = 0;
    if (__builtin_mul_overflow(k, u == Unit::kWeek ? 7 : 1, &days)) return false;
    if (__builtin_add_overflow(days, static_cast<int64_t>(d), &v) || !DayInRange(v)) return false;
    *r = static_cast<int32_t>(v);
    return true;
  });
}

ColumnPtr AddTimestampKernel(const Args& a, int64_t n, const KernelContext& ctx) {
  const Unit u = ctx.state<TimeState>().unit;
  return Map2<int64_t, int64_t, int64_t>(kT, a[1], a[2], n, [u](int64_t k, int64_t t, int64_t* r) {
    if (!MicrosInRange(t)) return false;
    if (IsMonthly(u)) {
      int64_t months = 0;
      if (__builtin_mul_overflow(k, MonthsPer(u), &months)) return false;
      const int32_t day = TimestampToDate(t);
      const int64_t time_of_day = t - DateToTimestamp(day);
      int32_t moved = 0;
      if (!AddMonths(day, months, &moved)) return false;
      *r = DateToTimestamp(moved) + time_of_day;
      return true;
    }
    int64_t delta = 0;
    if (__builtin_mul_overflow(k, MicrosPer(u), &delta)) return false;
    if (__builtin_add_overflow(t, delta, r) || !MicrosInRange(*r)) return false;
    return true;
  });
}

int64_t DiffDays(int32_t a, int32_t b, Unit u) {
  switch (u) {
    case Unit::kYear:
      return CivilFromDays(b).year - static_cast<int64_t>(CivilFromDays(a).year);
    case Unit::kQuarter:
    case Unit::kMonth: {
      const CivilDate ca = CivilFromDays(a), cb = CivilFromDays(b);
      const int64_t ma = static_cast<int64_t>(ca.year) * 12 + ca.month - 1;
      const int64_t mb = static_cast<int64_t>(cb.year) * 12 + cb.month - 1;
      return u == Unit::kMonth ? mb - ma : FloorDiv(mb, 3) - FloorDiv(ma, 3);
    }
    case Unit::kWeek:
      return ((b - DayOfWeek(b)) - static_cast<int64_t>(a - DayOfWeek(a))) / 7;
    case Unit::kDay:
      return static_cast<int64_t>(b) - a;
    case Unit::kHour:
      return (static_cast<int64_t>(b) - a) * 24;
    case Unit::kMinute:
      return (static_cast<int64_t>(b) - a) * 24 * 60;
    case Unit::kSecond:
      return (static_cast<int64_t>(b) - a) * 24 * 3600;
  }
  return 0;
}

ColumnPtr DiffDateKernel(const Args& a, int64_t n, const KernelContext& ctx) {
  const Unit u = ctx.state<TimeState>().unit;
  return Map2<int64_t, int32_t, int32_t>(kI, a[1], a[2], n, [u](int32_t x, int32_t y, int64_t* r) {
    if (!DayInRange(x) || !DayInRange(y)) return false;
    *r = DiffDays(x, y, u);
    return true;
  });
}

ColumnPtr DiffTimestampKernel(const Args& a, int64_t n, const KernelContext& ctx) {
  const Unit u = ctx.state<TimeState>().unit;
  return Map2<int64_t, int64_t, int64_t>(kI, a[1], a[2], n, [u](int64_t x, int64_t y, int64_t* r) {
    if (!MicrosInRange(x) || !MicrosInRange(y)) return false;
    if (u == Unit::kHour || u == Unit::kMinute || u == Unit::kSecond) {
      const int64_t per = MicrosPer(u);
      *r = FloorDiv(y, per) - FloorDiv(x, per);
    } else {
      *r = DiffDays(TimestampToDate(x), TimestampToDate(y), u);
    }
    return true;
  });
}

ColumnPtr DayOfWeekKernel(const Args& a, int64_t n, const KernelContext&) {
  if (a[0].type() == kD) {
    return Map1<int64_t, int32_t>(kI, a[0], n, [](int32_t d, int64_t* r) {
      if (!DayInRange(d)) return false;
      *r = DayOfWeek(d) + 1;
      return true;
    });
  }
  return Map1<int64_t, int64_t>(kI, a[0], n, [](int64_t t, int64_t* r) {
    if (!MicrosInRange(t)) return false;
    *r = DayOfWeek(TimestampToDate(t)) + 1;
    return true;
  });
}

ColumnPtr EpochToTimestamp(const Args& a, int64_t n, const KernelContext& ctx) {
  return Map1Indexed<int64_t, double>(kT, a[0], n, [&](int64_t i, double s, int64_t* r) {
    const double us = std::round(s * 1e6);
    if (!(us >= static_cast<double>(-kMaxMicros) && us <= static_cast<double>(kMaxMicros))) {
      ctx.FailRow(i, fmt::format("to_timestamp: {} seconds is out of range", s));
    }
    *r = static_cast<int64_t>(us);
    return true;
  });
}

ColumnPtr MakeDate(const Args& a, int64_t n, const KernelContext& ctx) {
  return Map3Indexed<int32_t, int64_t, int64_t, int64_t>(
      kD, a[0], a[1], a[2], n, [&ctx](int64_t i, int64_t y, int64_t m, int64_t d, int32_t* r) {
        if (y < 1 || y > 9999 ||
            !IsValidCivil(static_cast<int32_t>(y),
                          static_cast<int32_t>(std::clamp<int64_t>(m, 0, 13)),
                          static_cast<int32_t>(std::clamp<int64_t>(d, 0, 32)))) {
          ctx.FailRow(i, fmt::format("make_date: {}-{}-{} is not a date", y, m, d));
        }
        *r = DaysFromCivil(static_cast<int32_t>(y), static_cast<int32_t>(m),
                           static_cast<int32_t>(d));
        return true;
      });
}

FunctionDef Def(std::string name, int min, int max, std::string sig, FunctionBinder bind) {
  return FunctionDef{std::move(name), min, max, std::move(sig), std::move(bind)};
}

template <typename F>
BoundFunction WithState(BoundFunction f, F&& fill) {
  auto st = std::make_shared<TimeState>();
  fill(st.get());
  f.state = st;
  return f;
}

}  // namespace

void RegisterTimeFunctions(std::vector<FunctionDef>* r) {
  r->push_back(Def("date_trunc", 2, 2, "date_trunc(unit, x)", [](FunctionCall& call) {
    BoundFunction f = BindOverloads(
        call, {{{kS, kD}, kD, TruncDateKernel}, {{kS, kT}, kT, TruncTimestampKernel}});
    const bool ts = f.result == kT;
    return WithState(f, [&](TimeState* s) { s->unit = ParseUnit(call, 0, ts); });
  }));
  r->push_back(Def("date_part", 2, 2, "date_part(field, x)", [](FunctionCall& call) {
    BoundFunction f =
        BindOverloads(call, {{{kS, kD}, kI, PartDateKernel}, {{kS, kT}, kI, PartTimestampKernel}});
    const bool ts = call.type(1) == kT;
    return WithState(f, [&](TimeState* s) { s->field = ParseField(call, 0, ts); });
  }));
  r->push_back(Def("day_of_week", 1, 1, "day_of_week(x)", [](FunctionCall& call) {
    return BindOverloads(call, {{{kD}, kI, DayOfWeekKernel}, {{kT}, kI, DayOfWeekKernel}});
  }));
  r->push_back(Def("date_add", 3, 3, "date_add(unit, n, x)", [](FunctionCall& call) {
    BoundFunction f = BindOverloads(
        call, {{{kS, kI, kD}, kD, AddDateKernel}, {{kS, kI, kT}, kT, AddTimestampKernel}});
    const bool ts = f.result == kT;
    return WithState(f, [&](TimeState* s) { s->unit = ParseUnit(call, 0, ts); });
  }));
  r->push_back(Def("date_diff", 3, 3, "date_diff(unit, a, b)", [](FunctionCall& call) {
    BoundFunction f = BindOverloads(
        call, {{{kS, kD, kD}, kI, DiffDateKernel}, {{kS, kT, kT}, kI, DiffTimestampKernel}});
    return WithState(f, [&](TimeState* s) { s->unit = ParseUnit(call, 0, true); });
  }));
  r->push_back(Def("to_date", 1, 1, "to_date(text)", [](FunctionCall& call) {
    BindOverloads(call, {{{kS}, kD, nullptr}});
    call.args()[0] = CastTo(call.arg(0), kD, false, call.text());
    return BoundFunction{
        kD, [](const Args& a, int64_t n, const KernelContext&) { return Materialize(a[0], n); },
        nullptr, call.arg(0)->can_raise};
  }));
  r->push_back(
      Def("to_timestamp", 1, 1, "to_timestamp(text | epoch_seconds)", [](FunctionCall& call) {
        if (call.type(0) == kS) {
          call.args()[0] = CastTo(call.arg(0), kT, false, call.text());
          return BoundFunction{
              kT,
              [](const Args& a, int64_t n, const KernelContext&) { return Materialize(a[0], n); },
              nullptr, call.arg(0)->can_raise};
        }
        BoundFunction f = BindOverloads(call, {{{kF}, kT, EpochToTimestamp}, {{kS}, kT, nullptr}});
        f.can_raise = true;
        return f;
      }));
  r->push_back(Def("make_date", 3, 3, "make_date(year, month, day)", [](FunctionCall& call) {
    BoundFunction f = BindOverloads(call, {{{kI, kI, kI}, kD, MakeDate}});
    f.can_raise = true;
    return f;
  }));
  for (const char* name : {"now", "current_date", "current_timestamp", "today", "random", "rand"}) {
    r->push_back(
        Def(name, 0, -1, std::string(name) + "()", [](FunctionCall& call) -> BoundFunction {
          call.Fail(
              -1, fmt::format("{}() is not allowed: expressions must give the same result on every "
                              "run (the evidence ledger replays them); pass the reference time or "
                              "seed as a column or literal instead",
                              call.name()));
        }));
  }
}

}  // namespace xf
