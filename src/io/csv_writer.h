// Writing tables as CSV that xfactor (and Excel) read back to the same table.
//
// Round trip: ReadCsv(WriteCsv(t)) gives back t's values (types need the reader's inference to
// agree, or the schema passed back): NULL is written as an empty unquoted field, the empty string
// as "", strings that the reader would trim or take as NULL ("NULL", "NA", " x") are quoted,
// float64 values always carry a '.' or an exponent (3.0, not 3) so they infer as float64 again,
// and dates/timestamps use core/time.h's formats in the given zone.
#pragma once

#include <string>

#include "core/table.h"
#include "io/csv_options.h"

namespace xf {

// The CSV text of `t` in the requested encoding.
std::string ToCsv(const Table& t, const CsvWriteOptions& o = {});

// Writes ToCsv(t, o) to `path` atomically (a temporary file renamed into place).
void WriteCsv(const Table& t, const std::string& path, const CsvWriteOptions& o = {});

}  // namespace xf
