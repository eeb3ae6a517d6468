// One entry point for reading and writing a table file in any supported format, chosen from the
// file name (or given explicitly): what the CLI and pipeline sources use.
#pragma once

#include <optional>
#include <string>

#include "core/table.h"
#include "io/csv_options.h"
#include "io/jsonl_reader.h"
#include "io/read_result.h"

namespace xf {

enum class FileFormat { kCsv, kJsonl, kNative };

const char* FileFormatName(FileFormat f);
// "csv" | "jsonl" | "native" (also "tsv", "ndjson", "json", "xfc"); empty optional otherwise.
std::optional<FileFormat> ParseFileFormat(std::string_view name);
// By extension, ignoring a trailing ".gz": .csv .tsv .txt → csv; .jsonl .ndjson .json → jsonl;
// .xfc → native. Empty optional for anything else.
std::optional<FileFormat> FormatFromPath(const std::string& path);

// True for "tsv" or a name ending in .tsv / .tsv.gz (any case): CSV with TAB as delimiter.
bool IsTsvName(std::string_view name_or_path);

struct ReadFileOptions {
  std::optional<FileFormat> format;  // unset: from the file name
  CsvOptions csv;
  JsonlOptions jsonl;
};

// Reads any supported file. Native files have no rejects (they were written by xfactor and are
// checksummed: damage is an error, not a reject). Throws a usage error for an unknown format.
ReadResult ReadTableFile(const std::string& path, const ReadFileOptions& opts = {});

// Writes `table` in the format named by `format` or by the file name.
void WriteTableFile(const Table& table, const std::string& path,
                    std::optional<FileFormat> format = std::nullopt,
                    const CsvWriteOptions& csv = {});

}  // namespace xf
