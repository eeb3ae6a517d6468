#include "synth/series_time.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/time.h"
#include "synth/spec_util.h"

namespace xf::synth {

TimeAxis TimeAxis::Read(const SpecNode& spec) {
  TimeAxis a;
  a.first_day = ReadDate(spec.Required("start"));
  if (spec.Has("end") == spec.Has("days")) {
    spec.Fail("give exactly one of 'end' (inclusive date) and 'days'");
  }
  if (spec.Has("end")) {
    a.last_day = ReadDate(spec.Get("end"));
    if (a.last_day < a.first_day) spec.Get("end").Fail("end is before start");
  } else {
    const int64_t days = spec.Get("days").AsInt();
    if (days < 1 || days > 36600) spec.Get("days").Fail("days must be 1..36600");
    a.last_day = a.first_day + static_cast<int32_t>(days) - 1;
  }
  a.step = spec.Has("freq") ? ReadDuration(spec.Get("freq")) : kMicrosPerDay;
  if (a.step > kMicrosPerDay || kMicrosPerDay % a.step != 0) {
    spec.Get("freq").Fail("freq must divide a day (1d, 1h, 30m, 15m, 10m, 5m, 1m)");
  }
  a.daily = a.step == kMicrosPerDay;
  const int64_t per_day = kMicrosPerDay / a.step;
  const int64_t days = static_cast<int64_t>(a.last_day) - a.first_day + 1;
  a.points = days * per_day;
  if (a.points > 50'000'000) spec.Fail(fmt::format("{} points per series is too many", a.points));
  a.start_micros = FromCivil({CivilFromDays(a.first_day), 0, 0, 0, 0});
  const size_t n = static_cast<size_t>(a.points);
  a.day.resize(n);
  a.dow.resize(n);
  a.doy.resize(n);
  a.hour.resize(n);
  a.day_type.resize(n);
  for (int64_t d = 0; d < days; ++d) {
    const int32_t day = a.first_day + static_cast<int32_t>(d);
    const CivilDate c = CivilFromDays(day);
    const int16_t doy = static_cast<int16_t>(day - DaysFromCivil(c.year, 1, 1));
    const DayType t = ChinaDayType(day);
    const uint8_t dow = static_cast<uint8_t>(DayOfWeek(day));
    for (int64_t k = 0; k < per_day; ++k) {
      const size_t j = static_cast<size_t>(d * per_day + k);
      a.day[j] = day;
      a.dow[j] = dow;
      a.doy[j] = doy;
      a.hour[j] = static_cast<uint8_t>(k * a.step / kMicrosPerHour);
      a.day_type[j] = t;
    }
  }
  return a;
}

void TimeAxis::Append(int64_t j, Column* col) const {
  if (daily) {
    col->AppendDate(day[static_cast<size_t>(j)]);
  } else {
    col->AppendTimestamp(start_micros + j * step);
  }
}

std::pair<int64_t, int64_t> TimeAxis::PointsOfDays(int32_t from_day, int32_t to_day) const {
  const int64_t per_day = kMicrosPerDay / step;
  const int64_t lo = std::max<int64_t>(0, (static_cast<int64_t>(from_day) - first_day) * per_day);
  const int64_t hi =
      std::min<int64_t>(points, (static_cast<int64_t>(to_day) - first_day + 1) * per_day);
  return {lo, hi};
}

}  // namespace xf::synth
