#include "synth/identifiers.h"

#include <fmt/format.h>

#include "core/time.h"

namespace xf::synth {
namespace {

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // 31 characters
constexpr int kOrgWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

// GB 11714 values: digits are themselves, letters A..Z are 10..35.
int OrgValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string MakeCreditCode(std::string_view division, Rng* rng) {
  std::string code = "91";  // 9 = registered by market regulation, 1 = enterprise
  code += division;
  // Organisation code body: characters valid both in GB 11714 and in the USCC alphabet.
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    const char c = i < 2 && rng->Bernoulli(0.2)
                       ? kUsccAlphabet[static_cast<size_t>(rng->UniformInt(10, 30))]
                       : static_cast<char>('0' + rng->UniformInt(0, 9));
    code += c;
    sum += OrgValue(c) * kOrgWeights[i];
  }
  const int check = (11 - sum % 11) % 11;
  code += check == 10 ? 'X' : static_cast<char>('0' + check);
  code += CreditCodeCheckChar(code);
  return code;
}

std::string MakeResidentId(std::string_view division, int32_t birth_day, bool male, Rng* rng) {
  const CivilDate b = CivilFromDays(birth_day);
  int seq = static_cast<int>(rng->UniformInt(0, 498)) * 2;  // even 0..996
  if (male) seq += 1;
  std::string id = fmt::format("{}{:04d}{:02d}{:02d}{:03d}", division, b.year, b.month, b.day, seq);
  id += ResidentIdCheckChar(id);
  return id;
}

}  // namespace xf::synth
