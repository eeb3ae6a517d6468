// Text helpers shared by every module: UTF-8 validation and length, display width of Chinese
// text, full-width → half-width folding, and "did you mean" suggestions for error messages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xf {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF). On failure,
// *bad_offset (if given) is the byte offset of the first invalid sequence.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

// Number of code points (not bytes) in well-formed UTF-8: LENGTH('电量') = 2.
int64_t Utf8Length(std::string_view s);

// Byte offset of the code point with 0-based index `cp` (s.size() when past the end).
size_t Utf8Offset(std::string_view s, int64_t cp);

// Columns a terminal uses: 2 for CJK and full-width forms, 1 otherwise.
int64_t DisplayWidth(std::string_view s);

// Folds full-width ASCII variants (U+FF01..U+FF5E) and the ideographic space (U+3000) to their
// half-width forms: "１２３，ＡＢＣ" → "123,ABC". Everything else is kept as is.
std::string FullWidthToHalfWidth(std::string_view s);

// Levenshtein distance, for suggestions.
int EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `name` when it is close enough to be a plausible typo, else "".
std::string ClosestName(std::string_view name, const std::vector<std::string>& candidates);

// Strips ASCII spaces and tabs at both ends.
std::string_view TrimAscii(std::string_view s);

}  // namespace xf
