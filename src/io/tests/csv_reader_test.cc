#include "io/csv_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "core/error.h"
#include "core/time.h"
#include "io/csv_dialect.h"
#include "io/tests/csv_test_util.h"

namespace xf {
namespace {

using testing::Read;
using testing::Str;

// rows_read == rows + rejects, checked on every read in this file.
ReadResult Checked(std::string_view csv, CsvOptions o = {}) {
  ReadResult r = Read(csv, o);
  EXPECT_EQ(r.rows_read, r.table->num_rows() + r.rejects->num_rows());
  return r;
}

std::string Reason(const ReadResult& r, int64_t i) { return Str(*r.rejects, 5, i); }
int64_t RejectLine(const ReadResult& r, int64_t i) {
  return r.rejects->column(1)->data<int64_t>()[i];
}

TEST(CsvReader, BasicTypesAndHeader) {
  auto r = Checked(
      "id,name,value,day,ts,ok\n"
      "1,北京,1.5,2024-01-05,2024-01-05 08:30:00,true\n"
      "2,上海,2,2024-01-06,2024-01-06 09:00:00,false\n");
  EXPECT_EQ(r.table->schema().ToString(),
            "id:int64, name:string, value:float64, day:date, ts:timestamp, ok:bool");
  ASSERT_EQ(r.table->num_rows(), 2);
  EXPECT_EQ(r.rows_read, 2);
  EXPECT_EQ(Str(*r.table, 1, 0), "北京");
  EXPECT_EQ(r.table->column(2)->data<double>()[1], 2.0);
  int64_t ts;
  ASSERT_TRUE(ParseTimestamp("2024-01-05 08:30:00", &ts));
  EXPECT_EQ(r.table->column(4)->data<int64_t>()[0], ts);
  EXPECT_EQ(r.table->column(4)->data<int64_t>()[0] % kMicrosPerDay, 30 * kMicrosPerMinute)
      << "08:30 Shanghai is 00:30 UTC";
  EXPECT_EQ(r.encoding, "utf-8");
  EXPECT_EQ(r.rejects->num_rows(), 0);
}

TEST(CsvReader, NullTokensAndQuotedValues) {
  auto r = Checked("a,b,c\n1,NULL,\"NULL\"\nNA,x,\"\"\n\\N,,y\n");
  EXPECT_EQ(r.table->schema().ToString(), "a:int64, b:string, c:string");
  EXPECT_EQ(Str(*r.table, 0, 1), "<null>");
  EXPECT_EQ(Str(*r.table, 1, 0), "<null>");
  EXPECT_EQ(Str(*r.table, 2, 0), "NULL") << "a quoted token is a string";
  EXPECT_EQ(Str(*r.table, 2, 1), "") << "quoted empty is the empty string in a string column";
  EXPECT_EQ(Str(*r.table, 1, 2), "<null>");
  // Quoted empty in a numeric column is NULL: quote-everything exports stay numeric.
  auto q = Checked("\"a\",\"b\"\n\"1\",\"\"\n\"2\",\"3\"\n");
  EXPECT_EQ(q.table->schema().ToString(), "a:int64, b:int64");
  EXPECT_EQ(Str(*q.table, 1, 0), "<null>");
}

TEST(CsvReader, Rfc4180Quotes) {
  auto r = Checked("k,text\n1,\"say \"\"hi\"\", ok\"\n2,\"line1\nline2\"\n3,plain\"quote\n");
  ASSERT_EQ(r.table->num_rows(), 3);
  EXPECT_EQ(Str(*r.table, 1, 0), "say \"hi\", ok");
  EXPECT_EQ(Str(*r.table, 1, 1), "line1\nline2");
  EXPECT_EQ(Str(*r.table, 1, 2), "plain\"quote") << "a quote inside an unquoted field is text";
}

TEST(CsvReader, CrLfFinalLineAndBlankLines) {
  auto r = Checked("a,b\r\n1,x\r\n\r\n   \r\n2,\"y\"\r\n3,z");
  ASSERT_EQ(r.table->num_rows(), 3);
  EXPECT_EQ(r.rows_read, 3) << "blank lines are neither read nor rejected";
  EXPECT_EQ(Str(*r.table, 1, 0), "x");
  EXPECT_EQ(Str(*r.table, 1, 1), "y");
  EXPECT_EQ(Str(*r.table, 1, 2), "z");
}

TEST(CsvReader, TrimOption) {
  auto r = Checked("a,b\n  1 , x  \n2, \"  y \" \n");
  EXPECT_EQ(r.table->schema().ToString(), "a:int64, b:string");
  EXPECT_EQ(Str(*r.table, 1, 0), "x");
  EXPECT_EQ(Str(*r.table, 1, 1), "  y ") << "spaces inside quotes are kept";
  CsvOptions o;
  o.trim = false;
  auto u = Checked("a,b\n  1 , x  \n", o);
  EXPECT_EQ(u.table->schema().ToString(), "a:string, b:string");
  EXPECT_EQ(Str(*u.table, 1, 0), " x  ");
}

TEST(CsvReader, WholeFileInferenceWithLateBadValue) {
  std::string csv = "id,v\n";
  for (int i = 0; i < 200000; ++i) csv += std::to_string(i) + "," + std::to_string(i * 3) + "\n";
  csv += "200000,abc\n";
  for (int threads : {1, 4}) {
    CsvOptions o;
    o.threads = threads;
    o.min_chunk_bytes = 4096;
    auto r = Checked(csv, o);
    EXPECT_EQ(r.table->schema().ToString(), "id:int64, v:string");
    ASSERT_EQ(r.table->num_rows(), 200001);
    EXPECT_EQ(Str(*r.table, 1, 0), "0");
    EXPECT_EQ(Str(*r.table, 1, 150000), "450000");
    EXPECT_EQ(Str(*r.table, 1, 200000), "abc");
  }
}

TEST(CsvReader, WideningIntToFloatAndDateToTimestamp) {
  std::string csv = "n,t\n";
  for (int i = 0; i < 5000; ++i) csv += std::to_string(i) + ",2024-01-05\n";
  csv += "0.5,2024-01-05 12:00:00\n";
  for (int threads : {1, 3}) {
    CsvOptions o;
    o.threads = threads;
    o.min_chunk_bytes = 1000;
    auto r = Checked(csv, o);
    EXPECT_EQ(r.table->schema().ToString(), "n:float64, t:timestamp");
    EXPECT_EQ(r.table->column(0)->data<double>()[4999], 4999.0);
    int64_t midnight;
    ASSERT_TRUE(ParseTimestamp("2024-01-05", &midnight));
    EXPECT_EQ(r.table->column(1)->data<int64_t>()[0], midnight);
    EXPECT_EQ(r.table->column(1)->data<int64_t>()[5000], midnight + 12 * kMicrosPerHour);
  }
}

TEST(CsvReader, CodesAndIdsStayStrings) {
  auto r = Checked(
      "code,id,card,flag\n007,110101199003077777,6222021234567890123,1\n"
      "012,110101199003077778,6222021234567890124,0\n");
  EXPECT_EQ(r.table->schema().ToString(), "code:string, id:int64, card:string, flag:int64");
  EXPECT_EQ(Str(*r.table, 0, 0), "007");
  EXPECT_EQ(Str(*r.table, 2, 1), "6222021234567890124");
}

TEST(CsvReader, AllNullColumnIsString) {
  auto r = Checked("a,b\n1,\n2,NULL\n");
  EXPECT_EQ(r.table->schema().ToString(), "a:int64, b:string");
  EXPECT_EQ(r.table->column(1)->null_count(), 2);
}

TEST(CsvReader, OverridesRejectBadValues) {
  CsvOptions o;
  o.column_types = {{"v", TypeId::kInt64}, {"d", TypeId::kDate}, {"code", TypeId::kString}};
  auto r = Checked("code,v,d\n007,1,2024-01-01\n008,abc,2024-01-02\n009,3,notadate\n010,,\n", o);
  EXPECT_EQ(r.table->schema().ToString(), "code:string, v:int64, d:date");
  ASSERT_EQ(r.table->num_rows(), 2);
  EXPECT_EQ(Str(*r.table, 0, 1), "010");
  EXPECT_EQ(Str(*r.table, 1, 1), "<null>");
  ASSERT_EQ(r.rejects->num_rows(), 2);
  EXPECT_EQ(RejectLine(r, 0), 3);
  EXPECT_EQ(r.rejects->column(2)->data<int64_t>()[0], 2);
  EXPECT_EQ(Str(*r.rejects, 3, 0), "v");
  EXPECT_EQ(Str(*r.rejects, 4, 0), "008,abc,2024-01-02");
  EXPECT_EQ(Reason(r, 0), "cannot parse 'abc' as int64");
  EXPECT_EQ(Reason(r, 1), "cannot parse 'notadate' as date");
  EXPECT_EQ(Str(*r.rejects, 0, 0), "test.csv");
  // Lenient parsing of forced types: leading zeros and 0/1 bools.
  CsvOptions b;
  b.column_types = {{"x", TypeId::kInt64}, {"f", TypeId::kBool}};
  auto r2 = Checked("x,f\n007,1\n+8,no\n", b);
  EXPECT_EQ(r2.table->column(0)->data<int64_t>()[0], 7);
  EXPECT_EQ(Str(*r2.table, 1, 0), "true");
  EXPECT_EQ(Str(*r2.table, 1, 1), "false");
}

TEST(CsvReader, OverrideOfUnknownColumnIsUsageError) {
  CsvOptions o;
  o.column_types = {{"valu", TypeId::kInt64}};
  try {
    Read("id,value\n1,2\n", o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("did you mean 'value'"), std::string::npos) << e.what();
  }
}

TEST(CsvReader, ExplicitSchema) {
  CsvOptions o;
  o.schema = Schema({{"x", TypeId::kFloat64}, {"y", TypeId::kString}});
  auto r = Checked("a,b\n1,2\n3,4\n", o);
  EXPECT_EQ(r.table->schema().ToString(), "x:float64, y:string");
  EXPECT_EQ(r.table->num_rows(), 2) << "header detected and skipped";
  o.header = false;
  auto n = Checked("1,2\n3,4,5\n", o);
  EXPECT_EQ(n.table->num_rows(), 1);
  EXPECT_EQ(Reason(n, 0), "expected 2 fields, found 3");
  auto e = Checked("", o);
  EXPECT_EQ(e.table->schema().ToString(), "x:float64, y:string");
}

TEST(CsvReader, WrongFieldCountRejected) {
  auto r = Checked("a,b,c,d,e\n1,2,3,4,5\n1,2,3,4,5,6,7\n1,2\n1,2,3,4,5\n");
  EXPECT_EQ(r.table->num_rows(), 2);
  ASSERT_EQ(r.rejects->num_rows(), 2);
  EXPECT_EQ(Reason(r, 0), "expected 5 fields, found 7");
  EXPECT_EQ(RejectLine(r, 0), 3);
  EXPECT_EQ(Reason(r, 1), "expected 5 fields, found 2");
  EXPECT_EQ(RejectLine(r, 1), 4);
  EXPECT_TRUE(r.rejects->column(2)->IsNull(0)) << "whole-row problem has no column";
}

TEST(CsvReader, MalformedQuotes) {
  auto r = Checked("a,b\n1,\"x\"y\n2,ok\n3,\"never closed\n4,z\n");
  EXPECT_EQ(r.table->num_rows(), 1);
  ASSERT_EQ(r.rejects->num_rows(), 2);
  EXPECT_EQ(Reason(r, 0), "unexpected text after the closing quote of field 2");
  EXPECT_EQ(RejectLine(r, 0), 2);
  EXPECT_EQ(RejectLine(r, 1), 4);
  EXPECT_NE(Reason(r, 1).find("unterminated quoted field"), std::string::npos);
  EXPECT_EQ(Str(*r.rejects, 4, 1), "3,\"never closed\n4,z\n");
}

TEST(CsvReader, NulBytesRejected) {
  const std::string csv("a,b\n1,x\n2,y\0z\n3,w\n", 18);
  auto r = Checked(csv);
  EXPECT_EQ(r.table->num_rows(), 2);
  ASSERT_EQ(r.rejects->num_rows(), 1);
  EXPECT_EQ(Reason(r, 0), "NUL byte at byte 11");
  EXPECT_EQ(RejectLine(r, 0), 3);
}

TEST(CsvReader, LineNumbersAfterQuotedNewlines) {
  auto r = Checked("a,b\n1,\"x\ny\nz\"\n\n2,q,extra\n3,\"m\nn\"\n4,r,extra\n");
  ASSERT_EQ(r.rejects->num_rows(), 2);
  EXPECT_EQ(RejectLine(r, 0), 6);
  EXPECT_EQ(RejectLine(r, 1), 9);
}

TEST(CsvReader, EmptyAndHeaderOnly) {
  auto e = Checked("");
  EXPECT_EQ(e.table->num_columns(), 0);
  EXPECT_EQ(e.table->num_rows(), 0);
  EXPECT_EQ(e.rows_read, 0);
  auto blank = Checked("\n\r\n  \n");
  EXPECT_EQ(blank.table->num_columns(), 0);
  auto h = Checked("城市,用电量,日期\n");
  EXPECT_EQ(h.table->schema().ToString(), "城市:string, 用电量:string, 日期:string");
  EXPECT_EQ(h.table->num_rows(), 0);
  CsvOptions o;
  o.column_types = {{"用电量", TypeId::kFloat64}};
  auto t = Checked("城市,用电量,日期\n", o);
  EXPECT_EQ(t.table->schema().field(1).type, TypeId::kFloat64);
}

TEST(CsvReader, HeaderNamesDedupedAndFilled) {
  CsvOptions o;
  o.header = true;
  auto r = Checked("a,a,,b\n1,2,3,4\n", o);
  EXPECT_EQ(r.table->schema().ToString(), "a:int64, a_2:int64, column_3:int64, b:int64");
}

TEST(CsvDialect, DelimiterDetection) {
  EXPECT_EQ(SniffDelimiter("a,b,c\n1,2,3\n", '"'), ',');
  EXPECT_EQ(SniffDelimiter("a;b;c\n1;2;3\n", '"'), ';');
  EXPECT_EQ(SniffDelimiter("a\tb\tc\n1\t2,5\t3\n", '"'), '\t');
  EXPECT_EQ(SniffDelimiter("a|b\n1|2\n", '"'), '|');
  EXPECT_EQ(SniffDelimiter("a;b\n\"x,y,z\";2\n", '"'), ';') << "delimiters in quotes do not count";
  EXPECT_EQ(SniffDelimiter("single\ncolumn\n", '"'), ',');
  auto r = Checked("名称\t数量\n苹果,红\t3\n");
  EXPECT_EQ(r.table->schema().ToString(), "名称:string, 数量:int64");
  EXPECT_EQ(Str(*r.table, 0, 0), "苹果,红");
}

TEST(CsvDialect, HeaderDetection) {
  EXPECT_EQ(Checked("1,2\n3,4\n").table->num_rows(), 2) << "numbers: no header";
  EXPECT_EQ(Checked("1,2\n3,4\n").table->schema().field(0).name, "column_1");
  EXPECT_EQ(Checked("a,b\n3,4\n").table->num_rows(), 1);
  EXPECT_EQ(Checked("city,name\n北京,张三\n上海,李四\n").table->num_rows(), 2)
      << "all text, distinct names: header";
  EXPECT_EQ(Checked("x,x\na,b\n").table->num_rows(), 2) << "repeated names: data";
  EXPECT_EQ(Checked("日期,值\n2024-01-01,1\n").table->schema().field(0).type, TypeId::kDate);
  CsvOptions o;
  o.header = false;
  auto r = Checked("a,b\n3,4\n", o);
  EXPECT_EQ(r.table->num_rows(), 2);
  EXPECT_EQ(r.table->schema().ToString(), "column_1:string, column_2:string");
}

TEST(CsvReader, LongLineIsReadOrRejectedWithCappedRaw) {
  std::string csv = "a,b\n1,";
  csv.append(size_t{8} << 20, 'x');
  csv += "\n2,y,z";
  csv.append(size_t{8} << 20, 'w');
  csv += "\n3,ok\n";
  auto r = Checked(csv);
  ASSERT_EQ(r.table->num_rows(), 2);
  EXPECT_EQ(r.table->column(1)->GetString(0).size(), size_t{8} << 20);
  ASSERT_EQ(r.rejects->num_rows(), 1);
  EXPECT_LT(r.rejects->column(4)->GetString(0).size(), 5000u) << "raw text is capped";
}

TEST(CsvReader, InvalidOptions) {
  CsvOptions o;
  o.delimiter = '"';
  EXPECT_THROW(Read("a\n", o), Error);
  CsvOptions e;
  e.encoding = "latin-9";
  try {
    Read("a\n", e);
    FAIL();
  } catch (const Error& err) {
    EXPECT_EQ(err.kind(), ErrorKind::kUsage);
  }
}

TEST(CsvReader, MalformedExplicitHeaderIsError) {
  CsvOptions o;
  o.header = true;
  EXPECT_THROW(Read("\"a,b\n1,2\n", o), Error);
  // Detected header: the malformed first record is just a rejected data record.
  auto r = Checked("\"a,b\n1,2\n");
  EXPECT_EQ(r.rejects->num_rows(), 1);
}

}  // namespace
}  // namespace xf
