// The time axis of generated series: start, length, frequency, and per-point calendar facts
// (local day, weekday, day of year, hour, China day type) computed once per table.
#pragma once

#include <cstdint>
#include <vector>

#include "core/calendar_cn.h"
#include "core/column.h"
#include "core/spec_node.h"

namespace xf::synth {

struct TimeAxis {
  bool daily = true;         // kDate points; otherwise kTimestamp
  int32_t first_day = 0;     // local calendar day of the first point
  int32_t last_day = 0;      // inclusive
  int64_t step = 0;          // microseconds
  int64_t start_micros = 0;  // UTC instant of the first point (local midnight)
  int64_t points = 0;
  std::vector<int32_t> day;   // local day of each point
  std::vector<uint8_t> dow;   // 0 = Monday
  std::vector<int16_t> doy;   // 0-based day of year
  std::vector<uint8_t> hour;  // local hour
  std::vector<DayType> day_type;

  // Reads start + (end | days) + freq from `spec`.
  static TimeAxis Read(const SpecNode& spec);
  // One value of the time column for point j.
  void Append(int64_t j, Column* col) const;
  TypeId type() const { return daily ? TypeId::kDate : TypeId::kTimestamp; }
  // Points j with day within [from_day, to_day].
  std::pair<int64_t, int64_t> PointsOfDays(int32_t from_day, int32_t to_day) const;
};

}  // namespace xf::synth
