#include "io/file_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

#include "core/error.h"
#include "io/csv_reader.h"

namespace xf {
namespace {

class FileSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Per process and test: ctest runs each test in its own process, in parallel.
    dir_ = std::filesystem::temp_directory_path() /
           ("xf_file_source_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  void Put(const std::string& name, const std::string& bytes) const {
    std::ofstream(Path(name), std::ios::binary) << bytes;
  }
  std::filesystem::path dir_;
};

TEST_F(FileSourceTest, PlainAndGzipByContent) {
  std::string data;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 200000; ++i) data += "row," + std::to_string(rng() % 1000) + "\n";
  Put("plain.csv", data);
  Put("mislabelled.csv", Gzip(data));  // gzip without .gz: decided by magic bytes
  EXPECT_EQ(ReadFileBytes(Path("plain.csv")), data);
  EXPECT_EQ(ReadFileBytes(Path("mislabelled.csv")), data);
  // Concatenated members, as `cat a.gz b.gz` makes.
  Put("two.gz", Gzip("a,b\n") + Gzip("1,2\n"));
  EXPECT_EQ(ReadFileBytes(Path("two.gz")), "a,b\n1,2\n");
  const ReadResult r = ReadCsv(Path("two.gz"));
  EXPECT_EQ(r.table->num_rows(), 1);
  EXPECT_EQ(r.table->schema().ToString(), "a:int64, b:int64");
  Put("empty.csv", "");
  EXPECT_EQ(ReadFileBytes(Path("empty.csv")), "");
}

TEST_F(FileSourceTest, TruncatedAndCorruptGzipAreDataErrors) {
  const std::string gz = Gzip(std::string(100000, 'x') + "\n");
  for (size_t cut : {size_t{2}, size_t{10}, gz.size() / 2, gz.size() - 4, gz.size() - 1}) {
    Put("cut.gz", gz.substr(0, cut));
    try {
      ReadFileBytes(Path("cut.gz"));
      ADD_FAILURE() << "cut at " << cut;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kData) << e.what();
      EXPECT_EQ(e.context().file, Path("cut.gz"));
    }
  }
  std::string bad = gz;
  bad[bad.size() / 2] ^= 0x55;
  bad[bad.size() - 6] ^= 0x01;  // CRC
  Put("bad.gz", bad);
  try {
    ReadFileBytes(Path("bad.gz"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kData) << e.what();
  }
  EXPECT_THROW(Gunzip("\x1f\x8b garbage", "mem"), Error);
}

TEST_F(FileSourceTest, MissingFileIsIoError) {
  try {
    ReadCsv(Path("nope.csv"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
    EXPECT_NE(std::string(e.what()).find("nope.csv"), std::string::npos);
  }
}

TEST_F(FileSourceTest, WriteFileAtomically) {
  WriteFileAtomically(Path("out.txt"), "first");
  WriteFileAtomically(Path("out.txt"), "second");
  EXPECT_EQ(ReadFileBytes(Path("out.txt")), "second");
  EXPECT_FALSE(std::filesystem::exists(Path("out.txt.tmp")));
  try {
    WriteFileAtomically(Path("no/such/dir/out.txt"), "x");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
  }
}

}  // namespace
}  // namespace xf
