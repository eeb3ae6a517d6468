#include "io/native_writer.h"

#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>

#include "core/bitmap.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/thread_pool.h"

namespace xf {

namespace {

using Sink = std::function<void(std::string_view)>;

void CheckOptions(const NativeWriteOptions& o) {
  if (o.rows_per_group < 1 || o.rows_per_group > native::kMaxRowsPerGroup) {
    throw Error(ErrorKind::kUsage, "rows_per_group must be between 1 and " +
                                       std::to_string(native::kMaxRowsPerGroup) + ", got " +
                                       std::to_string(o.rows_per_group));
  }
  if (o.compression_level < ZSTD_minCLevel() || o.compression_level > ZSTD_maxCLevel()) {
    throw Error(ErrorKind::kUsage, "compression level must be between " +
                                       std::to_string(ZSTD_minCLevel()) + " and " +
                                       std::to_string(ZSTD_maxCLevel()) + ", got " +
                                       std::to_string(o.compression_level));
  }
}

// Appends fixed-width values [begin, begin+n) with NULL slots zeroed, so logically equal tables
// give equal bytes whatever their slots held.
void AppendFixedValues(const Column& col, int64_t begin, int64_t n, bool has_nulls,
                       std::string* out) {
  const size_t w = static_cast<size_t>(FixedWidth(col.type()));
  const char* src = reinterpret_cast<const char*>(col.data<uint8_t>()) + begin * w;
  const size_t at = out->size();
  out->append(src, n * w);
  if (has_nulls) {
    for (int64_t i = 0; i < n; ++i) {
      if (col.IsNull(begin + i)) std::memset(out->data() + at + i * w, 0, w);
    }
  }
}

void EncodePayload(const Column& col, const std::string& name, int64_t begin, int64_t n,
                   std::string* out) {
  out->clear();
  if (col.type() == TypeId::kNull) {
    native::PutU8(out, 0);
    return;
  }
  bool has_nulls = false;
  if (col.HasNulls()) {
    for (int64_t i = 0; i < n && !has_nulls; ++i) has_nulls = col.IsNull(begin + i);
  }
  native::PutU8(out, has_nulls ? 1 : 0);
  if (has_nulls) {
    const size_t at = out->size();
    out->append(BitmapBytes(n), '\0');
    auto* bits = reinterpret_cast<uint8_t*>(out->data() + at);
    for (int64_t i = 0; i < n; ++i) {
      if (col.IsValid(begin + i)) SetBit(bits, i);
    }
  }
  switch (col.type()) {
    case TypeId::kBool: {
      const uint8_t* v = col.data<uint8_t>() + begin;
      for (int64_t i = 0; i < n; ++i) {
        out->push_back(col.IsValid(begin + i) && v[i] != 0 ? 1 : 0);
      }
      break;
    }
    case TypeId::kInt64:
    case TypeId::kFloat64:
    case TypeId::kDate:
    case TypeId::kTimestamp:
      AppendFixedValues(col, begin, n, has_nulls, out);
      break;
    case TypeId::kString: {
      const size_t lengths_at = out->size();
      out->resize(lengths_at + 4 * static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) {
        const size_t len = col.IsValid(begin + i) ? col.GetString(begin + i).size() : 0;
        if (len > std::numeric_limits<uint32_t>::max()) {
          throw Error(ErrorKind::kData,
                      "string of " + std::to_string(len) + " bytes in row " +
                          std::to_string(begin + i + 1) + " exceeds the 4 GiB limit per value",
                      SourceContext{.column_name = name});
        }
        const auto l = static_cast<uint32_t>(len);
        for (int k = 0; k < 4; ++k) {
          (*out)[lengths_at + 4 * static_cast<size_t>(i) + k] =
              static_cast<char>((l >> (8 * k)) & 0xFF);
        }
      }
      for (int64_t i = 0; i < n; ++i) {
        if (col.IsValid(begin + i)) out->append(col.GetString(begin + i));
      }
      break;
    }
    case TypeId::kNull:
      break;
  }
}

struct CCtxDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

void Compress(std::string_view raw, int level, std::string* out) {
  // One context per thread: creating one per chunk would cost more than compressing small chunks.
  thread_local std::unique_ptr<ZSTD_CCtx, CCtxDeleter> cctx(ZSTD_createCCtx());
  if (!cctx) throw Error(ErrorKind::kInternal, "cannot create a zstd context");
  out->resize(ZSTD_compressBound(raw.size()));
  const size_t n =
      ZSTD_compressCCtx(cctx.get(), out->data(), out->size(), raw.data(), raw.size(), level);
  if (ZSTD_isError(n)) {
    throw Error(ErrorKind::kInternal,
                std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
  }
  out->resize(n);
}

void WriteTo(const Table& table, const NativeWriteOptions& options, const Sink& sink) {
  CheckOptions(options);
  const int num_cols = table.num_columns();
  const int64_t num_rows = table.num_rows();
  const int64_t rpg = options.rows_per_group;
  const int64_t num_groups = (num_rows + rpg - 1) / rpg;
  if (num_groups > std::numeric_limits<uint32_t>::max()) {
    throw Error(ErrorKind::kUsage,
                "table of " + std::to_string(num_rows) +
                    " rows needs more than 2^32 row groups; raise rows_per_group");
  }

  std::string footer;
  native::PutU32(&footer, static_cast<uint32_t>(num_cols));
  for (const Field& f : table.schema().fields()) {
    native::PutU32(&footer, static_cast<uint32_t>(f.name.size()));
    footer += f.name;
    native::PutU8(&footer, native::TypeCode(f.type));
  }
  native::PutU64(&footer, static_cast<uint64_t>(num_rows));
  native::PutU32(&footer, static_cast<uint32_t>(rpg));
  native::PutU32(&footer, static_cast<uint32_t>(num_groups));

  sink(native::HeaderBytes());
  uint64_t offset = native::kHeaderBytes;

  // Row groups are compressed a batch at a time: enough chunks to keep every core busy while
  // holding only a batch of compressed chunks in memory.
  ThreadPool& pool = ThreadPool::Global();
  const int64_t batch = std::max<int64_t>(1, 2 * pool.parallelism());
  for (int64_t g0 = 0; g0 < num_groups; g0 += batch) {
    const int64_t g1 = std::min(num_groups, g0 + batch);
    const int64_t tasks = (g1 - g0) * num_cols;
    std::vector<std::string> compressed(static_cast<size_t>(tasks));
    std::vector<uint64_t> raw_sizes(static_cast<size_t>(tasks));
    pool.ParallelFor(tasks, [&](int64_t k) {
      const int64_t g = g0 + k / num_cols;
      const int c = static_cast<int>(k % num_cols);
      const int64_t begin = g * rpg;
      const int64_t n = std::min(rpg, num_rows - begin);
      thread_local std::string payload;
      EncodePayload(*table.column(c), table.schema().field(c).name, begin, n, &payload);
      raw_sizes[static_cast<size_t>(k)] = payload.size();
      Compress(payload, options.compression_level, &compressed[static_cast<size_t>(k)]);
    });
    for (int64_t g = g0; g < g1; ++g) {
      native::PutU32(&footer, static_cast<uint32_t>(std::min(rpg, num_rows - g * rpg)));
      for (int c = 0; c < num_cols; ++c) {
        const size_t k = static_cast<size_t>((g - g0) * num_cols + c);
        const std::string& chunk = compressed[k];
        native::PutU64(&footer, offset);
        native::PutU64(&footer, chunk.size());
        native::PutU64(&footer, raw_sizes[k]);
        native::PutU64(&footer, XXH3_64bits(chunk.data(), chunk.size()));
        sink(chunk);
        offset += chunk.size();
      }
    }
  }

  std::string trailer;
  native::PutU64(&trailer, footer.size());
  native::PutU64(&trailer, XXH3_64bits(footer.data(), footer.size()));
  trailer.append(native::kMagic, sizeof native::kMagic);
  sink(footer);
  sink(trailer);
}

[[noreturn]] void ThrowIo(const std::string& what, const std::string& path) {
  throw Error(ErrorKind::kIo, what + ": " + std::strerror(errno), SourceContext{.file = path});
}

}  // namespace

std::string ToNativeBuffer(const Table& table, const NativeWriteOptions& options) {
  std::string out;
  WriteTo(table, options, [&](std::string_view bytes) { out.append(bytes); });
  return out;
}

void WriteNative(const Table& table, const std::string& path, const NativeWriteOptions& options) {
  CheckOptions(options);
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) ThrowIo("cannot create file", tmp);
  try {
    WriteTo(table, options, [&](std::string_view bytes) {
      if (std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
        ThrowIo("cannot write file", tmp);
      }
    });
    // fsync before rename: otherwise a power cut can leave the new name pointing at no data.
    if (std::fflush(f) != 0 || ::fsync(fileno(f)) != 0) ThrowIo("cannot write file", tmp);
  } catch (...) {
    std::fclose(f);
    std::remove(tmp.c_str());
    throw;
  }
  if (std::fclose(f) != 0) {
    std::remove(tmp.c_str());
    ThrowIo("cannot write file", tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    std::remove(tmp.c_str());
    errno = saved;
    ThrowIo("cannot rename into place", path);
  }
}

}  // namespace xf
