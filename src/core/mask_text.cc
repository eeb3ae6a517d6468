#include "core/mask_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/strings.h"
#include "core/time.h"

namespace xf {

std::string MaskPartial(std::string_view s, int64_t keep_left, int64_t keep_right,
                        std::string_view mask) {
  const int64_t len = Utf8Length(s);
  int64_t left = std::max<int64_t>(keep_left, 0);
  int64_t right = std::max<int64_t>(keep_right, 0);
  if (len == 0) return {};
  while (left + right >= len && right > 0) --right;
  while (left + right >= len && left > 0) --left;
  const size_t b = Utf8Offset(s, left);
  const size_t e = Utf8Offset(s, len - right);
  std::string out(s.substr(0, b));
  for (int64_t i = left; i < len - right; ++i) out += mask;
  out += s.substr(e);
  return out;
}

bool AgeBand(double age, int64_t width, std::string* band) {
  if (!(age >= 0) || width <= 0 || age > 1e9) return false;
  const int64_t lo = static_cast<int64_t>(std::floor(age)) / width * width;
  *band = width == 1 ? fmt::format("{}", lo) : fmt::format("{}-{}", lo, lo + width - 1);
  return true;
}

int32_t DateToMonth(int32_t days) {
  // The first of the month is day-1 days back; in the first month of the int32 range it is not
  // representable, and the earliest representable day stands for it.
  const int64_t first = int64_t{days} - (CivilFromDays(days).day - 1);
  return static_cast<int32_t>(std::max<int64_t>(first, std::numeric_limits<int32_t>::min()));
}

}  // namespace xf
