// JSON Lines writer: one JSON object per row, keys in column order.
//
// NULL → null; dates and timestamps → strings (core/time.h FormatDate / FormatTimestamp, in the
// session zone +08:00, the same zone ReadJsonl assumes for naive text); floats in their
// shortest round-trip form, always with a '.' or an exponent so they read back as floats;
// non-finite floats (JSON has no NaN or Infinity) → null. Column names are written as they
// are: a flattened "a.b" stays the key "a.b", which ReadJsonl reads back as the same column.
#pragma once

#include <string>

#include "core/table.h"

namespace xf {

// Throws Error(kData) naming the column and row when a string is not valid UTF-8 (JSON text
// cannot carry it), Error(kIo) when the file cannot be written.
std::string ToJsonl(const Table& table);
// Writes through a temporary file renamed into place.
void WriteJsonl(const Table& table, const std::string& path);

}  // namespace xf
