// x IN (constant, ...): a hash set of the list, built once at bind time.
//
// SQL semantics: true when x equals an element; otherwise NULL when x is NULL or the list holds a
// NULL; otherwise false. NOT IN negates the non-NULL results.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "expr/vec.h"

namespace xf {

class InSet {
 public:
  // Every value must be NULL or of `type` (the binder coerces the list first).
  InSet(TypeId type, const std::vector<Value>& values);
  ColumnPtr Evaluate(const Vec& x, int64_t n, bool negated) const;

 private:
  TypeId type_;
  bool has_null_ = false;
  std::unordered_set<int64_t> ints_;  // bool, int64, date, timestamp
  std::unordered_set<double> doubles_;
  std::vector<std::string> storage_;
  std::unordered_set<std::string_view> strings_;
};

}  // namespace xf
