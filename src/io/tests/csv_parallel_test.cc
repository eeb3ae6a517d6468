// Parallel parsing gives the serial result, and no input loses or invents records.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>

#include "core/error.h"
#include "io/csv_reader.h"
#include "io/tests/csv_test_util.h"

namespace xf {
namespace {

using testing::TablesEqual;

std::string RandomField(std::mt19937_64& rng) {
  switch (rng() % 10) {
    case 0:
      return std::to_string(static_cast<int64_t>(rng() % 100000) - 50000);
    case 1:
      return std::to_string(static_cast<double>(rng() % 100000) / 64.0);
    case 2:
      return "2024-0" + std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10);
    case 3:
      return "\"with \"\"quote\"\" and, comma\"";
    case 4:
      return "\"multi\nline\r\nvalue\"";
    case 5:
      return "北京市";
    case 6:
      return "";
    case 7:
      return "NULL";
    case 8:
      return " padded ";
    default:
      return "x" + std::to_string(rng() % 1000);
  }
}

std::string RandomCsv(std::mt19937_64& rng, int rows, int cols) {
  std::string s;
  for (int c = 0; c < cols; ++c) s += (c ? ",c" : "c") + std::to_string(c);
  s += "\n";
  for (int r = 0; r < rows; ++r) {
    // Columns keep one kind mostly, so inference has something to infer.
    for (int c = 0; c < cols; ++c) {
      if (c) s += ",";
      if (rng() % 8 == 0) {
        s += RandomField(rng);
      } else if (c % 3 == 0) {
        s += std::to_string(r * 7 + c);
      } else if (c % 3 == 1) {
        s += std::to_string(r) + ".25";
      } else {
        s += RandomField(rng);
      }
    }
    s += rng() % 5 == 0 ? "\r\n" : "\n";
    if (rng() % 50 == 0) s += "\n";
  }
  return s;
}

std::string Corrupt(std::string s, std::mt19937_64& rng, int edits) {
  static const char kInserts[] = {'"', ',', '\n', '\r', '\0', '\xFF', '\xE4', ';', ' '};
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const size_t at = rng() % s.size();
    switch (rng() % 3) {
      case 0:
        s.insert(s.begin() + static_cast<long>(at), kInserts[rng() % sizeof kInserts]);
        break;
      case 1:
        s.erase(at, 1 + rng() % 3);
        break;
      default:
        s[at] = kInserts[rng() % sizeof kInserts];
        break;
    }
  }
  return s;
}

void ExpectSameResult(const ReadResult& a, const ReadResult& b) {
  EXPECT_EQ(a.rows_read, b.rows_read);
  EXPECT_EQ(a.encoding, b.encoding);
  EXPECT_TRUE(TablesEqual(*a.table, *b.table));
  EXPECT_TRUE(TablesEqual(*a.rejects, *b.rejects));
}

// Reference: physical start lines of the non-blank records, by a plain character loop.
std::set<int64_t> RecordStartLines(const std::string& s) {
  std::set<int64_t> lines;
  int64_t line = 1;
  size_t i = 0;
  while (i < s.size()) {
    const int64_t start_line = line;
    bool blank = true, in_quotes = false, field_start = true;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (in_quotes) {
        if (c == '\n') ++line;
        if (c == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') {
            ++i;
          } else {
            in_quotes = false;
          }
        }
        continue;
      }
      if (c == '\n') {
        ++line;
        ++i;
        break;
      }
      if (c == '"' && field_start) {
        in_quotes = true;
        blank = false;
        continue;
      }
      if (c == ',') {
        field_start = true;
        blank = false;
        continue;
      }
      if (c != ' ' && c != '\t') field_start = false;
      if (c != ' ' && c != '\t' && c != '\r') blank = false;
    }
    if (!blank) lines.insert(start_line);
  }
  return lines;
}

TEST(CsvParallel, SameAsSerialOnRandomCsv) {
  std::mt19937_64 rng(42);
  for (int iter = 0; iter < 30; ++iter) {
    const std::string csv = RandomCsv(rng, 50 + static_cast<int>(rng() % 400), 1 + iter % 6);
    CsvOptions serial;
    serial.threads = 1;
    const ReadResult base = ReadCsvBuffer(csv, serial, "r.csv");
    EXPECT_EQ(base.rows_read, base.table->num_rows() + base.rejects->num_rows());
    for (int threads : {2, 4, 7}) {
      CsvOptions par;
      par.threads = threads;
      par.min_chunk_bytes = 1 + rng() % 300;
      ExpectSameResult(base, ReadCsvBuffer(csv, par, "r.csv"));
    }
  }
}

TEST(CsvParallel, ReconcilesOnRandomlyCorruptedInput) {
  std::mt19937_64 rng(2024);
  for (int iter = 0; iter < 300; ++iter) {
    const std::string clean = RandomCsv(rng, 20 + static_cast<int>(rng() % 80), 1 + iter % 5);
    const std::string csv = Corrupt(clean, rng, 1 + static_cast<int>(rng() % 8));
    CsvOptions o;
    o.threads = 1;
    o.delimiter = ',';
    o.header = true;
    o.encoding = "utf-8";
    ReadResult base;
    try {
      base = ReadCsvBuffer(csv, o, "c.csv");
    } catch (const Error& e) {
      // Only a malformed header may fail the file when the header is forced.
      EXPECT_EQ(e.kind(), ErrorKind::kData) << e.what();
      continue;
    }
    ASSERT_EQ(base.rows_read, base.table->num_rows() + base.rejects->num_rows()) << csv;
    // The records are exactly those the reference splitter sees (minus the header).
    const std::set<int64_t> starts = RecordStartLines(csv);
    EXPECT_EQ(base.rows_read, static_cast<int64_t>(starts.size()) - 1) << csv;
    for (int64_t i = 0; i < base.rejects->num_rows(); ++i) {
      EXPECT_TRUE(starts.count(base.rejects->column(1)->data<int64_t>()[i])) << csv;
    }
    CsvOptions par = o;
    par.threads = 3;
    par.min_chunk_bytes = 1 + rng() % 200;
    ExpectSameResult(base, ReadCsvBuffer(csv, par, "c.csv"));
    // Auto-detection never breaks the invariant either.
    CsvOptions detect;
    detect.min_chunk_bytes = 64;
    try {
      const ReadResult r = ReadCsvBuffer(csv, detect, "c.csv");
      EXPECT_EQ(r.rows_read, r.table->num_rows() + r.rejects->num_rows());
    } catch (const Error& e) {
      ADD_FAILURE() << "auto-detection failed the file: " << e.what();
    }
  }
}

TEST(CsvParallel, QuotedNewlinesAtEveryChunkBoundary) {
  std::string csv = "a,b\n";
  for (int i = 0; i < 300; ++i) csv += std::to_string(i) + ",\"x\n\ny" + std::to_string(i) + "\"\n";
  CsvOptions serial;
  serial.threads = 1;
  const ReadResult base = ReadCsvBuffer(csv, serial, "q.csv");
  ASSERT_EQ(base.table->num_rows(), 300);
  for (size_t chunk = 1; chunk < 40; chunk += 3) {
    CsvOptions par;
    par.threads = 4;
    par.min_chunk_bytes = chunk;
    ExpectSameResult(base, ReadCsvBuffer(csv, par, "q.csv"));
  }
  // An unterminated quote swallows the rest of the file: one reject, same in parallel.
  const std::string broken = csv + "9,\"open\n1,2\n3,4\n";
  const ReadResult b1 = ReadCsvBuffer(broken, serial, "q.csv");
  EXPECT_EQ(b1.table->num_rows(), 300);
  ASSERT_EQ(b1.rejects->num_rows(), 1);
  EXPECT_EQ(b1.rejects->column(1)->data<int64_t>()[0], 2 + 300 * 3);
  CsvOptions par;
  par.threads = 4;
  par.min_chunk_bytes = 16;
  ExpectSameResult(b1, ReadCsvBuffer(broken, par, "q.csv"));
}

}  // namespace
}  // namespace xf

namespace xf {
namespace {

// Found by the fuzzer: a short GB18030 text lived in a moved std::string's small buffer.
TEST(CsvParallel, FuzzRegressionNulAndBadBytesWithoutNewline) {
  const std::string csv("\x20\x20\x20\x21\x3f\x00\x6e\x51\x56\x0c\x5b\x54\xec\xee", 14);
  CsvOptions serial;
  serial.threads = 1;
  const ReadResult a = ReadCsvBuffer(csv, serial, "f.csv");
  CsvOptions par;
  par.threads = 3;
  par.min_chunk_bytes = 1;
  const ReadResult b = ReadCsvBuffer(csv, par, "f.csv");
  ExpectSameResult(a, b);
}

}  // namespace
}  // namespace xf
