// Chinese identifiers and their validation rules, in core so that expressions, standards,
// profiling and synthesis all share one implementation: resident identity numbers (GB 11643),
// unified social credit codes (GB 32100), mainland mobile numbers, bank card numbers (Luhn),
// vehicle plates (GA 36) and dates in common Chinese forms. Region codes are in region_cn.h.
//
// IsValid* are pure and allocation-free; Explain* return why a value is invalid ("check digit
// is 3, expected X") or "" when it is valid, for quarantine reasons and profiles.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace xf {

// GB 32100-2015: 18 characters from 0-9 and A-Z without I, O, S, V, Z; the last is a MOD 31 check
// character over the first 17. CreditCodeCheckChar returns '\0' when the input is shorter than 17
// or a character is outside the alphabet.
char CreditCodeCheckChar(std::string_view first17);
bool IsValidCreditCode(std::string_view code);
std::string ExplainCreditCode(std::string_view code);

// GB 11643-1999: 6-digit division + birth date YYYYMMDD + 3-digit sequence (odd = male) + a MOD
// 11-2 check character (0-9 or X; a lower-case x is accepted). Valid also requires a real birth
// date and a known province (first two digits); the full division is not required to be in the
// current GB/T 2260 table, since identity numbers keep the division of the year they were issued.
char ResidentIdCheckChar(std::string_view first17);
bool IsValidResidentId(std::string_view id);
std::string ExplainResidentId(std::string_view id);
// The birth date (days since 1970-01-01) of a well-formed id; false when it has none.
bool ResidentIdBirthDate(std::string_view id, int32_t* days);

// Mainland mobile numbers: 11 digits starting 13x, 14[5-9], 15[0-35-9], 16[2567], 17[0-8], 18x,
// 19[0-35-9]; optionally preceded by +86, 0086 or 86 and split by spaces or hyphens
// ("+86 138-0013-8000"). NormalizeMobileCn writes the bare 11 digits.
bool IsValidMobileCn(std::string_view text);
std::string ExplainMobileCn(std::string_view text);
bool NormalizeMobileCn(std::string_view text, std::string* digits);

// Bank card numbers: 16 to 19 digits (spaces or hyphens between groups allowed) passing the Luhn
// check. LuhnValid checks a string of digits only.
bool LuhnValid(std::string_view digits);
bool IsValidBankCard(std::string_view text);
std::string ExplainBankCard(std::string_view text);

// Vehicle plates (GA 36-2018): a province abbreviation (京, 沪, 粤 …), an authority letter (A-Z
// without I and O), an optional separator (· or space or -), then either 5 characters of an
// ordinary blue/yellow plate (letters without I/O and digits, at most two letters; the last may
// be 学, 挂, 警, 港 or 澳) or 6 of a new-energy plate (D/F + letter-or-digit + 4 digits for small
// vehicles, 5 digits + D/F for large ones).
bool IsValidPlateCn(std::string_view text);
std::string ExplainPlateCn(std::string_view text);

// Dates in common Chinese forms: 2024-05-01, 2024/5/1, 2024.05.01, 2024年5月1日, 20240501.
// Impossible dates (2023-02-29) are rejected. Days since 1970-01-01.
bool ParseDateCn(std::string_view text, int32_t* days);
bool IsValidDateCn(std::string_view text);
std::string ExplainDateCn(std::string_view text);

}  // namespace xf
