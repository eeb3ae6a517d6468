// The expression language of scenario specs: parse + bind once, evaluate over whole tables.
//
//   BoundExpr e = Bind("contract_kva >= 15 AND user_type <> 'resident'", table->schema());
//   ColumnPtr keep = Evaluate(e, *table);   // a bool column, one value per row
//
// Syntax (SQL, PostgreSQL precedence; see parser.h): literals 42 1.5 'text' ('' escapes a quote)
// TRUE FALSE NULL DATE '2024-01-05' TIMESTAMP '2024-01-05 08:00'; columns are Unicode identifiers
// (电量 > 5) or "double quoted" names; + - * / % ||; = <> != < <= > >=; AND OR NOT; [NOT] IN (...);
// [NOT] BETWEEN a AND b; [NOT] LIKE / ILIKE ('%' any run, '_' one character, '\' escapes);
// IS [NOT] NULL; CASE [x] WHEN ... THEN ... [ELSE ...] END; CAST / TRY_CAST (x AS type);
// EXTRACT(field FROM x); function calls with case-insensitive names (functions.h and the
// *_functions.cc files list them; coalesce, nullif and if are built in).
//
// Semantics, chosen once and applied everywhere:
// - NULL propagates through arithmetic, comparisons and functions; AND/OR/NOT use SQL
//   three-valued logic (NULL AND FALSE = FALSE, NULL OR TRUE = TRUE).
// - `/` is true division and always float64 (7 / 2 = 3.5); div(a, b) truncates integers; `%` is
//   the remainder with the dividend's sign.
// - int64 + - * that overflow, division or modulo by zero (int or float), and float results that
//   are not finite are NULL: never a wrapped value, a crash, inf or NaN.
// - int64 mixes with float64 as float64. date + int64 and date - int64 add days, date - date is
//   days (int64); timestamps use date_add / date_diff.
// - A string literal compared with (or coalesced into) a date or timestamp is read as one
//   ('2024-01-05'); only literals convert implicitly, columns need CAST.
// - Strings compare bytewise (= code point order); length/substr/LIKE '_' count code points.
// - CAST of a value that does not convert is a data error naming the row ("row 18: cannot cast
//   'abc' to int64", rows numbered from 1); TRY_CAST gives NULL. Inside CASE (and coalesce, if,
//   nullif) a branch only runs on the rows that reach it, so guarded casts do not fail.
// - Calendar fields, date_trunc and date/timestamp casts use the session zone Asia/Shanghai.
// - Non-deterministic functions (now, random) are refused: reruns must give identical results.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/column.h"
#include "core/table.h"
#include "expr/bound.h"

namespace xf {

class BoundExpr {
 public:
  BoundExpr(std::string text, Schema schema, BoundPtr root)
      : text_(std::move(text)), schema_(std::move(schema)), root_(std::move(root)) {}

  TypeId type() const { return root_->type; }
  const std::string& text() const { return text_; }
  const Schema& schema() const { return schema_; }
  const BoundNode& root() const { return *root_; }
  bool is_constant() const { return root_->op == BoundOp::kLiteral; }
  // Names of the columns the expression reads, in schema order.
  std::vector<std::string> referenced_columns() const;

 private:
  std::string text_;
  Schema schema_;
  BoundPtr root_;
};

// Parses and type-checks. Throws Error(kSpec) whose context holds the expression and the 1-based
// code point column of the problem (printed with a caret by Error::what()).
BoundExpr Bind(const std::string& text, const Schema& schema);

// One value per row of `table`, of type e.type(). Columns are found in `table` by name and must
// have the types they were bound with (else Error(kUsage)). Large tables are evaluated in morsels
// on the global thread pool; results and errors do not depend on the number of threads. Throws
// Error(kData) for rows that cannot be computed (see CAST above).
ColumnPtr Evaluate(const BoundExpr& e, const Table& table);

// Bind(text, table.schema()) then Evaluate.
ColumnPtr EvaluateExpression(const std::string& text, const Table& table);

}  // namespace xf
