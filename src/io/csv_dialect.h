// Guessing how a CSV file is written when the user did not say: its delimiter and whether its
// first record is a header.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xf {

// Bytes of the text's start that the sniffer looks at.
constexpr size_t kSniffBytes = size_t{64} << 10;

// The delimiter among ',' '\t' ';' '|' that splits the records of the text's first 64 KiB into
// the most consistent number (≥ 2) of fields; ties go to more fields, then to that order.
// ',' when no candidate gives two or more fields (a one-column file).
char SniffDelimiter(std::string_view text, char quote);

// One sampled record: field texts, std::nullopt for NULL.
using SampleRecord = std::vector<std::optional<std::string>>;

// Whether `first` names the columns of `rest` (the next records, a sample). Each column votes:
// a text name over non-text values (e.g. "用电量" over numbers or dates) is evidence for a
// header, a number or date over values of the same kind is evidence against. Without evidence
// (every column text), the first record is a header when its fields are non-empty and distinct,
// as in nearly every export.
bool LooksLikeHeader(const SampleRecord& first, const std::vector<SampleRecord>& rest);

}  // namespace xf
