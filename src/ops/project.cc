#include "ops/project.h"

#include "core/error.h"
#include "expr/expr.h"
#include "ops/filter.h"

namespace xf {

TablePtr Filter(const Table& table, const std::string& predicate) {
  const BoundExpr e = Bind(predicate, table.schema());
  if (e.type() != TypeId::kBool) {
    throw Error(ErrorKind::kSpec,
                std::string("a filter needs a true/false expression, this one gives ") +
                    TypeName(e.type()),
                SourceContext{.column = 1, .expression = predicate});
  }
  return FilterByMask(table, *Evaluate(e, table));
}

TablePtr Derive(const Table& table, const std::vector<NamedExpression>& columns) {
  auto out = std::make_shared<const Table>(table);
  for (const auto& c : columns) {
    try {
      out = out->WithColumn(c.name, EvaluateExpression(c.expression, *out));
    } catch (Error& e) {
      e.WithColumnName(c.name);
      throw;
    }
  }
  return out;
}

TablePtr Project(const Table& table, const std::vector<NamedExpression>& columns) {
  Schema schema;
  std::vector<ColumnPtr> cols;
  for (const auto& c : columns) {
    if (schema.IndexOf(c.name) >= 0) {
      throw Error(ErrorKind::kSpec, "column '" + c.name + "' is selected twice");
    }
    try {
      ColumnPtr col = EvaluateExpression(c.expression, table);
      schema.Add({c.name, col->type()});
      cols.push_back(std::move(col));
    } catch (Error& e) {
      e.WithColumnName(c.name);
      throw;
    }
  }
  return Table::Make(std::move(schema), std::move(cols));
}

}  // namespace xf
