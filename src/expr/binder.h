// Resolves column and function names and checks types, turning a syntax tree into a bound tree
// (bound.h) with implicit casts made explicit and constant subexpressions folded.
#pragma once

#include <string>

#include "core/table.h"
#include "expr/ast.h"
#include "expr/bound.h"

namespace xf {

// Throws Error(kSpec) with the caret under the offending operand, operator or name.
BoundPtr BindAst(const AstNode& ast, const Schema& schema, const std::string& text);

}  // namespace xf
