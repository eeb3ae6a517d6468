#include "expr/tests/test_util.h"

namespace xf::test {
namespace {

TEST(Binder, ResultTypes) {
  const Schema s = SampleTable()->schema();
  EXPECT_EQ(Bind("i + 1", s).type(), TypeId::kInt64);
  EXPECT_EQ(Bind("i + 1.0", s).type(), TypeId::kFloat64);
  EXPECT_EQ(Bind("i / 2", s).type(), TypeId::kFloat64);
  EXPECT_EQ(Bind("i % 2", s).type(), TypeId::kInt64);
  EXPECT_EQ(Bind("d + 1", s).type(), TypeId::kDate);
  EXPECT_EQ(Bind("d - d", s).type(), TypeId::kInt64);
  EXPECT_EQ(Bind("s || i", s).type(), TypeId::kString);
  EXPECT_EQ(Bind("CASE WHEN b THEN 1 ELSE 2.5 END", s).type(), TypeId::kFloat64);
  EXPECT_EQ(Bind("coalesce(i, 0)", s).type(), TypeId::kInt64);
  EXPECT_EQ(Bind("d > '2024-01-05'", s).type(), TypeId::kBool);
  EXPECT_EQ(Bind("date_trunc('month', t)", s).type(), TypeId::kTimestamp);
  EXPECT_EQ(Bind("NULL", s).type(), TypeId::kNull);
  EXPECT_TRUE(Bind("1 + 2 * 3", s).is_constant());
  EXPECT_EQ(Bind("i + 电量 > \"kw h\"", s).referenced_columns(),
            (std::vector<std::string>{"i", "电量", "kw h"}));
}

TEST(Binder, ExactMessages) {
  auto kwh =
      Table::Make(Schema({{"kwh", TypeId::kFloat64}, {"name", TypeId::kString}}),
                  {Column::MakeNulls(TypeId::kFloat64, 0), Column::MakeNulls(TypeId::kString, 0)});
  EXPECT_EQ(ErrorOf("kwh < 'abc'", kwh),
            "cannot compare float64 with string\n  kwh < 'abc'\n        ^");
  EXPECT_EQ(ErrorOf("kw > 5", kwh), "unknown column 'kw'; did you mean 'kwh'?\n  kw > 5\n  ^");
  EXPECT_EQ(ErrorOf("lenght(name) > 2", kwh),
            "unknown function 'lenght'; did you mean 'length'?\n  lenght(name) > 2\n  ^");
  EXPECT_EQ(ErrorOf("round(kwh, 1, 2)", kwh),
            "round(x[, digits]) takes 1 to 2 arguments, not 3\n  round(kwh, 1, 2)\n  ^");
  EXPECT_EQ(ErrorOf("sqrt(name)", kwh),
            "sqrt: argument 1 must be float64, not string\n  sqrt(name)\n       ^");
  EXPECT_EQ(ErrorOf("kwh > 1 AND 名称 = 'x'", kwh).find("unknown column '名称'"), 0u);
  // The caret counts code points: it sits under 'x', after two Chinese characters.
  auto cn =
      Table::Make(Schema({{"电量", TypeId::kFloat64}}), {Column::MakeNulls(TypeId::kFloat64, 0)});
  EXPECT_EQ(ErrorOf("电量 = 'x'", cn),
            "cannot compare float64 with string\n  电量 = 'x'\n       ^");
}

TEST(Binder, Errors) {
  auto has = [](const std::string& text, const std::string& part) {
    const std::string e = ErrorOf(text);
    EXPECT_NE(e.find(part), std::string::npos) << text << " gave: " << e;
  };
  has("d > 'yesterday'", "cannot compare date with string ('yesterday' is not a valid date)");
  // A string literal folded to NULL (found by the fuzzer: it used to throw bad_variant_access).
  has("4 || NULL - 01 < t", "cannot compare timestamp with string");
  has("s + 1", "cannot apply + to string");
  has("s + 1", "use || to join strings");
  has("t + 1", "use date_add(unit, n, ts)");
  has("i AND b", "AND needs a bool, not int64");
  has("NOT s", "NOT needs a bool");
  has("-s", "cannot negate string");
  has("s LIKE 1", "LIKE needs strings, not int64");
  has("CAST(d AS int64)", "cannot cast date to int64");
  has("CAST('abc' AS int64)", "cannot cast 'abc' to int64");
  has("CASE WHEN b THEN 1 ELSE 'x' END", "CASE results mix int64 and string 'x'");
  has("CASE WHEN i THEN 1 END", "WHEN needs a bool, not int64");
  has("i IN (1, 'a')", "cannot compare int64 with string");
  has("now()", "now() is not allowed");
  has("now()", "evidence ledger");
  has("random()", "not allowed");
  has("date_trunc('fortnight', d)", "unknown unit 'fortnight'");
  has("date_trunc(s, d)", "the unit must be a constant string");
  has("date_trunc('hour', d)", "a date has no hour");
  has("extract(hour from d)", "a date has no hour");
  has("regexp_matches(s, '(')", "invalid regular expression");
  has("regexp_extract(s, '(a)', 2)", "group 2 does not exist");
  has("coalesce(i, s)", "coalesce arguments mix int64 and string");
  has("nullif(i)", "nullif(a, b) takes 2 arguments");
  has("if(i, 1, 2)", "if needs a bool");
  has("length(i)", "length: argument 1 must be string, not int64");
  has("KW_H > 1", "unknown column 'KW_H'");
  has("zzzzzz", "unknown column 'zzzzzz'; columns are i:int64");
  has("1 / 0 > 'a'", "cannot compare float64 with string");
  // A bad regular expression points at the pattern.
  EXPECT_EQ(ErrorOf("regexp_matches(s, 'a(b')").substr(0, 60).find("regexp_matches: invalid"), 0u);
  EXPECT_NE(ErrorOf("regexp_matches(s, 'a(b')").find("\n                    ^"), std::string::npos);
}

TEST(Binder, CaseInsensitiveColumnsAndFunctions) {
  EXPECT_EQ(Eval("I + 1"), Eval("i + 1"));
  EXPECT_EQ(Eval("LENGTH(S)"), Eval("length(s)"));
}

TEST(Binder, EvaluateChecksTableColumns) {
  const BoundExpr e = Bind("i + 1", SampleTable()->schema());
  auto other =
      Table::Make(Schema({{"i", TypeId::kFloat64}}), {Column::MakeNulls(TypeId::kFloat64, 2)});
  try {
    Evaluate(e, *other);
    FAIL();
  } catch (const Error& err) {
    EXPECT_EQ(err.kind(), ErrorKind::kUsage);
  }
  // Extra and reordered columns are fine: columns are found by name.
  auto reordered = Table::Make(Schema({{"x", TypeId::kString}, {"i", TypeId::kInt64}}),
                               {Column::MakeNulls(TypeId::kString, 1),
                                Column::FromValues(TypeId::kInt64, {Value::Int64(41)})});
  EXPECT_EQ(Rows(Evaluate(e, *reordered)), (std::vector<std::string>{"42"}));
}

}  // namespace
}  // namespace xf::test
