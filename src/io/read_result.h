// What every reader returns: the rows it loaded and, for every row it could not load, a reject
// with its source position and reason. Nothing is dropped silently:
//   rows_read == table->num_rows() + rejects->num_rows()
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.h"

namespace xf {

// Schema of every rejects table:
//   source_file string, line int64 (1-based physical line where the record starts),
//   column int64 (1-based field number; NULL when the whole row is at fault),
//   column_name string (NULL when unknown), raw string (the record's text, capped), reason string.
const Schema& RejectsSchema();

// Raw text kept per reject; longer records are cut and marked, so a single 1 GB line does not
// make a 1 GB rejects table.
constexpr size_t kMaxRejectRawBytes = 4096;

struct Reject {
  int64_t line = 0;
  int64_t column = 0;  // 0 = whole row
  std::string column_name;
  std::string raw;
  std::string reason;
};

class RejectsBuilder {
 public:
  explicit RejectsBuilder(std::string source_file) : source_file_(std::move(source_file)) {}
  void Add(Reject r);
  void Add(int64_t line, int64_t column, std::string column_name, std::string_view raw,
           std::string reason);
  // Appends all rejects of another builder (for merging per-thread builders in order).
  void Append(RejectsBuilder&& other);
  int64_t size() const { return static_cast<int64_t>(rejects_.size()); }
  const std::vector<Reject>& rejects() const { return rejects_; }
  // Rejects sorted by (line, column): deterministic whatever the thread interleaving.
  TablePtr Finish();

 private:
  std::string source_file_;
  std::vector<Reject> rejects_;
};

// Caps raw text at kMaxRejectRawBytes on a UTF-8 boundary and notes the original size.
std::string CapRaw(std::string_view raw);

struct ReadResult {
  TablePtr table;
  TablePtr rejects;        // RejectsSchema()
  int64_t rows_read = 0;   // data records seen (header excluded)
  std::string encoding;    // the encoding the input was read in ("utf-8", "gb18030", ...)
};

}  // namespace xf
