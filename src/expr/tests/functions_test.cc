#include "expr/tests/test_util.h"

namespace xf::test {
namespace {

using V = std::vector<std::string>;

TEST(Functions, Math) {
  EXPECT_EQ(Eval("abs(i)"), (V{"1", "2", "NULL", "4"}));
  EXPECT_EQ(Eval("abs(f)"), (V{"1.5", "NULL", "0.5", "8"}));
  EXPECT_EQ(S("abs(-9223372036854775808)"), "NULL");
  EXPECT_EQ(S("round(2.5)"), "3");
  EXPECT_EQ(S("round(-2.5)"), "-3");
  EXPECT_EQ(S("round(3.14159, 2)"), "3.14");
  EXPECT_EQ(S("round(1234.5, -2)"), "1200");
  EXPECT_EQ(S("round(7)"), "7");
  EXPECT_EQ(S("floor(-1.5)"), "-2");
  EXPECT_EQ(S("ceil(1.2)"), "2");
  EXPECT_EQ(S("ceil(3)"), "3");
  EXPECT_EQ(S("sqrt(16)"), "4");
  EXPECT_EQ(S("sqrt(-1)"), "NULL");
  EXPECT_EQ(S("ln(exp(2))"), "2");
  EXPECT_EQ(S("ln(0)"), "NULL");
  EXPECT_EQ(S("log10(1000)"), "3");
  EXPECT_EQ(S("log10(-1)"), "NULL");
  EXPECT_EQ(S("exp(0)"), "1");
  EXPECT_EQ(S("exp(1000)"), "NULL");
  EXPECT_EQ(S("pow(2, 10)"), "1024");
  EXPECT_EQ(S("power(4, 0.5)"), "2");
  EXPECT_EQ(S("pow(0, -1)"), "NULL");
  EXPECT_EQ(S("sign(-3)"), "-1");
  EXPECT_EQ(S("sign(0.0)"), "0");
  EXPECT_EQ(S("sign(2.5)"), "1");
  EXPECT_EQ(Eval("least(i, f, 3)"), (V{"1", "-2", "-0.5", "3"}));
  EXPECT_EQ(Eval("greatest(i, f)"), (V{"1.5", "-2", "-0.5", "8"}));
  EXPECT_EQ(S("greatest('b', 'a', 'c')"), "c");
  EXPECT_EQ(S("least(NULL, NULL)"), "NULL");
  EXPECT_EQ(S("abs(NULL)"), "NULL");
  EXPECT_EQ(S("abs(2 - 3) / 2 > 0.3"), "true");
}

TEST(Functions, Strings) {
  EXPECT_EQ(Eval("length(s)"), (V{"3", "2", "NULL", "0"}));
  EXPECT_EQ(S("length('电量')"), "2");
  EXPECT_EQ(S("upper('abc电')"), "ABC电");
  EXPECT_EQ(S("lower('ABC')"), "abc");
  EXPECT_EQ(S("'[' || trim('  a b \t') || ']'"), "[a b]");
  EXPECT_EQ(S("'[' || trim('\u3000电量\u3000') || ']'"), "[电量]");
  EXPECT_EQ(S("'[' || ltrim('  a ') || ']'"), "[a ]");
  EXPECT_EQ(S("'[' || rtrim('  a ') || ']'"), "[  a]");
  EXPECT_EQ(S("substr('电量数据', 2, 2)"), "量数");
  EXPECT_EQ(S("substr('电量数据', 3)"), "数据");
  EXPECT_EQ(S("substring('hello', 0, 2)"), "h");
  EXPECT_EQ(S("substr('hello', -5, 7)"), "h");
  EXPECT_EQ(S("substr('hello', 10)"), "");
  EXPECT_EQ(S("substr('hello', 2, 0)"), "");
  EXPECT_EQ(S("substr('hello', 2, 9223372036854775807)"), "ello");
  EXPECT_NE(ErrorOf("substr(s, 1, -1)").find("negative length"), std::string::npos);
  EXPECT_EQ(S("left('电量数据', 2)"), "电量");
  EXPECT_EQ(S("left('电量数据', -1)"), "电量数");
  EXPECT_EQ(S("right('电量数据', 3)"), "量数据");
  EXPECT_EQ(S("right('电量数据', -3)"), "据");
  EXPECT_EQ(S("left('ab', 10)"), "ab");
  EXPECT_EQ(S("replace('a-b-c', '-', '+')"), "a+b+c");
  EXPECT_EQ(S("replace('abc', '', 'x')"), "abc");
  EXPECT_EQ(S("replace('电量电量', '量', '力')"), "电力电力");
  EXPECT_EQ(S("concat('a', NULL, 1, true)"), "a1true");
  EXPECT_EQ(S("'a' || NULL"), "NULL");
  EXPECT_EQ(S("'n=' || 1.5"), "n=1.5");
  EXPECT_EQ(S("starts_with('3301xx', '3301')"), "true");
  EXPECT_EQ(S("ends_with('abc', 'bc')"), "true");
  EXPECT_EQ(S("ends_with('c', 'bc')"), "false");
  EXPECT_EQ(S("contains('电量数据', '量数')"), "true");
  EXPECT_EQ(Eval("contains(s, 'b')"), (V{"true", "false", "NULL", "false"}));
}

TEST(Functions, RegularExpressions) {
  EXPECT_EQ(S("regexp_matches('京A12345', '^[京津沪]')"), "true");
  EXPECT_EQ(S("regexp_matches('粤B12345', '^[京津沪]')"), "false");
  EXPECT_EQ(S("regexp_replace('a1b22c', '[0-9]+', '#')"), "a#b#c");
  EXPECT_EQ(S("regexp_replace('2024-01-05', '(\\d+)-(\\d+)-(\\d+)', '\\3/\\2/\\1')"), "05/01/2024");
  EXPECT_EQ(S("regexp_extract('order=123;x', 'order=(\\d+)', 1)"), "123");
  EXPECT_EQ(S("regexp_extract('order=123', '\\d+')"), "123");
  EXPECT_EQ(S("regexp_extract('none', '\\d+')"), "NULL");
  // Non-constant patterns are compiled per row; a bad one is a data error naming the row.
  auto t =
      Table::Make(Schema({{"p", TypeId::kString}}),
                  {Column::FromValues(TypeId::kString, {Value::String("^a"), Value::String("b$"),
                                                        Value::Null(TypeId::kString)})});
  EXPECT_EQ(Eval("regexp_matches('ab', p)", t), (V{"true", "true", "NULL"}));
  auto bad =
      Table::Make(Schema({{"p", TypeId::kString}}),
                  {Column::FromValues(TypeId::kString, {Value::String("a"), Value::String("(")})});
  EXPECT_NE(ErrorOf("regexp_matches('ab', p)", bad).find("row 2: invalid regular expression"),
            std::string::npos);
}

TEST(Functions, DateTrunc) {
  EXPECT_EQ(Eval("date_trunc('month', d)"), (V{"2024-01-01", "2024-02-01", "NULL", "2023-12-01"}));
  EXPECT_EQ(Eval("date_trunc('year', d)"), (V{"2024-01-01", "2024-01-01", "NULL", "2023-01-01"}));
  EXPECT_EQ(Eval("date_trunc('quarter', d)"),
            (V{"2024-01-01", "2024-01-01", "NULL", "2023-10-01"}));
  // ISO weeks start on Monday: 2024-01-31 is a Wednesday, 2023-12-31 a Sunday.
  EXPECT_EQ(Eval("date_trunc('week', d)"), (V{"2024-01-29", "2024-02-26", "NULL", "2023-12-25"}));
  // Timestamps truncate in Asia/Shanghai local time.
  EXPECT_EQ(Eval("date_trunc('day', t)"),
            (V{"2024-01-31 00:00:00", "NULL", "2024-03-01 00:00:00", "2023-12-31 00:00:00"}));
  EXPECT_EQ(Eval("date_trunc('month', t)"),
            (V{"2024-01-01 00:00:00", "NULL", "2024-03-01 00:00:00", "2023-12-01 00:00:00"}));
  EXPECT_EQ(Eval("date_trunc('hour', t)"),
            (V{"2024-01-31 23:00:00", "NULL", "2024-03-01 00:00:00", "2023-12-31 12:00:00"}));
  EXPECT_EQ(S("date_trunc('minute', TIMESTAMP '2024-01-05 08:30:59.5')"), "2024-01-05 08:30:00");
  EXPECT_EQ(S("date_trunc('second', TIMESTAMP '2024-01-05 08:30:59.5')"), "2024-01-05 08:30:59");
  EXPECT_EQ(S("date_trunc('days', DATE '2024-01-05')"), "2024-01-05");
}

TEST(Functions, DateParts) {
  EXPECT_EQ(Eval("extract(year FROM d)"), (V{"2024", "2024", "NULL", "2023"}));
  EXPECT_EQ(Eval("date_part('month', d)"), (V{"1", "2", "NULL", "12"}));
  EXPECT_EQ(Eval("extract(day from d)"), (V{"31", "29", "NULL", "31"}));
  EXPECT_EQ(Eval("extract(quarter from d)"), (V{"1", "1", "NULL", "4"}));
  EXPECT_EQ(Eval("extract(dow from d)"), (V{"3", "4", "NULL", "0"}));  // 0 = Sunday
  EXPECT_EQ(Eval("extract(isodow from d)"), (V{"3", "4", "NULL", "7"}));
  EXPECT_EQ(Eval("day_of_week(d)"), (V{"3", "4", "NULL", "7"}));
  EXPECT_EQ(Eval("extract(doy from d)"), (V{"31", "60", "NULL", "365"}));
  EXPECT_EQ(S("extract(doy from DATE '2024-12-31')"), "366");
  EXPECT_EQ(Eval("extract(week from d)"), (V{"5", "9", "NULL", "52"}));
  EXPECT_EQ(S("extract(week from DATE '2021-01-03')"), "53");  // belongs to 2020's ISO week 53
  EXPECT_EQ(S("extract(week from DATE '2024-12-30')"), "1");
  // 2024-01-31 23:30 in Shanghai is 15:30 UTC: fields are local.
  EXPECT_EQ(Eval("extract(hour from t)"), (V{"23", "NULL", "0", "12"}));
  EXPECT_EQ(Eval("extract(day from t)"), (V{"31", "NULL", "1", "31"}));
  EXPECT_EQ(Eval("extract(minute from t)"), (V{"30", "NULL", "0", "0"}));
  EXPECT_EQ(S("extract(second from TIMESTAMP '2024-01-05 08:30:59.9')"), "59");
  EXPECT_EQ(S("extract(epoch from TIMESTAMP '1970-01-01 08:00:01')"), "1");
  EXPECT_EQ(S("day_of_week(TIMESTAMP '2024-01-07 23:59:00')"), "7");
}

TEST(Functions, DateArithmetic) {
  EXPECT_EQ(Eval("d + 1"), (V{"2024-02-01", "2024-03-01", "NULL", "2024-01-01"}));
  EXPECT_EQ(Eval("d - 366"), (V{"2023-01-30", "2023-02-28", "NULL", "2022-12-30"}));
  EXPECT_EQ(Eval("d - DATE '2024-01-01'"), (V{"30", "59", "NULL", "-1"}));
  EXPECT_EQ(Eval("date_add('month', 1, d)"), (V{"2024-02-29", "2024-03-29", "NULL", "2024-01-31"}));
  EXPECT_EQ(Eval("date_add('year', 1, d)"), (V{"2025-01-31", "2025-02-28", "NULL", "2024-12-31"}));
  EXPECT_EQ(S("date_add('month', -1, DATE '2024-03-31')"), "2024-02-29");
  EXPECT_EQ(S("date_add('month', 13, DATE '2023-01-31')"), "2024-02-29");
  EXPECT_EQ(S("date_add('quarter', 1, DATE '2023-11-30')"), "2024-02-29");
  EXPECT_EQ(S("date_add('day', 1, DATE '2023-12-31')"), "2024-01-01");
  EXPECT_EQ(S("date_add('week', 1, DATE '2024-02-26')"), "2024-03-04");
  EXPECT_EQ(S("date_add('hour', 1, TIMESTAMP '2023-12-31 23:30:00')"), "2024-01-01 00:30:00");
  EXPECT_EQ(S("date_add('minute', -31, TIMESTAMP '2024-03-01 00:00:00')"), "2024-02-29 23:29:00");
  EXPECT_EQ(S("date_add('second', 90, TIMESTAMP '2024-01-01 00:00:00')"), "2024-01-01 00:01:30");
  EXPECT_EQ(S("date_add('month', 1, TIMESTAMP '2024-01-31 10:00:00')"), "2024-02-29 10:00:00");
  EXPECT_EQ(S("date_add('day', 9223372036854775807, DATE '2024-01-01')"), "NULL");
  EXPECT_EQ(S("date_add('year', 9223372036854775807, TIMESTAMP '2024-01-01')"), "NULL");
  EXPECT_EQ(S("DATE '2024-01-01' + 9223372036854775807"), "NULL");
  EXPECT_EQ(S("date_diff('day', DATE '2024-02-28', DATE '2024-03-01')"), "2");
  EXPECT_EQ(S("date_diff('day', DATE '2023-02-28', DATE '2023-03-01')"), "1");
  EXPECT_EQ(S("date_diff('month', DATE '2024-01-31', DATE '2024-02-01')"), "1");
  EXPECT_EQ(S("date_diff('year', DATE '2023-12-31', DATE '2024-01-01')"), "1");
  EXPECT_EQ(S("date_diff('quarter', DATE '2023-12-31', DATE '2024-04-01')"), "2");
  EXPECT_EQ(S("date_diff('week', DATE '2024-01-07', DATE '2024-01-08')"), "1");
  EXPECT_EQ(
      S("date_diff('hour', TIMESTAMP '2024-01-01 10:59:00', TIMESTAMP '2024-01-01 11:00:00')"),
      "1");
  EXPECT_EQ(
      S("date_diff('second', TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2023-12-31 23:59:00')"),
      "-60");
  EXPECT_EQ(S("date_diff('day', TIMESTAMP '2024-01-01 23:00:00', TIMESTAMP '2024-01-02 01:00:00')"),
            "1");
  EXPECT_EQ(S("date_diff('day', DATE '2024-01-01', TIMESTAMP '2024-01-03 12:00:00')"), "2");
  EXPECT_EQ(Eval("date_diff('day', d, t)"), (V{"0", "NULL", "NULL", "0"}));
}

TEST(Functions, DateConstructors) {
  EXPECT_EQ(S("make_date(2024, 2, 29)"), "2024-02-29");
  EXPECT_NE(ErrorOf("make_date(2023, 2, 29)").find("2023-2-29 is not a date"), std::string::npos);
  EXPECT_EQ(S("to_date('2024年1月5日')"), "2024-01-05");
  EXPECT_EQ(S("to_timestamp('2024-01-05 08:00:00')"), "2024-01-05 08:00:00");
  EXPECT_EQ(S("to_timestamp(0)"), "1970-01-01 08:00:00");
  EXPECT_EQ(S("to_timestamp(1.5)"), "1970-01-01 08:00:01.500000");
  EXPECT_NE(ErrorOf("to_date('someday')").find("cannot cast 'someday' to date"), std::string::npos);
  EXPECT_EQ(S("to_date(NULL)"), "NULL");
}

}  // namespace
}  // namespace xf::test
