// Cross-column and custom rules: a boolean expression (src/expr) that holds for a conforming
// row. NULL results are not evaluated, as with a SQL CHECK constraint.
#include <fmt/format.h>

#include "expr/expr.h"
#include "govern/rule_eval.h"

namespace xf::govern {
namespace {

class ExprRule : public RuleEvaluator {
 public:
  ExprRule(const RuleSpec& r, const Table& t) : rule_(r), bound_(BindOrFail(r, t)) {
    if (bound_->type() != TypeId::kBool) {
      r.node.Fail(fmt::format("`expr` must be true or false per row; '{}' is {}", r.expr,
                              TypeName(bound_->type())));
    }
  }
  RuleHits Evaluate(const Table& t) const override {
    ColumnPtr ok = xf::Evaluate(*bound_, t);
    const Column& c = *ok;
    const uint8_t* v = c.data<uint8_t>();
    return CollectFailures(t.num_rows(), [&](int64_t b, int64_t e, std::vector<int64_t>* out) {
      int64_t evaluated = 0;
      for (int64_t i = b; i < e; ++i) {
        if (c.IsNull(i)) continue;
        ++evaluated;
        if (v[i] == 0) out->push_back(i);
      }
      return evaluated;
    });
  }
  std::string Reason(const Table& t, int64_t row, int64_t) const override {
    std::string cells;
    for (const std::string& name : bound_->referenced_columns()) {
      if (!cells.empty()) cells += ", ";
      cells += fmt::format("{}={}", name, CellText(*t.column(name), row));
    }
    return fmt::format("not ({}) with {}", rule_.expr, cells);
  }

 private:
  static std::optional<BoundExpr> BindOrFail(const RuleSpec& r, const Table& t) {
    try {
      return Bind(r.expr, t.schema());
    } catch (const Error& e) {
      r.node.Fail(fmt::format("in `expr` '{}': {}", r.expr, e.message()));
    }
  }
  const RuleSpec& rule_;
  std::optional<BoundExpr> bound_;
};

}  // namespace

std::unique_ptr<RuleEvaluator> MakeExprEvaluator(const RuleSpec& rule, const Table& table) {
  return std::make_unique<ExprRule>(rule, table);
}

}  // namespace xf::govern
