#include "core/calendar_cn.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace xf {
namespace {

DayType At(int y, int m, int d) { return ChinaDayType(DaysFromCivil(y, m, d)); }

TEST(CalendarCn, MakeUpWorkdaysAreWorkdays) {
  EXPECT_EQ(At(2024, 2, 4), DayType::kWorkday);   // Sunday before 春节 2024
  EXPECT_EQ(At(2024, 2, 18), DayType::kWorkday);  // Sunday after
  EXPECT_EQ(At(2025, 1, 26), DayType::kWorkday);  // Sunday before 春节 2025
  EXPECT_EQ(At(2025, 2, 8), DayType::kWorkday);   // Saturday after
  EXPECT_EQ(At(2025, 4, 27), DayType::kWorkday);  // 劳动节 2025 make-up (only one)
  EXPECT_EQ(At(2026, 1, 4), DayType::kWorkday);
  EXPECT_EQ(At(2020, 1, 19), DayType::kWorkday);
}

TEST(CalendarCn, HolidayBlocksIncludeTheirWeekends) {
  for (int d = 1; d <= 7; ++d) EXPECT_EQ(At(2024, 10, d), DayType::kHoliday) << d;
  EXPECT_EQ(At(2024, 10, 8), DayType::kWorkday);
  EXPECT_EQ(At(2024, 10, 12), DayType::kWorkday);  // Saturday make-up
  for (int d = 28; d <= 31; ++d) EXPECT_EQ(At(2025, 1, d), DayType::kHoliday) << d;
  for (int d = 1; d <= 4; ++d) EXPECT_EQ(At(2025, 2, d), DayType::kHoliday) << d;
  EXPECT_EQ(At(2025, 5, 5), DayType::kHoliday);    // 5-day 劳动节 under the 2025 rules
  EXPECT_EQ(At(2022, 12, 31), DayType::kHoliday);  // 2023 元旦 block, a Saturday
  EXPECT_EQ(At(2023, 4, 5), DayType::kHoliday);    // 清明 2023 on a Wednesday
  EXPECT_EQ(At(2026, 2, 23), DayType::kHoliday);   // 9-day 春节 2026
}

TEST(CalendarCn, SpringFestival2020ExtensionCounts) {
  EXPECT_EQ(At(2020, 1, 31), DayType::kHoliday);
  EXPECT_EQ(At(2020, 2, 1), DayType::kHoliday);  // the cancelled Saturday make-up day
  EXPECT_EQ(At(2020, 2, 2), DayType::kHoliday);
  EXPECT_EQ(At(2020, 2, 3), DayType::kWorkday);
}

TEST(CalendarCn, PlainDaysFollowTheWeekday) {
  EXPECT_EQ(At(2024, 3, 9), DayType::kWeekend);   // Saturday
  EXPECT_EQ(At(2024, 3, 11), DayType::kWorkday);  // Monday
  EXPECT_EQ(At(2030, 10, 1), DayType::kWorkday);  // not covered: a Tuesday is a workday
  EXPECT_EQ(At(2019, 10, 5), DayType::kWeekend);
  EXPECT_FALSE(ChinaCalendarCovers(DaysFromCivil(2019, 12, 31)));
  EXPECT_TRUE(ChinaCalendarCovers(DaysFromCivil(2020, 1, 1)));
  EXPECT_TRUE(ChinaCalendarCovers(DaysFromCivil(2026, 12, 31)));
  EXPECT_FALSE(ChinaCalendarCovers(DaysFromCivil(2027, 1, 1)));
}

// The notices' totals: every year has the statutory days off (11 before 2025, 13 from 2025)
// plus the weekends they swallow; a sanity check on the whole table rather than a few dates.
TEST(CalendarCn, YearlyCountsMatchTheNotices) {
  auto count = [](int year, DayType t) {
    int n = 0;
    for (int32_t d = DaysFromCivil(year, 1, 1); d <= DaysFromCivil(year, 12, 31); ++d) {
      n += ChinaDayType(d) == t;
    }
    return n;
  };
  // Make-up days only swap days, so workdays = days - Saturdays/Sundays - statutory days
  // (11 before 2025, 13 from 2025); 2020 loses two more to the Spring Festival extension
  // (Fri Jan 31 and the cancelled make-up Saturday Feb 1).
  EXPECT_EQ(count(2020, DayType::kWorkday), 366 - 104 - 11 - 2);
  EXPECT_EQ(count(2021, DayType::kWorkday), 365 - 104 - 11);
  EXPECT_EQ(count(2022, DayType::kWorkday), 365 - 105 - 11);
  EXPECT_EQ(count(2023, DayType::kWorkday), 365 - 105 - 11);
  EXPECT_EQ(count(2024, DayType::kWorkday), 366 - 104 - 11);
  EXPECT_EQ(count(2025, DayType::kWorkday), 365 - 104 - 13);
  EXPECT_EQ(count(2026, DayType::kWorkday), 365 - 104 - 13);
  for (int y = 2020; y <= 2026; ++y) {
    for (int32_t d = DaysFromCivil(y, 1, 1); d <= DaysFromCivil(y, 12, 31); ++d) {
      // A make-up workday is always a Saturday or Sunday; a holiday never a plain weekend.
      if (ChinaDayType(d) == DayType::kWeekend) {
        EXPECT_GE(DayOfWeek(d), 5);
      }
    }
  }
}

TEST(CalendarCn, Names) {
  EXPECT_STREQ(DayTypeName(DayType::kWorkday), "workday");
  EXPECT_STREQ(DayTypeName(DayType::kWeekend), "weekend");
  EXPECT_STREQ(DayTypeName(DayType::kHoliday), "holiday");
}

}  // namespace
}  // namespace xf
