// China's statutory-holiday calendar in expressions: day_type(x) and is_workday(x).
//
// Scenarios forecast per day type (workday / weekend / holiday, with make-up workdays counted as
// workdays), so the classification must be available where the data is: in `derive:` and
// `where:` text. Timestamps are classified by their Asia/Shanghai calendar day.
#include <string_view>

#include "core/calendar_cn.h"
#include "core/time.h"
#include "expr/cast.h"
#include "expr/evaluator.h"
#include "expr/functions.h"

namespace xf {
namespace {

using Args = std::vector<Vec>;
constexpr TypeId kD = TypeId::kDate;
constexpr TypeId kT = TypeId::kTimestamp;
constexpr int64_t kMaxMicros = kMaxCivilDays * kMicrosPerDay;

bool DayInRange(int64_t d) { return d >= -kMaxCivilDays && d <= kMaxCivilDays; }

// Calls f(day) for every valid, in-range row of a date or timestamp argument.
template <typename R, typename F>
ColumnPtr MapDay(TypeId rt, const Vec& a, int64_t n, F&& f) {
  if (a.type() == kD) {
    return Map1<R, int32_t>(rt, a, n, [&](int32_t d, R* r) {
      if (!DayInRange(d)) return false;
      *r = f(d);
      return true;
    });
  }
  return Map1<R, int64_t>(rt, a, n, [&](int64_t t, R* r) {
    if (t < -kMaxMicros || t > kMaxMicros) return false;
    *r = f(TimestampToDate(t));
    return true;
  });
}

ColumnPtr DayTypeKernel(const Args& a, int64_t n, const KernelContext&) {
  return MapDay<std::string_view>(TypeId::kString, a[0], n, [](int32_t d) {
    return std::string_view(DayTypeName(ChinaDayType(d)));
  });
}

ColumnPtr IsWorkdayKernel(const Args& a, int64_t n, const KernelContext&) {
  return MapDay<uint8_t>(TypeId::kBool, a[0], n, [](int32_t d) {
    return static_cast<uint8_t>(ChinaDayType(d) == DayType::kWorkday);
  });
}

}  // namespace

void RegisterCalendarFunctions(std::vector<FunctionDef>* r) {
  r->push_back(FunctionDef{"day_type", 1, 1, "day_type(x)", [](FunctionCall& call) {
                             return BindOverloads(call, {{{kD}, TypeId::kString, DayTypeKernel},
                                                         {{kT}, TypeId::kString, DayTypeKernel}});
                           }});
  r->push_back(FunctionDef{"is_workday", 1, 1, "is_workday(x)", [](FunctionCall& call) {
                             return BindOverloads(call, {{{kD}, TypeId::kBool, IsWorkdayKernel},
                                                         {{kT}, TypeId::kBool, IsWorkdayKernel}});
                           }});
}

}  // namespace xf
