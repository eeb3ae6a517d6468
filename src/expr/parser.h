// Recursive-descent parser of the expression language, with SQL (PostgreSQL) precedence, lowest
// first:
//   OR; AND; NOT; IS [NOT] NULL; comparisons (= <> != < <= > >=, not chainable);
//   [NOT] BETWEEN / [NOT] IN / [NOT] LIKE / [NOT] ILIKE; ||; + -; * / %; unary - +.
// Primaries: literals (42, 1.5, 1e3, 'text', TRUE, FALSE, NULL, DATE '2024-01-05',
// TIMESTAMP '2024-01-05 08:00:00'), columns (Unicode identifiers or "double quoted"),
// function calls, CASE, CAST/TRY_CAST(x AS type), EXTRACT(field FROM x), parentheses.
#pragma once

#include <string_view>

#include "expr/ast.h"

namespace xf {

// Nesting deeper than this is a spec error rather than a stack overflow.
constexpr int kMaxExpressionDepth = 256;

// Throws Error(kSpec) with the code point position of the offending token.
AstPtr ParseExpression(std::string_view text);

}  // namespace xf
