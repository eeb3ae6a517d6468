// Alert message templates: "{user_id}: {kwh} kWh vs expected {expected}".
//
// `{column}` is replaced by the row's value of that column: floats with 1 decimal, integers as
// is, dates as 2024-01-05, timestamps in the session zone, NULL as "NULL". `{column:.Nf}` prints a
// number with N decimals. `{{` and `}}` are literal braces. Work orders and notifications (later)
// render through the same class.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf {

class MessageTemplate {
 public:
  MessageTemplate() = default;
  // Throws a spec error for an unbalanced brace, an empty name or a bad format.
  static MessageTemplate Parse(const std::string& text);

  // Names of the columns the template reads, in order of appearance (with repeats).
  std::vector<std::string> columns() const;
  // Spec error naming the first placeholder that is not a column of `schema`.
  void Check(const Schema& schema) const;
  std::string Render(const Table& table, int64_t row) const;

 private:
  struct Part {
    std::string literal;  // when column is empty
    std::string column;
    int decimals = -1;  // -1: the default for the type
  };
  std::vector<Part> parts_;
  std::string text_;
};

// A value as a message shows it (the rules above; decimals < 0: 1 for floats).
std::string FormatMessageValue(const Column& column, int64_t row, int decimals = -1);

}  // namespace xf
