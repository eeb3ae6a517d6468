#include "core/cn_ids.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/time.h"

namespace xf {
namespace {

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // 31 characters
constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr int kIdWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdChecks = "10X98765432";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}
int TwoDigits(std::string_view s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

int UsccValue(char c) {
  const size_t p = kUsccAlphabet.find(c);
  return p == std::string_view::npos ? -1 : static_cast<int>(p);
}

// Province-level prefixes of GB/T 2260, with 71 (Taiwan), 81 (Hong Kong), 82 (Macao) and 83
// (the prefix of residence permits for Taiwan residents).
bool KnownProvince(int p) {
  switch (p) {
    case 11:
    case 12:
    case 13:
    case 14:
    case 15:
    case 21:
    case 22:
    case 23:
    case 31:
    case 32:
    case 33:
    case 34:
    case 35:
    case 36:
    case 37:
    case 41:
    case 42:
    case 43:
    case 44:
    case 45:
    case 46:
    case 50:
    case 51:
    case 52:
    case 53:
    case 54:
    case 61:
    case 62:
    case 63:
    case 64:
    case 65:
    case 71:
    case 81:
    case 82:
    case 83:
      return true;
    default:
      return false;
  }
}

// Spaces and hyphens between digit groups are dropped; anything else is kept for the caller to
// reject. Returns false when the text is too long to be any identifier here.
bool StripSeparators(std::string_view text, std::array<char, 32>* out, size_t* n) {
  *n = 0;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (*n == out->size()) return false;
    (*out)[(*n)++] = c;
  }
  return true;
}

// One UTF-8 code point at s[i], or "" when s[i] does not start a well-formed one.
std::string_view CodePointAt(std::string_view s, size_t i) {
  if (i >= s.size()) return {};
  const auto c = static_cast<unsigned char>(s[i]);
  const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return {};
  return s.substr(i, len);
}

constexpr std::array<std::string_view, 31> kPlateProvinces = {
    "京", "津", "沪", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖", "鲁", "新", "苏", "浙", "赣",
    "鄂", "桂", "甘", "晋", "蒙", "陕", "吉", "闽", "贵", "粤", "青", "藏", "川", "宁", "琼"};

bool PlateLetter(char c) { return c >= 'A' && c <= 'Z' && c != 'I' && c != 'O'; }

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
  // CreditCodeCheckChar's '\0' (a bad character) must not match a NUL in the last place.
  return code.size() == 18 && code[17] != '\0' &&
         CreditCodeCheckChar(code.substr(0, 17)) == code[17];
}

std::string ExplainCreditCode(std::string_view code) {
  if (code.size() != 18) return fmt::format("has {} characters, expected 18", code.size());
  for (size_t i = 0; i < 18; ++i) {
    if (UsccValue(code[i]) < 0) {
      return fmt::format(
          "character {} '{}' is not in the code alphabet (0-9, A-Z without I O S V Z)", i + 1,
          code[i]);
    }
  }
  const char want = CreditCodeCheckChar(code.substr(0, 17));
  if (want != code[17]) return fmt::format("check character is {}, expected {}", code[17], want);
  return {};
}

char ResidentIdCheckChar(std::string_view first17) {
  if (first17.size() < 17 || !AllDigits(first17.substr(0, 17))) return '\0';
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[static_cast<size_t>(i)] - '0') * kIdWeights[i];
  return kIdChecks[static_cast<size_t>(sum % 11)];
}

bool ResidentIdBirthDate(std::string_view id, int32_t* days) {
  if (id.size() < 14 || !AllDigits(id.substr(6, 8))) return false;
  const int y = TwoDigits(id.substr(6)) * 100 + TwoDigits(id.substr(8));
  const int m = TwoDigits(id.substr(10));
  const int d = TwoDigits(id.substr(12));
  if (y < 1800 || !IsValidCivil(y, m, d)) return false;
  *days = DaysFromCivil(y, m, d);
  return true;
}

bool IsValidResidentId(std::string_view id) {
  if (id.size() != 18) return false;
  const char c = id[17] == 'x' ? 'X' : id[17];
  int32_t born;
  // ResidentIdCheckChar's '\0' (a non-digit) must not match a NUL in the last place.
  return c != '\0' && ResidentIdCheckChar(id) == c && KnownProvince(TwoDigits(id)) &&
         ResidentIdBirthDate(id, &born);
}

std::string ExplainResidentId(std::string_view id) {
  if (id.size() != 18) return fmt::format("has {} characters, expected 18", id.size());
  if (!AllDigits(id.substr(0, 17))) return "the first 17 characters must be digits";
  const char c = id[17] == 'x' ? 'X' : id[17];
  if (!IsDigit(c) && c != 'X')
    return fmt::format("last character '{}' is not a digit or X", id[17]);
  if (!KnownProvince(TwoDigits(id))) {
    return fmt::format("region code {} has no known province {}", id.substr(0, 6), id.substr(0, 2));
  }
  int32_t born;
  if (!ResidentIdBirthDate(id, &born))
    return fmt::format("birth date {} is not a date", id.substr(6, 8));
  const char want = ResidentIdCheckChar(id);
  if (want != c) return fmt::format("check digit is {}, expected {}", id[17], want);
  return {};
}

bool NormalizeMobileCn(std::string_view text, std::string* digits) {
  std::array<char, 32> buf;
  size_t n;
  if (!StripSeparators(text, &buf, &n)) return false;
  std::string_view s(buf.data(), n);
  if (s.starts_with("+86")) {
    s.remove_prefix(3);
  } else if (s.starts_with("0086")) {
    s.remove_prefix(4);
  } else if (s.size() == 13 && s.starts_with("86")) {
    s.remove_prefix(2);
  }
  if (s.size() != 11 || !AllDigits(s) || s[0] != '1') return false;
  const char b = s[1], c = s[2];
  bool ok;
  switch (b) {
    case '3':
    case '8':
      ok = true;
      break;
    case '4':
      ok = c >= '5';
      break;
    case '5':
      ok = c != '4';
      break;
    case '6':
      ok = c == '2' || c == '5' || c == '6' || c == '7';
      break;
    case '7':
      ok = c != '9';
      break;
    case '9':
      ok = c != '4';
      break;
    default:
      ok = false;
  }
  if (!ok) return false;
  if (digits != nullptr) digits->assign(s);
  return true;
}

bool IsValidMobileCn(std::string_view text) { return NormalizeMobileCn(text, nullptr); }

std::string ExplainMobileCn(std::string_view text) {
  if (IsValidMobileCn(text)) return {};
  std::array<char, 32> buf;
  size_t n;
  if (!StripSeparators(text, &buf, &n)) return "too long for a mobile number";
  std::string_view s(buf.data(), n);
  if (s.starts_with("+86"))
    s.remove_prefix(3);
  else if (s.starts_with("0086"))
    s.remove_prefix(4);
  else if (s.size() == 13 && s.starts_with("86"))
    s.remove_prefix(2);
  if (!AllDigits(s)) return "contains characters other than digits, spaces, hyphens and +86";
  if (s.size() != 11) return fmt::format("has {} digits, expected 11", s.size());
  return fmt::format("prefix {} is not a mainland mobile prefix", s.substr(0, 3));
}

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!IsDigit(digits[i])) return false;
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool IsValidBankCard(std::string_view text) {
  std::array<char, 32> buf;
  size_t n;
  if (!StripSeparators(text, &buf, &n) || n < 16 || n > 19) return false;
  return LuhnValid(std::string_view(buf.data(), n));
}

std::string ExplainBankCard(std::string_view text) {
  std::array<char, 32> buf;
  size_t n;
  if (!StripSeparators(text, &buf, &n)) return "too long for a bank card number";
  const std::string_view s(buf.data(), n);
  if (!AllDigits(s)) return "contains characters other than digits, spaces and hyphens";
  if (n < 16 || n > 19) return fmt::format("has {} digits, expected 16 to 19", n);
  if (!LuhnValid(s)) return "fails the Luhn check";
  return {};
}

namespace {

// Empty when valid, else the reason; shared by IsValidPlateCn and ExplainPlateCn.
std::string_view PlateProblem(std::string_view text) {
  const std::string_view prov = CodePointAt(text, 0);
  bool known = false;
  for (std::string_view p : kPlateProvinces) known = known || p == prov;
  if (!known) return "does not start with a province abbreviation (京, 沪, 粤 …)";
  size_t i = prov.size();
  if (i >= text.size() || !PlateLetter(text[i])) {
    return "the second character must be an authority letter (A-Z without I and O)";
  }
  ++i;
  if (text.substr(i).starts_with("·")) {
    i += std::string_view("·").size();
  } else if (i < text.size() && (text[i] == ' ' || text[i] == '-')) {
    ++i;
  }
  std::string_view rest = text.substr(i);
  std::string_view last;
  // A trailing 学/挂/警/港/澳 stands for the fifth character of an ordinary plate.
  for (std::string_view suffix : {"学", "挂", "警", "港", "澳"}) {
    if (rest.ends_with(suffix)) {
      last = suffix;
      rest.remove_suffix(suffix.size());
      break;
    }
  }
  for (char c : rest) {
    if (!IsDigit(c) && !PlateLetter(c)) {
      return "serial characters must be digits or letters without I and O";
    }
  }
  if (rest.size() + (last.empty() ? 0 : 1) == 5) {
    int letters = 0;
    for (char c : rest) letters += IsDigit(c) ? 0 : 1;
    if (letters > 2) return "an ordinary plate's serial has at most two letters";
    return {};
  }
  if (rest.size() == 6 && last.empty()) {
    const bool small = (rest[0] == 'D' || rest[0] == 'F') && AllDigits(rest.substr(2));
    const bool large = AllDigits(rest.substr(0, 5)) && (rest[5] == 'D' || rest[5] == 'F');
    if (small || large) return {};
    return "a new-energy serial is D/F + letter-or-digit + 4 digits, or 5 digits + D/F";
  }
  return "serial must have 5 characters (ordinary) or 6 (new energy)";
}

}  // namespace

bool IsValidPlateCn(std::string_view text) { return PlateProblem(text).empty(); }
std::string ExplainPlateCn(std::string_view text) { return std::string(PlateProblem(text)); }

bool ParseDateCn(std::string_view text, int32_t* days) {
  if (text.size() == 8 && AllDigits(text)) {
    const int y = TwoDigits(text) * 100 + TwoDigits(text.substr(2));
    const int m = TwoDigits(text.substr(4));
    const int d = TwoDigits(text.substr(6));
    if (!IsValidCivil(y, m, d)) return false;
    *days = DaysFromCivil(y, m, d);
    return true;
  }
  return ParseDate(text, days);
}

bool IsValidDateCn(std::string_view text) {
  int32_t days;
  return ParseDateCn(text, &days);
}

std::string ExplainDateCn(std::string_view text) {
  if (IsValidDateCn(text)) return {};
  // Pull the three numbers out to tell an impossible day from an unrecognised form.
  constexpr int kTooBig = 1000000;
  int parts[3] = {0, 0, 0};
  int k = 0;
  bool any = false;
  if (text.size() == 8 && AllDigits(text)) {
    parts[0] = TwoDigits(text) * 100 + TwoDigits(text.substr(2));
    parts[1] = TwoDigits(text.substr(4));
    parts[2] = TwoDigits(text.substr(6));
    k = 3;
  } else {
    for (char c : text) {
      if (IsDigit(c)) {
        if (!any && k < 3) parts[k] = 0;
        // Saturates (a long digit run would overflow int); such a number is no date part anyway.
        if (k < 3) parts[k] = std::min(parts[k] * 10 + (c - '0'), kTooBig);
        any = true;
      } else if (any) {
        ++k;
        any = false;
      }
    }
    if (any) ++k;
  }
  if (k == 3 && parts[0] >= 1000 && parts[0] <= 9999 && parts[1] < kTooBig &&
      parts[2] < kTooBig && !IsValidCivil(parts[0], parts[1], parts[2])) {
    return fmt::format("no such date: {:04d}-{:02d}-{:02d}", parts[0], parts[1], parts[2]);
  }
  return "not a date in a recognised form (2024-05-01, 2024/5/1, 20240501, 2024年5月1日, "
         "2024.05.01)";
}

}  // namespace xf
