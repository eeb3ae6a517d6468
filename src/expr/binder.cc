#include "expr/binder.h"

#include <fmt/format.h>

#include <memory>

#include "core/error.h"
#include "core/strings.h"
#include "expr/cast.h"
#include "expr/coerce.h"
#include "expr/functions.h"
#include "expr/in_set.h"
#include "expr/like.h"

namespace xf {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Describe(const BoundNode& n) {
  if (n.op == BoundOp::kLiteral && n.type == TypeId::kString && !n.value.is_null()) {
    return fmt::format("string '{}'", n.value.string_value());
  }
  return TypeName(n.type);
}

class Binder {
 public:
  Binder(const Schema& schema, const std::string& text) : schema_(schema), text_(text) {}

  BoundPtr Bind(const AstNode& n) {
    switch (n.kind) {
      case AstKind::kLiteral:
        return MakeLiteralNode(n.value, n.pos);
      case AstKind::kColumn:
        return BindColumn(n);
      case AstKind::kUnary:
        return BindUnary(n);
      case AstKind::kBinary:
        return BindBinary(n);
      case AstKind::kIsNull: {
        auto node = Make(BoundOp::kIsNull, TypeId::kBool, n.pos, {Bind(*n.children[0])});
        node->negated = n.negated;
        return Finish(node);
      }
      case AstKind::kIn:
        return BindIn(n);
      case AstKind::kBetween:
        return BindBetween(n);
      case AstKind::kLike:
        return BindLike(n);
      case AstKind::kCase:
        return BindCase(n);
      case AstKind::kCast:
        return BindCast(n);
      case AstKind::kCall:
        return BindCall(n);
    }
    XF_CHECK(false);
    return nullptr;
  }

 private:
  [[noreturn]] void Fail(int pos, const std::string& msg) const {
    throw Error(ErrorKind::kSpec, msg, SourceContext{.column = pos, .expression = text_});
  }

  std::shared_ptr<BoundNode> Make(BoundOp op, TypeId type, int pos,
                                  std::vector<BoundPtr> children) {
    auto n = std::make_shared<BoundNode>();
    n->op = op;
    n->type = type;
    n->pos = pos;
    n->children = std::move(children);
    for (const auto& c : n->children) n->can_raise |= c->can_raise;
    return n;
  }
  BoundPtr Finish(std::shared_ptr<BoundNode> n) { return FoldConstant(std::move(n), text_); }

  BoundPtr BindColumn(const AstNode& n) {
    int index = schema_.IndexOf(n.name);
    if (index < 0) {
      // Unquoted names match case-insensitively when that is unambiguous.
      int found = -1, count = 0;
      for (int i = 0; i < schema_.num_fields(); ++i) {
        if (Lower(schema_.field(i).name) == Lower(n.name)) {
          found = i;
          ++count;
        }
      }
      if (count == 1) index = found;
    }
    if (index < 0) {
      std::string msg = fmt::format("unknown column '{}'", n.name);
      const std::string near = ClosestName(n.name, schema_.names());
      if (!near.empty()) {
        msg += fmt::format("; did you mean '{}'?", near);
      } else if (schema_.num_fields() <= 12) {
        msg += "; columns are " + (schema_.num_fields() == 0 ? "none" : schema_.ToString());
      }
      if (FindFunction(Lower(n.name)) != nullptr)
        msg += fmt::format(" ({} is a function: {}(...))", n.name, Lower(n.name));
      Fail(n.pos, msg);
    }
    auto node = Make(BoundOp::kColumn, schema_.field(index).type, n.pos, {});
    node->column = index;
    node->column_name = schema_.field(index).name;
    return node;
  }

  BoundPtr RequireBool(BoundPtr x, const std::string& what) {
    if (x->type == TypeId::kBool) return x;
    if (x->type == TypeId::kNull) return Coerce(x, TypeId::kBool, text_);
    Fail(x->pos, fmt::format("{} needs a bool, not {}", what, Describe(*x)));
  }

  BoundPtr BindUnary(const AstNode& n) {
    BoundPtr x = Bind(*n.children[0]);
    if (n.name == "NOT") {
      return Finish(Make(BoundOp::kNot, TypeId::kBool, n.pos, {RequireBool(x, "NOT")}));
    }
    if (x->type == TypeId::kNull) x = Coerce(x, TypeId::kInt64, text_);
    if (!IsNumeric(x->type)) Fail(x->pos, fmt::format("cannot negate {}", Describe(*x)));
    return Finish(Make(BoundOp::kNeg, x->type, n.pos, {x}));
  }

  BoundPtr BindBinary(const AstNode& n) {
    BoundPtr l = Bind(*n.children[0]);
    BoundPtr r = Bind(*n.children[1]);
    const std::string& op = n.name;
    if (op == "AND" || op == "OR") {
      l = RequireBool(l, op);
      r = RequireBool(r, op);
      return Finish(Make(op == "AND" ? BoundOp::kAnd : BoundOp::kOr, TypeId::kBool, n.pos, {l, r}));
    }
    if (op == "||") return BindFunction("||", n.pos, {l, r});
    static const std::pair<const char*, CompareOp> kCompare[] = {
        {"=", CompareOp::kEq},  {"<>", CompareOp::kNe}, {"<", CompareOp::kLt},
        {"<=", CompareOp::kLe}, {">", CompareOp::kGt},  {">=", CompareOp::kGe}};
    for (const auto& [name, cmp] : kCompare) {
      if (op == name) return Compare(cmp, l, r, n.pos, op);
    }
    return Arithmetic(op, l, r, n.pos);
  }

  BoundPtr Arithmetic(const std::string& op, BoundPtr l, BoundPtr r, int pos) {
    // An untyped NULL takes the other side's type.
    if (l->type == TypeId::kNull && r->type == TypeId::kNull) {
      l = Coerce(l, TypeId::kInt64, text_);
      r = Coerce(r, TypeId::kInt64, text_);
    } else if (l->type == TypeId::kNull) {
      l = Coerce(l, r->type == TypeId::kDate ? TypeId::kInt64 : r->type, text_);
    } else if (r->type == TypeId::kNull) {
      r = Coerce(r, l->type == TypeId::kDate && op != "-" ? TypeId::kInt64 : l->type, text_);
    }
    auto make = [&](ArithOp a, TypeId t, BoundPtr x, BoundPtr y) {
      auto node = Make(BoundOp::kArith, t, pos, {std::move(x), std::move(y)});
      node->subop = static_cast<int>(a);
      return Finish(node);
    };
    const TypeId lt = l->type, rt = r->type;
    if (lt == TypeId::kDate || rt == TypeId::kDate) {
      if (op == "+" && lt == TypeId::kDate && rt == TypeId::kInt64)
        return make(ArithOp::kDateAddDays, TypeId::kDate, l, r);
      if (op == "+" && lt == TypeId::kInt64 && rt == TypeId::kDate)
        return make(ArithOp::kDateAddDays, TypeId::kDate, r, l);
      if (op == "-" && lt == TypeId::kDate && rt == TypeId::kInt64)
        return make(ArithOp::kDateSubDays, TypeId::kDate, l, r);
      if (op == "-" && lt == TypeId::kDate && rt == TypeId::kDate)
        return make(ArithOp::kDateDiff, TypeId::kInt64, l, r);
      Fail(pos, fmt::format("cannot apply {} to {} and {}; dates support date + days, date - days "
                            "and date - date (days); see date_add and date_diff",
                            op, TypeName(lt), TypeName(rt)));
    }
    if (lt == TypeId::kTimestamp || rt == TypeId::kTimestamp) {
      Fail(pos, fmt::format("cannot apply {} to {} and {}; use date_add(unit, n, ts) and "
                            "date_diff(unit, a, b) for timestamps",
                            op, TypeName(lt), TypeName(rt)));
    }
    for (const BoundPtr& x : {l, r}) {
      if (!IsNumeric(x->type)) {
        std::string hint =
            x->type == TypeId::kString && op == "+" ? "; use || to join strings" : "";
        if (x->type == TypeId::kString && x->op != BoundOp::kLiteral) {
          hint += fmt::format("; CAST({} AS float64) converts text to a number",
                              x->op == BoundOp::kColumn ? x->column_name : "...");
        }
        Fail(x->pos, fmt::format("cannot apply {} to {}{}", op, Describe(*x), hint));
      }
    }
    if (op == "/") {
      // True division, also for integers (7 / 2 = 3.5): integer division silently truncating
      // ratios such as actual / expected is a classic wrong-result bug. div(a, b) truncates.
      return make(ArithOp::kDiv, TypeId::kFloat64, Coerce(l, TypeId::kFloat64, text_),
                  Coerce(r, TypeId::kFloat64, text_));
    }
    const TypeId t =
        lt == TypeId::kFloat64 || rt == TypeId::kFloat64 ? TypeId::kFloat64 : TypeId::kInt64;
    const ArithOp a = op == "+"   ? ArithOp::kAdd
                      : op == "-" ? ArithOp::kSub
                      : op == "*" ? ArithOp::kMul
                                  : ArithOp::kMod;
    return make(a, t, Coerce(l, t, text_), Coerce(r, t, text_));
  }

  // Also used for BETWEEN, IN with expressions, simple CASE and nullif.
  BoundPtr Compare(CompareOp cmp, BoundPtr l, BoundPtr r, int pos, const std::string& what) {
    bool ok = false;
    const TypeId t = CommonType(*l, *r, &ok);
    if (!ok) {
      // Point at a literal operand when there is one: that is the usual mistake.
      const BoundPtr& lit = r->op == BoundOp::kLiteral ? r : l;
      const int at = lit->op == BoundOp::kLiteral ? lit->pos : pos;
      const BoundPtr& other = lit == r ? l : r;
      std::string msg =
          fmt::format("cannot compare {} with {}", TypeName(other->type), TypeName(lit->type));
      // A folded string literal may be NULL ('x' || NULL - 1): nothing to quote then.
      if (lit->op == BoundOp::kLiteral && lit->type == TypeId::kString && !lit->value.is_null() &&
          IsTemporal(other->type)) {
        msg += fmt::format(" ('{}' is not a valid {})", lit->value.string_value(),
                           TypeName(other->type));
      } else if (other->type == TypeId::kString && IsNumeric(lit->type) &&
                 other->op == BoundOp::kColumn) {
        msg += fmt::format("; CAST({} AS {}) converts it", other->column_name, TypeName(lit->type));
      }
      (void)what;
      Fail(at, msg);
    }
    auto node =
        Make(BoundOp::kCompare, TypeId::kBool, pos, {Coerce(l, t, text_), Coerce(r, t, text_)});
    node->subop = static_cast<int>(cmp);
    return Finish(node);
  }

  // One type for all of `nodes` (CASE results, IN lists, coalesce): the first non-literal's type
  // wins over literals, so that d = '2024-01-05' style literals adapt.
  TypeId CommonTypeOf(std::vector<BoundPtr>* nodes, const std::string& what) {
    const BoundNode* first = nullptr;
    for (const auto& n : *nodes) {
      if (n->op != BoundOp::kLiteral && n->type != TypeId::kNull) {
        first = n.get();
        break;
      }
    }
    BoundNode acc;
    acc.op = BoundOp::kColumn;  // stands for "a non-literal of the type so far"
    acc.type = first != nullptr ? first->type : TypeId::kNull;
    for (const auto& n : *nodes) {
      bool ok = false;
      const TypeId t = CommonType(acc, *n, &ok);
      if (!ok) {
        Fail(n->pos, fmt::format("{} mix {} and {}", what, TypeName(acc.type), Describe(*n)));
      }
      acc.type = t;
    }
    for (auto& n : *nodes) n = Coerce(n, acc.type, text_);
    return acc.type;
  }

  BoundPtr BindIn(const AstNode& n) {
    std::vector<BoundPtr> all;
    for (const auto& c : n.children) all.push_back(Bind(*c));
    bool constant = true;
    for (size_t i = 1; i < all.size(); ++i) constant &= all[i]->op == BoundOp::kLiteral;
    if (!constant) {
      // x IN (a, b) = (x = a) OR (x = b), which is exactly SQL's NULL behaviour.
      BoundPtr acc;
      for (size_t i = 1; i < all.size(); ++i) {
        BoundPtr eq = Compare(CompareOp::kEq, all[0], all[i], n.pos, "IN");
        acc = acc ? Finish(Make(BoundOp::kOr, TypeId::kBool, n.pos, {acc, eq})) : eq;
      }
      if (n.negated) acc = Finish(Make(BoundOp::kNot, TypeId::kBool, n.pos, {acc}));
      return acc;
    }
    TypeId t = TypeId::kNull;
    try {
      t = CommonTypeOf(&all, "IN list values");
    } catch (const Error&) {
      // Re-check pairwise to put the caret and message on the comparison that fails.
      for (size_t i = 1; i < all.size(); ++i) Compare(CompareOp::kEq, all[0], all[i], n.pos, "IN");
      throw;
    }
    std::vector<Value> values;
    for (size_t i = 1; i < all.size(); ++i) values.push_back(all[i]->value);
    auto node = Make(BoundOp::kInSet, TypeId::kBool, n.pos, {all[0]});
    node->negated = n.negated;
    node->state = std::make_shared<InSet>(t, values);
    return Finish(node);
  }

  BoundPtr BindBetween(const AstNode& n) {
    BoundPtr x = Bind(*n.children[0]);
    BoundPtr low = Bind(*n.children[1]);
    BoundPtr high = Bind(*n.children[2]);
    BoundPtr ge = Compare(CompareOp::kGe, x, low, n.pos, "BETWEEN");
    BoundPtr le = Compare(CompareOp::kLe, x, high, n.pos, "BETWEEN");
    BoundPtr both = Finish(Make(BoundOp::kAnd, TypeId::kBool, n.pos, {ge, le}));
    return n.negated ? Finish(Make(BoundOp::kNot, TypeId::kBool, n.pos, {both})) : both;
  }

  BoundPtr BindLike(const AstNode& n) {
    BoundPtr x = Bind(*n.children[0]);
    BoundPtr p = Bind(*n.children[1]);
    const char* op = n.flag ? "ILIKE" : "LIKE";
    for (BoundPtr* v : {&x, &p}) {
      if ((*v)->type == TypeId::kNull) *v = Coerce(*v, TypeId::kString, text_);
      if ((*v)->type != TypeId::kString) {
        Fail((*v)->pos, fmt::format("{} needs strings, not {}{}", op, Describe(**v),
                                    v == &x ? "; CAST(x AS string) converts it" : ""));
      }
    }
    auto node = Make(BoundOp::kLike, TypeId::kBool, n.pos, {x, p});
    node->negated = n.negated;
    node->subop = n.flag ? 1 : 0;
    if (p->op == BoundOp::kLiteral && !p->value.is_null()) {
      node->state = std::make_shared<LikeMatcher>(p->value.string_value(), n.flag);
    }
    return Finish(node);
  }

  BoundPtr BindCase(const AstNode& n) {
    size_t i = 0;
    BoundPtr operand = n.flag ? Bind(*n.children[i++]) : nullptr;
    const size_t end = n.children.size() - (n.has_else ? 1 : 0);
    std::vector<BoundPtr> conds, results;
    for (; i + 1 < end + 1 && i < end; i += 2) {
      BoundPtr w = Bind(*n.children[i]);
      if (operand) {
        w = Compare(CompareOp::kEq, operand, w, w->pos, "CASE");
      } else {
        w = RequireBool(w, "WHEN");
      }
      conds.push_back(w);
      results.push_back(Bind(*n.children[i + 1]));
    }
    if (n.has_else) results.push_back(Bind(*n.children.back()));
    return MakeCase(n.pos, std::move(conds), std::move(results), n.has_else);
  }

  BoundPtr MakeCase(int pos, std::vector<BoundPtr> conds, std::vector<BoundPtr> results,
                    bool has_else) {
    const TypeId t = CommonTypeOf(&results, "CASE results");
    std::vector<BoundPtr> children;
    for (size_t k = 0; k < conds.size(); ++k) {
      children.push_back(conds[k]);
      children.push_back(results[k]);
    }
    if (has_else) children.push_back(results.back());
    auto node = Make(BoundOp::kCase, t, pos, std::move(children));
    node->has_else = has_else;
    // A CASE runs a branch only on the rows that reach it, so a raising branch is guarded; but
    // conditions and branches that can raise still make the CASE as a whole able to.
    return Finish(node);
  }

  BoundPtr BindCast(const AstNode& n) {
    BoundPtr x = Bind(*n.children[0]);
    if (!CanCast(x->type, n.cast_type)) {
      Fail(x->pos, fmt::format("cannot cast {} to {}", TypeName(x->type), TypeName(n.cast_type)));
    }
    BoundPtr out = CastTo(x, n.cast_type, n.flag, text_);
    if (out == x) return x;
    // Carets for casts point at CAST, not at the operand.
    if (out->op == BoundOp::kCast) {
      auto copy = std::make_shared<BoundNode>(*out);
      copy->pos = n.pos;
      return copy;
    }
    return out;
  }

  BoundPtr BindCall(const AstNode& n) {
    std::vector<BoundPtr> args;
    for (const auto& c : n.children) args.push_back(Bind(*c));
    const std::string& name = n.name;
    if (name == "coalesce" || name == "ifnull") {
      if (args.empty()) Fail(n.pos, "coalesce needs at least one argument");
      // CASE WHEN a IS NOT NULL THEN a ... ELSE last END: later arguments run only where needed.
      std::vector<BoundPtr> conds, results = args;
      for (size_t k = 0; k + 1 < args.size(); ++k) {
        auto c = Make(BoundOp::kIsNull, TypeId::kBool, args[k]->pos, {args[k]});
        c->negated = true;
        conds.push_back(Finish(c));
      }
      CommonTypeOf(&results, name + " arguments");
      return MakeCase(n.pos, std::move(conds), std::move(results), true);
    }
    if (name == "nullif") {
      if (args.size() != 2)
        Fail(n.pos, fmt::format("nullif(a, b) takes 2 arguments, not {}", args.size()));
      BoundPtr eq = Compare(CompareOp::kEq, args[0], args[1], n.pos, "nullif");
      std::vector<BoundPtr> results = {MakeLiteralNode(Value(), n.pos), args[0]};
      return MakeCase(n.pos, {eq}, std::move(results), true);
    }
    if (name == "if" || name == "iif") {
      if (args.size() != 3) {
        Fail(n.pos,
             fmt::format("if(condition, then, else) takes 3 arguments, not {}", args.size()));
      }
      return MakeCase(n.pos, {RequireBool(args[0], "if")}, {args[1], args[2]}, true);
    }
    return BindFunction(name, n.pos, std::move(args));
  }

  BoundPtr BindFunction(const std::string& name, int pos, std::vector<BoundPtr> args) {
    const FunctionDef* def = FindFunction(name);
    if (def == nullptr) {
      std::vector<std::string> names = FunctionNames();
      for (const char* special : {"coalesce", "nullif", "if"}) names.push_back(special);
      std::string msg = fmt::format("unknown function '{}'", name);
      const std::string near = ClosestName(name, names);
      if (!near.empty()) msg += fmt::format("; did you mean '{}'?", near);
      Fail(pos, msg);
    }
    const int count = static_cast<int>(args.size());
    if (count < def->min_args || (def->max_args >= 0 && count > def->max_args)) {
      std::string expected = def->min_args == def->max_args ? std::to_string(def->min_args)
                             : def->max_args < 0
                                 ? fmt::format("at least {}", def->min_args)
                                 : fmt::format("{} to {}", def->min_args, def->max_args);
      Fail(pos, fmt::format("{} takes {} argument{}, not {}", def->signature, expected,
                            expected == "1" ? "" : "s", count));
    }
    FunctionCall call(name, pos, &text_, std::move(args));
    BoundFunction f = def->bind(call);
    auto node = Make(BoundOp::kCall, f.result, pos, std::move(call.args()));
    node->name = name;
    node->kernel = f.kernel;
    node->state = f.state;
    node->can_raise |= f.can_raise;
    return Finish(node);
  }

  const Schema& schema_;
  const std::string& text_;
};

}  // namespace

BoundPtr BindAst(const AstNode& ast, const Schema& schema, const std::string& text) {
  Binder b(schema, text);
  return b.Bind(ast);
}

}  // namespace xf
