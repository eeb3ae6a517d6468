#include "expr/expr.h"

#include <fmt/format.h>

#include "core/error.h"
#include "expr/binder.h"
#include "expr/evaluator.h"
#include "expr/parser.h"

namespace xf {
namespace {

void CollectColumns(const BoundNode& node, std::vector<bool>* used) {
  if (node.op == BoundOp::kColumn) (*used)[static_cast<size_t>(node.column)] = true;
  for (const auto& c : node.children) CollectColumns(*c, used);
}

}  // namespace

std::vector<std::string> BoundExpr::referenced_columns() const {
  std::vector<bool> used(static_cast<size_t>(schema_.num_fields()), false);
  CollectColumns(*root_, &used);
  std::vector<std::string> out;
  for (int i = 0; i < schema_.num_fields(); ++i) {
    if (used[static_cast<size_t>(i)]) out.push_back(schema_.field(i).name);
  }
  return out;
}

BoundExpr Bind(const std::string& text, const Schema& schema) {
  AstPtr ast = ParseExpression(text);
  BoundPtr root = BindAst(*ast, schema, text);
  return BoundExpr(text, schema, std::move(root));
}

ColumnPtr Evaluate(const BoundExpr& e, const Table& table) {
  const Schema& bound = e.schema();
  std::vector<bool> used(static_cast<size_t>(bound.num_fields()), false);
  CollectColumns(e.root(), &used);
  std::vector<ColumnPtr> columns(static_cast<size_t>(bound.num_fields()));
  for (int i = 0; i < bound.num_fields(); ++i) {
    if (!used[static_cast<size_t>(i)]) continue;
    const Field& f = bound.field(i);
    const int at = table.ColumnIndex(f.name);
    if (at < 0) {
      throw Error(ErrorKind::kUsage,
                  fmt::format("expression '{}' reads column '{}', which the table does not have",
                              e.text(), f.name));
    }
    const ColumnPtr& c = table.column(at);
    if (c->type() != f.type) {
      throw Error(
          ErrorKind::kUsage,
          fmt::format("expression '{}' was bound with column '{}' as {}, but the table has {}",
                      e.text(), f.name, TypeName(f.type), TypeName(c->type())));
    }
    columns[static_cast<size_t>(i)] = c;
  }
  return EvaluateColumns(e.root(), columns, table.num_rows(), e.text());
}

ColumnPtr EvaluateExpression(const std::string& text, const Table& table) {
  return Evaluate(Bind(text, table.schema()), table);
}

}  // namespace xf
