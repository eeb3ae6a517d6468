// Arbitrary strings through every Chinese identifier validator and explainer (core/cn_ids.h,
// core/region_cn.h), ParseDateCn and the unkeyed masks (core/mask_text.h). Properties:
//   - Explain*(s) is empty exactly when IsValid*(s) is true;
//   - what a validator accepts is consistent with its helpers (check characters, Luhn, the
//     normalised mobile number, the birth date, the region table, the month of a date);
//   - MaskPartial never returns a non-empty value unmasked and keeps the code-point count.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/cn_ids.h"
#include "core/mask_text.h"
#include "core/region_cn.h"
#include "core/strings.h"

namespace {

// A failed property is a crash the fuzzer reports (with the caller's line in the stack).
inline void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void CheckIds(std::string_view s) {
  Check(xf::IsValidCreditCode(s) == xf::ExplainCreditCode(s).empty());
  (void)xf::CreditCodeCheckChar(s.substr(0, 17));
  if (xf::IsValidCreditCode(s)) {
    Check(s.size() == 18 && xf::CreditCodeCheckChar(s.substr(0, 17)) == s[17]);
  }

  Check(xf::IsValidResidentId(s) == xf::ExplainResidentId(s).empty());
  (void)xf::ResidentIdCheckChar(s.substr(0, 17));
  int32_t birth = 0;
  const bool has_birth = xf::ResidentIdBirthDate(s, &birth);
  if (xf::IsValidResidentId(s)) {
    Check(s.size() == 18 && has_birth);
    Check(xf::ResidentIdCheckChar(s.substr(0, 17)) ==
          std::toupper(static_cast<unsigned char>(s[17])));
  }

  std::string digits;
  const bool normal = xf::NormalizeMobileCn(s, &digits);
  Check(xf::IsValidMobileCn(s) == xf::ExplainMobileCn(s).empty());
  Check(normal == xf::IsValidMobileCn(s));
  if (normal) Check(digits.size() == 11 && xf::IsValidMobileCn(digits));

  (void)xf::LuhnValid(s);
  Check(xf::IsValidBankCard(s) == xf::ExplainBankCard(s).empty());
  if (xf::IsValidBankCard(s)) {
    std::string bare;
    for (const char c : s) {
      if (c >= '0' && c <= '9') bare += c;
    }
    Check(bare.size() >= 16 && bare.size() <= 19 && xf::LuhnValid(bare));
  }

  Check(xf::IsValidPlateCn(s) == xf::ExplainPlateCn(s).empty());

  int32_t days = 0;
  const bool date = xf::ParseDateCn(s, &days);
  Check(date == xf::IsValidDateCn(s));
  Check(xf::IsValidDateCn(s) == xf::ExplainDateCn(s).empty());
  if (date) {
    const int64_t month = xf::DateToMonth(days);
    Check(month <= days && days - month <= 30);
  }
}

void CheckRegion(std::string_view s) {
  const bool valid = xf::IsValidRegionCode(s);
  Check(valid == xf::ExplainRegionCode(s).empty());
  const xf::Region* r = xf::FindRegion(s);
  if (valid) {
    Check(r != nullptr && r->code == s && !xf::RegionFullName(s).empty());
  }
  (void)xf::RegionFullName(s);
  for (const auto level :
       {xf::RegionLevel::kProvince, xf::RegionLevel::kCity, xf::RegionLevel::kCounty}) {
    const std::string cut = xf::RegionTruncate(s, level);
    Check(cut.empty() || cut.size() == 6);
    if (level == xf::RegionLevel::kCounty && !cut.empty()) Check(cut == s);
  }
  xf::RegionLevel level;
  if (xf::ParseRegionLevel(s, &level)) {
    xf::RegionLevel back;
    Check(xf::ParseRegionLevel(xf::RegionLevelName(level), &back) && back == level);
  }
}

void CheckMasks(std::string_view s, int8_t keep_left, int8_t keep_right, uint8_t pick) {
  static constexpr std::string_view kMasks[] = {"*", "\xE2\x97\x8F", "", "xy"};
  const std::string_view mask = kMasks[pick % 4];
  const std::string out = xf::MaskPartial(s, keep_left, keep_right, mask);
  if (s.empty()) Check(out.empty());
  if (mask == "*" && !s.empty() && xf::IsValidUtf8(s)) {
    Check(xf::Utf8Length(out) == xf::Utf8Length(s));
    Check(out.find('*') != std::string::npos);
  }
}

void CheckNumbers(std::string_view s) {
  if (s.size() < 16) return;
  double age;
  int64_t width;
  int32_t days;
  std::memcpy(&age, s.data(), sizeof age);
  std::memcpy(&width, s.data() + 8, sizeof width);
  std::memcpy(&days, s.data() + 8, sizeof days);
  std::string band;
  if (xf::AgeBand(age, width, &band)) Check(!band.empty());
  const int64_t month = xf::DateToMonth(days);
  Check(month <= days && days - month <= 30);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  CheckIds(s);
  CheckRegion(s);
  // The first bytes as mask parameters (negative counts included), the rest as the value.
  if (size >= 3) {
    CheckMasks(s.substr(3), static_cast<int8_t>(data[0]), static_cast<int8_t>(data[1]), data[2]);
  }
  CheckMasks(s, 3, 4, 0);
  CheckNumbers(s);
  return 0;
}
