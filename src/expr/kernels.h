// Kernels of the built-in operators, each over a whole batch (see vec.h for Vec).
//
// NULL semantics: arithmetic and comparisons propagate NULL; AND/OR/NOT use SQL three-valued
// logic. Integer overflow, division or modulo by zero and non-finite float results (overflow,
// sqrt(-1)-like NaN) give NULL rather than wrapping, trapping or leaking inf/NaN downstream.
#pragma once

#include <cstdint>

#include "expr/bound.h"
#include "expr/vec.h"

namespace xf {

// Operands share one type (int64, float64; date/int64 for the date ops) chosen by the binder.
ColumnPtr ArithKernel(ArithOp op, const Vec& a, const Vec& b, int64_t n);
ColumnPtr NegateKernel(const Vec& a, int64_t n);
// Operands share one type; strings compare bytewise (UTF-8 byte order = code point order).
ColumnPtr CompareKernel(CompareOp op, const Vec& a, const Vec& b, int64_t n);
ColumnPtr AndKernel(const Vec& a, const Vec& b, int64_t n);
ColumnPtr OrKernel(const Vec& a, const Vec& b, int64_t n);
ColumnPtr NotKernel(const Vec& a, int64_t n);
ColumnPtr IsNullKernel(const Vec& a, int64_t n, bool negated);

}  // namespace xf
