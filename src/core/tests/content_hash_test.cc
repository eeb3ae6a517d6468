#include "core/content_hash.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "core/column.h"
#include "core/error.h"
#include "core/table.h"

namespace xf {
namespace {

TablePtr Sample() {
  Schema s({{"id", TypeId::kInt64}, {"name", TypeId::kString}, {"kwh", TypeId::kFloat64}});
  return Table::Make(
      s,
      {Column::FromValues(TypeId::kInt64, {Value::Int64(1), Value::Int64(2), Value::Int64(3)}),
       Column::FromValues(TypeId::kString, {Value::String("电量"), Value(), Value::String("kwh")}),
       Column::FromValues(TypeId::kFloat64,
                          {Value::Float64(1.5), Value(), Value::Float64(-2.25)})});
}

TEST(TableContentHash, Format) {
  const std::string h = TableContentHash(*Sample());
  EXPECT_TRUE(std::regex_match(h, std::regex("xxh128:[0-9a-f]{32}"))) << h;
  EXPECT_EQ(h, TableContentHash(*Sample())) << "deterministic";
}

// Known answers: content hashes are stored in workspaces and the evidence ledger, so a faster
// encoder must produce exactly the hashes of the one before it.
TEST(TableContentHash, KnownAnswers) {
  EXPECT_EQ(TableContentHash(*Sample()), "xxh128:7cff75f8e951e81cc25972b5dc2faa8f");
  // 50,000 rows: strings of varied lengths (buffer boundaries fall mid-value), one 40 kB string.
  auto id = Column::Make(TypeId::kInt64);
  auto name = Column::Make(TypeId::kString);
  auto day = Column::Make(TypeId::kDate);
  for (int64_t i = 0; i < 50000; ++i) {
    id->AppendInt64(i * 7919 - 100000);
    if (i % 11 == 0) {
      name->AppendNull();
    } else if (i == 777) {
      name->AppendString(std::string(40000, 'x'));
    } else {
      name->AppendString(std::string(static_cast<size_t>(i % 23), static_cast<char>('a' + i % 26)));
    }
    day->AppendDate(static_cast<int32_t>(19000 + i % 400));
  }
  auto big = Table::Make(
      Schema({{"id", TypeId::kInt64}, {"name", TypeId::kString}, {"day", TypeId::kDate}}), {id, name, day});
  EXPECT_EQ(TableContentHash(*big), "xxh128:37afab7d2e650a21ebd8c641eade548f");
}

TEST(TableContentHash, SameValuesBuiltDifferently) {
  // Built value by value with Append*, then sliced out of a longer table with a prefix row.
  auto id = Column::Make(TypeId::kInt64);
  auto name = Column::Make(TypeId::kString);
  auto kwh = Column::Make(TypeId::kFloat64);
  id->AppendInt64(99);
  name->AppendString("a long prefix string that shifts every offset");
  kwh->AppendFloat64(0);
  id->AppendInt64(1);
  id->AppendInt64(2);
  id->AppendInt64(3);
  name->AppendString("电量");
  name->AppendNull();
  name->AppendString("kwh");
  kwh->AppendFloat64(1.5);
  kwh->AppendNull();
  kwh->AppendFloat64(-2.25);
  const TablePtr longer = Table::Make(Sample()->schema(), {id, name, kwh});
  EXPECT_NE(TableContentHash(*longer), TableContentHash(*Sample()));
  EXPECT_EQ(TableContentHash(*longer->Slice(1, 3)), TableContentHash(*Sample()));
  EXPECT_EQ(TableContentHash(*longer->Take({1, 2, 3})), TableContentHash(*Sample()));
}

TEST(TableContentHash, NullSlotBytesDoNotMatter) {
  // A NULL string slot that still holds characters, a NULL float slot holding a nonzero value.
  auto name = Column::FromValues(
      TypeId::kString, {Value::String("电量"), Value::String("stale bytes"), Value::String("kwh")});
  auto kwh = Column::FromValues(TypeId::kFloat64,
                                {Value::Float64(1.5), Value::Float64(7), Value::Float64(-2.25)});
  std::vector<uint8_t> flags = {1, 0, 1};
  name->SetValidityFromFlags(flags);
  kwh->SetValidityFromFlags(flags);
  kwh->mutable_data<double>()[1] = 123.0;  // what a kernel might leave behind
  const TablePtr t = Table::Make(Sample()->schema(), {Sample()->column(0), name, kwh});
  EXPECT_EQ(TableContentHash(*t), TableContentHash(*Sample()));
}

TEST(TableContentHash, EveryLogicalChangeChangesTheHash) {
  const std::string base = TableContentHash(*Sample());
  const TablePtr s = Sample();
  // Renamed column.
  Schema renamed({{"id", TypeId::kInt64}, {"Name", TypeId::kString}, {"kwh", TypeId::kFloat64}});
  EXPECT_NE(TableContentHash(*Table::Make(renamed, s->columns())), base);
  // One value changed.
  auto kwh =
      Column::FromValues(TypeId::kFloat64, {Value::Float64(1.5), Value(), Value::Float64(-2.5)});
  EXPECT_NE(TableContentHash(*s->WithColumn("kwh", kwh)), base);
  // A NULL becomes a value that equals the NULL slot's bytes (0.0).
  auto kwh0 = Column::FromValues(TypeId::kFloat64,
                                 {Value::Float64(1.5), Value::Float64(0), Value::Float64(-2.25)});
  EXPECT_NE(TableContentHash(*s->WithColumn("kwh", kwh0)), base);
  // A NULL string becomes the empty string.
  auto name = Column::FromValues(TypeId::kString,
                                 {Value::String("电量"), Value::String(""), Value::String("kwh")});
  EXPECT_NE(TableContentHash(*s->WithColumn("name", name)), base);
  // Rows reordered.
  EXPECT_NE(TableContentHash(*s->Take({1, 0, 2})), base);
  // Same int values, different type (timestamp instead of int64).
  auto ts = Column::FromValues(TypeId::kTimestamp,
                               {Value::Timestamp(1), Value::Timestamp(2), Value::Timestamp(3)});
  Schema retyped(
      {{"id", TypeId::kTimestamp}, {"name", TypeId::kString}, {"kwh", TypeId::kFloat64}});
  EXPECT_NE(TableContentHash(*Table::Make(retyped, {ts, s->column(1), s->column(2)})), base);
  // Strings split differently across rows: ("ab","c") vs ("a","bc").
  Schema one({{"s", TypeId::kString}});
  auto ab_c = Column::FromValues(TypeId::kString, {Value::String("ab"), Value::String("c")});
  auto a_bc = Column::FromValues(TypeId::kString, {Value::String("a"), Value::String("bc")});
  EXPECT_NE(TableContentHash(*Table::Make(one, {ab_c})),
            TableContentHash(*Table::Make(one, {a_bc})));
}

TEST(TableContentHash, EmptyTablesDifferBySchema) {
  const std::string a = TableContentHash(*Table::MakeEmpty(Schema({{"a", TypeId::kInt64}})));
  const std::string b = TableContentHash(*Table::MakeEmpty(Schema({{"b", TypeId::kInt64}})));
  EXPECT_NE(a, b);
  EXPECT_NE(a, TableContentHash(*Table::MakeEmpty(Schema())));
}

class FileSha256Test : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("xf_sha256_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  std::filesystem::path dir_;
};

TEST_F(FileSha256Test, KnownVectors) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(FileSha256(Write("abc", "abc")),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(FileSha256(Write("empty", "")),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // Longer than the 1 MiB read buffer: one million 'a's.
  EXPECT_EQ(FileSha256(Write("million", std::string(1000000, 'a'))),
            "sha256:cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  EXPECT_EQ(FileSha256(Write("two_mib", std::string(2 << 20, 'x'))),
            FileSha256(Write("two_mib_copy", std::string(2 << 20, 'x'))));
}

TEST_F(FileSha256Test, MissingFileNamesIt) {
  const std::string p = (dir_ / "nope.csv").string();
  try {
    FileSha256(p);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_NE(std::string(e.what()).find("nope.csv"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace xf
