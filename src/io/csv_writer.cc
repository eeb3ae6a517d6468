#include "io/csv_writer.h"

#include <charconv>
#include <cmath>

#include "core/error.h"
#include "core/time.h"
#include "io/encoding.h"
#include "io/file_source.h"
#include "io/parallel_parts.h"

namespace xf {

namespace {

constexpr int64_t kRowsPerPart = 16384;

class Formatter {
 public:
  explicit Formatter(const CsvWriteOptions& o) : o_(o) {
    for (const auto& t : o.null_tokens) max_null_len_ = std::max(max_null_len_, t.size());
  }

  // The unquoted token written for NULL where an empty field would vanish.
  std::string_view null_word() const {
    for (const auto& t : o_.null_tokens) {
      if (!t.empty()) return t;
    }
    return {};
  }

  void AppendText(std::string_view s, std::string* out) const {
    if (!NeedsQuotes(s)) {
      out->append(s);
      return;
    }
    out->push_back(o_.quote);
    for (char c : s) {
      if (c == o_.quote) out->push_back(o_.quote);
      out->push_back(c);
    }
    out->push_back(o_.quote);
  }

  void AppendValue(const Column& col, int64_t i, std::string* out) const {
    if (col.IsNull(i)) return;  // NULL: empty and unquoted
    switch (col.type()) {
      case TypeId::kBool:
        out->append(col.data<uint8_t>()[i] ? "true" : "false");
        return;
      case TypeId::kInt64: {
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, col.data<int64_t>()[i]);
        out->append(buf, r.ptr);
        return;
      }
      case TypeId::kFloat64:
        AppendDouble(col.data<double>()[i], out);
        return;
      case TypeId::kDate:
        AppendDate(col.data<int32_t>()[i], out);
        return;
      case TypeId::kTimestamp:
        AppendTimestamp(col.data<int64_t>()[i], o_.timezone_offset_seconds, out);
        return;
      case TypeId::kString:
        AppendText(col.GetString(i), out);
        return;
      case TypeId::kNull:
        return;
    }
  }

 private:
  static void AppendDouble(double d, std::string* out) {
    if (std::isnan(d)) {
      out->append("nan");
      return;
    }
    if (std::isinf(d)) {
      out->append(d < 0 ? "-inf" : "inf");
      return;
    }
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);  // shortest text that reads back
    const std::string_view s(buf, static_cast<size_t>(r.ptr - buf));
    out->append(s);
    // "3" would read back as int64: keep the float64 type visible.
    if (s.find_first_of(".e") == std::string_view::npos) out->append(".0");
  }

  bool NeedsQuotes(std::string_view s) const {
    if (s.size() <= max_null_len_) {
      for (const auto& t : o_.null_tokens) {
        if (t == s) return true;  // includes "": the empty string is written as ""
      }
    }
    if (s.empty()) return true;
    const char first = s.front(), last = s.back();
    if (first == ' ' || first == '\t' || last == ' ' || last == '\t') return true;
    for (char c : s) {
      if (c == o_.delimiter || c == o_.quote || c == '\n' || c == '\r') return true;
    }
    return false;
  }

  const CsvWriteOptions& o_;
  size_t max_null_len_ = 0;
};

}  // namespace

std::string ToCsv(const Table& t, const CsvWriteOptions& o) {
  if (o.delimiter == o.quote || o.delimiter == '\n' || o.delimiter == '\r') {
    throw Error(ErrorKind::kUsage, "the delimiter cannot be a line break or the quote character");
  }
  const Formatter fmt(o);
  std::string out;
  if (o.header && t.num_columns() > 0) {
    for (int c = 0; c < t.num_columns(); ++c) {
      if (c > 0) out.push_back(o.delimiter);
      fmt.AppendText(t.schema().field(c).name, &out);
    }
    out.append(o.line_terminator);
  }
  const int64_t rows = t.num_rows();
  const int64_t parts = (rows + kRowsPerPart - 1) / kRowsPerPart;
  std::vector<std::string> texts(static_cast<size_t>(parts));
  RunParts(parts, o.threads, [&](int64_t p) {
    std::string& s = texts[static_cast<size_t>(p)];
    const int64_t end = std::min(rows, (p + 1) * kRowsPerPart);
    for (int64_t r = p * kRowsPerPart; r < end; ++r) {
      for (int c = 0; c < t.num_columns(); ++c) {
        if (c > 0) s.push_back(o.delimiter);
        fmt.AppendValue(*t.column(c), r, &s);
      }
      // A one-column NULL row would be a blank line, which readers skip: write a NULL token.
      if (t.num_columns() == 1 && t.column(0)->IsNull(r)) s.append(fmt.null_word());
      s.append(o.line_terminator);
    }
  });
  size_t total = out.size();
  for (const auto& s : texts) total += s.size();
  out.reserve(total);
  for (auto& s : texts) {
    out.append(s);
    s = std::string();
  }
  const std::string canonical = CanonicalEncoding(o.encoding);
  if (canonical == "utf-8") {
    if (o.utf8_bom) out.insert(0, "\xEF\xBB\xBF");
    return out;
  }
  return EncodeFromUtf8(out, o.encoding, "CSV output");
}

void WriteCsv(const Table& t, const std::string& path, const CsvWriteOptions& o) {
  std::string bytes;
  try {
    bytes = ToCsv(t, o);
  } catch (Error& e) {
    e.WithFile(path);
    throw;
  }
  WriteFileAtomically(path, bytes);
}

}  // namespace xf
