// Reading CSV files into typed tables, with every unreadable record kept as a reject.
//
// What the reader guarantees (see csv_options.h for the options):
//   - rows_read == table rows + rejects rows. rows_read counts data records; the header and
//     blank lines (nothing but spaces/tabs/CR) are neither read nor rejected.
//   - A reject's line is the 1-based physical line where its record starts, also for records
//     after quoted newlines and whatever the thread count.
//   - Types are inferred from every value of the file, never from a sample (lattice in
//     io/text_values.h). A column of ints with one "abc" on line 900000 is a string column: no
//     value is lost or guessed. Columns with no value at all are strings.
//   - Columns forced by CsvOptions::column_types or ::schema reject the records whose value does
//     not parse ("cannot parse 'abc' as int64", with line, column number and name).
//   - Records are rejected, never the whole file, for: a wrong field count ("expected 5 fields,
//     found 7"), a quote never closed (runs to the end of the file: one reject), text after a
//     closing quote, a NUL byte, bytes that are not valid in the encoding ("invalid UTF-8 at byte
//     N", N = 0-based offset in the file), so a mostly-UTF-8 file with a few GBK lines loads.
//   - An empty file (or only blank lines) gives a table with no columns and no rows (or the
//     given schema's columns). A header-only file gives its columns (string unless forced) and
//     no rows.
//   - The table, rejects and counts are byte-identical for every `threads` value.
//   - Whole-file errors (Error) are limited to: file cannot be read, corrupt gzip, UTF-16 input,
//     a malformed header record when the header was requested, more than kMaxCsvColumns
//     columns, and invalid options.
#pragma once

#include <string>
#include <string_view>

#include "io/csv_options.h"
#include "io/read_result.h"

namespace xf {

constexpr int64_t kMaxCsvColumns = 100000;

// Reads a file (gzip-compressed or not; decided by content).
ReadResult ReadCsv(const std::string& path, const CsvOptions& opts = {});

// Reads CSV bytes held in memory; `source_name` names them in rejects and errors.
ReadResult ReadCsvBuffer(std::string_view bytes, const CsvOptions& opts,
                         const std::string& source_name);

}  // namespace xf
