// Chinese identifier functions (is_resident_id, is_mobile_cn, region_name, parse_date_cn …) and
// the unkeyed masks (mask_partial, mask_null, age_band, birth_year, region_truncate). Identifier
// arguments may be strings or integers: region codes and phone numbers often load as int64.
// Keyed masking (hashes, tokens) is not an expression function: it needs the run's key ring and is
// applied by the `mask` step and the step-level `mask:` option.
#include <fmt/format.h>

#include "core/cn_ids.h"
#include "core/mask_text.h"
#include "core/region_cn.h"
#include "core/time.h"
#include "expr/evaluator.h"
#include "expr/functions.h"

namespace xf {
namespace {

using Args = std::vector<Vec>;
using SV = std::string_view;
constexpr TypeId kS = TypeId::kString;
constexpr TypeId kI = TypeId::kInt64;
constexpr TypeId kF = TypeId::kFloat64;
constexpr TypeId kB = TypeId::kBool;
constexpr TypeId kD = TypeId::kDate;

// Row i of a string or int64 view as text; integers are formatted into `buf`.
class TextOf {
 public:
  explicit TextOf(const Vec& v) : v_(v), is_int_(v.type() == kI) {}
  SV operator()(int64_t i) {
    if (!is_int_) return v_.Str(i);
    const auto r = fmt::format_to_n(buf_, sizeof(buf_), "{}", v_.Get<int64_t>(i));
    return SV(buf_, r.size);
  }

 private:
  const Vec& v_;
  bool is_int_;
  char buf_[24];
};

FunctionDef Def(std::string name, int min, int max, std::string sig, FunctionBinder bind) {
  return FunctionDef{std::move(name), min, max, std::move(sig), std::move(bind)};
}

FunctionBinder Overloads(std::vector<Overload> o) {
  return [o = std::move(o)](FunctionCall& call) { return BindOverloads(call, o); };
}

template <bool (*kValid)(SV)>
ColumnPtr IsKernel(const Args& a, int64_t n, const KernelContext&) {
  FixedBuilder<uint8_t> out(kB, n);
  TextOf text(a[0]);
  for (int64_t i = 0; i < n; ++i) {
    if (a[0].Valid(i)) {
      out.Put(i, kValid(text(i)) ? 1 : 0);
    } else {
      out.Null(i);
    }
  }
  return out.Finish();
}

// A string result per row, NULL when f returns false.
template <typename F>
ColumnPtr TextMap(const Vec& a, int64_t n, F&& f) {
  StringBuilder out(kS, n);
  TextOf text(a);
  std::string r;
  for (int64_t i = 0; i < n; ++i) {
    if (a.Valid(i) && f(i, text(i), &r)) {
      out.Put(i, r);
    } else {
      out.Null(i);
    }
  }
  return out.Finish();
}

ColumnPtr RegionName(const Args& a, int64_t n, const KernelContext&) {
  return TextMap(a[0], n, [](int64_t, SV code, std::string* r) {
    *r = RegionFullName(code);
    return !r->empty();
  });
}

ColumnPtr RegionProvince(const Args& a, int64_t n, const KernelContext&) {
  return TextMap(a[0], n, [](int64_t, SV code, std::string* r) {
    if (FindRegion(code) == nullptr) return false;
    const Region* p = FindRegion(RegionTruncate(code, RegionLevel::kProvince));
    if (p == nullptr) return false;
    r->assign(p->name);
    return true;
  });
}

ColumnPtr RegionTruncateKernel(const Args& a, int64_t n, const KernelContext& ctx) {
  const RegionLevel level = ctx.state<RegionLevel>();
  return TextMap(a[0], n, [level](int64_t, SV code, std::string* r) {
    *r = RegionTruncate(code, level);
    return !r->empty();
  });
}

BoundFunction BindRegionTruncate(FunctionCall& call) {
  BoundFunction f = BindOverloads(
      call, {{{kS, kS}, kS, RegionTruncateKernel}, {{kI, kS}, kS, RegionTruncateKernel}});
  const std::string level = call.ConstantString(1, "the level");
  auto st = std::make_shared<RegionLevel>();
  if (!ParseRegionLevel(level, st.get())) {
    call.Fail(1, fmt::format("region_truncate: level must be 'province', 'city' or 'county', not "
                             "'{}'",
                             level));
  }
  f.state = st;
  return f;
}

ColumnPtr ParseDateCnKernel(const Args& a, int64_t n, const KernelContext&) {
  FixedBuilder<int32_t> out(kD, n);
  TextOf text(a[0]);
  for (int64_t i = 0; i < n; ++i) {
    int32_t d;
    if (a[0].Valid(i) && ParseDateCn(text(i), &d)) {
      out.Put(i, d);
    } else {
      out.Null(i);
    }
  }
  return out.Finish();
}

ColumnPtr BirthYear(const Args& a, int64_t n, const KernelContext&) {
  return Map1<int64_t, SV>(kI, a[0], n, [](SV id, int64_t* r) {
    int32_t d;
    if (!IsValidResidentId(id) || !ResidentIdBirthDate(id, &d)) return false;
    *r = CivilFromDays(d).year;
    return true;
  });
}

ColumnPtr MaskPartialKernel(const Args& a, int64_t n, const KernelContext&) {
  const Vec* mask = a.size() > 3 ? &a[3] : nullptr;
  StringBuilder out(kS, n);
  TextOf text(a[0]);
  for (int64_t i = 0; i < n; ++i) {
    if (!a[0].Valid(i) || !a[1].Valid(i) || !a[2].Valid(i) || (mask && !mask->Valid(i))) {
      out.Null(i);
      continue;
    }
    out.Put(i, MaskPartial(text(i), a[1].Get<int64_t>(i), a[2].Get<int64_t>(i),
                           mask ? mask->Str(i) : SV("*")));
  }
  return out.Finish();
}

ColumnPtr MaskNullKernel(const Args&, int64_t n, const KernelContext& ctx) {
  return Column::MakeNulls(ctx.node->type, n);
}

ColumnPtr AgeBandKernel(const Args& a, int64_t n, const KernelContext&) {
  return Map2<std::string, double, int64_t>(
      kS, a[0], a[1], n, [](double age, int64_t w, std::string* r) { return AgeBand(age, w, r); });
}

}  // namespace

void RegisterCnFunctions(std::vector<FunctionDef>* r) {
  const auto is = [r](const char* name, Kernel k) {
    r->push_back(
        Def(name, 1, 1, std::string(name) + "(x)", Overloads({{{kS}, kB, k}, {{kI}, kB, k}})));
  };
  is("is_resident_id", IsKernel<IsValidResidentId>);
  is("is_uscc", IsKernel<IsValidCreditCode>);
  is("is_mobile_cn", IsKernel<IsValidMobileCn>);
  is("is_bank_card", IsKernel<IsValidBankCard>);
  is("is_plate_cn", IsKernel<IsValidPlateCn>);
  is("is_region_code", IsKernel<IsValidRegionCode>);
  is("is_date_cn", IsKernel<IsValidDateCn>);
  r->push_back(Def("region_name", 1, 1, "region_name(code)",
                   Overloads({{{kS}, kS, RegionName}, {{kI}, kS, RegionName}})));
  r->push_back(Def("region_province", 1, 1, "region_province(code)",
                   Overloads({{{kS}, kS, RegionProvince}, {{kI}, kS, RegionProvince}})));
  r->push_back(Def("region_truncate", 2, 2, "region_truncate(code, level)", BindRegionTruncate));
  r->push_back(Def("parse_date_cn", 1, 1, "parse_date_cn(x)",
                   Overloads({{{kS}, kD, ParseDateCnKernel}, {{kI}, kD, ParseDateCnKernel}})));
  r->push_back(
      Def("birth_year", 1, 1, "birth_year(resident_id)", Overloads({{{kS}, kI, BirthYear}})));
  r->push_back(Def("mask_partial", 3, 4, "mask_partial(x, keep_left, keep_right[, mask_char])",
                   Overloads({{{kS, kI, kI}, kS, MaskPartialKernel},
                              {{kI, kI, kI}, kS, MaskPartialKernel},
                              {{kS, kI, kI, kS}, kS, MaskPartialKernel},
                              {{kI, kI, kI, kS}, kS, MaskPartialKernel}})));
  r->push_back(Def("mask_null", 1, 1, "mask_null(x)", [](FunctionCall& call) {
    return BoundFunction{call.type(0), MaskNullKernel};
  }));
  r->push_back(
      Def("age_band", 2, 2, "age_band(age, width)", Overloads({{{kF, kI}, kS, AgeBandKernel}})));
}

}  // namespace xf
