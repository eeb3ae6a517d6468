#include "io/read_result.h"

#include <algorithm>
#include <cstdio>

#include "core/strings.h"

namespace xf {

const Schema& RejectsSchema() {
  static const Schema schema({{"source_file", TypeId::kString},
                              {"line", TypeId::kInt64},
                              {"column", TypeId::kInt64},
                              {"column_name", TypeId::kString},
                              {"raw", TypeId::kString},
                              {"reason", TypeId::kString}});
  return schema;
}

namespace {

// Strings are UTF-8 everywhere in xfactor, and a reject's raw text is often exactly the bytes
// that were not: keep valid sequences, write every other byte as \xNN so the user sees it.
std::string EscapeInvalidUtf8(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t bad = 0;
    if (IsValidUtf8(s.substr(i), &bad)) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, bad));
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[i + bad]));
    out.append(buf);
    i += bad + 1;
  }
  return out;
}

}  // namespace

std::string CapRaw(std::string_view raw) {
  if (raw.size() <= kMaxRejectRawBytes) return EscapeInvalidUtf8(raw);
  size_t cut = kMaxRejectRawBytes;
  while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
  return EscapeInvalidUtf8(raw.substr(0, cut)) + "…(" + std::to_string(raw.size()) + " bytes)";
}

void RejectsBuilder::Add(Reject r) {
  r.raw = CapRaw(r.raw);
  rejects_.push_back(std::move(r));
}

void RejectsBuilder::Add(int64_t line, int64_t column, std::string column_name,
                         std::string_view raw, std::string reason) {
  // Cap before copying: the raw record may be a single 1 GB line.
  rejects_.push_back(Reject{line, column, std::move(column_name), CapRaw(raw), std::move(reason)});
}

void RejectsBuilder::Append(RejectsBuilder&& other) {
  rejects_.insert(rejects_.end(), std::make_move_iterator(other.rejects_.begin()),
                  std::make_move_iterator(other.rejects_.end()));
  other.rejects_.clear();
}

TablePtr RejectsBuilder::Finish() {
  std::stable_sort(rejects_.begin(), rejects_.end(), [](const Reject& a, const Reject& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  std::vector<ColumnPtr> cols;
  for (const auto& f : RejectsSchema().fields()) cols.push_back(Column::Make(f.type));
  for (const auto& r : rejects_) {
    cols[0]->AppendString(source_file_);
    cols[1]->AppendInt64(r.line);
    r.column > 0 ? cols[2]->AppendInt64(r.column) : cols[2]->AppendNull();
    r.column_name.empty() ? cols[3]->AppendNull() : cols[3]->AppendString(r.column_name);
    cols[4]->AppendString(r.raw);
    cols[5]->AppendString(r.reason);
  }
  return Table::Make(RejectsSchema(), std::move(cols));
}

}  // namespace xf
