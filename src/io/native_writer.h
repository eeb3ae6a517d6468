// Writer of xfactor's native columnar files (.xfc); the layout is documented in native_format.h.
#pragma once

#include <cstdint>
#include <string>

#include "core/table.h"
#include "io/native_format.h"

namespace xf {

struct NativeWriteOptions {
  int compression_level = 3;                              // zstd level, 1..22 (negative = faster)
  int64_t rows_per_group = native::kDefaultRowsPerGroup;  // 1 .. 2^24
};

// Writes `table` to `path` through a temporary file renamed into place, so a crash never leaves
// a half-written file under `path`. Chunks are compressed in parallel; the bytes do not depend
// on the thread count. Throws Error(kUsage) for bad options, Error(kIo) when writing fails.
void WriteNative(const Table& table, const std::string& path, const NativeWriteOptions& = {});

// The same bytes, in memory (tests, fuzzing, sending a table over the wire).
std::string ToNativeBuffer(const Table& table, const NativeWriteOptions& = {});

}  // namespace xf
