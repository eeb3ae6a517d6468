// Options of the CSV reader and writer. Every field has a default that reads a typical Chinese
// export (UTF-8 or GB18030, comma or tab, header line, naive times in Asia/Shanghai) unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/table.h"
#include "core/time.h"
#include "core/types.h"

namespace xf {

struct CsvOptions {
  // Field delimiter; unset = sniffed among ',' ';' '\t' '|' from the first 64 KiB.
  std::optional<char> delimiter;
  char quote = '"';
  // Whether the first non-blank record names the columns; unset = detected (see csv_dialect.h).
  std::optional<bool> header;
  // "auto" (UTF-8, UTF-8 with BOM, or GB18030 when the bytes are not UTF-8 but decode as it),
  // "utf-8", "gb18030", "gbk" (also "gb2312", "cp936").
  std::string encoding = "auto";
  // Folds full-width ASCII forms and the ideographic space (１２３，ＡＢＣ) in every field and
  // column name before type inference.
  bool fullwidth_to_halfwidth = false;
  // Types forced by column name; values that do not parse as the type are rejected.
  std::map<std::string, TypeId> column_types;
  // A complete schema: names and types of every column in order. With a header line the header
  // is skipped (its names are ignored); records must have exactly this many fields.
  std::optional<Schema> schema;
  // Unquoted field texts (after trimming) that mean NULL. A quoted field is never NULL by token:
  // "NULL" in quotes is the string NULL. A quoted empty field ("") is the empty string in a
  // string column and NULL in any other column.
  std::vector<std::string> null_tokens = {"", "NULL", "null", "NA", "N/A", "\\N"};
  // Strip ASCII spaces (and tabs unless the delimiter is a tab) around unquoted fields and
  // around quoted ones (outside the quotes).
  bool trim = true;
  // Offset applied to timestamps written without a zone ("naive" times).
  int32_t timezone_offset_seconds = kShanghaiOffsetSeconds;
  // Parallelism: 0 = every thread of the global pool, 1 = serial in the caller. The result is
  // byte-identical whatever the value.
  int threads = 0;
  // Smallest slice of the input given to one parallel task. Tests lower it to exercise chunk
  // boundaries on small inputs; there is no reason to change it otherwise.
  size_t min_chunk_bytes = size_t{1} << 20;
};

struct CsvWriteOptions {
  char delimiter = ',';
  char quote = '"';
  bool header = true;
  // "utf-8" or "gb18030" (also "gbk" for the GBK subset; characters outside it are an error).
  std::string encoding = "utf-8";
  // Writes a UTF-8 byte order mark, which makes Excel open UTF-8 files with Chinese text
  // correctly. Ignored for GB18030.
  bool utf8_bom = false;
  // "\n" or "\r\n".
  std::string line_terminator = "\n";
  // Zone in which timestamps are written (without an offset, as the reader's default expects).
  int32_t timezone_offset_seconds = kShanghaiOffsetSeconds;
  // Unquoted strings that the reader would take as NULL are quoted on output so that they read
  // back as strings; keep in sync with the reader's CsvOptions::null_tokens.
  std::vector<std::string> null_tokens = {"", "NULL", "null", "NA", "N/A", "\\N"};
  int threads = 0;
};

}  // namespace xf
