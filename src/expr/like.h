// SQL LIKE matching: '%' matches any run of characters, '_' exactly one code point (so '_' matches
// one Chinese character), '\' escapes the next character. ILIKE folds ASCII letters only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/vec.h"

namespace xf {

class LikeMatcher {
 public:
  LikeMatcher(std::string_view pattern, bool case_insensitive);
  bool Matches(std::string_view s) const;

 private:
  enum class Shape { kExact, kPrefix, kSuffix, kContains, kAnything, kGeneral };
  struct Element {
    enum Kind { kLiteral, kOne, kAny } kind;
    std::string literal;
  };
  bool MatchGeneral(std::string_view s) const;

  bool case_insensitive_;
  Shape shape_ = Shape::kGeneral;
  std::string literal_;  // for the simple shapes
  std::vector<Element> elements_;
};

// x LIKE pattern over a batch; `matcher` is used when the pattern is constant, else each row's
// pattern is compiled (with a one-entry cache).
ColumnPtr LikeKernel(const Vec& x, const Vec& pattern, int64_t n, const LikeMatcher* matcher,
                     bool case_insensitive, bool negated);

}  // namespace xf
