// Text → typed values, and the type-inference lattice shared by every text reader (CSV, JSONL)
// and by CAST in expressions.
//
// Two families of functions:
//   Parse*       lenient conversions used when the type is known (an override, a CAST):
//                "007" → 7, "+5" → 5, "1" → true.
//   InferTextType  the type a value would get if nothing were known. Stricter, because a wrong
//                guess loses data: "007" and "0012" are codes (string), digit strings of 19+
//                digits are IDs or card numbers (string: int64 would overflow or lose the
//                leading form), "1"/"0" are int64 (not bool), "+86..." is a string.
//
// Lattice (join of the types of all values of a column):
//   null < bool;  null < int64 < float64;  null < date < timestamp;  any other mix → string.
// bool does not join with numbers: bool text is only true/false/t/f/yes/no/是/否, and a column
// mixing "yes" with "17" is text, not numbers.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/time.h"
#include "core/types.h"

namespace xf {

// [+-]?[0-9]+ within int64 range. Leading zeros are accepted.
bool ParseInt64(std::string_view s, int64_t* out);

// Decimal or scientific notation with an optional sign, or inf/-inf/infinity/nan
// (case-insensitive). Correctly rounded (std::from_chars).
bool ParseFloat64(std::string_view s, double* out);

// true/false/t/f/yes/no/y/n/1/0 (case-insensitive) and 是/否.
bool ParseBool(std::string_view s, bool* out);

// Only the words that make a column bool under inference: true/false/t/f/yes/no (any case), 是/否.
bool IsBoolWord(std::string_view s, bool* out = nullptr);

// The narrowest type of a non-NULL value (already trimmed): kBool, kInt64, kFloat64, kDate,
// kTimestamp or kString. Never kNull.
TypeId InferTextType(std::string_view s);

// Least upper bound in the lattice above. kNull is the identity.
TypeId JoinInferredTypes(TypeId a, TypeId b);

// Fast checks used by the CSV reader while a column keeps its inferred type. Each accepts
// exactly the values that InferTextType maps to that type (or below it in the lattice).
bool InferInt64(std::string_view s, int64_t* out);
bool InferFloat64(std::string_view s, double* out);  // also accepts what InferInt64 accepts

}  // namespace xf
