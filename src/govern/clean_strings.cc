#include "govern/clean_strings.h"

#include <fmt/format.h>
#include <opencc/opencc.h>

#include <memory>
#include <mutex>

#include "core/error.h"
#include "core/strings.h"

namespace xf::govern {

namespace {

constexpr char kT2sConfig[] = "/usr/share/opencc/t2s.json";

const opencc::SimpleConverter& T2sConverter() {
  // Built under call_once-like static initialisation; a failed load is retried next call.
  static const std::unique_ptr<opencc::SimpleConverter> converter = [] {
    try {
      return std::make_unique<opencc::SimpleConverter>(kT2sConfig);
    } catch (const std::exception& e) {
      throw Error(ErrorKind::kIo,
                  fmt::format("cannot load OpenCC config {}: {} (install the opencc data package)",
                              kT2sConfig, e.what()));
    }
  }();
  return *converter;
}

bool IsSpaceAt(std::string_view s, size_t i, size_t* width) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *width = 1;
    return true;
  }
  if (s.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 ideographic space
    *width = 3;
    return true;
  }
  return false;
}

std::string CollapseAndTrim(std::string_view s, bool collapse, bool trim) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;  // a run of whitespace not yet written
  for (size_t i = 0; i < s.size();) {
    size_t w = 0;
    if (IsSpaceAt(s, i, &w)) {
      if (collapse) {
        pending_space = true;
      } else if (!(trim && out.empty())) {
        out.append(s.substr(i, w));
      }
      i += w;
      continue;
    }
    if (pending_space && !(trim && out.empty())) out.push_back(' ');
    pending_space = false;
    out.push_back(s[i]);
    ++i;
  }
  if (pending_space && !trim) out.push_back(' ');
  if (trim) {
    size_t w = 0;
    bool again = true;
    while (again && !out.empty()) {
      again = false;
      if (IsSpaceAt(out, out.size() - 1, &w)) {
        out.pop_back();
        again = true;
      } else if (out.size() >= 3 && IsSpaceAt(out, out.size() - 3, &w) && w == 3) {
        out.resize(out.size() - 3);
        again = true;
      }
    }
  }
  return out;
}

}  // namespace

std::string TraditionalToSimplified(std::string_view s) {
  if (s.empty()) return {};
  return T2sConverter().Convert(s.data(), s.size());
}

std::string NormalizeString(std::string_view s, const StringNormalizeOptions& o) {
  std::string out = o.full_to_half ? FullWidthToHalfWidth(s) : std::string(s);
  if (o.t2s) out = TraditionalToSimplified(out);
  if (o.collapse_spaces || o.trim) out = CollapseAndTrim(out, o.collapse_spaces, o.trim);
  if (o.case_fold != CaseFold::kKeep) {
    for (char& c : out) {
      if (o.case_fold == CaseFold::kLower && c >= 'A' && c <= 'Z')
        c = static_cast<char>(c - 'A' + 'a');
      if (o.case_fold == CaseFold::kUpper && c >= 'a' && c <= 'z')
        c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

ColumnPtr NormalizeStrings(const Column& column, const StringNormalizeOptions& o) {
  XF_CHECK(column.type() == TypeId::kString);
  auto out = Column::Make(TypeId::kString);
  out->Reserve(column.size(), column.string_bytes());
  for (int64_t i = 0; i < column.size(); ++i) {
    if (column.IsNull(i)) {
      out->AppendNull();
    } else {
      out->AppendString(NormalizeString(column.GetString(i), o));
    }
  }
  return out;
}

}  // namespace xf::govern
