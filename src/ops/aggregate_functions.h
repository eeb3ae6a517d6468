// Aggregate functions over rows labelled with dense group ids: the kernels behind hash aggregate
// and resample.
//
// Semantics (SQL unless said otherwise; NULL inputs are ignored by every function but count(*)):
//   count(*)        rows per group                               int64, never NULL
//   count(col)      non-NULL values                              int64, never NULL
//   count_distinct  distinct non-NULL values                     int64, never NULL
//   sum             int64 → int64 (overflow is a data error: cast to float64 first), float64 →
//                   float64; NULL when the group has no value
//   avg             float64 mean
//   var, stddev     sample variance / deviation (n-1), Welford's method; NULL when n < 2
//   median,         exact; linear interpolation between the two nearest ranks, as numpy's default
//   quantile(p)     and PostgreSQL's percentile_cont: value at rank p*(n-1)
//   min, max        any comparable type (see row_comparator.h for the order); type of the input
//   first, last     first / last non-NULL value in input order (as pandas' first()/last())
// sum/avg/var/stddev/median/quantile need an int64 or float64 column (spec error otherwise).
//
// Determinism: rows are cut into chunks whose boundaries depend only on the row and group
// counts; partial states are merged in chunk order, so float results never depend on the
// number of threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/column.h"
#include "core/table.h"

namespace xf {

enum class AggKind {
  kCountStar,
  kCount,
  kCountDistinct,
  kSum,
  kAvg,
  kMin,
  kMax,
  kStddev,
  kVar,
  kMedian,
  kQuantile,
  kFirst,
  kLast,
};

struct AggSpec {
  AggKind kind = AggKind::kCountStar;
  std::string column;  // empty for count(*)
  std::string output;  // empty: "<function>_<column>" ("count" for count(*))
  double quantile = 0.5;  // kQuantile only, in [0, 1]
};

// "count", "count_distinct", "sum", "avg", "min", "max", "stddev", "var", "median",
// "quantile", "first", "last".
const char* AggKindName(AggKind kind);
// Also accepts "mean", "std", "variance", "nunique"; case-insensitive.
std::optional<AggKind> ParseAggKind(std::string_view name);

// Output name of a spec after defaulting.
std::string AggOutputName(const AggSpec& spec);

// Result type of `kind` over a column of `input` type; a spec error naming the column when the
// function does not apply to that type.
TypeId AggOutputType(const AggSpec& spec, TypeId input);

// One output column per spec, `num_groups` rows each: row g aggregates the rows i of `input`
// with group_of_row[i] == g (rows labelled -1 are ignored).
std::vector<ColumnPtr> ComputeAggregates(const Table& input, const std::vector<AggSpec>& specs,
                                         const int32_t* group_of_row, int64_t num_groups);

}  // namespace xf
