// Random tables and random arithmetic/comparison/logic expressions, checked against a naive
// per-row reference evaluator written independently here.
#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "expr/tests/test_util.h"

namespace xf::test {
namespace {

struct R {
  enum Kind { kInt, kFloat, kBool } kind;
  bool null = true;
  int64_t i = 0;
  double f = 0;
  bool b = false;
  double num() const { return kind == kFloat ? f : static_cast<double>(i); }
};

R Null(R::Kind k) { return R{k, true}; }
R Int(int64_t v) { return R{R::kInt, false, v}; }
R Float(double v) { return std::isfinite(v) ? R{R::kFloat, false, 0, v} : Null(R::kFloat); }
R Bool(bool v) { return R{R::kBool, false, 0, 0, v}; }

struct Expr {
  std::string text;
  R::Kind kind;
  std::function<R(int64_t row)> eval;
};

class Gen {
 public:
  Gen(uint32_t seed, const TablePtr& t) : rng_(seed), t_(t) {}

  Expr Numeric(int depth) { return Pick(2) == 0 ? IntExpr(depth) : FloatExpr(depth); }

  Expr IntExpr(int depth) {
    const int choice = depth <= 0 ? Pick(3) : Pick(9);
    switch (choice) {
      case 0:
      case 1: {
        const char* name = choice == 0 ? "a" : "b";
        ColumnPtr c = t_->column(name);
        return {name, R::kInt, [c](int64_t r) {
                  return c->IsNull(r) ? Null(R::kInt) : Int(c->data<int64_t>()[r]);
                }};
      }
      case 2: {
        static const int64_t kLits[] = {
            0, 1, -1, 2, 3, 7, -100, 4611686018427387904LL, std::numeric_limits<int64_t>::max()};
        const int64_t v = kLits[Pick(9)];
        return {std::to_string(v), R::kInt, [v](int64_t) { return Int(v); }};
      }
      case 3:
      case 4:
      case 5:
      case 6: {
        static const char* kOps[] = {"+", "-", "*", "%"};
        const std::string op = kOps[choice - 3];
        Expr x = IntExpr(depth - 1), y = IntExpr(depth - 1);
        auto fx = x.eval, fy = y.eval;
        return {"(" + x.text + " " + op + " " + y.text + ")", R::kInt, [=](int64_t r) {
                  R p = fx(r), q = fy(r);
                  if (p.null || q.null) return Null(R::kInt);
                  int64_t out = 0;
                  bool ovf = false;
                  if (op == "+") ovf = __builtin_add_overflow(p.i, q.i, &out);
                  if (op == "-") ovf = __builtin_sub_overflow(p.i, q.i, &out);
                  if (op == "*") ovf = __builtin_mul_overflow(p.i, q.i, &out);
                  if (op == "%") {
                    if (q.i == 0) return Null(R::kInt);
                    out = q.i == -1 ? 0 : p.i % q.i;
                  }
                  return ovf ? Null(R::kInt) : Int(out);
                }};
      }
      case 7: {
        Expr x = IntExpr(depth - 1);
        auto fx = x.eval;
        return {"-" + x.text, R::kInt, [=](int64_t r) {
                  R p = fx(r);
                  if (p.null || p.i == std::numeric_limits<int64_t>::min()) return Null(R::kInt);
                  return Int(-p.i);
                }};
      }
      default: {
        Expr x = IntExpr(depth - 1), y = IntExpr(depth - 1);
        auto fx = x.eval, fy = y.eval;
        return {"coalesce(" + x.text + ", " + y.text + ")", R::kInt, [=](int64_t r) {
                  R p = fx(r);
                  return p.null ? fy(r) : p;
                }};
      }
    }
  }

  Expr FloatExpr(int depth) {
    const int choice = depth <= 0 ? Pick(2) : Pick(5);
    switch (choice) {
      case 0: {
        ColumnPtr c = t_->column("c");
        return {"c", R::kFloat, [c](int64_t r) {
                  return c->IsNull(r) ? Null(R::kFloat) : Float(c->data<double>()[r]);
                }};
      }
      case 1: {
        static const char* kLits[] = {"0.5", "-2.25", "1e300", "0.0", "3.75"};
        const std::string s = kLits[Pick(5)];
        const double v = std::stod(s);
        return {s, R::kFloat, [v](int64_t) { return Float(v); }};
      }
      default: {
        static const char* kOps[] = {"+", "-", "*", "/", "%"};
        const std::string op = kOps[Pick(5)];
        Expr x = Numeric(depth - 1), y = Numeric(depth - 1);
        // At least one float operand, or '/' which is float anyway.
        if (x.kind == R::kInt && y.kind == R::kInt && op != "/") y = FloatExpr(depth - 1);
        auto fx = x.eval, fy = y.eval;
        return {"(" + x.text + " " + op + " " + y.text + ")", R::kFloat, [=](int64_t r) {
                  R p = fx(r), q = fy(r);
                  if (p.null || q.null) return Null(R::kFloat);
                  const double u = p.num(), v = q.num();
                  if (op == "+") return Float(u + v);
                  if (op == "-") return Float(u - v);
                  if (op == "*") return Float(u * v);
                  if (op == "/") return Float(u / v);
                  return Float(std::fmod(u, v));
                }};
      }
    }
  }

  Expr BoolExpr(int depth) {
    const int choice = depth <= 0 ? Pick(2) : Pick(8);
    switch (choice) {
      case 0: {
        ColumnPtr c = t_->column("p");
        return {"p", R::kBool, [c](int64_t r) {
                  return c->IsNull(r) ? Null(R::kBool) : Bool(c->data<uint8_t>()[r] != 0);
                }};
      }
      case 1:
      case 2: {
        static const char* kOps[] = {"=", "<>", "<", "<=", ">", ">="};
        const std::string op = kOps[Pick(6)];
        Expr x = Numeric(depth - 1), y = Numeric(depth - 1);
        auto fx = x.eval, fy = y.eval;
        const bool as_float = x.kind == R::kFloat || y.kind == R::kFloat;
        return {"(" + x.text + " " + op + " " + y.text + ")", R::kBool, [=](int64_t r) {
                  R p = fx(r), q = fy(r);
                  if (p.null || q.null) return Null(R::kBool);
                  int c = 0;
                  if (as_float) {
                    c = (p.num() > q.num()) - (p.num() < q.num());
                  } else {
                    c = (p.i > q.i) - (p.i < q.i);
                  }
                  if (op == "=") return Bool(c == 0);
                  if (op == "<>") return Bool(c != 0);
                  if (op == "<") return Bool(c < 0);
                  if (op == "<=") return Bool(c <= 0);
                  if (op == ">") return Bool(c > 0);
                  return Bool(c >= 0);
                }};
      }
      case 3:
      case 4: {
        const bool is_and = choice == 3;
        Expr x = BoolExpr(depth - 1), y = BoolExpr(depth - 1);
        auto fx = x.eval, fy = y.eval;
        return {"(" + x.text + (is_and ? " AND " : " OR ") + y.text + ")", R::kBool,
                [=](int64_t r) {
                  R p = fx(r), q = fy(r);
                  if (is_and) {
                    if ((!p.null && !p.b) || (!q.null && !q.b)) return Bool(false);
                    if (p.null || q.null) return Null(R::kBool);
                    return Bool(true);
                  }
                  if ((!p.null && p.b) || (!q.null && q.b)) return Bool(true);
                  if (p.null || q.null) return Null(R::kBool);
                  return Bool(false);
                }};
      }
      case 5: {
        Expr x = BoolExpr(depth - 1);
        auto fx = x.eval;
        return {"(NOT " + x.text + ")", R::kBool, [=](int64_t r) {
                  R p = fx(r);
                  return p.null ? p : Bool(!p.b);
                }};
      }
      case 6: {
        Expr x = Numeric(depth - 1);
        auto fx = x.eval;
        return {"(" + x.text + " IS NULL)", R::kBool, [=](int64_t r) { return Bool(fx(r).null); }};
      }
      default: {
        Expr x = IntExpr(depth - 1);
        auto fx = x.eval;
        return {"(" + x.text + " BETWEEN -3 AND 5)", R::kBool, [=](int64_t r) {
                  R p = fx(r);
                  if (p.null) return Null(R::kBool);
                  return Bool(p.i >= -3 && p.i <= 5);
                }};
      }
    }
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  std::mt19937 rng_;
  TablePtr t_;
};

TablePtr RandomTable(uint32_t seed, int64_t n) {
  std::mt19937 rng(seed);
  auto pick = [&](int k) { return std::uniform_int_distribution<int>(0, k - 1)(rng); };
  auto a = Column::Make(TypeId::kInt64), b = Column::Make(TypeId::kInt64);
  auto c = Column::Make(TypeId::kFloat64), p = Column::Make(TypeId::kBool);
  static const int64_t kBig[] = {std::numeric_limits<int64_t>::max(),
                                 std::numeric_limits<int64_t>::min(),
                                 3037000500LL,
                                 -3037000500LL,
                                 0,
                                 -1};
  for (int64_t r = 0; r < n; ++r) {
    for (auto& col : {a, b}) {
      const int k = pick(10);
      if (k == 0) {
        col->AppendNull();
      } else if (k == 1) {
        col->AppendInt64(kBig[pick(6)]);
      } else {
        col->AppendInt64(pick(21) - 10);
      }
    }
    if (pick(8) == 0) {
      c->AppendNull();
    } else {
      c->AppendFloat64((pick(41) - 20) / 4.0);
    }
    if (pick(5) == 0) {
      p->AppendNull();
    } else {
      p->AppendBool(pick(2) == 0);
    }
  }
  return Table::Make(Schema({{"a", TypeId::kInt64},
                             {"b", TypeId::kInt64},
                             {"c", TypeId::kFloat64},
                             {"p", TypeId::kBool}}),
                     {a, b, c, p});
}

Value ToValue(const R& r) {
  const TypeId t = r.kind == R::kInt     ? TypeId::kInt64
                   : r.kind == R::kFloat ? TypeId::kFloat64
                                         : TypeId::kBool;
  if (r.null) return Value::Null(t);
  if (r.kind == R::kInt) return Value::Int64(r.i);
  if (r.kind == R::kFloat) return Value::Float64(r.f);
  return Value::Bool(r.b);
}

TEST(RandomExpressions, MatchReferenceEvaluator) {
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    TablePtr t = RandomTable(seed, 200);
    Gen gen(seed * 7919, t);
    const int kind = static_cast<int>(seed % 3);
    Expr e = kind == 0 ? gen.IntExpr(4) : kind == 1 ? gen.FloatExpr(4) : gen.BoolExpr(4);
    ColumnPtr got;
    try {
      got = EvaluateExpression(e.text, *t);
    } catch (const Error& err) {
      FAIL() << e.text << ": " << err.what();
    }
    ASSERT_EQ(got->size(), t->num_rows());
    for (int64_t r = 0; r < t->num_rows(); ++r) {
      Value want = ToValue(e.eval(r));
      ASSERT_EQ(got->GetValue(r), want)
          << "seed " << seed << " row " << r << ": " << e.text << " got "
          << got->GetValue(r).ToString() << " want " << want.ToString();
    }
  }
}

}  // namespace
}  // namespace xf::test
