// Implicit conversions used by the binder and the function binders. Only conversions that cannot
// fail or lose meaning are implicit: int64→float64, date→timestamp, NULL→any type, and a string
// literal that parses as a date or timestamp (so that d >= '2024-01-05' works).
#pragma once

#include <string>
#include <vector>

#include "expr/bound.h"

namespace xf {

// Cost of converting `node` to `to`: 0 none, 1 widening, -1 impossible.
int CoercionCost(const BoundNode& node, TypeId to);

// `node` converted to `to` (CoercionCost must be >= 0). Literals are converted at once.
BoundPtr Coerce(BoundPtr node, TypeId to, const std::string& text);

// The type both can be coerced to, or kNull with ok=false when there is none.
TypeId CommonType(const BoundNode& a, const BoundNode& b, bool* ok);

// Evaluates a node whose children are all literals into a literal; a data error from the
// evaluation becomes a spec error at the node.
BoundPtr FoldConstant(BoundPtr node, const std::string& text);

}  // namespace xf

namespace xf {

// An explicit CAST node (folded when `node` is a literal); CanCast(node->type, to) must hold.
BoundPtr CastTo(BoundPtr node, TypeId to, bool try_cast, const std::string& text);

}  // namespace xf
