#include <cmath>
#include <limits>

#include "expr/kernels.h"

namespace xf {
namespace {

// Applies f to every row, broadcasting scalars; written as three loops so the common
// column-op-column and column-op-literal cases vectorise.
template <typename A, typename B, typename R, typename F>
void Apply(const Vec& a, const Vec& b, int64_t n, R* out, F&& f) {
  if (a.scalar && b.scalar) {
    const R r = f(a.Get<A>(0), b.Get<B>(0));
    for (int64_t i = 0; i < n; ++i) out[i] = r;
  } else if (b.scalar) {
    const A* x = a.Data<A>();
    const B y = b.Get<B>(0);
    for (int64_t i = 0; i < n; ++i) out[i] = f(x[i], y);
  } else if (a.scalar) {
    const A x = a.Get<A>(0);
    const B* y = b.Data<B>();
    for (int64_t i = 0; i < n; ++i) out[i] = f(x, y[i]);
  } else {
    const A* x = a.Data<A>();
    const B* y = b.Data<B>();
    for (int64_t i = 0; i < n; ++i) out[i] = f(x[i], y[i]);
  }
}

// Integer ops report failure (overflow, division by zero) per row in `bad`.
template <typename F>
ColumnPtr IntOp(const Vec& a, const Vec& b, int64_t n, TypeId rt, F&& f) {
  FixedBuilder<int64_t> out(rt, n);
  std::vector<uint8_t> bad(static_cast<size_t>(n));
  uint8_t* badp = bad.data();
  int64_t* o = out.data();
  // Computes into o and bad in one pass.
  auto run = [&](auto x_at, auto y_at) {
    uint8_t any = 0;
    for (int64_t i = 0; i < n; ++i) {
      badp[i] = f(x_at(i), y_at(i), &o[i]);
      any |= badp[i];
    }
    return any != 0;
  };
  bool any_bad;
  if (a.scalar && b.scalar) {
    const int64_t x = a.Get<int64_t>(0), y = b.Get<int64_t>(0);
    any_bad = run([&](int64_t) { return x; }, [&](int64_t) { return y; });
  } else if (b.scalar) {
    const int64_t* x = a.Data<int64_t>();
    const int64_t y = b.Get<int64_t>(0);
    any_bad = run([&](int64_t i) { return x[i]; }, [&](int64_t) { return y; });
  } else if (a.scalar) {
    const int64_t x = a.Get<int64_t>(0);
    const int64_t* y = b.Data<int64_t>();
    any_bad = run([&](int64_t) { return x; }, [&](int64_t i) { return y[i]; });
  } else {
    const int64_t* x = a.Data<int64_t>();
    const int64_t* y = b.Data<int64_t>();
    any_bad = run([&](int64_t i) { return x[i]; }, [&](int64_t i) { return y[i]; });
  }
  std::vector<uint8_t> bits = AndValidity(a, b, n);
  if (any_bad) {
    if (bits.empty()) bits.assign(BitmapBytes(n), 0xFF);
    for (int64_t i = 0; i < n; ++i) {
      if (badp[i]) ClearBit(bits.data(), i);
    }
  }
  out.SetValidity(std::move(bits));
  return out.Finish();
}

template <typename F>
ColumnPtr FloatOp(const Vec& a, const Vec& b, int64_t n, F&& f) {
  FixedBuilder<double> out(TypeId::kFloat64, n);
  double* o = out.data();
  Apply<double, double>(a, b, n, o, f);
  std::vector<uint8_t> bits = AndValidity(a, b, n);
  bool any_bad = false;
  for (int64_t i = 0; i < n; ++i) any_bad |= !std::isfinite(o[i]);
  if (any_bad) {
    if (bits.empty()) bits.assign(BitmapBytes(n), 0xFF);
    for (int64_t i = 0; i < n; ++i) {
      if (!std::isfinite(o[i])) ClearBit(bits.data(), i);
    }
  }
  out.SetValidity(std::move(bits));
  return out.Finish();
}

constexpr int64_t kMinDays = -73'000'000;  // about ±200,000 years: civil arithmetic stays exact
constexpr int64_t kMaxDays = 73'000'000;

ColumnPtr DateOp(ArithOp op, const Vec& a, const Vec& b, int64_t n) {
  if (op == ArithOp::kDateDiff) {
    return Map2<int64_t, int32_t, int32_t>(TypeId::kInt64, a, b, n,
                                           [](int32_t x, int32_t y, int64_t* r) {
                                             *r = static_cast<int64_t>(x) - y;
                                             return true;
                                           });
  }
  // date +/- int64; the binder puts the date first.
  const bool sub = op == ArithOp::kDateSubDays;
  return Map2<int32_t, int32_t, int64_t>(TypeId::kDate, a, b, n,
                                         [sub](int32_t d, int64_t k, int32_t* r) {
                                           if (k < kMinDays * 2 || k > kMaxDays * 2) return false;
                                           const int64_t v = sub ? d - k : d + k;
                                           if (v < kMinDays || v > kMaxDays) return false;
                                           *r = static_cast<int32_t>(v);
                                           return true;
                                         });
}

}  // namespace

ColumnPtr ArithKernel(ArithOp op, const Vec& a, const Vec& b, int64_t n) {
  if (a.ScalarNull() || b.ScalarNull()) {
    const TypeId rt = op == ArithOp::kDateAddDays || op == ArithOp::kDateSubDays ? TypeId::kDate
                      : op == ArithOp::kDateDiff || a.type() == TypeId::kInt64   ? TypeId::kInt64
                                                                                 : TypeId::kFloat64;
    return Column::MakeNulls(rt, n);
  }
  if (op == ArithOp::kDateAddDays || op == ArithOp::kDateSubDays || op == ArithOp::kDateDiff) {
    return DateOp(op, a, b, n);
  }
  if (a.type() == TypeId::kInt64) {
    switch (op) {
      case ArithOp::kAdd:
        return IntOp(a, b, n, TypeId::kInt64, [](int64_t x, int64_t y, int64_t* r) -> uint8_t {
          return __builtin_add_overflow(x, y, r);
        });
      case ArithOp::kSub:
        return IntOp(a, b, n, TypeId::kInt64, [](int64_t x, int64_t y, int64_t* r) -> uint8_t {
          return __builtin_sub_overflow(x, y, r);
        });
      case ArithOp::kMul:
        return IntOp(a, b, n, TypeId::kInt64, [](int64_t x, int64_t y, int64_t* r) -> uint8_t {
          return __builtin_mul_overflow(x, y, r);
        });
      case ArithOp::kMod:
        return IntOp(a, b, n, TypeId::kInt64, [](int64_t x, int64_t y, int64_t* r) -> uint8_t {
          if (y == 0) {
            *r = 0;
            return 1;
          }
          *r = y == -1 ? 0 : x % y;  // INT64_MIN % -1 traps on x86
          return 0;
        });
      case ArithOp::kIntDiv:
        return IntOp(a, b, n, TypeId::kInt64, [](int64_t x, int64_t y, int64_t* r) -> uint8_t {
          if (y == 0 || (y == -1 && x == std::numeric_limits<int64_t>::min())) {
            *r = 0;
            return 1;
          }
          *r = x / y;
          return 0;
        });
      default:
        break;
    }
    XF_CHECK(false);
  }
  switch (op) {
    case ArithOp::kAdd:
      return FloatOp(a, b, n, [](double x, double y) { return x + y; });
    case ArithOp::kSub:
      return FloatOp(a, b, n, [](double x, double y) { return x - y; });
    case ArithOp::kMul:
      return FloatOp(a, b, n, [](double x, double y) { return x * y; });
    case ArithOp::kDiv:
      return FloatOp(a, b, n, [](double x, double y) { return x / y; });
    case ArithOp::kMod:
      return FloatOp(a, b, n, [](double x, double y) { return std::fmod(x, y); });
    default:
      break;
  }
  XF_CHECK(false);
  return nullptr;
}

ColumnPtr NegateKernel(const Vec& a, int64_t n) {
  if (a.type() == TypeId::kInt64) {
    return Map1<int64_t, int64_t>(TypeId::kInt64, a, n, [](int64_t x, int64_t* r) {
      if (x == std::numeric_limits<int64_t>::min()) return false;
      *r = -x;
      return true;
    });
  }
  return Map1<double, double>(TypeId::kFloat64, a, n, [](double x, double* r) {
    *r = -x;
    return true;
  });
}

namespace {

template <typename T, typename Cmp>
ColumnPtr CompareFixed(const Vec& a, const Vec& b, int64_t n, Cmp cmp) {
  FixedBuilder<uint8_t> out(TypeId::kBool, n);
  Apply<T, T>(a, b, n, out.data(), [&](T x, T y) -> uint8_t { return cmp(x, y); });
  out.SetValidity(AndValidity(a, b, n));
  return out.Finish();
}

template <typename Cmp>
ColumnPtr CompareStrings(const Vec& a, const Vec& b, int64_t n, Cmp cmp) {
  FixedBuilder<uint8_t> out(TypeId::kBool, n);
  uint8_t* o = out.data();
  for (int64_t i = 0; i < n; ++i) o[i] = cmp(a.Str(i).compare(b.Str(i)), 0);
  out.SetValidity(AndValidity(a, b, n));
  return out.Finish();
}

template <typename Cmp>
ColumnPtr CompareTyped(const Vec& a, const Vec& b, int64_t n, Cmp cmp) {
  switch (a.type()) {
    case TypeId::kBool:
      return CompareFixed<uint8_t>(a, b, n, cmp);
    case TypeId::kInt64:
    case TypeId::kTimestamp:
      return CompareFixed<int64_t>(a, b, n, cmp);
    case TypeId::kFloat64:
      return CompareFixed<double>(a, b, n, cmp);
    case TypeId::kDate:
      return CompareFixed<int32_t>(a, b, n, cmp);
    case TypeId::kString:
      return CompareStrings(a, b, n, cmp);
    case TypeId::kNull:
      break;
  }
  return Column::MakeNulls(TypeId::kBool, n);
}

}  // namespace

ColumnPtr CompareKernel(CompareOp op, const Vec& a, const Vec& b, int64_t n) {
  if (a.ScalarNull() || b.ScalarNull() || a.type() == TypeId::kNull) {
    return Column::MakeNulls(TypeId::kBool, n);
  }
  switch (op) {
    case CompareOp::kEq:
      return CompareTyped(a, b, n, [](auto x, auto y) { return x == y; });
    case CompareOp::kNe:
      return CompareTyped(a, b, n, [](auto x, auto y) { return x != y; });
    case CompareOp::kLt:
      return CompareTyped(a, b, n, [](auto x, auto y) { return x < y; });
    case CompareOp::kLe:
      return CompareTyped(a, b, n, [](auto x, auto y) { return x <= y; });
    case CompareOp::kGt:
      return CompareTyped(a, b, n, [](auto x, auto y) { return x > y; });
    case CompareOp::kGe:
      return CompareTyped(a, b, n, [](auto x, auto y) { return x >= y; });
  }
  return nullptr;
}

namespace {

// SQL three-valued AND/OR. NULL slots hold 0, so x and y read as false there; validity decides.
template <bool kAnd>
ColumnPtr Logic(const Vec& a, const Vec& b, int64_t n) {
  FixedBuilder<uint8_t> out(TypeId::kBool, n);
  uint8_t* o = out.data();
  std::vector<uint8_t> bits(BitmapBytes(n), 0);
  bool any_null = false;
  for (int64_t i = 0; i < n; ++i) {
    const bool va = a.Valid(i), vb = b.Valid(i);
    const bool x = va && a.Get<uint8_t>(i) != 0, y = vb && b.Get<uint8_t>(i) != 0;
    bool valid;
    if constexpr (kAnd) {
      o[i] = x && y;
      valid = (va && vb) || (va && !x) || (vb && !y);
    } else {
      o[i] = x || y;
      valid = (va && vb) || x || y;
    }
    if (valid) {
      SetBit(bits.data(), i);
    } else {
      any_null = true;
    }
  }
  if (any_null) out.SetValidity(std::move(bits));
  return out.Finish();
}

}  // namespace

ColumnPtr AndKernel(const Vec& a, const Vec& b, int64_t n) { return Logic<true>(a, b, n); }
ColumnPtr OrKernel(const Vec& a, const Vec& b, int64_t n) { return Logic<false>(a, b, n); }

ColumnPtr NotKernel(const Vec& a, int64_t n) {
  if (a.ScalarNull() || a.type() == TypeId::kNull) return Column::MakeNulls(TypeId::kBool, n);
  FixedBuilder<uint8_t> out(TypeId::kBool, n);
  uint8_t* o = out.data();
  if (a.scalar) {
    const uint8_t v = a.Get<uint8_t>(0) ? 0 : 1;
    for (int64_t i = 0; i < n; ++i) o[i] = v;
  } else {
    const uint8_t* x = a.Data<uint8_t>();
    for (int64_t i = 0; i < n; ++i) o[i] = x[i] ? 0 : 1;
  }
  out.SetValidity(CopyValidity(a, n));
  return out.Finish();
}

ColumnPtr IsNullKernel(const Vec& a, int64_t n, bool negated) {
  FixedBuilder<uint8_t> out(TypeId::kBool, n);
  uint8_t* o = out.data();
  for (int64_t i = 0; i < n; ++i) o[i] = a.Valid(i) == negated;
  return out.Finish();
}

}  // namespace xf
