// JSON Lines reader: one JSON object per line into a typed table, bad lines into rejects.
//
// Shape of the table:
//   - Nested objects are flattened by path with '.': {"a":{"b":1}} gives column "a.b". An empty
//     object is kept as the string "{}". Arrays are kept as their minified JSON text in a string
//     column ([1, 2] gives "[1,2]"): there is no one right way to spread an array over columns,
//     and the text loses nothing. A duplicate key (or two paths that flatten to the same name)
//     keeps the last value, as most JSON parsers do.
//   - Columns are the union of the keys in order of first appearance; a key missing from a line,
//     or null, is NULL.
// Types are inferred over the whole file, per column:
//   only booleans → bool; only integers within int64 → int64; numbers with a fraction or an
//   exponent or beyond int64 → float64; only strings → date if every one parses as a date
//   (core/time.h ParseDate), else timestamp if every one parses as one (ParseTimestamp), else
//   string; only NULLs → string. Mixed kinds (a number and a string, a bool and a number, an
//   array and anything) → string, where numbers appear in their shortest round-trip form
//   (1.50 → "1.5", 1E2 → "100.0") and booleans as "true"/"false".
// `column_types` overrides inference by column name. A value the override cannot hold (a
// fraction for int64, "abc" for date) rejects its line with the line number, the column name
// and its 1-based position in the table, the line's text and the reason. Overrides also accept
// quoted values: "12" for int64/float64, "true"/"false" for bool. Override names absent from the
// file become all-NULL columns at the end, so a pipeline sees a stable schema. Bad lines never fail
// the file: invalid JSON, invalid UTF-8 and lines that are not objects are rejected with their
// 1-based line number, and rows_read == loaded + rejected. Blank lines are skipped (not counted). A
// UTF-8 byte-order mark and CR LF line ends are accepted; gzip input is decompressed transparently.
// Integers beyond uint64 (and numbers beyond the double range) are rejected: simdjson 3.0 does
// not parse them.
//
// Parsing runs in parallel over byte ranges split at newlines (a JSON string cannot hold a raw
// newline), with results merged in file order: the output does not depend on the thread count.
//
// simdjson's DOM API rather than On Demand: every line must be validated completely (On Demand
// only validates what it visits, and a malformed value inside a skipped array would pass), and
// the whole object is walked anyway for flattening, so DOM costs little extra here.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/time.h"
#include "core/types.h"
#include "io/read_result.h"

namespace xf {

struct JsonlOptions {
  // Flattened column name → type, overriding inference.
  std::map<std::string, TypeId, std::less<>> column_types;
  // Zone of timestamps written without an offset.
  int32_t default_offset_seconds = kShanghaiOffsetSeconds;
  // Bytes per parallel work unit; the result is the same for any value (tests vary it).
  int64_t chunk_bytes = 1 << 20;
};

// Throws Error(kIo) when the file cannot be read, Error(kUsage) for a bad override type.
ReadResult ReadJsonl(const std::string& path, const JsonlOptions& options = {});
ReadResult ReadJsonlBuffer(std::string_view bytes, const JsonlOptions& options,
                           const std::string& source_name);

}  // namespace xf
