// Arbitrary bytes into the CSV reader. Properties checked on every input:
//   - no crash, hang or exception other than xf::Error;
//   - rows_read == loaded rows + rejected rows;
//   - a serial parse and a parallel parse with tiny chunks give identical results.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/error.h"
#include "io/csv_reader.h"

namespace {

bool SameValues(const xf::Table& a, const xf::Table& b) {
  if (!(a.schema() == b.schema()) || a.num_rows() != b.num_rows()) return false;
  for (int c = 0; c < a.num_columns(); ++c) {
    for (int64_t r = 0; r < a.num_rows(); ++r) {
      const xf::Value va = a.column(c)->GetValue(r), vb = b.column(c)->GetValue(r);
      // NaN != NaN: compare the text form.
      if (!(va == vb) && va.ToString() != vb.ToString()) return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  xf::CsvOptions o;
  static const char kDelims[] = {0, ',', ';', '\t', '|'};
  if (const char d = kDelims[mode % 5]) o.delimiter = d;
  if ((mode >> 3) % 3 == 1) o.header = true;
  if ((mode >> 3) % 3 == 2) o.header = false;
  static const char* kEncodings[] = {"auto", "utf-8", "gb18030", "auto"};
  o.encoding = kEncodings[(mode >> 5) % 4];
  o.fullwidth_to_halfwidth = (mode & 0x80) != 0;
  o.trim = (mode & 0x04) == 0;
  if ((mode & 0x44) == 0x44) o.column_types = {{"column_1", xf::TypeId::kInt64}};
  o.threads = 1;
  xf::ReadResult serial;
  try {
    serial = xf::ReadCsvBuffer(bytes, o, "fuzz.csv");
  } catch (const xf::Error& e) {
    if (e.kind() == xf::ErrorKind::kInternal) __builtin_trap();
    return 0;
  }
  if (serial.rows_read != serial.table->num_rows() + serial.rejects->num_rows()) __builtin_trap();
  o.threads = 3;
  o.min_chunk_bytes = 1 + mode % 17;
  const xf::ReadResult parallel = xf::ReadCsvBuffer(bytes, o, "fuzz.csv");
  if (parallel.rows_read != serial.rows_read || !SameValues(*parallel.table, *serial.table) ||
      !SameValues(*parallel.rejects, *serial.rejects)) {
    std::fprintf(stderr, "rows_read %lld vs %lld, encoding %s vs %s\n",
                 static_cast<long long>(serial.rows_read),
                 static_cast<long long>(parallel.rows_read), serial.encoding.c_str(),
                 parallel.encoding.c_str());
    for (int64_t i = 0; i < serial.rejects->num_rows() && i < parallel.rejects->num_rows(); ++i) {
      std::fprintf(stderr, "reason '%s' vs '%s'\n",
                   serial.rejects->column(5)->GetValue(i).ToString().c_str(),
                   parallel.rejects->column(5)->GetValue(i).ToString().c_str());
    }
    std::fprintf(stderr, "serial != parallel\n%s\n%s\n%s\n%s\n", serial.table->ToString().c_str(),
                 serial.rejects->ToString().c_str(), parallel.table->ToString().c_str(),
                 parallel.rejects->ToString().c_str());
    __builtin_trap();
  }
  return 0;
}
