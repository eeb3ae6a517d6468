#include "io/csv_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <random>

#include "core/error.h"
#include "io/csv_reader.h"
#include "io/file_source.h"
#include "io/tests/csv_test_util.h"

namespace xf {
namespace {

using testing::TablesEqual;

std::string RandomText(std::mt19937_64& rng) {
  static const char* kPieces[] = {"a", "北京", "\"",  ",",      "\n",        "\r\n",
                                  " ", "NULL", "x y", "用电量", "𠀀",        "'",
                                  ";", "\t",   "NA",  "1",      "2024-01-05"};
  std::string s = rng() % 2 ? "s" : "";  // half start with a letter, half may look like anything
  const int n = static_cast<int>(rng() % 5);
  for (int i = 0; i < n; ++i) s += kPieces[rng() % (sizeof kPieces / sizeof *kPieces)];
  return s;
}

TablePtr RandomTable(std::mt19937_64& rng, int64_t rows, bool inferable) {
  Schema schema({{"b", TypeId::kBool},
                 {"i", TypeId::kInt64},
                 {"f", TypeId::kFloat64},
                 {"s", TypeId::kString},
                 {"d", TypeId::kDate},
                 {"t", TypeId::kTimestamp},
                 {"名称", TypeId::kString}});
  std::vector<ColumnPtr> cols;
  for (const auto& field : schema.fields()) cols.push_back(Column::Make(field.type));
  for (int64_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cols.size(); ++c) {
      // Row 0 has no NULLs so every column has a value to infer from.
      if (r > 0 && rng() % 6 == 0) {
        cols[c]->AppendNull();
        continue;
      }
      switch (schema.field(static_cast<int>(c)).type) {
        case TypeId::kBool:
          cols[c]->AppendBool(rng() % 2);
          break;
        case TypeId::kInt64:
          cols[c]->AppendInt64(rng() % 3 ? static_cast<int64_t>(rng() % 2000000) - 1000000
                                         : static_cast<int64_t>(rng() >> 8) - (int64_t{1} << 55));
          break;
        case TypeId::kFloat64: {
          double d = static_cast<double>(static_cast<int64_t>(rng() % 2000001) - 1000000) / 1024;
          if (rng() % 10 == 0) d = std::ldexp(static_cast<double>(rng() % 1000 + 1), -30);
          if (rng() % 20 == 0) d = std::numeric_limits<double>::infinity();
          if (d == 0) d = 1;
          cols[c]->AppendFloat64(d);
          break;
        }
        case TypeId::kString: {
          std::string s = RandomText(rng);
          if (inferable) s = "s" + s;
          cols[c]->AppendString(s);
          break;
        }
        case TypeId::kDate:
          cols[c]->AppendDate(static_cast<int32_t>(rng() % 80000) - 20000);
          break;
        case TypeId::kTimestamp:
          cols[c]->AppendTimestamp(static_cast<int64_t>(rng() % (int64_t{4} << 50)) -
                                   (int64_t{1} << 50));
          break;
        default:
          break;
      }
    }
  }
  return Table::Make(schema, cols);
}

TEST(CsvWriter, RoundTripWithSchema) {
  std::mt19937_64 rng(11);
  for (int iter = 0; iter < 20; ++iter) {
    const TablePtr t = RandomTable(rng, 1 + static_cast<int64_t>(rng() % 300), false);
    CsvWriteOptions w;
    w.threads = 1 + iter % 3;
    const std::string csv = ToCsv(*t, w);
    CsvOptions o;
    o.schema = t->schema();
    o.header = true;
    o.delimiter = ',';
    const ReadResult r = ReadCsvBuffer(csv, o, "rt.csv");
    ASSERT_EQ(r.rejects->num_rows(), 0) << testing::Str(*r.rejects, 5, 0);
    EXPECT_TRUE(TablesEqual(*r.table, *t)) << csv.substr(0, 2000);
  }
}

TEST(CsvWriter, RoundTripWithInference) {
  std::mt19937_64 rng(12);
  for (int iter = 0; iter < 20; ++iter) {
    const TablePtr t = RandomTable(rng, 2 + static_cast<int64_t>(rng() % 300), true);
    const ReadResult r = ReadCsvBuffer(ToCsv(*t), CsvOptions{}, "rt.csv");
    ASSERT_EQ(r.rejects->num_rows(), 0);
    EXPECT_TRUE(TablesEqual(*r.table, *t));
  }
}

TEST(CsvWriter, Gb18030OutputReadsBack) {
  std::mt19937_64 rng(13);
  const TablePtr t = RandomTable(rng, 100, true);
  CsvWriteOptions w;
  w.encoding = "gb18030";
  const std::string gb = ToCsv(*t, w);
  EXPECT_EQ(gb.find("北京"), std::string::npos) << "not UTF-8 any more";
  const ReadResult r = ReadCsvBuffer(gb, CsvOptions{}, "gb.csv");
  EXPECT_EQ(r.encoding, "gb18030");
  EXPECT_TRUE(TablesEqual(*r.table, *t));
}

TEST(CsvWriter, QuotingAndNulls) {
  auto s = Column::Make(TypeId::kString);
  for (const char* v : {"plain", "", "NULL", " lead", "a,b", "say \"hi\"", "two\nlines"}) {
    s->AppendString(v);
  }
  s->AppendNull();
  auto f = Column::Make(TypeId::kFloat64);
  for (double d : {3.0, 0.1, 1e300, -2.5, 1e-7, 100.0, 7.0}) f->AppendFloat64(d);
  f->AppendNull();
  const auto t = Table::Make(Schema({{"s", TypeId::kString}, {"f", TypeId::kFloat64}}), {s, f});
  EXPECT_EQ(ToCsv(*t),
            "s,f\nplain,3.0\n\"\",0.1\n\"NULL\",1e+300\n\" lead\",-2.5\n\"a,b\",1e-07\n"
            "\"say \"\"hi\"\"\",100.0\n\"two\nlines\",7.0\n,\n");
  // One column: a NULL row would be a blank line; it is written as a NULL token instead.
  auto one = Table::Make(Schema({{"v", TypeId::kInt64}}),
                         {Column::FromValues(TypeId::kInt64, {Value::Int64(1), Value()})});
  EXPECT_EQ(ToCsv(*one), "v\n1\nNULL\n");
  EXPECT_TRUE(TablesEqual(*ReadCsvBuffer(ToCsv(*one), {}, "o").table, *one));
}

TEST(CsvWriter, WriteCsvFileAndOptions) {
  const auto dir = std::filesystem::temp_directory_path() / ("xf_csv_writer_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "out.csv").string();
  auto t = Table::Make(Schema({{"城市", TypeId::kString}, {"n", TypeId::kInt64}}),
                       {Column::FromValues(TypeId::kString, {Value::String("北京")}),
                        Column::FromValues(TypeId::kInt64, {Value::Int64(5)})});
  CsvWriteOptions w;
  w.utf8_bom = true;
  w.line_terminator = "\r\n";
  w.delimiter = ';';
  WriteCsv(*t, path, w);
  EXPECT_EQ(ReadFileBytes(path), "\xEF\xBB\xBF城市;n\r\n北京;5\r\n");
  EXPECT_TRUE(TablesEqual(*ReadCsv(path).table, *t));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  EXPECT_THROW(WriteCsv(*t, (dir / "missing" / "x.csv").string()), Error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace xf
