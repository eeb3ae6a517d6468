// Reader of xfactor's native columnar files (.xfc); the layout is documented in native_format.h.
//
// The reader trusts nothing it has not checked: magic, version, every size against the file
// length, the footer and chunk checksums, decompressed sizes, string lengths, type codes and row
// counts. Any violation is an Error(kData) naming the file and, where it applies, the row group
// and column ("checksum mismatch in row group 2, column 'kwh'"). Memory allocated on behalf of
// a size field is bounded by what the file's length can legitimately produce.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/table.h"

namespace xf {

struct NativeReadOptions {
  // Only fuzzers turn this off, to reach the structural checks behind the checksums; every
  // other check still runs and corrupt input still gives an Error, never a crash.
  bool verify_checksums = true;
};

// What the footer says, without reading any chunk.
struct NativeFileInfo {
  Schema schema;
  int64_t num_rows = 0;
  int64_t num_row_groups = 0;
  int64_t rows_per_group = 0;
  int64_t file_bytes = 0;
};

TablePtr ReadNative(const std::string& path, const NativeReadOptions& = {});
// `name` stands for the file in error messages.
TablePtr ReadNativeBuffer(std::string_view bytes, const std::string& name,
                          const NativeReadOptions& = {});

// Reads only the header, trailer and footer (three small reads, whatever the file size).
NativeFileInfo ReadNativeInfo(const std::string& path);
Schema ReadNativeSchema(const std::string& path);
int64_t ReadNativeRowCount(const std::string& path);

}  // namespace xf
