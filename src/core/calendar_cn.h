// China's statutory-holiday calendar (法定节假日 with 调休 make-up workdays), 2020–2026.
//
// Demand for electricity, water and goods in China follows the State Council's yearly holiday
// notice, not the plain weekday: a Sunday can be a make-up workday and a Wednesday a holiday.
// Forecasts "per day type" (workday / weekend / holiday) therefore need this table. Outside the
// covered years only the weekday rule applies; ChinaCalendarCovers() tells callers which is which.
#pragma once

#include <cstdint>

namespace xf {

enum class DayType { kWorkday, kWeekend, kHoliday };

// A day inside a holiday block (including the weekend days the block spans) → kHoliday; a
// make-up workday (调休上班) → kWorkday; otherwise Sat/Sun → kWeekend and Mon–Fri → kWorkday.
DayType ChinaDayType(int32_t days_since_epoch);

// True when `days` falls in a year whose holiday notice is in the table (2020–2026).
bool ChinaCalendarCovers(int32_t days);

// "workday", "weekend", "holiday".
const char* DayTypeName(DayType type);

}  // namespace xf
