#include "expr/coerce.h"

#include "core/error.h"
#include "expr/cast.h"
#include "expr/evaluator.h"

namespace xf {

namespace {

bool ParsesAs(const BoundNode& node, TypeId to) {
  if (node.op != BoundOp::kLiteral || node.type != TypeId::kString || node.value.is_null()) {
    return false;
  }
  int32_t d = 0;
  int64_t t = 0;
  if (to == TypeId::kDate) return ParseDateText(node.value.string_value(), &d);
  if (to == TypeId::kTimestamp) return ParseTimestampText(node.value.string_value(), &t);
  return false;
}

}  // namespace

int CoercionCost(const BoundNode& node, TypeId to) {
  const TypeId from = node.type;
  if (from == to) return 0;
  if (from == TypeId::kNull) return 0;
  if (from == TypeId::kInt64 && to == TypeId::kFloat64) return 1;
  if (from == TypeId::kDate && to == TypeId::kTimestamp) return 1;
  if (from == TypeId::kString && ParsesAs(node, to)) return 1;
  return -1;
}

BoundPtr FoldConstant(BoundPtr node, const std::string& text) {
  if (node->op == BoundOp::kLiteral) return node;
  for (const auto& c : node->children) {
    if (c->op != BoundOp::kLiteral) return node;
  }
  std::vector<ColumnPtr> none;
  Batch b{&none, 0, 1, nullptr, 0, &text};
  try {
    Vec v = EvalNode(*node, b);
    return MakeLiteralNode(v.col->GetValue(v.Index(0)), node->pos);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kData) throw;
    // "row 1: cannot cast ..." means nothing for a constant; keep the reason.
    std::string msg = e.message();
    if (msg.rfind("row 1: ", 0) == 0) msg = msg.substr(7);
    throw Error(ErrorKind::kSpec, msg, SourceContext{.column = node->pos, .expression = text});
  }
}

BoundPtr Coerce(BoundPtr node, TypeId to, const std::string& text) {
  if (node->type == to) return node;
  XF_CHECK(CoercionCost(*node, to) >= 0);
  auto cast = std::make_shared<BoundNode>();
  cast->op = BoundOp::kCast;
  cast->type = to;
  cast->pos = node->pos;
  // Only date→timestamp may fail (dates beyond ±200,000 years).
  cast->can_raise = node->can_raise || node->type == TypeId::kDate;
  cast->children.push_back(std::move(node));
  return FoldConstant(cast, text);
}

TypeId CommonType(const BoundNode& a, const BoundNode& b, bool* ok) {
  *ok = true;
  if (CoercionCost(b, a.type) == 0) return a.type;
  if (CoercionCost(a, b.type) == 0) return b.type;
  if (CoercionCost(a, b.type) > 0 && b.type != TypeId::kString) return b.type;
  if (CoercionCost(b, a.type) > 0 && a.type != TypeId::kString) return a.type;
  *ok = false;
  return TypeId::kNull;
}

}  // namespace xf

namespace xf {

BoundPtr CastTo(BoundPtr node, TypeId to, bool try_cast, const std::string& text) {
  if (node->type == to) return node;
  auto cast = std::make_shared<BoundNode>();
  cast->op = BoundOp::kCast;
  cast->type = to;
  cast->pos = node->pos;
  cast->try_cast = try_cast;
  // Casts to string (but of out-of-range dates) and widening cannot fail; others may, per row.
  const bool safe = try_cast || (to == TypeId::kString && !IsTemporal(node->type)) ||
                    node->type == TypeId::kNull ||
                    (node->type == TypeId::kInt64 && to == TypeId::kFloat64) ||
                    (node->type == TypeId::kBool && IsNumeric(to)) ||
                    (node->type == TypeId::kInt64 && to == TypeId::kBool) ||
                    (node->type == TypeId::kTimestamp && to == TypeId::kDate);
  cast->can_raise = node->can_raise || !safe;
  cast->children.push_back(std::move(node));
  return FoldConstant(cast, text);
}

}  // namespace xf
