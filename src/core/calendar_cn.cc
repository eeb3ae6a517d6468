#include "core/calendar_cn.h"

#include <vector>

#include "core/time.h"

namespace xf {
namespace {

// One holiday block [first, last] (inclusive, civil dates) and its make-up workdays.
struct Block {
  int y1, m1, d1;
  int y2, m2, d2;
};
struct MakeUp {
  int y, m, d;
};

// Sources, one per year: 国务院办公厅关于<year>年部分节假日安排的通知.
//   2020: 国办发明电〔2019〕16号 (2019-11-21); Spring Festival extended to Feb 2 by
//         国办发明电〔2020〕1号 (2020-01-26), which also cancelled the Feb 1 (Sat) make-up day.
//   2021: 国办发明电〔2020〕27号 (2020-11-25).
//   2022: 国办发明电〔2021〕11号 (2021-10-25).
//   2023: 国办发明电〔2022〕16号 (2022-12-08); 元旦 block starts 2022-12-31.
//   2024: 国办发明电〔2023〕7号 (2023-10-25); "与周末连休" single days are stored with the
//         adjacent weekend (元旦 2023-12-30..2024-01-01, 端午 06-08..06-10), as the block is
//         taken off together.
//   2025: 国办发明电〔2024〕12号 (2024-11-12), the first year under the revised 《全国年节及纪念日
//         放假办法》 (国务院令第795号): 春节 and 劳动节 gain one day each (除夕 is a holiday).
//   2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
constexpr Block kHolidays[] = {
    // 2020
    {2020, 1, 1, 2020, 1, 1},    // 元旦
    {2020, 1, 24, 2020, 2, 2},   // 春节 (extended)
    {2020, 4, 4, 2020, 4, 6},    // 清明
    {2020, 5, 1, 2020, 5, 5},    // 劳动节
    {2020, 6, 25, 2020, 6, 27},  // 端午
    {2020, 10, 1, 2020, 10, 8},  // 国庆 + 中秋
    // 2021
    {2021, 1, 1, 2021, 1, 3},    // 元旦
    {2021, 2, 11, 2021, 2, 17},  // 春节
    {2021, 4, 3, 2021, 4, 5},    // 清明
    {2021, 5, 1, 2021, 5, 5},    // 劳动节
    {2021, 6, 12, 2021, 6, 14},  // 端午
    {2021, 9, 19, 2021, 9, 21},  // 中秋
    {2021, 10, 1, 2021, 10, 7},  // 国庆
    // 2022
    {2022, 1, 1, 2022, 1, 3},    // 元旦
    {2022, 1, 31, 2022, 2, 6},   // 春节
    {2022, 4, 3, 2022, 4, 5},    // 清明
    {2022, 4, 30, 2022, 5, 4},   // 劳动节
    {2022, 6, 3, 2022, 6, 5},    // 端午
    {2022, 9, 10, 2022, 9, 12},  // 中秋
    {2022, 10, 1, 2022, 10, 7},  // 国庆
    // 2023
    {2022, 12, 31, 2023, 1, 2},  // 元旦
    {2023, 1, 21, 2023, 1, 27},  // 春节
    {2023, 4, 5, 2023, 4, 5},    // 清明
    {2023, 4, 29, 2023, 5, 3},   // 劳动节
    {2023, 6, 22, 2023, 6, 24},  // 端午
    {2023, 9, 29, 2023, 10, 6},  // 中秋 + 国庆
    // 2024
    {2023, 12, 30, 2024, 1, 1},  // 元旦 (1 day + weekend)
    {2024, 2, 10, 2024, 2, 17},  // 春节
    {2024, 4, 4, 2024, 4, 6},    // 清明
    {2024, 5, 1, 2024, 5, 5},    // 劳动节
    {2024, 6, 8, 2024, 6, 10},   // 端午 (1 day + weekend)
    {2024, 9, 15, 2024, 9, 17},  // 中秋
    {2024, 10, 1, 2024, 10, 7},  // 国庆
    // 2025
    {2025, 1, 1, 2025, 1, 1},    // 元旦
    {2025, 1, 28, 2025, 2, 4},   // 春节 (8 days, 除夕 included)
    {2025, 4, 4, 2025, 4, 6},    // 清明
    {2025, 5, 1, 2025, 5, 5},    // 劳动节
    {2025, 5, 31, 2025, 6, 2},   // 端午
    {2025, 10, 1, 2025, 10, 8},  // 国庆 + 中秋
    // 2026
    {2026, 1, 1, 2026, 1, 3},    // 元旦
    {2026, 2, 15, 2026, 2, 23},  // 春节 (9 days)
    {2026, 4, 4, 2026, 4, 6},    // 清明
    {2026, 5, 1, 2026, 5, 5},    // 劳动节
    {2026, 6, 19, 2026, 6, 21},  // 端午
    {2026, 9, 25, 2026, 9, 27},  // 中秋
    {2026, 10, 1, 2026, 10, 7},  // 国庆
};

constexpr MakeUp kMakeUpWorkdays[] = {
    {2020, 1, 19},  {2020, 4, 26}, {2020, 5, 9},   {2020, 6, 28}, {2020, 9, 27},
    {2020, 10, 10},  // 2020
    {2021, 2, 7},   {2021, 2, 20}, {2021, 4, 25},  {2021, 5, 8},  {2021, 9, 18},
    {2021, 9, 26},  {2021, 10, 9},  // 2021
    {2022, 1, 29},  {2022, 1, 30}, {2022, 4, 2},   {2022, 4, 24}, {2022, 5, 7},
    {2022, 10, 8},  {2022, 10, 9},  // 2022
    {2023, 1, 28},  {2023, 1, 29}, {2023, 4, 23},  {2023, 5, 6},  {2023, 6, 25},
    {2023, 10, 7},  {2023, 10, 8},  // 2023
    {2024, 2, 4},   {2024, 2, 18}, {2024, 4, 7},   {2024, 4, 28}, {2024, 5, 11},
    {2024, 9, 14},  {2024, 9, 29}, {2024, 10, 12},                                 // 2024
    {2025, 1, 26},  {2025, 2, 8},  {2025, 4, 27},  {2025, 9, 28}, {2025, 10, 11},  // 2025
    {2026, 1, 4},   {2026, 2, 14}, {2026, 2, 28},  {2026, 5, 9},  {2026, 9, 20},
    {2026, 10, 10},  // 2026
};

constexpr int kFirstYear = 2020;
constexpr int kLastYear = 2026;

// Day types for the covered span, built once: a lookup is one array read.
struct Table {
  int32_t first = 0;
  std::vector<DayType> types;  // only the exceptions to the weekday rule are not kWorkday/kWeekend
  std::vector<uint8_t> special;
};

const Table& Calendar() {
  static const Table table = [] {
    Table t;
    // The 2023 and 2024 元旦 blocks start in the previous December; cover from there.
    t.first = DaysFromCivil(kFirstYear - 1, 12, 1);
    const int32_t last = DaysFromCivil(kLastYear, 12, 31);
    const size_t n = static_cast<size_t>(last - t.first + 1);
    t.types.assign(n, DayType::kWorkday);
    t.special.assign(n, 0);
    for (const Block& b : kHolidays) {
      const int32_t from = DaysFromCivil(b.y1, b.m1, b.d1);
      const int32_t to = DaysFromCivil(b.y2, b.m2, b.d2);
      for (int32_t d = from; d <= to; ++d) {
        t.types[static_cast<size_t>(d - t.first)] = DayType::kHoliday;
        t.special[static_cast<size_t>(d - t.first)] = 1;
      }
    }
    for (const MakeUp& m : kMakeUpWorkdays) {
      const size_t i = static_cast<size_t>(DaysFromCivil(m.y, m.m, m.d) - t.first);
      t.types[i] = DayType::kWorkday;
      t.special[i] = 1;
    }
    return t;
  }();
  return table;
}

DayType WeekdayRule(int32_t days) {
  return DayOfWeek(days) >= 5 ? DayType::kWeekend : DayType::kWorkday;
}

}  // namespace

bool ChinaCalendarCovers(int32_t days) {
  const int32_t y = CivilFromDays(days).year;
  return y >= kFirstYear && y <= kLastYear;
}

DayType ChinaDayType(int32_t days) {
  const Table& t = Calendar();
  const int64_t i = static_cast<int64_t>(days) - t.first;
  if (i >= 0 && i < static_cast<int64_t>(t.types.size()) && t.special[static_cast<size_t>(i)]) {
    return t.types[static_cast<size_t>(i)];
  }
  return WeekdayRule(days);
}

const char* DayTypeName(DayType type) {
  switch (type) {
    case DayType::kWorkday:
      return "workday";
    case DayType::kWeekend:
      return "weekend";
    case DayType::kHoliday:
      return "holiday";
  }
  return "workday";
}

}  // namespace xf
