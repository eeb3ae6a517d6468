// Arbitrary text → Bind against a small fixed schema → Evaluate on a small table with NULLs.
// Only xf::Error may escape; crashes, sanitizer reports, hangs and other exceptions are bugs.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "core/table.h"
#include "expr/expr.h"

namespace {

const xf::TablePtr& FuzzTable() {
  static const xf::TablePtr table = [] {
    using xf::Value;
    using xf::TypeId;
    const Value n;
    xf::Schema schema({{"i", TypeId::kInt64},
                       {"f", TypeId::kFloat64},
                       {"s", TypeId::kString},
                       {"b", TypeId::kBool},
                       {"d", TypeId::kDate},
                       {"t", TypeId::kTimestamp},
                       {"电量", TypeId::kFloat64},
                       {"kw h", TypeId::kInt64}});
    std::vector<xf::ColumnPtr> cols = {
        xf::Column::FromValues(TypeId::kInt64,
                               {Value::Int64(1), Value::Int64(-9223372036854775807LL - 1), n,
                                Value::Int64(9223372036854775807LL), Value::Int64(0)}),
        xf::Column::FromValues(TypeId::kFloat64, {Value::Float64(1.5), n, Value::Float64(-0.0),
                                                  Value::Float64(1e308), Value::Float64(-3)}),
        xf::Column::FromValues(TypeId::kString, {Value::String("abc"), Value::String("电量"), n,
                                                 Value::String(""), Value::String("2024-02-29")}),
        xf::Column::FromValues(TypeId::kBool, {Value::Bool(true), Value::Bool(false), n,
                                               Value::Bool(true), Value::Bool(false)}),
        xf::Column::FromValues(TypeId::kDate, {Value::Date(19753), Value::Date(-1000000), n,
                                               Value::Date(2147483647), Value::Date(0)}),
        xf::Column::FromValues(
            TypeId::kTimestamp,
            {Value::Timestamp(1706715000000000LL), n, Value::Timestamp(-9223372036854775807LL - 1),
             Value::Timestamp(9223372036854775807LL), Value::Timestamp(0)}),
        xf::Column::FromValues(TypeId::kFloat64, {Value::Float64(5), Value::Float64(7), n,
                                                  Value::Float64(3), Value::Float64(0)}),
        xf::Column::FromValues(TypeId::kInt64, {Value::Int64(10), Value::Int64(20),
                                                Value::Int64(30), n, Value::Int64(-1)}),
    };
    return xf::Table::Make(schema, cols);
  }();
  return table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    xf::BoundExpr e = xf::Bind(text, FuzzTable()->schema());
    xf::ColumnPtr c = xf::Evaluate(e, *FuzzTable());
    if (c->size() != FuzzTable()->num_rows() || c->type() != e.type()) __builtin_trap();
    (void)std::string(xf::Error(xf::ErrorKind::kSpec, "x").what());
  } catch (const xf::Error& e) {
    if (e.kind() == xf::ErrorKind::kInternal) __builtin_trap();  // a bug, not bad input
  }
  return 0;
}
