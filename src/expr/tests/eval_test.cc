#include <limits>

#include "core/thread_pool.h"
#include "expr/evaluator.h"
#include "expr/tests/test_util.h"

namespace xf::test {
namespace {

using V = std::vector<std::string>;

// Every pair of {TRUE, FALSE, NULL}.
TablePtr TruthTable() {
  std::vector<Value> a, b;
  const Value vals[] = {Value::Bool(true), Value::Bool(false), Value::Null(TypeId::kBool)};
  for (const auto& x : vals) {
    for (const auto& y : vals) {
      a.push_back(x);
      b.push_back(y);
    }
  }
  return Table::Make(Schema({{"a", TypeId::kBool}, {"b", TypeId::kBool}}),
                     {Column::FromValues(TypeId::kBool, a), Column::FromValues(TypeId::kBool, b)});
}

TEST(Eval, ThreeValuedLogic) {
  auto t = TruthTable();
  // rows: TT TF TN FT FF FN NT NF NN
  EXPECT_EQ(Eval("a AND b", t),
            (V{"true", "false", "NULL", "false", "false", "false", "NULL", "false", "NULL"}));
  EXPECT_EQ(Eval("a OR b", t),
            (V{"true", "true", "true", "true", "false", "NULL", "true", "NULL", "NULL"}));
  EXPECT_EQ(Eval("NOT a", t),
            (V{"false", "false", "false", "true", "true", "true", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(Eval("a = b", t),
            (V{"true", "false", "NULL", "false", "true", "NULL", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(Eval("a IS NULL", t),
            (V{"false", "false", "false", "false", "false", "false", "true", "true", "true"}));
  EXPECT_EQ(Eval("b IS NOT NULL", t),
            (V{"true", "true", "false", "true", "true", "false", "true", "true", "false"}));
  EXPECT_EQ(Eval("a AND NULL", t),
            (V{"NULL", "NULL", "NULL", "false", "false", "false", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(S("NULL AND false"), "false");
  EXPECT_EQ(S("NULL OR true"), "true");
  EXPECT_EQ(S("NULL AND true"), "NULL");
  EXPECT_EQ(S("NOT NULL"), "NULL");
}

TEST(Eval, Arithmetic) {
  EXPECT_EQ(Eval("i * 2 + 1"), (V{"3", "-3", "NULL", "9"}));
  EXPECT_EQ(Eval("i + f"), (V{"2.5", "NULL", "NULL", "12"}));
  EXPECT_EQ(Eval("i / 2"), (V{"0.5", "-1", "NULL", "2"}));
  EXPECT_EQ(Eval("i % 3"), (V{"1", "-2", "NULL", "1"}));
  EXPECT_EQ(Eval("-i"), (V{"-1", "2", "NULL", "-4"}));
  EXPECT_EQ(Eval("电量 * \"kw h\""), (V{"50", "140", "NULL", "NULL"}));
  EXPECT_EQ(S("7 / 2"), "3.5");
  EXPECT_EQ(S("div(7, 2)"), "3");
  EXPECT_EQ(S("div(-7, 2)"), "-3");
  EXPECT_EQ(S("-7 % 3"), "-1");
  EXPECT_EQ(S("mod(7.5, 2)"), "1.5");
  EXPECT_EQ(S("2 - 3 * 4"), "-10");
  EXPECT_EQ(S("(2 - 3) * 4"), "-4");
  // Division and modulo by zero and overflow give NULL, never a crash or a wrapped value.
  EXPECT_EQ(Eval("i / 0"), (V{"NULL", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(Eval("i % 0"), (V{"NULL", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(Eval("f / (i - i)"), (V{"NULL", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(S("div(1, 0)"), "NULL");
  EXPECT_EQ(S("9223372036854775807 + 1"), "NULL");
  EXPECT_EQ(S("-9223372036854775808 - 1"), "NULL");
  EXPECT_EQ(S("4611686018427387904 * 2"), "NULL");
  EXPECT_EQ(S("-(-9223372036854775808)"), "NULL");
  EXPECT_EQ(S("div(-9223372036854775808, -1)"), "NULL");
  EXPECT_EQ(S("-9223372036854775808 % -1"), "0");
  EXPECT_EQ(S("1e308 * 10"), "NULL");
  EXPECT_EQ(S("9223372036854775807 + 0"), "9223372036854775807");
  EXPECT_EQ(S("1 + NULL"), "NULL");
  EXPECT_EQ(S("9223372036854775808"), "9.223372036854776e+18");
}

TEST(Eval, Comparisons) {
  EXPECT_EQ(Eval("i < f"), (V{"true", "NULL", "NULL", "true"}));
  EXPECT_EQ(Eval("i >= 1"), (V{"true", "false", "NULL", "true"}));
  EXPECT_EQ(Eval("1 <= i"), (V{"true", "false", "NULL", "true"}));
  EXPECT_EQ(Eval("s = 'abc'"), (V{"true", "false", "NULL", "false"}));
  EXPECT_EQ(Eval("s > 'b'"), (V{"false", "true", "NULL", "false"}));  // bytewise: 电 > b
  EXPECT_EQ(Eval("s <> ''"), (V{"true", "true", "NULL", "false"}));
  EXPECT_EQ(Eval("b = true"), (V{"true", "false", "NULL", "true"}));
  EXPECT_EQ(Eval("d >= '2024-01-31'"), (V{"true", "true", "NULL", "false"}));
  EXPECT_EQ(Eval("d = DATE '2024-02-29'"), (V{"false", "true", "NULL", "false"}));
  EXPECT_EQ(Eval("t < '2024-02-01'"), (V{"true", "NULL", "false", "true"}));
  EXPECT_EQ(Eval("t >= d"), (V{"true", "NULL", "NULL", "true"}));
  EXPECT_EQ(Eval("i = 1.0"), (V{"true", "false", "NULL", "false"}));
  EXPECT_EQ(Eval("i <> NULL"), (V{"NULL", "NULL", "NULL", "NULL"}));
}

TEST(Eval, InBetweenLike) {
  EXPECT_EQ(Eval("i IN (1, 4, 7)"), (V{"true", "false", "NULL", "true"}));
  EXPECT_EQ(Eval("i NOT IN (1, 4)"), (V{"false", "true", "NULL", "false"}));
  EXPECT_EQ(Eval("i IN (1, NULL)"), (V{"true", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(Eval("i NOT IN (1, NULL)"), (V{"false", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(Eval("i IN (1.5, 4)"), (V{"false", "false", "NULL", "true"}));
  EXPECT_EQ(Eval("s IN ('abc', '电量')"), (V{"true", "true", "NULL", "false"}));
  EXPECT_EQ(Eval("d IN ('2024-01-31', '2023-12-31')"), (V{"true", "false", "NULL", "true"}));
  EXPECT_EQ(Eval("i IN (\"kw h\" - 9, 4)"), (V{"true", "false", "NULL", "true"}));
  EXPECT_EQ(Eval("i BETWEEN -2 AND 1"), (V{"true", "true", "NULL", "false"}));
  EXPECT_EQ(Eval("i NOT BETWEEN -2 AND 1"), (V{"false", "false", "NULL", "true"}));
  EXPECT_EQ(Eval("f BETWEEN i AND 10"), (V{"true", "NULL", "NULL", "true"}));
  EXPECT_EQ(Eval("s LIKE 'a%'"), (V{"true", "false", "NULL", "false"}));
  EXPECT_EQ(Eval("s LIKE '电_'"), (V{"false", "true", "NULL", "false"}));
  EXPECT_EQ(Eval("s LIKE '__'"), (V{"false", "true", "NULL", "false"}));
  EXPECT_EQ(Eval("s LIKE '%'"), (V{"true", "true", "NULL", "true"}));
  EXPECT_EQ(Eval("s NOT LIKE '%b%'"), (V{"false", "true", "NULL", "true"}));
  EXPECT_EQ(Eval("s ILIKE 'ABC'"), (V{"true", "false", "NULL", "false"}));
  EXPECT_EQ(Eval("s LIKE s"), (V{"true", "true", "NULL", "true"}));
  EXPECT_EQ(S("'3301029' LIKE '3301%'"), "true");
  EXPECT_EQ(S("'a%b' LIKE 'a\\%b'"), "true");
  EXPECT_EQ(S("'axb' LIKE 'a\\%b'"), "false");
  EXPECT_EQ(S("'浙江省杭州市' LIKE '%杭_市'"), "true");
  EXPECT_EQ(S("'浙江省杭州市' LIKE '浙%省%市'"), "true");
  EXPECT_EQ(S("'浙江省杭州市' LIKE '_江%州_'"), "true");
  EXPECT_EQ(S("'浙江省杭州市' LIKE '___'"), "false");
  EXPECT_EQ(S("'aaa' LIKE '%a%a%a%'"), "true");
  EXPECT_EQ(S("'aa' LIKE '%a%a%a%'"), "false");
  EXPECT_EQ(S("'mississippi' LIKE 'm%iss%pi'"), "true");
  EXPECT_EQ(S("'' LIKE ''"), "true");
  EXPECT_EQ(S("'x' LIKE NULL"), "NULL");
}

TEST(Eval, Case) {
  EXPECT_EQ(Eval("CASE WHEN 电量 < 6 THEN 'shutdown' ELSE 'producing' END"),
            (V{"shutdown", "producing", "producing", "shutdown"}));
  EXPECT_EQ(Eval("CASE WHEN i > 0 THEN 'pos' WHEN i < 0 THEN 'neg' END"),
            (V{"pos", "neg", "NULL", "pos"}));
  EXPECT_EQ(Eval("CASE i WHEN 1 THEN 'one' WHEN 4 THEN 'four' ELSE 'other' END"),
            (V{"one", "other", "other", "four"}));
  EXPECT_EQ(Eval("CASE WHEN b THEN i ELSE f END"), (V{"1", "NULL", "-0.5", "4"}));
  EXPECT_EQ(Eval("CASE WHEN d > '2024-01-01' THEN d END"),
            (V{"2024-01-31", "2024-02-29", "NULL", "NULL"}));
  // A branch runs only on the rows that reach it, so a guarded CAST does not fail.
  auto t = Table::Make(
      Schema({{"x", TypeId::kString}}),
      {Column::FromValues(TypeId::kString, {Value::String("12"), Value::String("n/a"),
                                            Value::Null(TypeId::kString), Value::String("7")})});
  EXPECT_EQ(
      Eval("CASE WHEN regexp_matches(x, '^[0-9]+$') THEN CAST(x AS int64) * 2 ELSE -1 END", t),
      (V{"24", "-1", "-1", "14"}));
  EXPECT_EQ(Eval("if(x <> 'n/a', CAST(x AS int64), 0)", t), (V{"12", "0", "0", "7"}));
}

TEST(Eval, NullFunctions) {
  EXPECT_EQ(Eval("coalesce(f, i, 0)"), (V{"1.5", "-2", "-0.5", "8"}));
  EXPECT_EQ(Eval("coalesce(i, \"kw h\", 0)"), (V{"1", "-2", "30", "4"}));
  EXPECT_EQ(Eval("coalesce(d, '2000-01-01')"),
            (V{"2024-01-31", "2024-02-29", "2000-01-01", "2023-12-31"}));
  EXPECT_EQ(Eval("nullif(i, 4)"), (V{"1", "-2", "NULL", "NULL"}));
  EXPECT_EQ(Eval("nullif(s, '')"), (V{"abc", "电量", "NULL", "NULL"}));
  EXPECT_EQ(Eval("if(b, 'y', 'n')"), (V{"y", "n", "n", "y"}));
  EXPECT_EQ(S("coalesce(NULL, NULL)"), "NULL");
}

TEST(Eval, Casts) {
  EXPECT_EQ(S("CAST(' 42 ' AS int64)"), "42");
  EXPECT_EQ(S("CAST('+7' AS int)"), "7");
  EXPECT_EQ(S("CAST('1.5e1' AS double)"), "15");
  EXPECT_EQ(S("CAST(2.5 AS int64)"), "3");
  EXPECT_EQ(S("CAST(-2.5 AS int64)"), "-3");
  EXPECT_EQ(S("CAST(1 AS bool)"), "true");
  EXPECT_EQ(S("CAST('yes' AS boolean)"), "true");
  EXPECT_EQ(S("CAST(true AS int64)"), "1");
  EXPECT_EQ(S("CAST('2024/1/5' AS date)"), "2024-01-05");
  EXPECT_EQ(S("CAST('2024-01-05 23:59:00' AS date)"), "2024-01-05");
  EXPECT_EQ(S("CAST('2024-01-05T08:30:00Z' AS timestamp)"), "2024-01-05 16:30:00");
  EXPECT_EQ(S("CAST(DATE '2024-01-05' AS timestamp)"), "2024-01-05 00:00:00");
  EXPECT_EQ(S("CAST(TIMESTAMP '2024-01-05 23:00:00' AS date)"), "2024-01-05");
  EXPECT_EQ(S("CAST(1.5 AS string) || '|' || CAST(DATE '2024-01-05' AS text)"), "1.5|2024-01-05");
  EXPECT_EQ(S("TRY_CAST('abc' AS int64)"), "NULL");
  EXPECT_EQ(S("TRY_CAST('1e400' AS float64)"), "NULL");
  EXPECT_EQ(S("TRY_CAST(1e300 AS int64)"), "NULL");
  EXPECT_EQ(S("TRY_CAST('2023-02-29' AS date)"), "NULL");
  // A failing CAST on a column is a data error naming the (1-based) row and pointing at CAST.
  auto t = Table::Make(Schema({{"x", TypeId::kString}}),
                       {Column::FromValues(TypeId::kString, {Value::String("1"), Value::String("2"),
                                                             Value::String("abc")})});
  EXPECT_EQ(ErrorOf("1 + CAST(x AS int64)", t),
            "row 3: cannot cast 'abc' to int64\n  1 + CAST(x AS int64)\n      ^");
  try {
    EvaluateExpression("CAST(x AS int64)", *t);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kData);
  }
  EXPECT_EQ(Eval("TRY_CAST(x AS int64)", t), (V{"1", "2", "NULL"}));
  EXPECT_EQ(Eval("to_date('2024-02-29')", t)[0], "2024-02-29");
}

TEST(Eval, ConstantsAndEmptyTables) {
  EXPECT_EQ(Eval("1"), (V{"1", "1", "1", "1"}));
  EXPECT_EQ(Eval("NULL"), (V{"NULL", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(Eval("'x' || s"), (V{"xabc", "x电量", "NULL", "x"}));
  auto empty = Table::MakeEmpty(SampleTable()->schema());
  EXPECT_EQ(EvaluateExpression("i + 1 > 2 AND s LIKE 'a%'", *empty)->size(), 0);
}

// Large tables run in morsels on the thread pool; the result equals a single-batch evaluation
// and the error raised is the one of the first failing row.
TEST(Eval, MorselsMatchSingleBatch) {
  const int64_t n = 3 * kMorselRows + 123;
  auto a = Column::Make(TypeId::kInt64);
  auto s = Column::Make(TypeId::kString);
  for (int64_t k = 0; k < n; ++k) {
    if (k % 7 == 3) {
      a->AppendNull();
    } else {
      a->AppendInt64(k % 1000 - 500);
    }
    if (k % 11 == 5) {
      s->AppendNull();
    } else {
      s->AppendString(k % 3 == 0 ? "x" + std::to_string(k) : "电" + std::to_string(k % 13));
    }
  }
  auto t = Table::Make(Schema({{"a", TypeId::kInt64}, {"c", TypeId::kString}}), {a, s});
  const std::string text =
      "CASE WHEN a * 2 + 1 > 10 AND c LIKE 'x%' THEN c || '!' WHEN a IS NULL THEN NULL ELSE "
      "CAST(a AS string) END";
  ColumnPtr got = EvaluateExpression(text, *t);
  ASSERT_EQ(got->size(), n);
  for (int64_t k = 0; k < n; k += 997) {
    auto one = t->Slice(k, 1);
    EXPECT_EQ(got->GetValue(k), EvaluateExpression(text, *one)->GetValue(0)) << k;
  }
  auto bad = Column::Make(TypeId::kString);
  for (int64_t k = 0; k < n; ++k) bad->AppendString(k == 70000 || k == n - 2 ? "oops" : "1");
  auto tb = Table::Make(Schema({{"c", TypeId::kString}}), {bad});
  EXPECT_NE(ErrorOf("CAST(c AS int64)", tb).find("row 70001:"), std::string::npos);
}

}  // namespace
}  // namespace xf::test
