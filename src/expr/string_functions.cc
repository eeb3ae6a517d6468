// String functions. Lengths and positions count code points, not bytes: length('电量') = 2,
// substr('电量数据', 2, 2) = '量数'. lower/upper change ASCII letters only. Regular expressions
// use RE2 syntax; a constant pattern is compiled once at bind time (a bad one is a spec error).
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <limits>
#include <memory>

#include "core/strings.h"
#include "expr/coerce.h"
#include "expr/evaluator.h"
#include "expr/functions.h"

namespace xf {
namespace {

using Args = std::vector<Vec>;
using SV = std::string_view;
constexpr TypeId kS = TypeId::kString;
constexpr TypeId kI = TypeId::kInt64;
constexpr TypeId kB = TypeId::kBool;

FunctionDef Def(std::string name, int min, int max, std::string sig, FunctionBinder bind) {
  return FunctionDef{std::move(name), min, max, std::move(sig), std::move(bind)};
}

FunctionBinder Overloads(std::vector<Overload> o) {
  return [o = std::move(o)](FunctionCall& call) { return BindOverloads(call, o); };
}

ColumnPtr Length(const Args& a, int64_t n, const KernelContext&) {
  return Map1<int64_t, SV>(kI, a[0], n, [](SV s, int64_t* r) {
    *r = Utf8Length(s);
    return true;
  });
}

template <bool kUpper>
ColumnPtr ChangeCase(const Args& a, int64_t n, const KernelContext&) {
  return Map1<std::string, SV>(kS, a[0], n, [](SV s, std::string* r) {
    r->assign(s);
    for (char& c : *r) {
      if (kUpper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (!kUpper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return true;
  });
}

// Spaces trimmed: ASCII whitespace and the ideographic space U+3000 common in Chinese text.
size_t SpaceAt(SV s, size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
  if (s.substr(i, 3) == "\xE3\x80\x80") return 3;
  return 0;
}
size_t SpaceBefore(SV s, size_t e) {
  const char c = s[e - 1];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
  if (e >= 3 && s.substr(e - 3, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

template <bool kLeft, bool kRight>
ColumnPtr Trim(const Args& a, int64_t n, const KernelContext&) {
  return Map1<SV, SV>(kS, a[0], n, [](SV s, SV* r) {
    size_t b = 0, e = s.size();
    if (kLeft) {
      while (b < e) {
        const size_t k = SpaceAt(s, b);
        if (k == 0) break;
        b += k;
      }
    }
    if (kRight) {
      while (e > b) {
        const size_t k = SpaceBefore(s, e);
        if (k == 0) break;
        e -= k;
      }
    }
    *r = s.substr(b, e - b);
    return true;
  });
}

// Code points [from, to) of s, 0-based, clamped.
SV CodePoints(SV s, int64_t from, int64_t to) {
  from = std::max<int64_t>(from, 0);
  if (to <= from) return SV();
  const size_t b = Utf8Offset(s, from);
  const size_t e = Utf8Offset(s, to);
  return s.substr(b, e - b);
}

// PostgreSQL semantics: characters at 1-based positions [start, start + len), so substr('abc',
// 0, 2) = 'a'.
ColumnPtr Substr2(const Args& a, int64_t n, const KernelContext&) {
  return Map2<SV, SV, int64_t>(kS, a[0], a[1], n, [](SV s, int64_t start, SV* r) {
    *r = CodePoints(s, start <= 1 ? 0 : start - 1, std::numeric_limits<int64_t>::max());
    return true;
  });
}

ColumnPtr Substr3(const Args& a, int64_t n, const KernelContext& ctx) {
  return Map3Indexed<SV, SV, int64_t, int64_t>(
      kS, a[0], a[1], a[2], n, [&ctx](int64_t i, SV s, int64_t start, int64_t len, SV* r) {
        if (len < 0) ctx.FailRow(i, fmt::format("substr: negative length {}", len));
        int64_t begin = 0, end = 0;
        if (__builtin_sub_overflow(start, 1, &begin)) begin = std::numeric_limits<int64_t>::min();
        if (__builtin_add_overflow(begin, len, &end)) end = std::numeric_limits<int64_t>::max();
        *r = CodePoints(s, begin, end);
        return true;
      });
}

template <bool kLeftSide>
ColumnPtr LeftRight(const Args& a, int64_t n, const KernelContext&) {
  return Map2<SV, SV, int64_t>(kS, a[0], a[1], n, [](SV s, int64_t k, SV* r) {
    const int64_t len = Utf8Length(s);
    // A negative count means "all but |k|" (PostgreSQL).
    const int64_t keep = k >= 0 ? std::min(k, len) : std::max<int64_t>(0, len + std::max(k, -len));
    *r = kLeftSide ? CodePoints(s, 0, keep) : CodePoints(s, len - keep, len);
    return true;
  });
}

ColumnPtr Replace(const Args& a, int64_t n, const KernelContext&) {
  BuilderFor<std::string> out(kS, n);
  std::string r;
  for (int64_t i = 0; i < n; ++i) {
    if (!a[0].Valid(i) || !a[1].Valid(i) || !a[2].Valid(i)) {
      out.Null(i);
      continue;
    }
    const SV s = a[0].Str(i), from = a[1].Str(i), to = a[2].Str(i);
    if (from.empty()) {
      out.Put(i, s);
      continue;
    }
    r.clear();
    size_t at = 0;
    while (true) {
      const size_t hit = s.find(from, at);
      if (hit == SV::npos) break;
      r.append(s, at, hit - at);
      r.append(to);
      at = hit + from.size();
    }
    r.append(s, at, SV::npos);
    out.Put(i, r);
  }
  return out.Finish();
}

// The || operator: NULL if either side is NULL. concat(): NULL arguments are skipped.
ColumnPtr ConcatOperator(const Args& a, int64_t n, const KernelContext&) {
  return Map2<std::string, SV, SV>(kS, a[0], a[1], n, [](SV x, SV y, std::string* r) {
    r->assign(x);
    r->append(y);
    return true;
  });
}

ColumnPtr Concat(const Args& a, int64_t n, const KernelContext&) {
  BuilderFor<std::string> out(kS, n);
  std::string r;
  for (int64_t i = 0; i < n; ++i) {
    r.clear();
    for (const Vec& v : a) {
      if (v.type() != TypeId::kNull && v.Valid(i)) r.append(v.Str(i));
    }
    out.Put(i, r);
  }
  return out.Finish();
}

template <int kWhich>  // 0 starts_with, 1 ends_with, 2 contains
ColumnPtr Affix(const Args& a, int64_t n, const KernelContext&) {
  return Map2<uint8_t, SV, SV>(kB, a[0], a[1], n, [](SV s, SV p, uint8_t* r) {
    if (kWhich == 0) *r = s.substr(0, p.size()) == p;
    if (kWhich == 1) *r = s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
    if (kWhich == 2) *r = s.find(p) != SV::npos;
    return true;
  });
}

// --- regular expressions ---

struct RegexState {
  std::unique_ptr<RE2> re;  // null when the pattern is not constant
  int group = 0;
  std::string rewrite;
};

RE2::Options RegexOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  return o;
}

// Compiles per row for non-constant patterns, reusing the last compiled one.
class RowRegex {
 public:
  RowRegex(const RegexState& st, const Vec& pattern, const KernelContext& ctx)
      : st_(st), pattern_(pattern), ctx_(ctx) {}
  const RE2& For(int64_t i) {
    if (st_.re) return *st_.re;
    const SV p = pattern_.Str(i);
    if (!cached_ || p != cached_->pattern()) {
      cached_ = std::make_unique<RE2>(p, RegexOptions());
      if (!cached_->ok()) {
        ctx_.FailRow(i, fmt::format("invalid regular expression '{}': {}", p, cached_->error()));
      }
    }
    return *cached_;
  }

 private:
  const RegexState& st_;
  const Vec& pattern_;
  const KernelContext& ctx_;
  std::unique_ptr<RE2> cached_;
};

ColumnPtr RegexpMatches(const Args& a, int64_t n, const KernelContext& ctx) {
  RowRegex rx(ctx.state<RegexState>(), a[1], ctx);
  FixedBuilder<uint8_t> out(kB, n);
  for (int64_t i = 0; i < n; ++i) {
    if (!a[0].Valid(i) || !a[1].Valid(i)) {
      out.Null(i);
      continue;
    }
    const SV s = a[0].Str(i);
    out.Put(i, RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), rx.For(i)));
  }
  return out.Finish();
}

ColumnPtr RegexpReplace(const Args& a, int64_t n, const KernelContext& ctx) {
  const auto& st = ctx.state<RegexState>();
  RowRegex rx(st, a[1], ctx);
  BuilderFor<std::string> out(kS, n);
  std::string r;
  for (int64_t i = 0; i < n; ++i) {
    if (!a[0].Valid(i) || !a[1].Valid(i)) {
      out.Null(i);
      continue;
    }
    r.assign(a[0].Str(i));
    RE2::GlobalReplace(&r, rx.For(i), st.rewrite);
    out.Put(i, r);
  }
  return out.Finish();
}

ColumnPtr RegexpExtract(const Args& a, int64_t n, const KernelContext& ctx) {
  const auto& st = ctx.state<RegexState>();
  RowRegex rx(st, a[1], ctx);
  BuilderFor<SV> out(kS, n);
  std::vector<re2::StringPiece> groups;
  for (int64_t i = 0; i < n; ++i) {
    if (!a[0].Valid(i) || !a[1].Valid(i)) {
      out.Null(i);
      continue;
    }
    const RE2& re = rx.For(i);
    if (st.group > re.NumberOfCapturingGroups()) {
      ctx.FailRow(i, fmt::format("regexp_extract: the pattern has no group {}", st.group));
    }
    const SV s = a[0].Str(i);
    groups.assign(static_cast<size_t>(st.group) + 1, re2::StringPiece());
    const re2::StringPiece text(s.data(), s.size());
    if (re.Match(text, 0, text.size(), RE2::UNANCHORED, groups.data(), st.group + 1) &&
        groups[static_cast<size_t>(st.group)].data() != nullptr) {
      const auto& g = groups[static_cast<size_t>(st.group)];
      out.Put(i, SV(g.data(), g.size()));
    } else {
      out.Null(i);  // no match: NULL, so that "no value" is not confused with an empty match
    }
  }
  return out.Finish();
}

BoundFunction BindRegex(FunctionCall& call, Kernel kernel, TypeId result) {
  std::vector<TypeId> params(call.size(), kS);
  if (call.name() == "regexp_extract" && call.size() == 3) params[2] = kI;
  BoundFunction f = BindOverloads(call, {{params, result, kernel}});
  auto st = std::make_shared<RegexState>();
  if (call.IsConstant(1) && !call.Constant(1).is_null()) {
    st->re = std::make_unique<RE2>(call.Constant(1).string_value(), RegexOptions());
    if (!st->re->ok()) {
      call.Fail(1, fmt::format("{}: invalid regular expression: {}", call.name(), st->re->error()));
    }
  } else {
    f.can_raise = true;
  }
  if (call.name() == "regexp_extract" && call.size() == 3) {
    if (!call.IsConstant(2) || call.Constant(2).is_null()) {
      call.Fail(2, "regexp_extract: the group must be a constant integer");
    }
    const int64_t g = call.Constant(2).int_value();
    const int groups = st->re ? st->re->NumberOfCapturingGroups() : 1 << 20;
    if (g < 0 || g > groups) {
      call.Fail(2, fmt::format("regexp_extract: group {} does not exist (the pattern has {})", g,
                               groups));
    }
    st->group = static_cast<int>(g);
  }
  if (call.name() == "regexp_replace") {
    st->rewrite = call.ConstantString(2, "the replacement");
    std::string err;
    if (st->re && !st->re->CheckRewriteString(st->rewrite, &err)) {
      call.Fail(2, "regexp_replace: invalid replacement: " + err);
    }
    if (!st->re) {
      // Without a pattern we cannot check \N references; refuse any, rather than fail per row.
      for (size_t k = 0; k + 1 < st->rewrite.size(); ++k) {
        if (st->rewrite[k] == '\\' && st->rewrite[k + 1] != '\\') {
          call.Fail(2, "regexp_replace: group references need a constant pattern");
        }
        if (st->rewrite[k] == '\\') ++k;
      }
    }
  }
  f.state = st;
  return f;
}

}  // namespace

void RegisterStringFunctions(std::vector<FunctionDef>* r) {
  r->push_back(Def("length", 1, 1, "length(s)", Overloads({{{kS}, kI, Length}})));
  r->push_back(Def("char_length", 1, 1, "char_length(s)", Overloads({{{kS}, kI, Length}})));
  r->push_back(Def("lower", 1, 1, "lower(s)", Overloads({{{kS}, kS, ChangeCase<false>}})));
  r->push_back(Def("upper", 1, 1, "upper(s)", Overloads({{{kS}, kS, ChangeCase<true>}})));
  r->push_back(Def("trim", 1, 1, "trim(s)", Overloads({{{kS}, kS, Trim<true, true>}})));
  r->push_back(Def("ltrim", 1, 1, "ltrim(s)", Overloads({{{kS}, kS, Trim<true, false>}})));
  r->push_back(Def("rtrim", 1, 1, "rtrim(s)", Overloads({{{kS}, kS, Trim<false, true>}})));
  for (const char* name : {"substr", "substring"}) {
    r->push_back(
        Def(name, 2, 3, std::string(name) + "(s, start[, length])", [](FunctionCall& call) {
          BoundFunction f =
              BindOverloads(call, {{{kS, kI}, kS, Substr2}, {{kS, kI, kI}, kS, Substr3}});
          f.can_raise = call.size() == 3;
          return f;
        }));
  }
  r->push_back(Def("left", 2, 2, "left(s, n)", Overloads({{{kS, kI}, kS, LeftRight<true>}})));
  r->push_back(Def("right", 2, 2, "right(s, n)", Overloads({{{kS, kI}, kS, LeftRight<false>}})));
  r->push_back(
      Def("replace", 3, 3, "replace(s, from, to)", Overloads({{{kS, kS, kS}, kS, Replace}})));
  r->push_back(
      Def("starts_with", 2, 2, "starts_with(s, prefix)", Overloads({{{kS, kS}, kB, Affix<0>}})));
  r->push_back(
      Def("ends_with", 2, 2, "ends_with(s, suffix)", Overloads({{{kS, kS}, kB, Affix<1>}})));
  r->push_back(Def("contains", 2, 2, "contains(s, part)", Overloads({{{kS, kS}, kB, Affix<2>}})));
  r->push_back(Def("concat", 1, -1, "concat(x, ...)", [](FunctionCall& call) {
    for (auto& a : call.args()) a = CastTo(a, kS, false, call.text());
    return BoundFunction{kS, Concat, nullptr, false};
  }));
  // The || operator, bound by the binder (not callable by name: the lexer never makes "||" a name).
  r->push_back(Def("||", 2, 2, "a || b", [](FunctionCall& call) {
    for (auto& a : call.args()) a = CastTo(a, kS, false, call.text());
    return BoundFunction{kS, ConcatOperator, nullptr, false};
  }));
  r->push_back(Def("regexp_matches", 2, 2, "regexp_matches(s, pattern)",
                   [](FunctionCall& c) { return BindRegex(c, RegexpMatches, kB); }));
  r->push_back(Def("regexp_replace", 3, 3, "regexp_replace(s, pattern, replacement)",
                   [](FunctionCall& c) { return BindRegex(c, RegexpReplace, kS); }));
  r->push_back(Def("regexp_extract", 2, 3, "regexp_extract(s, pattern[, group])",
                   [](FunctionCall& c) { return BindRegex(c, RegexpExtract, kS); }));
}

}  // namespace xf
