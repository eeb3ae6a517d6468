#include "io/table_file.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"
#include "io/jsonl_writer.h"
#include "io/native_reader.h"
#include "io/native_writer.h"

namespace xf {

const char* FileFormatName(FileFormat f) {
  switch (f) {
    case FileFormat::kCsv: return "csv";
    case FileFormat::kJsonl: return "jsonl";
    case FileFormat::kNative: return "native";
  }
  return "?";
}

std::optional<FileFormat> ParseFileFormat(std::string_view name) {
  std::string s(name);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  if (s == "csv" || s == "tsv" || s == "txt") return FileFormat::kCsv;
  if (s == "jsonl" || s == "ndjson" || s == "json") return FileFormat::kJsonl;
  if (s == "native" || s == "xfc") return FileFormat::kNative;
  return std::nullopt;
}

std::optional<FileFormat> FormatFromPath(const std::string& path) {
  std::string p = path;
  std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return std::tolower(c); });
  if (p.size() > 3 && p.ends_with(".gz")) p.resize(p.size() - 3);
  const size_t dot = p.find_last_of('.');
  const size_t slash = p.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return std::nullopt;
  return ParseFileFormat(std::string_view(p).substr(dot + 1));
}

bool IsTsvName(std::string_view name) {
  std::string s(name);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s == "tsv" || s.ends_with(".tsv") || s.ends_with(".tsv.gz");
}

namespace {

FileFormat ResolveFormat(const std::string& path, std::optional<FileFormat> given) {
  if (given) return *given;
  if (auto f = FormatFromPath(path)) return *f;
  throw Error(ErrorKind::kUsage,
              "cannot tell the file format from the name; use .csv, .tsv, .txt, .jsonl, .ndjson, "
              ".json or .xfc (optionally .gz), or name the format with --format",
              SourceContext{.file = path});
}

}  // namespace

ReadResult ReadTableFile(const std::string& path, const ReadFileOptions& opts) {
  switch (ResolveFormat(path, opts.format)) {
    case FileFormat::kCsv: {
      CsvOptions csv = opts.csv;
      if (!csv.delimiter && IsTsvName(path)) csv.delimiter = '\t';
      return ReadCsv(path, csv);
    }
    case FileFormat::kJsonl: return ReadJsonl(path, opts.jsonl);
    case FileFormat::kNative: {
      ReadResult r;
      r.table = ReadNative(path);
      r.rejects = Table::MakeEmpty(RejectsSchema());
      r.rows_read = r.table->num_rows();
      r.encoding = "native";
      return r;
    }
  }
  throw Error(ErrorKind::kInternal, "unreachable file format");
}

void WriteTableFile(const Table& table, const std::string& path, std::optional<FileFormat> format,
                    const CsvWriteOptions& csv) {
  if (path.ends_with(".gz")) {
    throw Error(ErrorKind::kUsage, "writing gzip is not supported; compress the file afterwards",
                SourceContext{.file = path});
  }
  switch (ResolveFormat(path, format)) {
    case FileFormat::kCsv: {
      CsvWriteOptions o = csv;
      if (IsTsvName(path)) o.delimiter = '\t';
      return WriteCsv(table, path, o);
    }
    case FileFormat::kJsonl: return WriteJsonl(table, path);
    case FileFormat::kNative: return WriteNative(table, path);
  }
}

}  // namespace xf
