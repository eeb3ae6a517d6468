#include "expr/parser.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "expr/lexer.h"

namespace xf {
namespace {

std::string P(const std::string& text) { return AstToString(*ParseExpression(text)); }

std::string ParseError(const std::string& text) {
  try {
    ParseExpression(text);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kSpec);
    return e.what();
  }
  return "";
}

TEST(Lexer, TokensAndCodePointPositions) {
  auto t = Lex("电量 >= 'a''b' AND \"kw h\" <> 1.5e3");
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[0].kind, TokenKind::kIdent);
  EXPECT_EQ(t[0].text, "电量");
  EXPECT_EQ(t[0].pos, 1);
  EXPECT_EQ(t[1].text, ">=");
  EXPECT_EQ(t[1].pos, 4);  // code points, not bytes
  EXPECT_EQ(t[2].kind, TokenKind::kString);
  EXPECT_EQ(t[2].text, "a'b");
  EXPECT_EQ(t[2].pos, 7);
  EXPECT_EQ(t[4].kind, TokenKind::kQuotedIdent);
  EXPECT_EQ(t[4].text, "kw h");
  EXPECT_EQ(t[6].kind, TokenKind::kDecimal);
  EXPECT_EQ(t[7].kind, TokenKind::kEnd);
}

TEST(Lexer, Errors) {
  EXPECT_EQ(ParseError("a = 'abc"),
            "unterminated string literal (strings are in 'single quotes'; write '' for a quote "
            "inside)\n  a = 'abc\n      ^");
  EXPECT_EQ(ParseError("电量 （ 1"),
            "full-width character '（'; use the ASCII '(' instead\n  电量 （ 1\n     ^");
  EXPECT_NE(ParseError("a = \xff"), "");
  EXPECT_NE(ParseError("1abc"), "");
  EXPECT_NE(ParseError("a ; b"), "");
  EXPECT_NE(ParseError("\"\""), "");
}

TEST(Parser, Precedence) {
  EXPECT_EQ(P("a + b * 2 > 10 AND c LIKE 'x%'"),
            "(((\"a\" + (\"b\" * 2)) > 10) AND (\"c\" LIKE 'x%'))");
  EXPECT_EQ(P("a OR b AND c"), "(\"a\" OR (\"b\" AND \"c\"))");
  EXPECT_EQ(P("NOT a = b"), "(NOT (\"a\" = \"b\"))");
  EXPECT_EQ(P("NOT a OR b"), "((NOT \"a\") OR \"b\")");
  EXPECT_EQ(P("a - b - c"), "((\"a\" - \"b\") - \"c\")");
  EXPECT_EQ(P("a / b % c"), "((\"a\" / \"b\") % \"c\")");
  EXPECT_EQ(P("-a * b"), "((-\"a\") * \"b\")");
  EXPECT_EQ(P("- - 1"), "(-(-1))");
  EXPECT_EQ(P("'a' || 'b' = 'ab'"), "(('a' || 'b') = 'ab')");
  EXPECT_EQ(P("a || b + 1"), "(\"a\" || (\"b\" + 1))");
  EXPECT_EQ(P("x BETWEEN 1 AND 10 AND y"), "((\"x\" BETWEEN 1 AND 10) AND \"y\")");
  EXPECT_EQ(P("x NOT BETWEEN 1 + 1 AND 10"), "(\"x\" NOT BETWEEN (1 + 1) AND 10)");
  EXPECT_EQ(P("a = b IS NULL"), "((\"a\" = \"b\") IS NULL)");
  EXPECT_EQ(P("reading IS NOT NULL"), "(\"reading\" IS NOT NULL)");
  EXPECT_EQ(P("code IN ('A','B')"), "(\"code\" IN ('A', 'B'))");
  EXPECT_EQ(P("code NOT IN (1, 2 + 3)"), "(\"code\" NOT IN (1, (2 + 3)))");
  EXPECT_EQ(P("region NOT LIKE '3301%'"), "(\"region\" NOT LIKE '3301%')");
  EXPECT_EQ(P("a ILIKE 'X'"), "(\"a\" ILIKE 'X')");
  EXPECT_EQ(P("(a + b) * c"), "((\"a\" + \"b\") * \"c\")");
  EXPECT_EQ(P("a <> b"), "(\"a\" <> \"b\")");
  EXPECT_EQ(P("a != b"), "(\"a\" <> \"b\")");
  EXPECT_EQ(P("a == b"), "(\"a\" = \"b\")");
  EXPECT_EQ(P("-9223372036854775808"), "-9223372036854775808");
}

TEST(Parser, Primaries) {
  EXPECT_EQ(P("CASE WHEN kwh < 6 THEN 'shutdown' ELSE 'producing' END"),
            "CASE WHEN (\"kwh\" < 6) THEN 'shutdown' ELSE 'producing' END");
  EXPECT_EQ(P("case x when 1 then 'a' when 2 then 'b' end"),
            "CASE \"x\" WHEN 1 THEN 'a' WHEN 2 THEN 'b' END");
  EXPECT_EQ(P("CAST(s AS int64)"), "CAST(\"s\" AS int64)");
  EXPECT_EQ(P("try_cast(s as double)"), "TRY_CAST(\"s\" AS float64)");
  EXPECT_EQ(P("EXTRACT(year FROM ts)"), "date_part('year', \"ts\")");
  EXPECT_EQ(P("DATE '2024-01-05'"), "CAST('2024-01-05' AS date)");
  EXPECT_EQ(P("Date_Trunc('month', ts)"), "date_trunc('month', \"ts\")");
  EXPECT_EQ(P("coalesce(a, b, 0)"), "coalesce(\"a\", \"b\", 0)");
  EXPECT_EQ(P("\"用户 类型\" = '居民'"), "(\"用户 类型\" = '居民')");
  EXPECT_EQ(P("\"a\"\"b\""), "\"a\"b\"");
  EXPECT_EQ(P("用电量_kwh2 >= 1.5"), "(\"用电量_kwh2\" >= 1.5)");
  EXPECT_EQ(P("TRUE AND NOT FALSE OR NULL"), "((true AND (NOT false)) OR NULL)");
  EXPECT_EQ(P("date > 1"), "(\"date\" > 1)");  // date is a keyword only before a string
  EXPECT_EQ(P("f()"), "f()");
  EXPECT_EQ(P(".5 + 1e2"), "(0.5 + 100)");
}

TEST(Parser, ErrorsWithCarets) {
  EXPECT_EQ(
      ParseError("a < b < c"),
      "comparisons cannot be chained (a < b < c); combine them with AND\n  a < b < c\n        ^");
  EXPECT_EQ(ParseError("a +"), "expression ends where a value was expected\n  a +\n     ^");
  EXPECT_EQ(ParseError("(a"), "expected ')' but found end of expression\n  (a\n    ^");
  EXPECT_EQ(ParseError("a b"), "unexpected 'b' after the end of the expression\n  a b\n    ^");
  EXPECT_EQ(ParseError("CAST(a AS money)"),
            "unknown type 'money'; types are bool, int64, float64, string, date, timestamp\n"
            "  CAST(a AS money)\n            ^");
  EXPECT_NE(ParseError("CASE END"), "");
  EXPECT_NE(ParseError("x IN ()"), "");
  EXPECT_NE(ParseError("a IS 5"), "");
  EXPECT_NE(ParseError("select = 1 AND and"), "");
  EXPECT_NE(ParseError(""), "");
}

TEST(Parser, DepthIsCapped) {
  std::string deep(300, '(');
  deep += "1" + std::string(300, ')');
  EXPECT_NE(ParseError(deep).find("nested too deeply (limit 256)"), std::string::npos);
  std::string chain = "a";
  for (int i = 0; i < 10000; ++i) chain += " + a";
  EXPECT_NE(ParseError(chain).find("nested too deeply"), std::string::npos);
  EXPECT_NE(ParseError(std::string(5000, '-') + "1").find("nested too deeply"), std::string::npos);
  EXPECT_NE(ParseError(std::string(5000, 'N') == "" ? "" : [] {
              std::string s;
              for (int i = 0; i < 5000; ++i) s += "NOT ";
              return s + "a";
            }()).find("nested too deeply"),
            std::string::npos);
  std::string ok = "a";
  for (int i = 0; i < 200; ++i) ok += " + a";
  EXPECT_EQ(ParseError(ok), "");
}

}  // namespace
}  // namespace xf
