// Syntax tree of a parsed expression, before names and types are resolved (see binder.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/types.h"
#include "core/value.h"

namespace xf {

enum class AstKind {
  kLiteral,  // value
  kColumn,   // name
  kUnary,    // name "-" or "NOT"; children[0]
  kBinary,   // name: + - * / % || = <> < <= > >= AND OR; children[0], children[1]
  kIsNull,   // negated = IS NOT NULL; children[0]
  kIn,       // negated = NOT IN; children[0] IN (children[1..])
  kBetween,  // negated = NOT BETWEEN; children: x, low, high
  kLike,     // negated = NOT LIKE, flag = ILIKE; children: x, pattern
  kCase,     // flag = simple CASE with operand (children[0]); then WHEN/THEN pairs; has_else: last
  kCast,     // cast_type; flag = TRY_CAST; children[0]
  kCall,     // name (lower case); children = arguments
};

struct AstNode {
  AstKind kind;
  int pos = 0;    // 1-based code point column of the node's operator, name or literal
  int depth = 1;  // height of the subtree, capped by the parser (see kMaxExpressionDepth)
  std::string name;
  Value value;
  TypeId cast_type = TypeId::kNull;
  bool negated = false;
  bool flag = false;
  bool has_else = false;
  std::vector<std::unique_ptr<AstNode>> children;
};

using AstPtr = std::unique_ptr<AstNode>;

// Fully parenthesised rendering, e.g. "((a + (b * 2)) > 10)", for tests and debugging.
std::string AstToString(const AstNode& node);

}  // namespace xf
