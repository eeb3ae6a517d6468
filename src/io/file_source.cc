#include "io/file_source.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/error.h"

namespace xf {

namespace {

[[noreturn]] void ThrowIo(const std::string& what, const std::string& path) {
  throw Error(ErrorKind::kIo, what + ": " + std::strerror(errno), SourceContext{.file = path});
}

}  // namespace

std::string ReadFileBytes(const std::string& path, bool gunzip) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) ThrowIo("cannot open file", path);
  std::string bytes;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) bytes.reserve(static_cast<size_t>(size));
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) ThrowIo("cannot read file", path);
  if (gunzip && IsGzip(bytes)) return Gunzip(bytes, path);
  return bytes;
}

std::string Gunzip(std::string_view data, const std::string& name) {
  std::string out;
  z_stream zs{};
  // 16 + MAX_WBITS: expect a gzip header and trailer (CRC-32 and length are verified by zlib).
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
    throw Error(ErrorKind::kInternal, "zlib initialisation failed", SourceContext{.file = name});
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(data.size(), UINT32_MAX));
  size_t fed = zs.avail_in;
  char buf[1 << 16];
  for (;;) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (zs.avail_in == 0 && fed < data.size()) {  // inputs over 4 GiB arrive in slices
      const size_t more = std::min<size_t>(data.size() - fed, UINT32_MAX);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + fed));
      zs.avail_in = static_cast<uInt>(more);
      fed += more;
    }
    if (rc == Z_STREAM_END) {
      // Concatenated members (as written by `cat a.gz b.gz`) continue after the first trailer.
      if (zs.avail_in == 0 && fed == data.size()) break;
      if (inflateReset(&zs) != Z_OK) break;
      continue;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0 && fed == data.size()) {
      inflateEnd(&zs);
      throw Error(ErrorKind::kData,
                  "gzip stream is truncated after " + std::to_string(out.size()) +
                      " decompressed bytes",
                  SourceContext{.file = name});
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      const std::string msg = zs.msg ? zs.msg : "unknown zlib error";
      inflateEnd(&zs);
      throw Error(ErrorKind::kData, "gzip stream is corrupt (" + msg + ")",
                  SourceContext{.file = name});
    }
  }
  inflateEnd(&zs);
  return out;
}

std::string Gzip(std::string_view data) {
  z_stream zs{};
  // 16 + MAX_WBITS: write a gzip header and trailer rather than a raw zlib stream.
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw Error(ErrorKind::kInternal, "zlib initialisation failed");
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw Error(ErrorKind::kInternal, "gzip compression did not finish");
  return out;
}

void WriteFileAtomically(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) ThrowIo("cannot create file", tmp);
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() &&
                  std::fflush(f) == 0;
  if (std::fclose(f) != 0 || !ok) {
    std::remove(tmp.c_str());
    ThrowIo("cannot write file", path);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) ThrowIo("cannot rename into place", path);
}

}  // namespace xf
