// Whole-file input for the readers: plain files and gzip, decided by the content's magic bytes
// (not the file name), so a mislabelled .csv.gz or an unlabelled gzip both read correctly.
#pragma once

#include <string>
#include <string_view>

namespace xf {

// Reads all bytes of `path`, decompressing gzip content unless `gunzip` is false (formats with
// their own magic, like .xfc, read raw). Throws Error(kIo) when the file cannot be opened or
// read, and Error(kData) naming the file when a gzip stream is truncated or corrupt.
std::string ReadFileBytes(const std::string& path, bool gunzip = true);

// Decompresses a complete gzip (or concatenated gzip members) held in memory. `name` is used in
// error messages.
std::string Gunzip(std::string_view data, const std::string& name);

// Compresses `data` as one gzip member (zlib, default level), readable by Gunzip and gzip(1).
std::string Gzip(std::string_view data);

inline bool IsGzip(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

// Writes bytes to `path` via a temporary file and rename, so a crash never leaves a half file.
void WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace xf
