#include "expr/vec.h"

#include <cstring>

namespace xf {

std::vector<uint8_t> CopyValidity(const Vec& a, int64_t n) {
  if (a.scalar) return {};
  const uint8_t* v = a.ValidityBytes();
  if (v == nullptr) return {};
  return std::vector<uint8_t>(v, v + BitmapBytes(n));
}

std::vector<uint8_t> AndValidity(const Vec& a, const Vec& b, int64_t n) {
  const uint8_t* va = a.scalar ? nullptr : a.ValidityBytes();
  const uint8_t* vb = b.scalar ? nullptr : b.ValidityBytes();
  if (va == nullptr && vb == nullptr) return {};
  if (va == nullptr) return std::vector<uint8_t>(vb, vb + BitmapBytes(n));
  if (vb == nullptr) return std::vector<uint8_t>(va, va + BitmapBytes(n));
  std::vector<uint8_t> out(BitmapBytes(n));
  for (size_t k = 0; k < out.size(); ++k) out[k] = va[k] & vb[k];
  return out;
}

}  // namespace xf
