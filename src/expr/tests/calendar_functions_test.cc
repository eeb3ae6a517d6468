#include "expr/tests/test_util.h"

namespace xf::test {
namespace {

using V = std::vector<std::string>;

TEST(CalendarFunctions, DayType) {
  EXPECT_EQ(S("day_type(DATE '2024-02-04')"), "workday");  // Sunday make-up workday
  EXPECT_EQ(S("day_type(DATE '2024-10-03')"), "holiday");
  EXPECT_EQ(S("day_type(DATE '2024-10-07')"), "holiday");
  EXPECT_EQ(S("day_type(DATE '2024-10-13')"), "weekend");
  EXPECT_EQ(S("day_type(DATE '2025-01-26')"), "workday");  // Sunday make-up workday
  EXPECT_EQ(S("day_type('2025-01-29')"), "holiday");       // string literal read as a date
  EXPECT_EQ(S("day_type(NULL)"), "NULL");
  // d: 2024-01-31 Wed, 2024-02-29 Thu, NULL, 2023-12-31 (Sun inside the 2024 元旦 block).
  EXPECT_EQ(Eval("day_type(d)"), (V{"workday", "workday", "NULL", "holiday"}));
}

TEST(CalendarFunctions, TimestampsUseShanghaiLocalDate) {
  // 2024-09-30 16:30 UTC is 2024-10-01 00:30 in Shanghai: National Day.
  EXPECT_EQ(S("day_type(TIMESTAMP '2024-09-30 16:30:00Z')"), "holiday");
  EXPECT_EQ(S("day_type(TIMESTAMP '2024-09-30 15:30:00Z')"), "workday");
  EXPECT_EQ(S("is_workday(TIMESTAMP '2024-02-04 09:00:00')"), "true");
  EXPECT_EQ(Eval("is_workday(t)"), (V{"true", "NULL", "true", "false"}));
}

TEST(CalendarFunctions, IsWorkday) {
  EXPECT_EQ(S("is_workday(DATE '2024-02-04')"), "true");
  EXPECT_EQ(S("is_workday(DATE '2024-02-12')"), "false");
  EXPECT_EQ(S("is_workday(DATE '2024-03-09')"), "false");
  EXPECT_NE(ErrorOf("is_workday(i)").find("is_workday"), std::string::npos);
}

}  // namespace
}  // namespace xf::test
