#include "core/content_hash.h"

#include <openssl/evp.h>

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "core/error.h"
#include "core/hash.h"
#include "core/thread_pool.h"

namespace xf {

namespace {

// Version tag of the encoding below: bump it whenever the encoding changes, so old and new
// hashes never compare equal by accident.
constexpr std::string_view kTableHashTag = "xfactor-table-hash-v1";

// Values are encoded into a fixed buffer that is fed to XXH3 in large pieces: one update per value
// would cost more than the hashing itself, and growing a std::string byte by byte cost more than
// the hashing too (a quarter of some scenarios' run time). XXH3's streaming digest does not depend
// on how the bytes are split into updates, so the hashes are those of the plain byte stream.
class HashStream {
 public:
  HashStream() { XXH3_128bits_reset(&state_); }
  void PutU8(uint8_t v) {
    Reserve(1);
    buf_[len_++] = static_cast<char>(v);
  }
  void PutU64(uint64_t v) {  // little-endian on every machine
    Reserve(8);
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
    std::memcpy(buf_ + len_, &v, 8);
    len_ += 8;
  }
  void PutBytes(std::string_view s) {
    PutU64(s.size());
    if (s.size() >= kBufBytes / 2) {
      Flush();
      XXH3_128bits_update(&state_, s.data(), s.size());
      return;
    }
    Reserve(s.size());
    std::memcpy(buf_ + len_, s.data(), s.size());
    len_ += s.size();
  }
  XXH128_hash_t Digest() {
    Flush();
    return XXH3_128bits_digest(&state_);
  }

 private:
  static constexpr size_t kBufBytes = 1 << 16;
  void Reserve(size_t n) {
    if (len_ + n > kBufBytes) Flush();
  }
  void Flush() {
    XXH3_128bits_update(&state_, buf_, len_);
    len_ = 0;
  }
  XXH3_state_t state_;
  size_t len_ = 0;
  char buf_[kBufBytes];
};

// Each row contributes a validity byte and, when valid, its value in a fixed little-endian
// encoding; the row count is hashed up front, so no two columns share an encoding.
XXH128_hash_t HashColumn(const Column& col) {
  HashStream h;
  h.PutU8(static_cast<uint8_t>(col.type()));
  h.PutU64(static_cast<uint64_t>(col.size()));
  for (int64_t i = 0; i < col.size(); ++i) {
    if (col.IsNull(i)) {
      h.PutU8(0);
      continue;
    }
    h.PutU8(1);
    switch (col.type()) {
      case TypeId::kBool:
        h.PutU8(col.data<uint8_t>()[i] != 0 ? 1 : 0);
        break;
      case TypeId::kInt64:
      case TypeId::kTimestamp:
        h.PutU64(static_cast<uint64_t>(col.data<int64_t>()[i]));
        break;
      case TypeId::kDate:
        h.PutU64(static_cast<uint64_t>(static_cast<int64_t>(col.data<int32_t>()[i])));
        break;
      case TypeId::kFloat64: {
        double v = col.data<double>()[i];
        // NaN payloads are not values anyone can see or compare; -0.0 stays distinct from 0.0
        // because it prints differently.
        if (std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();
        uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        h.PutU64(bits);
        break;
      }
      case TypeId::kString:
        h.PutBytes(col.GetString(i));
        break;
      case TypeId::kNull:
        break;
    }
  }
  return h.Digest();
}

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

}  // namespace

std::string TableContentHash(const Table& table) {
  const int n = table.num_columns();
  std::vector<XXH128_hash_t> column_hashes(static_cast<size_t>(n));
  // Columns hash independently and combine in column order: parallel, yet thread-count free.
  ThreadPool::Global().ParallelFor(n, [&](int64_t c) {
    column_hashes[static_cast<size_t>(c)] = HashColumn(*table.column(static_cast<int>(c)));
  });
  HashStream h;
  h.PutBytes(kTableHashTag);
  h.PutU64(static_cast<uint64_t>(n));
  h.PutU64(static_cast<uint64_t>(table.num_rows()));
  for (int c = 0; c < n; ++c) {
    const Field& f = table.schema().field(c);
    h.PutBytes(f.name);
    h.PutBytes(TypeName(f.type));
    h.PutU64(column_hashes[static_cast<size_t>(c)].high64);
    h.PutU64(column_hashes[static_cast<size_t>(c)].low64);
  }
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, h.Digest());
  return "xxh128:" + Hex(canonical.digest, sizeof canonical.digest);
}

std::string FileSha256(const std::string& path) {
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  struct CtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) {
    throw Error(ErrorKind::kIo, std::string("cannot open file: ") + std::strerror(errno),
                SourceContext{.file = path});
  }
  std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    throw Error(ErrorKind::kInternal, "cannot initialise SHA-256 (OpenSSL EVP)");
  }
  std::vector<char> buf(1 << 20);
  for (;;) {
    const size_t got = std::fread(buf.data(), 1, buf.size(), f.get());
    if (got > 0 && EVP_DigestUpdate(ctx.get(), buf.data(), got) != 1) {
      throw Error(ErrorKind::kInternal, "SHA-256 update failed (OpenSSL EVP)");
    }
    if (got < buf.size()) {
      if (std::ferror(f.get())) {
        throw Error(ErrorKind::kIo, std::string("cannot read file: ") + std::strerror(errno),
                    SourceContext{.file = path});
      }
      break;
    }
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1) {
    throw Error(ErrorKind::kInternal, "SHA-256 final failed (OpenSSL EVP)");
  }
  return "sha256:" + Hex(digest, len);
}

}  // namespace xf
