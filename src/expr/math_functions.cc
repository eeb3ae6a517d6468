// abs, round, floor, ceil, sqrt, ln, log10, exp, pow/power, sign, least, greatest, div, mod,
// haversine_km.
// Results that are not finite (ln(0), sqrt(-1), overflow) are NULL, like float division by zero.
#include <algorithm>
#include <cmath>
#include <limits>

#include "expr/coerce.h"
#include "expr/evaluator.h"
#include "expr/functions.h"
#include "expr/kernels.h"

namespace xf {
namespace {

using Args = std::vector<Vec>;
constexpr TypeId kI = TypeId::kInt64;
constexpr TypeId kF = TypeId::kFloat64;

template <double (*F)(double)>
ColumnPtr FloatUnary(const Args& a, int64_t n, const KernelContext&) {
  return Map1<double, double>(kF, a[0], n, [](double x, double* r) {
    *r = F(x);
    return std::isfinite(*r);
  });
}

double Sqrt(double x) { return std::sqrt(x); }
double Ln(double x) { return x > 0 ? std::log(x) : NAN; }
double Log10(double x) { return x > 0 ? std::log10(x) : NAN; }
double Exp(double x) { return std::exp(x); }
double Floor(double x) { return std::floor(x); }
double Ceil(double x) { return std::ceil(x); }
double Round0(double x) { return std::round(x); }
double Abs(double x) { return std::fabs(x); }
double Sign(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0; }

ColumnPtr IntIdentity(const Args& a, int64_t n, const KernelContext&) {
  return Materialize(a[0], n);
}

ColumnPtr IntAbs(const Args& a, int64_t n, const KernelContext&) {
  return Map1<int64_t, int64_t>(kI, a[0], n, [](int64_t x, int64_t* r) {
    if (x == std::numeric_limits<int64_t>::min()) return false;
    *r = x < 0 ? -x : x;
    return true;
  });
}

ColumnPtr IntSign(const Args& a, int64_t n, const KernelContext&) {
  return Map1<int64_t, int64_t>(kI, a[0], n, [](int64_t x, int64_t* r) {
    *r = (x > 0) - (x < 0);
    return true;
  });
}

// Half away from zero at `digits` decimals; beyond 15 digits a double has nothing to round.
ColumnPtr RoundDigits(const Args& a, int64_t n, const KernelContext&) {
  return Map2<double, double, int64_t>(kF, a[0], a[1], n, [](double x, int64_t d, double* r) {
    if (d > 15) {
      *r = x;
    } else if (d < -308) {
      *r = 0;
    } else {
      const double f = std::pow(10.0, static_cast<double>(d));
      *r = std::round(x * f) / f;
      if (!std::isfinite(*r)) *r = x;
    }
    return std::isfinite(*r);
  });
}

ColumnPtr Pow(const Args& a, int64_t n, const KernelContext&) {
  return Map2<double, double, double>(kF, a[0], a[1], n, [](double x, double y, double* r) {
    *r = std::pow(x, y);
    return std::isfinite(*r);
  });
}

ColumnPtr IntDiv(const Args& a, int64_t n, const KernelContext&) {
  return ArithKernel(ArithOp::kIntDiv, a[0], a[1], n);
}
ColumnPtr Mod(const Args& a, int64_t n, const KernelContext&) {
  return ArithKernel(ArithOp::kMod, a[0], a[1], n);
}

int CompareRows(TypeId t, const Vec& x, const Vec& y, int64_t i) {
  auto cmp = [](auto p, auto q) { return (p > q) - (p < q); };
  switch (t) {
    case TypeId::kBool:
      return cmp(x.Get<uint8_t>(i), y.Get<uint8_t>(i));
    case TypeId::kInt64:
    case TypeId::kTimestamp:
      return cmp(x.Get<int64_t>(i), y.Get<int64_t>(i));
    case TypeId::kFloat64:
      return cmp(x.Get<double>(i), y.Get<double>(i));
    case TypeId::kDate:
      return cmp(x.Get<int32_t>(i), y.Get<int32_t>(i));
    case TypeId::kString:
      return cmp(x.Str(i), y.Str(i));
    case TypeId::kNull:
      break;
  }
  return 0;
}

// least/greatest: NULL arguments are skipped (as in PostgreSQL); NULL only when all are NULL.
template <bool kGreatest>
ColumnPtr Extreme(const Args& a, int64_t n, const KernelContext& ctx) {
  const TypeId t = ctx.node->type;
  if (t == TypeId::kNull) return Column::MakeNulls(t, n);
  auto out = Column::Make(t);
  out->Reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    int best = -1;
    for (size_t k = 0; k < a.size(); ++k) {
      if (!a[k].Valid(i)) continue;
      if (best < 0) {
        best = static_cast<int>(k);
        continue;
      }
      const int c = CompareRows(t, a[k], a[static_cast<size_t>(best)], i);
      const bool better = kGreatest ? c > 0 : c < 0;
      if (better) best = static_cast<int>(k);
    }
    if (best < 0) {
      out->AppendNull();
    } else {
      const Vec& v = a[static_cast<size_t>(best)];
      out->AppendFrom(*v.col, v.Index(i));
    }
  }
  return out;
}

// Great-circle km between (lat1, lon1) and (lat2, lon2) in degrees; the formula is
// ops/geo.h's HaversineKm, repeated here because expr sits below ops.
ColumnPtr HaversineKm(const Args& a, int64_t n, const KernelContext&) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  constexpr double kEarthRadiusKm = 6371.0088;
  FixedBuilder<double> out(kF, n);
  for (int64_t i = 0; i < n; ++i) {
    if (!a[0].Valid(i) || !a[1].Valid(i) || !a[2].Valid(i) || !a[3].Valid(i)) {
      out.Null(i);
      continue;
    }
    const double lat1 = a[0].Get<double>(i), lon1 = a[1].Get<double>(i);
    const double lat2 = a[2].Get<double>(i), lon2 = a[3].Get<double>(i);
    if (std::fabs(lat1) > 90 || std::fabs(lat2) > 90) {
      out.Null(i);
      continue;
    }
    const double p1 = lat1 * kRad, p2 = lat2 * kRad;
    const double s1 = std::sin((p2 - p1) / 2), s2 = std::sin((lon2 - lon1) * kRad / 2);
    const double h = s1 * s1 + std::cos(p1) * std::cos(p2) * s2 * s2;
    const double d = 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
    if (std::isfinite(d)) {
      out.Put(i, d);
    } else {
      out.Null(i);
    }
  }
  return out.Finish();
}

FunctionDef Def(std::string name, int min, int max, std::string sig, FunctionBinder bind) {
  return FunctionDef{std::move(name), min, max, std::move(sig), std::move(bind)};
}

FunctionBinder Overloads(std::vector<Overload> o) {
  return [o = std::move(o)](FunctionCall& call) { return BindOverloads(call, o); };
}

}  // namespace

void RegisterMathFunctions(std::vector<FunctionDef>* r) {
  r->push_back(
      Def("abs", 1, 1, "abs(x)", Overloads({{{kI}, kI, IntAbs}, {{kF}, kF, FloatUnary<Abs>}})));
  r->push_back(Def(
      "round", 1, 2, "round(x[, digits])",
      Overloads(
          {{{kI}, kI, IntIdentity}, {{kF}, kF, FloatUnary<Round0>}, {{kF, kI}, kF, RoundDigits}})));
  r->push_back(Def("floor", 1, 1, "floor(x)",
                   Overloads({{{kI}, kI, IntIdentity}, {{kF}, kF, FloatUnary<Floor>}})));
  r->push_back(Def("ceil", 1, 1, "ceil(x)",
                   Overloads({{{kI}, kI, IntIdentity}, {{kF}, kF, FloatUnary<Ceil>}})));
  r->push_back(Def("ceiling", 1, 1, "ceiling(x)",
                   Overloads({{{kI}, kI, IntIdentity}, {{kF}, kF, FloatUnary<Ceil>}})));
  r->push_back(Def("sqrt", 1, 1, "sqrt(x)", Overloads({{{kF}, kF, FloatUnary<Sqrt>}})));
  r->push_back(Def("ln", 1, 1, "ln(x)", Overloads({{{kF}, kF, FloatUnary<Ln>}})));
  r->push_back(Def("log10", 1, 1, "log10(x)", Overloads({{{kF}, kF, FloatUnary<Log10>}})));
  r->push_back(Def("exp", 1, 1, "exp(x)", Overloads({{{kF}, kF, FloatUnary<Exp>}})));
  r->push_back(Def("pow", 2, 2, "pow(x, y)", Overloads({{{kF, kF}, kF, Pow}})));
  r->push_back(Def("power", 2, 2, "power(x, y)", Overloads({{{kF, kF}, kF, Pow}})));
  r->push_back(
      Def("sign", 1, 1, "sign(x)", Overloads({{{kI}, kI, IntSign}, {{kF}, kF, FloatUnary<Sign>}})));
  r->push_back(Def("div", 2, 2, "div(a, b)", Overloads({{{kI, kI}, kI, IntDiv}})));
  r->push_back(
      Def("mod", 2, 2, "mod(a, b)", Overloads({{{kI, kI}, kI, Mod}, {{kF, kF}, kF, Mod}})));
  r->push_back(Def("haversine_km", 4, 4, "haversine_km(lat1, lon1, lat2, lon2)",
                   Overloads({{{kF, kF, kF, kF}, kF, HaversineKm}})));
  for (const char* name : {"least", "greatest"}) {
    const bool greatest = std::string(name) == "greatest";
    r->push_back(Def(name, 1, -1, std::string(name) + "(x, ...)", [greatest](FunctionCall& call) {
      const TypeId t = CoerceToCommonType(call, 0, "arguments");
      return BoundFunction{t, greatest ? Extreme<true> : Extreme<false>, nullptr, false};
    }));
  }
}

}  // namespace xf
