#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "io/file_source.h"
#include "io/jsonl_reader.h"
#include "io/jsonl_writer.h"
#include "io/tests/native_random_table.h"

namespace xf {
namespace {

using testing::ExpectTablesEqual;
using testing::RandomTable;

ReadResult Read(std::string_view text, const JsonlOptions& o = {}) {
  return ReadJsonlBuffer(text, o, "t.jsonl");
}

std::string RejectReason(const ReadResult& r, int64_t i) {
  return std::string(r.rejects->column("reason")->GetString(i));
}
int64_t RejectLine(const ReadResult& r, int64_t i) {
  return r.rejects->column("line")->GetValue(i).int_value();
}

TEST(JsonlReader, FlattensAndUnionsKeys) {
  const ReadResult r = Read(
      "{\"id\":1,\"meter\":{\"kwh\":2.5,\"loc\":{\"city\":\"北京\"}}}\n"
      "{\"id\":2,\"tags\":[1, \"a\", {\"b\": null}],\"meter\":{}}\n"
      "{\"extra\":true}\n");
  ASSERT_EQ(r.rows_read, 3);
  EXPECT_EQ(r.rejects->num_rows(), 0);
  const Table& t = *r.table;
  EXPECT_EQ(t.schema().ToString(),
            "id:int64, meter.kwh:float64, meter.loc.city:string, tags:string, meter:string, "
            "extra:bool");
  EXPECT_EQ(t.column("meter.kwh")->GetValue(0), Value::Float64(2.5));
  EXPECT_TRUE(t.column("meter.kwh")->IsNull(1));
  EXPECT_EQ(t.column("meter.loc.city")->GetString(0), "北京");
  EXPECT_EQ(t.column("tags")->GetString(1), "[1,\"a\",{\"b\":null}]");
  EXPECT_EQ(t.column("meter")->GetString(1), "{}");
  EXPECT_TRUE(t.column("id")->IsNull(2));
  EXPECT_EQ(t.column("extra")->GetValue(2), Value::Bool(true));
}

TEST(JsonlReader, InfersTypes) {
  const ReadResult r = Read(
      "{\"b\":true,\"i\":1,\"f\":1,\"u\":1,\"s\":\"x\",\"d\":\"2024-01-05\","
      "\"ts\":\"2024-01-05 08:00:00\",\"dt\":\"2024-01-05\",\"n\":null,\"mix\":1.50,\"bn\":true}\n"
      "{\"b\":false,\"i\":-9223372036854775808,\"f\":2.5,\"u\":18446744073709551615,\"s\":\"y\","
      "\"d\":\"2024/2/29\",\"ts\":\"2024-01-05T00:00:00Z\",\"dt\":\"2024-01-05 01:00\",\"n\":null,"
      "\"mix\":\"abc\",\"bn\":1}\n");
  ASSERT_EQ(r.rejects->num_rows(), 0);
  const Table& t = *r.table;
  EXPECT_EQ(t.schema().ToString(),
            "b:bool, i:int64, f:float64, u:float64, s:string, d:date, ts:timestamp, "
            "dt:timestamp, n:string, mix:string, bn:string");
  EXPECT_EQ(t.column("i")->GetValue(1), Value::Int64(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(t.column("u")->GetValue(1), Value::Float64(18446744073709551615.0));
  int32_t days;
  ASSERT_TRUE(ParseDate("2024-02-29", &days));
  EXPECT_EQ(t.column("d")->GetValue(1), Value::Date(days));
  int64_t micros;
  ASSERT_TRUE(ParseTimestamp("2024-01-05 08:00:00", &micros));
  EXPECT_EQ(t.column("ts")->GetValue(0), Value::Timestamp(micros));
  EXPECT_EQ(t.column("ts")->GetValue(1), Value::Timestamp(micros)) << "Z is 08:00 in Shanghai";
  EXPECT_TRUE(t.column("n")->IsNull(0));
  EXPECT_EQ(t.column("mix")->GetString(0), "1.5") << "numbers in string columns: shortest form";
  EXPECT_EQ(t.column("bn")->GetString(0), "true");
  EXPECT_EQ(t.column("bn")->GetString(1), "1");
}

TEST(JsonlReader, BadLinesAreRejectedNotFatal) {
  const std::string input =
      "\xEF\xBB\xBF{\"a\":1}\r\n"                 // 1: BOM and CRLF
      "\n"                                        // 2: blank, skipped
      "{\"a\":2,}\n"                              // 3: invalid JSON
      "[1,2]\n"                                   // 4: not an object
      "{\"a\":\"\xFF\"}\n"                        // 5: invalid UTF-8
      "   \t \n"                                  // 6: blank
      "{\"a\":1} {\"a\":2}\n"                     // 7: two documents
      "{\"a\":123456789012345678901234567890}\n"  // 8: beyond uint64
      "\"text\"\n"                                // 9
      "{\"a\":3}";                                // 10: no final newline
  const ReadResult r = Read(input);
  EXPECT_EQ(r.rows_read, 8);
  EXPECT_EQ(r.table->num_rows(), 2);
  ASSERT_EQ(r.rejects->num_rows(), 6);
  const int64_t lines[] = {3, 4, 5, 7, 8, 9};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(RejectLine(r, i), lines[i]) << i;
  EXPECT_NE(RejectReason(r, 0).find("invalid JSON"), std::string::npos);
  EXPECT_EQ(RejectReason(r, 1), "expected a JSON object, found an array");
  EXPECT_EQ(RejectReason(r, 2), "invalid UTF-8");
  EXPECT_EQ(r.rejects->column("raw")->GetString(2), "{\"a\":\"\\xFF\"}");
  EXPECT_EQ(RejectReason(r, 5), "expected a JSON object, found a string");
  EXPECT_EQ(r.rejects->column("source_file")->GetString(0), "t.jsonl");
  EXPECT_TRUE(r.rejects->column("column")->IsNull(0));
  EXPECT_EQ(r.table->column("a")->GetValue(1), Value::Int64(3));
}

TEST(JsonlReader, OverridesAndConversionRejects) {
  JsonlOptions o;
  o.column_types = {{"id", TypeId::kString},
                    {"kwh", TypeId::kInt64},
                    {"day", TypeId::kDate},
                    {"ok", TypeId::kBool},
                    {"absent", TypeId::kFloat64}};
  const ReadResult r = Read(
      "{\"id\":7,\"kwh\":3,\"day\":\"2024-01-05\",\"ok\":\"true\"}\n"
      "{\"id\":\"A8\",\"kwh\":3.5,\"day\":\"2024-01-05\"}\n"
      "{\"id\":9,\"kwh\":\"12\",\"day\":\"not a day\"}\n"
      "{\"id\":10,\"kwh\":4.0,\"day\":null,\"ok\":false}\n",
      o);
  EXPECT_EQ(r.rows_read, 4);
  ASSERT_EQ(r.table->num_rows(), 2);
  ASSERT_EQ(r.rejects->num_rows(), 2);
  EXPECT_EQ(r.table->schema().ToString(),
            "id:string, kwh:int64, day:date, ok:bool, absent:float64");
  EXPECT_EQ(r.table->column("id")->GetString(0), "7");
  EXPECT_EQ(r.table->column("kwh")->GetValue(1), Value::Int64(4));
  EXPECT_TRUE(r.table->column("absent")->IsNull(0));
  EXPECT_EQ(RejectLine(r, 0), 2);
  EXPECT_EQ(r.rejects->column("column_name")->GetString(0), "kwh");
  EXPECT_EQ(r.rejects->column("column")->GetValue(0), Value::Int64(2));
  EXPECT_EQ(RejectReason(r, 0), "cannot read number 3.5 as int64");
  EXPECT_EQ(r.rejects->column("raw")->GetString(0),
            "{\"id\":\"A8\",\"kwh\":3.5,\"day\":\"2024-01-05\"}");
  EXPECT_EQ(RejectLine(r, 1), 3);
  EXPECT_EQ(RejectReason(r, 1), "cannot read string \"not a day\" as date");

  JsonlOptions bad;
  bad.column_types = {{"x", TypeId::kNull}};
  EXPECT_THROW(Read("{}\n", bad), Error);
}

TEST(JsonlReader, DuplicateKeysKeepTheLast) {
  const ReadResult r = Read("{\"a\":1,\"a\":2,\"b\":{\"c\":1},\"b.c\":\"x\"}\n");
  ASSERT_EQ(r.table->num_rows(), 1);
  EXPECT_EQ(r.table->column("a")->GetValue(0), Value::Int64(2));
  EXPECT_EQ(r.table->column("b.c")->GetString(0), "x");
}

TEST(JsonlReader, EmptyInputs) {
  for (const char* s : {"", "\n\n", "\xEF\xBB\xBF"}) {
    const ReadResult r = Read(s);
    EXPECT_EQ(r.rows_read, 0);
    EXPECT_EQ(r.table->num_columns(), 0);
    EXPECT_EQ(r.rejects->num_rows(), 0);
  }
  const ReadResult r = Read("{}\n{}\n");
  EXPECT_EQ(r.rows_read, 2);
  EXPECT_EQ(r.table->num_columns(), 0);
  EXPECT_EQ(r.rejects->num_rows(), 2) << "a table without columns cannot hold them";
  const ReadResult r2 = Read("{}\n{\"a\":1}\n");
  EXPECT_EQ(r2.table->num_rows(), 2);
  EXPECT_TRUE(r2.table->column("a")->IsNull(0));
}

std::string RandomJsonl(uint64_t seed, int lines) {
  std::mt19937_64 rng(seed);
  static const char* kLines[] = {"{\"a\":1,\"b\":\"x\"}",
                                 "{\"b\":\"2024-01-0{}\",\"c\":{\"d\":true}}",
                                 "{\"a\":2.5}",
                                 "not json",
                                 "[1]",
                                 "",
                                 "{\"e\":[1,{\"f\":2}],\"a\":-4}",
                                 "{\"c\":{\"d\":false},\"g\":null}",
                                 "{\"h\":\"电量\\n\\\"\",\"a\":9223372036854775807}",
                                 "{\"a\":\"\xE7\x94\"}"};
  std::string out;
  for (int i = 0; i < lines; ++i) {
    std::string l = kLines[rng() % (sizeof kLines / sizeof kLines[0])];
    const size_t brace = l.find("{}");
    if (brace != std::string::npos) l.replace(brace, 2, std::to_string(1 + rng() % 9));
    out += l;
    out += rng() % 5 == 0 ? "\r\n" : "\n";
  }
  return out;
}

TEST(JsonlReader, SameResultForAnyChunking) {
  const std::string input = RandomJsonl(3, 400);
  JsonlOptions o;
  o.column_types = {{"a", TypeId::kFloat64}};
  const ReadResult ref = Read(input, o);
  EXPECT_GT(ref.rejects->num_rows(), 0);
  EXPECT_EQ(ref.rows_read, ref.table->num_rows() + ref.rejects->num_rows());
  for (int64_t chunk : {1, 2, 7, 64, 1000}) {
    o.chunk_bytes = chunk;
    const ReadResult r = Read(input, o);
    SCOPED_TRACE("chunk_bytes " + std::to_string(chunk));
    EXPECT_EQ(r.rows_read, ref.rows_read);
    ExpectTablesEqual(*ref.table, *r.table);
    ExpectTablesEqual(*ref.rejects, *r.rejects);
  }
}

TEST(JsonlReader, GzipAndFiles) {
  const std::string input = RandomJsonl(4, 50);
  const ReadResult plain = Read(input);
  const ReadResult gz = Read(Gzip(input));
  ExpectTablesEqual(*plain.table, *gz.table);
  const auto path = (std::filesystem::temp_directory_path() / ("xf_jsonl_test_" + std::to_string(getpid()) + ".jsonl.gz")).string();
  WriteJsonl(*plain.table, path);  // (plain JSON despite the name: the reader sniffs content)
  const ReadResult back = ReadJsonl(path);
  EXPECT_EQ(back.rows_read, plain.table->num_rows());
  EXPECT_THROW(ReadJsonl("/nonexistent/x.jsonl"), Error);
}

TEST(JsonlWriter, ExactText) {
  auto b = Column::FromValues(TypeId::kBool, {Value::Bool(true), Value()});
  auto i = Column::FromValues(TypeId::kInt64, {Value::Int64(-3), Value::Int64(4)});
  auto f =
      Column::FromValues(TypeId::kFloat64, {Value::Float64(1.0), Value::Float64(std::nan(""))});
  auto s =
      Column::FromValues(TypeId::kString, {Value::String("a\"b\\\n\x01电"), Value::String("")});
  int64_t micros;
  ASSERT_TRUE(ParseTimestamp("2024-01-05 08:30:00.25", &micros));
  auto t = Column::FromValues(TypeId::kTimestamp, {Value::Timestamp(micros), Value()});
  auto d = Column::FromValues(TypeId::kDate, {Value::Date(0), Value()});
  const TablePtr table = Table::Make(Schema({{"b", TypeId::kBool},
                                             {"i", TypeId::kInt64},
                                             {"f", TypeId::kFloat64},
                                             {"名 s", TypeId::kString},
                                             {"t", TypeId::kTimestamp},
                                             {"d", TypeId::kDate}}),
                                     {b, i, f, s, t, d});
  EXPECT_EQ(ToJsonl(*table),
            "{\"b\":true,\"i\":-3,\"f\":1.0,\"名 s\":\"a\\\"b\\\\\\n\\u0001电\","
            "\"t\":\"2024-01-05 08:30:00.250000\",\"d\":\"1970-01-01\"}\n"
            "{\"b\":null,\"i\":4,\"f\":null,\"名 s\":\"\",\"t\":null,\"d\":null}\n");
  auto bad = Column::FromValues(TypeId::kString, {Value::String("\xFF")});
  EXPECT_THROW(ToJsonl(*Table::Make(Schema({{"x", TypeId::kString}}), {bad})), Error);
}

TEST(JsonlRoundTrip, RandomTablesWithOverrides) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const TablePtr t = RandomTable(seed, 200, {.with_null_type = false, .with_non_finite = false});
    JsonlOptions o;
    for (const Field& f : t->schema().fields()) o.column_types[f.name] = f.type;
    const ReadResult r = Read(ToJsonl(*t), o);
    EXPECT_EQ(r.rejects->num_rows(), 0);
    ExpectTablesEqual(*t, *r.table);
  }
}

TEST(JsonlRoundTrip, InferenceAloneWhenUnambiguous) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    const TablePtr t = RandomTable(
        seed, 300, {.with_null_type = false, .with_non_finite = false, .plain_strings = true});
    for (const auto& c : t->columns()) ASSERT_LT(c->null_count(), t->num_rows());
    const ReadResult r = Read(ToJsonl(*t), {.chunk_bytes = 4096});
    EXPECT_EQ(r.rejects->num_rows(), 0);
    ExpectTablesEqual(*t, *r.table);
  }
}

TEST(JsonlRoundTrip, NonFiniteBecomesNull) {
  auto f = Column::FromValues(
      TypeId::kFloat64, {Value::Float64(INFINITY), Value::Float64(-0.0), Value::Float64(5e-324)});
  const TablePtr t = Table::Make(Schema({{"f", TypeId::kFloat64}}), {f});
  const ReadResult r = Read(ToJsonl(*t));
  ASSERT_EQ(r.table->num_rows(), 3);
  EXPECT_TRUE(r.table->column(0)->IsNull(0));
  EXPECT_TRUE(std::signbit(r.table->column(0)->data<double>()[1]));
  EXPECT_EQ(r.table->column(0)->data<double>()[2], 5e-324);
}

}  // namespace
}  // namespace xf
