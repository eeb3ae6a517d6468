// Expression-driven row selection and projection: the operators that turn a scenario's
// `where:` / `derive:` / `select:` text into work, on top of expr/ and FilterByMask.
#pragma once

#include <string>
#include <vector>

#include "core/table.h"

namespace xf {

// Rows for which `predicate` is true (NULL counts as false). A predicate that is not boolean is
// a spec error with a caret under the expression.
TablePtr Filter(const Table& table, const std::string& predicate);

struct NamedExpression {
  std::string name;
  std::string expression;
};

// Adds (or replaces, by name) one column per expression, evaluated in order: a later expression
// may use a column an earlier one made. Other columns are kept.
TablePtr Derive(const Table& table, const std::vector<NamedExpression>& columns);

// Exactly the given expressions as columns, in order (SELECT a, b * 2 AS c).
TablePtr Project(const Table& table, const std::vector<NamedExpression>& columns);

}  // namespace xf
