// Valid Chinese identifiers for synthetic entities: GB 32100 unified social credit codes and
// GB 11643 resident identity numbers, with their check characters computed (not random), so that
// validation rules downstream accept them and a corrupted one is detectably wrong. The check
// characters and validators live in core/cn_ids.h, shared with expressions and standards.
#pragma once

#include <string>
#include <string_view>

#include "core/cn_ids.h"
#include "synth/rng.h"

namespace xf::synth {

// GB 32100-2015: 18 characters = registration authority (1) + entity category (1) + 6-digit
// administrative division + 9-character organisation code (GB 11714, with its own MOD 11 check
// character) + a MOD 31 check character. `division` must be 6 digits.
std::string MakeCreditCode(std::string_view division, Rng* rng);

// GB 11643-1999: 6-digit division + birth date YYYYMMDD + 3-digit sequence (odd = male) + a MOD
// 11-2 check character (0-9 or X). Birth day is days since 1970-01-01.
std::string MakeResidentId(std::string_view division, int32_t birth_day, bool male, Rng* rng);

}  // namespace xf::synth
