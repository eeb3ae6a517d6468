#include <gtest/gtest.h>

#include <string>

#include "core/error.h"
#include "io/csv_reader.h"
#include "io/encoding.h"
#include "io/tests/csv_test_util.h"

namespace xf {
namespace {

using testing::Iconv;
using testing::Read;
using testing::Str;

TEST(CsvEncoding, Utf8Bom) {
  auto r = Read("\xEF\xBB\xBF城市,用电量\n北京,12.5\n");
  EXPECT_EQ(r.encoding, "utf-8");
  EXPECT_EQ(r.table->schema().ToString(), "城市:string, 用电量:float64");
  EXPECT_EQ(Str(*r.table, 0, 0), "北京");
}

TEST(CsvEncoding, Gb18030AutoDetected) {
  const std::string utf8 =
      "城市,用电量,备注\n北京市,12.5,正常\n上海市,13,\"含,逗号\"\n广州市,7,𠀀\n";
  const std::string gb = Iconv(utf8, "GB18030");
  ASSERT_NE(gb, utf8);
  auto r = Read(gb);
  EXPECT_EQ(r.encoding, "gb18030");
  EXPECT_EQ(r.rejects->num_rows(), 0);
  EXPECT_EQ(r.table->schema().ToString(), "城市:string, 用电量:float64, 备注:string");
  EXPECT_EQ(Str(*r.table, 0, 1), "上海市");
  EXPECT_EQ(Str(*r.table, 2, 1), "含,逗号");
  EXPECT_EQ(Str(*r.table, 2, 2), "𠀀") << "four-byte GB18030 sequence";
  // Same result when the encoding is given, and with the GBK subset.
  CsvOptions o;
  o.encoding = "GB18030";
  EXPECT_TRUE(testing::TablesEqual(*Read(gb, o).table, *r.table));
  const std::string gbk = Iconv("城市,用电量\n北京市,12.5\n", "GBK");
  o.encoding = "gbk";
  auto k = Read(gbk, o);
  EXPECT_EQ(k.encoding, "gbk");
  EXPECT_EQ(Str(*k.table, 0, 0), "北京市");
}

TEST(CsvEncoding, GbkTrailBytesThatLookLikeDelimiters) {
  // 亅 in GBK is 81 7C: its trail byte is '|'. Decoding before splitting keeps it one field.
  const std::string gb = Iconv("a|b\n亅|1\n億|2\n", "GBK");
  ASSERT_NE(gb.find("\x81\x7C"), std::string::npos);
  CsvOptions o;
  o.encoding = "gbk";
  o.delimiter = '|';
  auto r = Read(gb, o);
  ASSERT_EQ(r.table->num_rows(), 2);
  EXPECT_EQ(Str(*r.table, 0, 0), "亅");
  EXPECT_EQ(Str(*r.table, 0, 1), "億");
}

TEST(CsvEncoding, MixedEncodingsRejectOnlyBadLines) {
  std::string csv = "城市,值\n";
  for (int i = 0; i < 50; ++i) csv += "北京,1\n";
  const size_t bad_at = csv.size();
  csv += Iconv("上海", "GB18030") + ",2\n";
  for (int i = 0; i < 50; ++i) csv += "广州,3\n";
  auto r = Read(csv);
  EXPECT_EQ(r.encoding, "utf-8");
  EXPECT_EQ(r.table->num_rows(), 100);
  ASSERT_EQ(r.rejects->num_rows(), 1);
  EXPECT_EQ(r.rejects->column(1)->data<int64_t>()[0], 52);
  EXPECT_EQ(Str(*r.rejects, 5, 0), "invalid UTF-8 at byte " + std::to_string(bad_at));
  EXPECT_NE(Str(*r.rejects, 4, 0).find("\\x"), std::string::npos) << "raw shows the bad bytes";
}

TEST(CsvEncoding, ExplicitUtf8RejectsGbLines) {
  CsvOptions o;
  o.encoding = "utf-8";
  auto r = Read(Iconv("城市,值\n北京,1\n", "GB18030"), o);
  EXPECT_EQ(r.rows_read, r.table->num_rows() + r.rejects->num_rows());
  EXPECT_EQ(r.encoding, "utf-8");
}

TEST(CsvEncoding, ExplicitGb18030RejectsUndecodableRecords) {
  std::string csv = Iconv("城市,值\n北京,1\n", "GB18030");
  csv += "\xFF\xFE,2\n";
  csv += Iconv("上海,3\n", "GB18030");
  CsvOptions o;
  o.encoding = "gb18030";
  auto r = Read(csv, o);
  EXPECT_EQ(r.table->num_rows(), 2);
  ASSERT_EQ(r.rejects->num_rows(), 1);
  EXPECT_EQ(r.rejects->column(1)->data<int64_t>()[0], 3);
  EXPECT_NE(Str(*r.rejects, 5, 0).find("cannot decode as gb18030 at byte"), std::string::npos);
}

TEST(CsvEncoding, FullWidthNormalisation) {
  const std::string csv = "名称,数量,金额\n北京，东城,１２３,４５．５\n";
  CsvOptions o;
  o.fullwidth_to_halfwidth = true;
  auto r = Read(csv, o);
  EXPECT_EQ(r.table->schema().ToString(), "名称:string, 数量:int64, 金额:float64")
      << "full-width commas are folded inside fields, never treated as delimiters";
  EXPECT_EQ(Str(*r.table, 0, 0), "北京,东城");
  auto plain = Read("名称,数量\nＡ,１２３\n");
  EXPECT_EQ(plain.table->schema().field(1).type, TypeId::kString) << "off by default";
  CsvOptions f;
  f.fullwidth_to_halfwidth = true;
  auto folded = Read("名称,数量\nＡ,　１２３\n", f);
  EXPECT_EQ(folded.table->schema().field(1).type, TypeId::kInt64);
  EXPECT_EQ(Str(*folded.table, 0, 0), "A");
}

TEST(CsvEncoding, DecodedTextSurvivesMoves) {
  for (const char* s : {"北京", "北京市朝阳区建国路八十八号院"}) {
    DecodedText d = DecodeText(Iconv(s, "GB18030"), "gb18030", "t", 1);
    DecodedText e = std::move(d);
    DecodedText f;
    f = std::move(e);
    EXPECT_EQ(f.text, s);
  }
}

TEST(CsvEncoding, Utf16IsAClearError) {
  try {
    Read(
        std::string("\xFF\xFE"
                    "a\0,\0",
                    6));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kData);
    EXPECT_NE(std::string(e.what()).find("UTF-16"), std::string::npos);
  }
}

TEST(CsvEncoding, WriterRoundTripsGb18030) {
  const std::string gb = EncodeFromUtf8("北京,𠀀\n", "gb18030", "t");
  EXPECT_EQ(gb, Iconv("北京,𠀀\n", "GB18030"));
  EXPECT_THROW(EncodeFromUtf8("𠀀", "gbk", "t"), Error) << "not representable in GBK";
}

}  // namespace
}  // namespace xf
