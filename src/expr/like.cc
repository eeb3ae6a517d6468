#include "expr/like.h"

#include <memory>

namespace xf {
namespace {

size_t CodePointLength(unsigned char lead) {
  return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

LikeMatcher::LikeMatcher(std::string_view raw, bool case_insensitive)
    : case_insensitive_(case_insensitive) {
  const std::string pattern = case_insensitive ? LowerAscii(raw) : std::string(raw);
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '%') {
      // Consecutive '%' are one.
      if (elements_.empty() || elements_.back().kind != Element::kAny) {
        elements_.push_back({Element::kAny, ""});
      }
      continue;
    }
    if (c == '_') {
      elements_.push_back({Element::kOne, ""});
      continue;
    }
    size_t len = 1;
    size_t at = i;
    if (c == '\\' && i + 1 < pattern.size()) at = ++i;
    len = std::min(CodePointLength(static_cast<unsigned char>(pattern[at])), pattern.size() - at);
    if (elements_.empty() || elements_.back().kind != Element::kLiteral) {
      elements_.push_back({Element::kLiteral, ""});
    }
    elements_.back().literal.append(pattern, at, len);
    i = at + len - 1;
  }
  auto kind = [&](size_t k) { return elements_[k].kind; };
  const size_t m = elements_.size();
  if (m == 0) {
    shape_ = Shape::kExact;
  } else if (m == 1 && kind(0) == Element::kLiteral) {
    shape_ = Shape::kExact;
    literal_ = elements_[0].literal;
  } else if (m == 1 && kind(0) == Element::kAny) {
    shape_ = Shape::kAnything;
  } else if (m == 2 && kind(0) == Element::kLiteral && kind(1) == Element::kAny) {
    shape_ = Shape::kPrefix;
    literal_ = elements_[0].literal;
  } else if (m == 2 && kind(0) == Element::kAny && kind(1) == Element::kLiteral) {
    shape_ = Shape::kSuffix;
    literal_ = elements_[1].literal;
  } else if (m == 3 && kind(0) == Element::kAny && kind(1) == Element::kLiteral &&
             kind(2) == Element::kAny) {
    shape_ = Shape::kContains;
    literal_ = elements_[1].literal;
  }
}

bool LikeMatcher::Matches(std::string_view input) const {
  std::string folded;
  std::string_view s = input;
  if (case_insensitive_) {
    folded = LowerAscii(input);
    s = folded;
  }
  switch (shape_) {
    case Shape::kExact:
      return s == literal_;
    case Shape::kAnything:
      return true;
    case Shape::kPrefix:
      return s.substr(0, literal_.size()) == literal_;
    case Shape::kSuffix:
      return s.size() >= literal_.size() && s.substr(s.size() - literal_.size()) == literal_;
    case Shape::kContains:
      return s.find(literal_) != std::string_view::npos;
    case Shape::kGeneral:
      return MatchGeneral(s);
  }
  return false;
}

// Greedy matching that backtracks only to the last '%': O(len(s) * len(pattern)) at worst, never
// exponential. Positions always stay on code point boundaries.
bool LikeMatcher::MatchGeneral(std::string_view s) const {
  const size_t npos = static_cast<size_t>(-1);
  size_t si = 0, pi = 0, star_p = npos, star_s = 0;
  auto step = [&](size_t at) {
    return std::min(CodePointLength(static_cast<unsigned char>(s[at])), s.size() - at);
  };
  while (si < s.size()) {
    if (pi < elements_.size()) {
      const Element& e = elements_[pi];
      if (e.kind == Element::kOne) {
        si += step(si);
        ++pi;
        continue;
      }
      if (e.kind == Element::kAny) {
        star_p = pi++;
        star_s = si;
        continue;
      }
      if (s.compare(si, e.literal.size(), e.literal) == 0) {
        si += e.literal.size();
        ++pi;
        continue;
      }
    }
    if (star_p == npos) return false;
    pi = star_p + 1;
    star_s += step(star_s);
    si = star_s;
  }
  while (pi < elements_.size() && elements_[pi].kind == Element::kAny) ++pi;
  return pi == elements_.size();
}

ColumnPtr LikeKernel(const Vec& x, const Vec& pattern, int64_t n, const LikeMatcher* matcher,
                     bool case_insensitive, bool negated) {
  FixedBuilder<uint8_t> out(TypeId::kBool, n);
  uint8_t* o = out.data();
  if (matcher != nullptr && !x.scalar) {
    for (int64_t i = 0; i < n; ++i) o[i] = matcher->Matches(x.Str(i)) != negated;
    out.SetValidity(CopyValidity(x, n));
    return out.Finish();
  }
  std::unique_ptr<LikeMatcher> cached;
  std::string cached_pattern;
  for (int64_t i = 0; i < n; ++i) {
    if (!x.Valid(i) || !pattern.Valid(i)) {
      out.Null(i);
      continue;
    }
    if (matcher != nullptr) {
      o[i] = matcher->Matches(x.Str(i)) != negated;
      continue;
    }
    const std::string_view p = pattern.Str(i);
    if (!cached || p != cached_pattern) {
      cached = std::make_unique<LikeMatcher>(p, case_insensitive);
      cached_pattern = std::string(p);
    }
    o[i] = cached->Matches(x.Str(i)) != negated;
  }
  return out.Finish();
}

}  // namespace xf
