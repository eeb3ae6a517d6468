// Column views and builders used by the vectorised kernels of the evaluator and the functions.
//
// A Vec is `n` consecutive rows of a column starting at `off`, or one value repeated (`scalar`,
// for literals), so that kernels read table columns in place without slicing them. Batch offsets
// are multiples of 8, so validity bytes of a Vec start on a byte boundary.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/bitmap.h"
#include "core/column.h"
#include "core/error.h"

namespace xf {

struct Vec {
  ColumnPtr col;
  int64_t off = 0;
  bool scalar = false;

  TypeId type() const { return col->type(); }
  int64_t Index(int64_t i) const { return scalar ? off : off + i; }
  bool Valid(int64_t i) const { return col->IsValid(Index(i)); }
  bool ScalarNull() const { return scalar && !col->IsValid(off); }
  template <typename T>
  T Get(int64_t i) const {
    return col->data<T>()[Index(i)];
  }
  std::string_view Str(int64_t i) const { return col->GetString(Index(i)); }
  // Fixed-width values of rows [0, n) of a non-scalar view.
  template <typename T>
  const T* Data() const {
    return col->data<T>() + off;
  }
  // Validity bytes of rows [0, n) of a non-scalar view; nullptr when every row is valid.
  const uint8_t* ValidityBytes() const {
    return col->validity() == nullptr ? nullptr : col->validity() + off / 8;
  }
};

// Reads row i as a C++ value: uint8_t (bool), int64_t, double, int32_t (date) or string_view.
template <typename T>
inline T Read(const Vec& v, int64_t i) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return v.Str(i);
  } else {
    return v.Get<T>(i);
  }
}

template <typename T>
class FixedBuilder {
 public:
  FixedBuilder(TypeId type, int64_t n) : col_(Column::Make(type)), n_(n) {
    col_->ResizeFixed(n);
    data_ = col_->mutable_data<T>();
  }
  T* data() { return data_; }
  void Put(int64_t i, T v) { data_[i] = v; }
  void Null(int64_t i) {
    if (bits_.empty()) bits_.assign(BitmapBytes(n_), 0xFF);
    ClearBit(bits_.data(), i);
  }
  // Takes a prepared validity bitmap (empty = all valid) instead of per-row Null() calls.
  void SetValidity(std::vector<uint8_t> bits) { bits_ = std::move(bits); }
  ColumnPtr Finish() {
    if (!bits_.empty()) col_->SetValidity(std::move(bits_));
    return col_;
  }

 private:
  ColumnPtr col_;
  int64_t n_;
  T* data_;
  std::vector<uint8_t> bits_;
};

// Strings are appended in row order: Put/Null must be called for rows 0, 1, 2, ...
class StringBuilder {
 public:
  StringBuilder(TypeId /*type*/, int64_t n, int64_t bytes_hint = 0)
      : col_(Column::Make(TypeId::kString)) {
    col_->Reserve(n, bytes_hint);
  }
  void Put(int64_t /*i*/, std::string_view s) { col_->AppendString(s); }
  void Null(int64_t /*i*/) { col_->AppendNull(); }
  ColumnPtr Finish() { return col_; }

 private:
  ColumnPtr col_;
};

template <typename R>
using BuilderFor =
    std::conditional_t<std::is_same_v<R, std::string> || std::is_same_v<R, std::string_view>,
                       StringBuilder, FixedBuilder<R>>;

// Row-wise kernels over whole columns with typed access. f(args..., R* out) returns false for a
// NULL result; NULL inputs give NULL without calling f.
template <typename R, typename A, typename F>
ColumnPtr Map1(TypeId rt, const Vec& a, int64_t n, F&& f) {
  BuilderFor<R> out(rt, n);
  R r{};
  for (int64_t i = 0; i < n; ++i) {
    if (a.Valid(i) && f(Read<A>(a, i), &r)) {
      out.Put(i, r);
    } else {
      out.Null(i);
    }
  }
  return out.Finish();
}

// Like Map1, but f also receives the row index (for errors naming the row): f(i, a, R* out).
template <typename R, typename A, typename F>
ColumnPtr Map1Indexed(TypeId rt, const Vec& a, int64_t n, F&& f) {
  BuilderFor<R> out(rt, n);
  R r{};
  for (int64_t i = 0; i < n; ++i) {
    if (a.Valid(i) && f(i, Read<A>(a, i), &r)) {
      out.Put(i, r);
    } else {
      out.Null(i);
    }
  }
  return out.Finish();
}

template <typename R, typename A, typename B, typename F>
ColumnPtr Map2(TypeId rt, const Vec& a, const Vec& b, int64_t n, F&& f) {
  BuilderFor<R> out(rt, n);
  R r{};
  for (int64_t i = 0; i < n; ++i) {
    if (a.Valid(i) && b.Valid(i) && f(Read<A>(a, i), Read<B>(b, i), &r)) {
      out.Put(i, r);
    } else {
      out.Null(i);
    }
  }
  return out.Finish();
}

// Like Map3, but f also receives the row index (for errors naming the row):
// f(i, a, b, c, R* out).
template <typename R, typename A, typename B, typename C, typename F>
ColumnPtr Map3Indexed(TypeId rt, const Vec& a, const Vec& b, const Vec& c, int64_t n, F&& f) {
  BuilderFor<R> out(rt, n);
  R r{};
  for (int64_t i = 0; i < n; ++i) {
    if (a.Valid(i) && b.Valid(i) && c.Valid(i) &&
        f(i, Read<A>(a, i), Read<B>(b, i), Read<C>(c, i), &r)) {
      out.Put(i, r);
    } else {
      out.Null(i);
    }
  }
  return out.Finish();
}

template <typename R, typename A, typename B, typename C, typename F>
ColumnPtr Map3(TypeId rt, const Vec& a, const Vec& b, const Vec& c, int64_t n, F&& f) {
  return Map3Indexed<R, A, B, C>(rt, a, b, c, n,
                                 [&f](int64_t, A x, B y, C z, R* r) { return f(x, y, z, r); });
}

// Validity of rows [0, n) that are valid in both views; empty when all are valid. Scalar views
// must be valid (callers handle NULL scalars before).
std::vector<uint8_t> AndValidity(const Vec& a, const Vec& b, int64_t n);
std::vector<uint8_t> CopyValidity(const Vec& a, int64_t n);

}  // namespace xf
