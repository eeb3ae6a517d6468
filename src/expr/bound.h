// Bound (resolved and type-checked) expression trees, produced by the binder and run by the
// evaluator. Immutable once built; shared between threads during evaluation.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/column.h"
#include "core/value.h"
#include "expr/vec.h"

namespace xf {

enum class BoundOp {
  kLiteral,  // value; literal_column holds it as one row
  kColumn,   // column (index in the bound schema), column_name
  kCast,     // children[0] to `type`; try_cast yields NULL instead of raising
  kArith,    // subop = ArithOp
  kCompare,  // subop = CompareOp; children of one common type
  kAnd,
  kOr,
  kNot,
  kNeg,
  kIsNull,  // negated = IS NOT NULL
  kInSet,   // children[0] IN constant set (state: InSet); negated = NOT IN
  kLike,    // children: x, pattern; state: LikeMatcher when the pattern is constant
  kCase,    // children: when1, then1, ..., [else] (has_else)
  kCall,    // kernel(children) with state
};

enum class ArithOp {
  kAdd,
  kSub,
  kMul,
  kDiv,          // float64 / float64
  kMod,          // int64 or float64
  kIntDiv,       // int64, truncating (function div)
  kDateAddDays,  // date + int64
  kDateSubDays,  // date - int64
  kDateDiff,     // date - date -> int64 days
};

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

struct BoundNode;
using BoundPtr = std::shared_ptr<const BoundNode>;

struct Batch;

// What a function kernel sees besides its arguments: its node (position, state) and a way to
// raise a data error that names the table row.
struct KernelContext {
  const BoundNode* node;
  const Batch* batch;
  template <typename S>
  const S& state() const;
  // Throws Error(kData) "row N: <msg>" (N counts table rows from 1) with a caret at the node.
  [[noreturn]] void FailRow(int64_t i, const std::string& msg) const;
};

using Kernel = ColumnPtr (*)(const std::vector<Vec>& args, int64_t n, const KernelContext& ctx);

struct BoundNode {
  BoundOp op = BoundOp::kLiteral;
  TypeId type = TypeId::kNull;
  int pos = 0;  // 1-based code point column in the expression text
  std::vector<BoundPtr> children;

  Value value;
  ColumnPtr literal_column;

  int column = -1;
  std::string column_name;

  int subop = 0;
  bool negated = false;
  bool try_cast = false;
  bool has_else = false;

  std::string name;  // function name, for messages
  Kernel kernel = nullptr;
  std::shared_ptr<const void> state;

  // True when evaluating this subtree can throw a data error (CAST, make_date, ...): CASE then
  // evaluates it only on the rows that reach it.
  bool can_raise = false;
};

template <typename S>
const S& KernelContext::state() const {
  return *static_cast<const S*>(node->state.get());
}

BoundPtr MakeLiteralNode(Value v, int pos);

}  // namespace xf
