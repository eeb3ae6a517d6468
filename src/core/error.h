// The one error mechanism of xfactor: an exception that carries where the problem came from.
//
// Every user-facing error names its source (file, line, column, step, expression position), so
// code that catches an Error and knows more context adds it with the With*() helpers and rethrows.
#pragma once

#include <cstdint>
#include <exception>
#include <string>

namespace xf {

enum class ErrorKind {
  kUsage,     // bad command line or API use by the caller; exit code 2
  kSpec,      // a scenario or schema specification is wrong; exit code 1
  kData,      // input data cannot be read as asked; exit code 1
  kIo,        // the operating system failed us (open, read, write); exit code 1
  kInternal,  // a bug in xfactor; exit code 1
};

const char* ErrorKindName(ErrorKind kind);

// Where an error comes from. Every field is optional; unset fields are not printed.
struct SourceContext {
  std::string file;
  int64_t line = 0;         // 1-based line in `file`
  int64_t column = 0;       // 1-based column (field number for CSV, character for text)
  std::string column_name;  // name of the table column, when known
  std::string step;         // pipeline step id, when known
  std::string expression;   // expression text, printed with a caret under `column`

  std::string ToString() const;  // "file:line:column: column 'x': step 'y'"
};

class Error : public std::exception {
 public:
  Error(ErrorKind kind, std::string message, SourceContext context = {});

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  const SourceContext& context() const { return context_; }

  // Process exit code for this error: 2 for usage errors, 1 otherwise.
  int exit_code() const { return kind_ == ErrorKind::kUsage ? 2 : 1; }

  // Fill in context that the thrower could not know; fields already set are kept.
  Error& WithFile(const std::string& file);
  Error& WithLine(int64_t line);
  Error& WithStep(const std::string& step);
  Error& WithColumnName(const std::string& name);

  // "<context>: <message>", followed by the expression and a caret line when one is set.
  const char* what() const noexcept override { return formatted_.c_str(); }

 private:
  void Format();

  ErrorKind kind_;
  std::string message_;
  SourceContext context_;
  std::string formatted_;
};

[[noreturn]] void ThrowInternal(const char* file, int line, const std::string& message);

}  // namespace xf

// Internal invariant: failure is a bug in xfactor, never a user's mistake.
#define XF_CHECK(cond)                                                   \
  do {                                                                   \
    if (!(cond)) ::xf::ThrowInternal(__FILE__, __LINE__, "check failed: " #cond); \
  } while (0)
