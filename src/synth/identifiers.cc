#include "synth/identifiers.h"

#include <fmt/format.h>

#include "core/time.h"

namespace xf::synth {
namespace {

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // 31 characters
constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr int kOrgWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
constexpr int kIdWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdChecks = "10X98765432";

int UsccValue(char c) {
  const size_t p = kUsccAlphabet.find(c);
  return p == std::string_view::npos ? -1 : static_cast<int>(p);
}

// GB 11714 values: digits are themselves, letters A..Z are 10..35.
int OrgValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

char CreditCodeCheckChar(std::string_view first17) {
  if (first17.size() < 17) return '\0';
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    const int v = UsccValue(first17[static_cast<size_t>(i)]);
    if (v < 0) return '\0';
    sum += v * kUsccWeights[i];
  }
  return kUsccAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
}

bool IsValidCreditCode(std::string_view code) {
  return code.size() == 18 && CreditCodeCheckChar(code.substr(0, 17)) == code[17];
}

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

char ResidentIdCheckChar(std::string_view first17) {
  if (first17.size() < 17 || !AllDigits(first17.substr(0, 17))) return '\0';
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<size_t>(i)] - '0') * kIdWeights[i];
  return kIdChecks[static_cast<size_t>(sum % 11)];
}

bool IsValidResidentId(std::string_view id) {
  if (id.size() != 18 || ResidentIdCheckChar(id.substr(0, 17)) != id[17]) return false;
  const int y = std::stoi(std::string(id.substr(6, 4)));
  const int m = std::stoi(std::string(id.substr(10, 2)));
  const int d = std::stoi(std::string(id.substr(12, 2)));
  return IsValidCivil(y, m, d);
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
