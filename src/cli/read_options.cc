#include "cli/read_options.h"

#include "core/error.h"

namespace xf::cli {

void AddFileOptions(CLI::App& cmd, FileOptionArgs* a) {
  cmd.add_option("--format", a->format, "csv, tsv, jsonl or native (default: from the file name)");
  cmd.add_option("--encoding", a->encoding, "auto, utf-8, gb18030 or gbk")->capture_default_str();
  cmd.add_option("--delimiter", a->delimiter, "CSV field delimiter (default: detected); 'tab' for TAB");
  cmd.add_flag("--no-header", a->no_header, "The CSV has no header line");
  cmd.add_flag("--fullwidth", a->fullwidth, "Fold full-width forms (１２３，ＡＢＣ) to half-width");
  cmd.add_option("--type", a->types,
                 "Force a column's type, NAME=TYPE (bool, int64, float64, string, date, "
                 "timestamp); values that do not parse become rejects. Repeatable.");
}

void AddWorkspaceOption(CLI::App& cmd, std::string* dir) {
  cmd.add_option("--workspace", *dir, "Workspace directory (catalog and datasets)")
      ->capture_default_str();
}

ReadFileOptions FileOptionArgs::ToReadOptions() const {
  ReadFileOptions o;
  if (!format.empty()) {
    o.format = ParseFileFormat(format);
    if (!o.format) throw Error(ErrorKind::kUsage, "--format: unknown format '" + format + "'");
    if (IsTsvName(format)) o.csv.delimiter = '\t';
  }
  o.csv.encoding = encoding;
  if (!delimiter.empty()) {
    if (delimiter == "tab" || delimiter == "\\t") {
      o.csv.delimiter = '\t';
    } else if (delimiter.size() == 1) {
      o.csv.delimiter = delimiter[0];
    } else {
      throw Error(ErrorKind::kUsage, "--delimiter: expected one character or 'tab', got '" + delimiter + "'");
    }
  }
  if (no_header) o.csv.header = false;
  o.csv.fullwidth_to_halfwidth = fullwidth;
  for (const std::string& spec : types) {
    const size_t eq = spec.rfind('=');
    const auto type = eq == std::string::npos ? std::nullopt : ParseTypeName(spec.substr(eq + 1));
    if (!type || *type == TypeId::kNull) {
      throw Error(ErrorKind::kUsage,
                  "--type: expected NAME=TYPE with TYPE one of bool, int64, float64, string, "
                  "date, timestamp; got '" + spec + "'");
    }
    const std::string name = spec.substr(0, eq);
    o.csv.column_types[name] = *type;
    o.jsonl.column_types[name] = *type;
  }
  return o;
}

}  // namespace xf::cli
