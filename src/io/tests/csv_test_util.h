// Helpers shared by the CSV tests.
#pragma once

#include <gtest/gtest.h>
#include <iconv.h>

#include <string>
#include <string_view>

#include "core/table.h"
#include "io/csv_reader.h"

namespace xf::testing {

inline ReadResult Read(std::string_view csv, CsvOptions o = {}) {
  return ReadCsvBuffer(csv, o, "test.csv");
}

// Every value of every column equal (type and value), and equal schemas.
inline ::testing::AssertionResult TablesEqual(const Table& a, const Table& b) {
  if (!(a.schema() == b.schema())) {
    return ::testing::AssertionFailure()
           << "schemas differ: " << a.schema().ToString() << " vs " << b.schema().ToString();
  }
  if (a.num_rows() != b.num_rows()) {
    return ::testing::AssertionFailure()
           << "rows differ: " << a.num_rows() << " vs " << b.num_rows();
  }
  for (int c = 0; c < a.num_columns(); ++c) {
    for (int64_t r = 0; r < a.num_rows(); ++r) {
      const Value va = a.column(c)->GetValue(r), vb = b.column(c)->GetValue(r);
      if (!(va == vb)) {
        return ::testing::AssertionFailure()
               << "column " << a.schema().field(c).name << " row " << r << ": " << va.ToString()
               << " vs " << vb.ToString();
      }
    }
  }
  return ::testing::AssertionSuccess();
}

// UTF-8 → another encoding, for making GB18030 inputs from readable literals.
inline std::string Iconv(std::string_view utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t out_left = out.size();
  const size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  EXPECT_NE(rc, static_cast<size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

inline std::string Str(const Table& t, int col, int64_t row) {
  const Value v = t.column(col)->GetValue(row);
  return v.is_null() ? "<null>" : v.ToString();
}

}  // namespace xf::testing
