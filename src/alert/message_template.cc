#include "alert/message_template.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/error.h"
#include "core/strings.h"

namespace xf {

namespace {

[[noreturn]] void Fail(const std::string& text, const std::string& message) {
  throw Error(ErrorKind::kSpec, fmt::format("message template \"{}\": {}", text, message));
}

}  // namespace

MessageTemplate MessageTemplate::Parse(const std::string& text) {
  MessageTemplate t;
  t.text_ = text;
  std::string literal;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        literal += '}';
        ++i;
        continue;
      }
      Fail(text, "unmatched '}' (write '}}' for a literal brace)");
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    const size_t close = text.find('}', i);
    if (close == std::string::npos) Fail(text, "unmatched '{' (write '{{' for a literal brace)");
    std::string inner(TrimAscii(std::string_view(text).substr(i + 1, close - i - 1)));
    Part part;
    const size_t colon = inner.rfind(':');
    if (colon != std::string::npos) {
      // {name:.Nf}
      const std::string spec = inner.substr(colon + 1);
      int digits = -1;
      if (spec.size() >= 3 && spec[0] == '.' && spec.back() == 'f') {
        auto [p, ec] = std::from_chars(spec.data() + 1, spec.data() + spec.size() - 1, digits);
        if (ec != std::errc() || p != spec.data() + spec.size() - 1 || digits > 15) digits = -1;
      }
      if (digits < 0)
        Fail(text, fmt::format("bad format '{}' in {{{}}}; use e.g. {{x:.2f}}", spec, inner));
      part.decimals = digits;
      inner = std::string(TrimAscii(std::string_view(inner).substr(0, colon)));
    }
    if (inner.empty()) Fail(text, "empty placeholder {}");
    if (!literal.empty()) t.parts_.push_back(Part{.literal = std::move(literal)});
    literal.clear();
    part.column = inner;
    t.parts_.push_back(std::move(part));
    i = close;
  }
  if (!literal.empty()) t.parts_.push_back(Part{.literal = std::move(literal)});
  return t;
}

std::vector<std::string> MessageTemplate::columns() const {
  std::vector<std::string> out;
  for (const Part& p : parts_) {
    if (!p.column.empty()) out.push_back(p.column);
  }
  return out;
}

void MessageTemplate::Check(const Schema& schema) const {
  for (const Part& p : parts_) {
    if (p.column.empty() || schema.IndexOf(p.column) >= 0) continue;
    const std::string hint = ClosestName(p.column, schema.names());
    Fail(text_, hint.empty() ? fmt::format("no column '{}'", p.column)
                             : fmt::format("no column '{}'; did you mean '{}'?", p.column, hint));
  }
}

std::string MessageTemplate::Render(const Table& table, int64_t row) const {
  std::string out;
  for (const Part& p : parts_) {
    out +=
        p.column.empty() ? p.literal : FormatMessageValue(*table.column(p.column), row, p.decimals);
  }
  return out;
}

std::string FormatMessageValue(const Column& column, int64_t row, int decimals) {
  if (column.IsNull(row)) return "NULL";
  switch (column.type()) {
    case TypeId::kFloat64: {
      const double v = column.data<double>()[row];
      if (!std::isfinite(v)) return column.GetValue(row).ToString();
      std::string s = fmt::format("{:.{}f}", v, decimals < 0 ? 1 : decimals);
      if (s.starts_with("-") && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
      return s;
    }
    case TypeId::kInt64:
      if (decimals >= 0) {
        return fmt::format("{:.{}f}", static_cast<double>(column.data<int64_t>()[row]), decimals);
      }
      return std::to_string(column.data<int64_t>()[row]);
    default:
      return column.GetValue(row).ToString();
  }
}

}  // namespace xf
