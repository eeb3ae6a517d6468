// String normalisation: trimming, collapsing spaces, full-width → half-width forms, ASCII case,
// and traditional → simplified Chinese through OpenCC.
#pragma once

#include <string>
#include <string_view>

#include "core/column.h"

namespace xf::govern {

enum class CaseFold { kKeep, kLower, kUpper };

struct StringNormalizeOptions {
  bool trim = true;                      // leading/trailing ASCII whitespace and U+3000
  bool collapse_spaces = false;          // runs of whitespace → one ASCII space
  bool full_to_half = false;             // U+FF01–FF5E → U+0021–007E, U+3000 → space
  CaseFold case_fold = CaseFold::kKeep;  // ASCII letters only (Chinese has no case)
  bool t2s = false;                      // traditional → simplified Chinese (OpenCC t2s.json)
};

// Applies, in this order: full→half, t2s, collapse, trim, case. NULL stays NULL.
std::string NormalizeString(std::string_view s, const StringNormalizeOptions& options);
ColumnPtr NormalizeStrings(const Column& column, const StringNormalizeOptions& options);

// Traditional → simplified Chinese with OpenCC's t2s.json (phrases, then characters). The
// converter is loaded once per process (it reads several dictionaries) and shared by threads;
// its Convert is const and keeps no state between calls. An I/O error when OpenCC's data is
// missing.
std::string TraditionalToSimplified(std::string_view s);

}  // namespace xf::govern
