#include "core/error.h"

#include <fmt/format.h>

namespace xf {

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage: return "usage error";
    case ErrorKind::kSpec: return "spec error";
    case ErrorKind::kData: return "data error";
    case ErrorKind::kIo: return "I/O error";
    case ErrorKind::kInternal: return "internal error";
  }
  return "error";
}

std::string SourceContext::ToString() const {
  std::string out;
  auto sep = [&out] {
    if (!out.empty()) out += ": ";
  };
  if (!file.empty()) {
    out += file;
    if (line > 0) out += fmt::format(":{}", line);
    if (column > 0 && expression.empty()) out += fmt::format(":{}", column);
  } else if (line > 0) {
    out += fmt::format("line {}", line);
    if (column > 0 && expression.empty()) out += fmt::format(", column {}", column);
  }
  if (!step.empty()) {
    sep();
    out += fmt::format("step '{}'", step);
  }
  if (!column_name.empty()) {
    sep();
    out += fmt::format("column '{}'", column_name);
  }
  return out;
}

Error::Error(ErrorKind kind, std::string message, SourceContext context)
    : kind_(kind), message_(std::move(message)), context_(std::move(context)) {
  Format();
}

Error& Error::WithFile(const std::string& file) {
  if (context_.file.empty()) context_.file = file;
  Format();
  return *this;
}
Error& Error::WithLine(int64_t line) {
  if (context_.line == 0) context_.line = line;
  Format();
  return *this;
}
Error& Error::WithStep(const std::string& step) {
  if (context_.step.empty()) context_.step = step;
  Format();
  return *this;
}
Error& Error::WithColumnName(const std::string& name) {
  if (context_.column_name.empty()) context_.column_name = name;
  Format();
  return *this;
}

void Error::Format() {
  std::string where = context_.ToString();
  formatted_ = where.empty() ? message_ : where + ": " + message_;
  if (!context_.expression.empty()) {
    formatted_ += "\n  " + context_.expression + "\n  ";
    // The caret goes under the 1-based column, which expression errors count in code points so
    // that Chinese identifiers and literals do not shift it.
    int64_t pos = context_.column > 0 ? context_.column - 1 : 0;
    formatted_ += std::string(static_cast<size_t>(pos), ' ') + "^";
  }
}

void ThrowInternal(const char* file, int line, const std::string& message) {
  throw Error(ErrorKind::kInternal, fmt::format("{} ({}:{})", message, file, line));
}

}  // namespace xf
