// Unkeyed masking and generalisation of single values, shared by the expression functions
// (mask_partial, age_band, …) and the `mask` step. Keyed methods (HMAC, tokenisation) need a key
// ring and live in govern/key_ring.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xf {

// Keeps `keep_left` code points at the start and `keep_right` at the end and replaces each one in
// between with `mask` ("13800138000", 3, 4 → "138****8000"; "张三丰", 1, 0 → "张**"). Never
// returns a value unmasked: when the kept parts would cover the whole value, keep_right and then
// keep_left shrink until at least one code point is masked ("张三", 1, 1 → "张*"). Negative
// counts are treated as 0; an empty value stays empty.
std::string MaskPartial(std::string_view s, int64_t keep_left, int64_t keep_right,
                        std::string_view mask = "*");

// The band of width `width` holding `age`: 37, 10 → "30-39"; 37, 5 → "35-39". False when age is
// negative or width is not positive.
bool AgeBand(double age, int64_t width, std::string* band);

// The first day of the date's month (days since 1970-01-01), for date-to-month generalisation.
int32_t DateToMonth(int32_t days);

}  // namespace xf
