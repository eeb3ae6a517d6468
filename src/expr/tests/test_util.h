// Helpers shared by the expression tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "core/table.h"
#include "core/time.h"
#include "expr/expr.h"

namespace xf::test {

// A table with NULLs in every column:
//   i int64: 1, -2, NULL, 4        f float64: 1.5, NULL, -0.5, 8
//   s string: 'abc', '电量', NULL, ''  b bool: true, false, NULL, true
//   d date: 2024-01-31, 2024-02-29, NULL, 2023-12-31
//   t timestamp: 2024-01-31 23:30 (+08), NULL, 2024-03-01 00:00 (+08), 2023-12-31 12:00 (+08)
//   电量 float64: 5, 7, NULL, 3      "kw h" int64: 10, 20, 30, NULL
inline TablePtr SampleTable() {
  auto date = [](const char* s) {
    int32_t d = 0;
    EXPECT_TRUE(ParseDate(s, &d));
    return Value::Date(d);
  };
  auto ts = [](const char* s) {
    int64_t t = 0;
    EXPECT_TRUE(ParseTimestamp(s, &t));
    return Value::Timestamp(t);
  };
  Schema schema({{"i", TypeId::kInt64},
                 {"f", TypeId::kFloat64},
                 {"s", TypeId::kString},
                 {"b", TypeId::kBool},
                 {"d", TypeId::kDate},
                 {"t", TypeId::kTimestamp},
                 {"电量", TypeId::kFloat64},
                 {"kw h", TypeId::kInt64}});
  const Value n;
  std::vector<ColumnPtr> cols = {
      Column::FromValues(TypeId::kInt64, {Value::Int64(1), Value::Int64(-2), n, Value::Int64(4)}),
      Column::FromValues(TypeId::kFloat64,
                         {Value::Float64(1.5), n, Value::Float64(-0.5), Value::Float64(8)}),
      Column::FromValues(TypeId::kString,
                         {Value::String("abc"), Value::String("电量"), n, Value::String("")}),
      Column::FromValues(TypeId::kBool,
                         {Value::Bool(true), Value::Bool(false), n, Value::Bool(true)}),
      Column::FromValues(TypeId::kDate,
                         {date("2024-01-31"), date("2024-02-29"), n, date("2023-12-31")}),
      Column::FromValues(
          TypeId::kTimestamp,
          {ts("2024-01-31 23:30:00"), n, ts("2024-03-01 00:00:00"), ts("2023-12-31 12:00:00")}),
      Column::FromValues(TypeId::kFloat64,
                         {Value::Float64(5), Value::Float64(7), n, Value::Float64(3)}),
      Column::FromValues(TypeId::kInt64, {Value::Int64(10), Value::Int64(20), Value::Int64(30), n}),
  };
  return Table::Make(schema, cols);
}

// Display strings of every row ("NULL" for NULL), for compact assertions.
inline std::vector<std::string> Rows(const ColumnPtr& c) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < c->size(); ++i) out.push_back(c->GetValue(i).ToString());
  return out;
}

inline std::vector<std::string> Eval(const std::string& text, const TablePtr& t = SampleTable()) {
  return Rows(EvaluateExpression(text, *t));
}

// The value of an expression without columns, evaluated on a one-row table.
inline Value Scalar(const std::string& text) {
  auto t = Table::Make(Schema({{"one", TypeId::kInt64}}),
                       {Column::FromValues(TypeId::kInt64, {Value::Int64(1)})});
  ColumnPtr c = EvaluateExpression(text, *t);
  return c->GetValue(0);
}
inline std::string S(const std::string& text) { return Scalar(text).ToString(); }

// The what() of the error thrown by binding/evaluating `text`, or "" when none is thrown.
inline std::string ErrorOf(const std::string& text, const TablePtr& t = SampleTable()) {
  try {
    EvaluateExpression(text, *t);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace xf::test
