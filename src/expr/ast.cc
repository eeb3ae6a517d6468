#include "expr/ast.h"

namespace xf {

static std::string Join(const std::vector<AstPtr>& nodes, size_t from) {
  std::string out;
  for (size_t i = from; i < nodes.size(); ++i) {
    if (i > from) out += ", ";
    out += AstToString(*nodes[i]);
  }
  return out;
}

std::string AstToString(const AstNode& n) {
  auto child = [&](size_t i) { return AstToString(*n.children[i]); };
  const std::string inv = n.negated ? "NOT " : "";
  switch (n.kind) {
    case AstKind::kLiteral:
      if (n.value.is_null()) return "NULL";
      if (n.value.type() == TypeId::kString) return "'" + n.value.string_value() + "'";
      return n.value.ToString();
    case AstKind::kColumn:
      return "\"" + n.name + "\"";
    case AstKind::kUnary:
      return "(" + n.name + (n.name == "NOT" ? " " : "") + child(0) + ")";
    case AstKind::kBinary:
      return "(" + child(0) + " " + n.name + " " + child(1) + ")";
    case AstKind::kIsNull:
      return "(" + child(0) + " IS " + inv + "NULL)";
    case AstKind::kIn:
      return "(" + child(0) + " " + inv + "IN (" + Join(n.children, 1) + "))";
    case AstKind::kBetween:
      return "(" + child(0) + " " + inv + "BETWEEN " + child(1) + " AND " + child(2) + ")";
    case AstKind::kLike:
      return "(" + child(0) + " " + inv + (n.flag ? "ILIKE " : "LIKE ") + child(1) + ")";
    case AstKind::kCase: {
      std::string out = "CASE";
      size_t i = 0;
      if (n.flag) out += " " + child(i++);
      const size_t end = n.children.size() - (n.has_else ? 1 : 0);
      for (; i + 1 < end + 1 && i < end; i += 2)
        out += " WHEN " + child(i) + " THEN " + child(i + 1);
      if (n.has_else) out += " ELSE " + child(n.children.size() - 1);
      return out + " END";
    }
    case AstKind::kCast:
      return std::string(n.flag ? "TRY_CAST(" : "CAST(") + child(0) + " AS " +
             TypeName(n.cast_type) + ")";
    case AstKind::kCall:
      return n.name + "(" + Join(n.children, 0) + ")";
  }
  return "?";
}

}  // namespace xf
