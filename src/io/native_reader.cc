#include "io/native_reader.h"

#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>

#include "core/bitmap.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "io/file_source.h"
#include "io/native_format.h"

namespace xf {

namespace {

struct ChunkRef {
  uint64_t offset = 0;
  uint64_t compressed = 0;
  uint64_t uncompressed = 0;
  uint64_t checksum = 0;
};

struct Footer {
  Schema schema;
  uint64_t num_rows = 0;
  uint64_t rows_per_group = 0;
  std::vector<uint32_t> group_rows;
  std::vector<ChunkRef> chunks;  // row group major: chunks[g * num_columns + c]
};

[[noreturn]] void Corrupt(const std::string& name, const std::string& message) {
  throw Error(ErrorKind::kData, message, SourceContext{.file = name});
}

std::string Where(uint64_t group, const std::string& column) {
  return "row group " + std::to_string(group) + ", column '" + column + "'";
}

// Checks the 16 header bytes (fewer when the file is shorter).
void CheckHeader(std::string_view head, uint64_t file_size, const std::string& name) {
  const size_t m = std::min(head.size(), sizeof native::kMagic);
  if (std::memcmp(head.data(), native::kMagic, m) != 0) {
    Corrupt(name, "not an xfactor native file (bad magic bytes)");
  }
  if (file_size < native::kHeaderBytes) Corrupt(name, "file is truncated: header incomplete");
  const uint32_t version = native::LoadU32(head.data() + 8);
  if (version != native::kVersion) {
    Corrupt(name, "unsupported native format version " + std::to_string(version) +
                      " (this build reads version " + std::to_string(native::kVersion) + ")");
  }
  if (native::LoadU32(head.data() + 12) != 0) Corrupt(name, "reserved header field is not zero");
  if (file_size < native::kHeaderBytes + native::kTrailerBytes) {
    Corrupt(name, "file is truncated: footer missing");
  }
}

// Returns the footer length after checking the trailer against the file size.
uint64_t CheckTrailer(std::string_view trailer, uint64_t file_size, const std::string& name) {
  if (std::memcmp(trailer.data() + 16, native::kMagic, sizeof native::kMagic) != 0) {
    Corrupt(name, "file is truncated: footer missing (no trailing magic)");
  }
  const uint64_t footer_length = native::LoadU64(trailer.data());
  if (footer_length > file_size - native::kHeaderBytes - native::kTrailerBytes) {
    Corrupt(name, "footer length " + std::to_string(footer_length) + " exceeds the file size " +
                      std::to_string(file_size));
  }
  return footer_length;
}

void CheckFooterChecksum(std::string_view footer, std::string_view trailer,
                         const std::string& name) {
  if (XXH3_64bits(footer.data(), footer.size()) != native::LoadU64(trailer.data() + 8)) {
    Corrupt(name, "footer checksum mismatch");
  }
}

// Bounds-checked little-endian reads over the footer.
class FooterCursor {
 public:
  FooterCursor(std::string_view bytes, const std::string& name) : bytes_(bytes), name_(name) {}
  size_t remaining() const { return bytes_.size() - pos_; }
  uint8_t U8(const char* what) {
    Need(1, what);
    return static_cast<uint8_t>(bytes_[pos_++]);
  }
  uint32_t U32(const char* what) {
    Need(4, what);
    const uint32_t v = native::LoadU32(bytes_.data() + pos_);
    pos_ += 4;
    return v;
  }
  uint64_t U64(const char* what) {
    Need(8, what);
    const uint64_t v = native::LoadU64(bytes_.data() + pos_);
    pos_ += 8;
    return v;
  }
  std::string_view Bytes(uint64_t n, const char* what) {
    Need(n, what);
    std::string_view v = bytes_.substr(pos_, n);
    pos_ += n;
    return v;
  }

 private:
  void Need(uint64_t n, const char* what) {
    if (n > remaining()) Corrupt(name_, std::string("footer is truncated while reading ") + what);
  }
  std::string_view bytes_;
  const std::string& name_;
  size_t pos_ = 0;
};

// The exact payload size a fixed-width chunk may have, with and without a validity bitmap.
void FixedPayloadSizes(TypeId type, uint64_t n, uint64_t* without, uint64_t* with) {
  const uint64_t w = static_cast<uint64_t>(FixedWidth(type));
  *without = 1 + n * w;
  *with = *without + BitmapBytes(static_cast<int64_t>(n));
}

void CheckChunkSizes(const ChunkRef& ref, TypeId type, uint64_t n, uint64_t group,
                     const std::string& column, const std::string& name) {
  const uint64_t cap = (ref.compressed / 4 + 1) * (uint64_t{128} << 10);
  if (ref.uncompressed > cap) {
    Corrupt(name, "in " + Where(group, column) + ": uncompressed size " +
                      std::to_string(ref.uncompressed) + " is impossible for " +
                      std::to_string(ref.compressed) + " compressed bytes");
  }
  if (type == TypeId::kNull) {
    if (ref.uncompressed != 1) {
      Corrupt(name, "in " + Where(group, column) + ": a null-typed chunk must hold 1 byte, not " +
                        std::to_string(ref.uncompressed));
    }
  } else if (type == TypeId::kString) {
    if (ref.uncompressed < 1 + 4 * n) {
      Corrupt(name, "in " + Where(group, column) + ": uncompressed size " +
                        std::to_string(ref.uncompressed) + " is too small for " +
                        std::to_string(n) + " string lengths");
    }
  } else {
    uint64_t without, with;
    FixedPayloadSizes(type, n, &without, &with);
    if (ref.uncompressed != without && ref.uncompressed != with) {
      Corrupt(name, "in " + Where(group, column) + ": uncompressed size " +
                        std::to_string(ref.uncompressed) + " does not fit " + std::to_string(n) +
                        " " + TypeName(type) + " values (expected " + std::to_string(without) +
                        " or " + std::to_string(with) + ")");
    }
  }
}

Footer ParseFooter(std::string_view bytes, uint64_t footer_start, const std::string& name) {
  FooterCursor cur(bytes, name);
  Footer f;
  const uint32_t num_cols = cur.U32("the column count");
  // Each column takes at least 5 footer bytes: a corrupt count cannot make us allocate much.
  if (num_cols > cur.remaining() / 5) {
    Corrupt(name, "footer is truncated: " + std::to_string(num_cols) +
                      " columns declared in a footer of " + std::to_string(bytes.size()) +
                      " bytes");
  }
  for (uint32_t c = 0; c < num_cols; ++c) {
    const uint32_t len = cur.U32("a column name length");
    std::string col_name(cur.Bytes(len, "a column name"));
    if (!IsValidUtf8(col_name)) {
      Corrupt(name, "name of column " + std::to_string(c) + " is not valid UTF-8");
    }
    const uint8_t code = cur.U8("a column type");
    TypeId type;
    if (!native::TypeFromCode(code, &type)) {
      Corrupt(name, "column '" + col_name + "' has unknown type code " + std::to_string(code));
    }
    f.schema.Add(Field{std::move(col_name), type});
  }
  f.num_rows = cur.U64("the row count");
  f.rows_per_group = cur.U32("the rows per group");
  const uint32_t num_groups = cur.U32("the row group count");
  if (f.rows_per_group == 0 || f.rows_per_group > native::kMaxRowsPerGroup) {
    Corrupt(name, "rows per group " + std::to_string(f.rows_per_group) + " is out of range");
  }
  if (num_cols == 0 && f.num_rows != 0) {
    Corrupt(name, "a table without columns claims " + std::to_string(f.num_rows) + " rows");
  }
  const uint64_t expected_groups = f.num_rows == 0 ? 0 : (f.num_rows - 1) / f.rows_per_group + 1;
  if (num_groups != expected_groups) {
    Corrupt(name, std::to_string(num_groups) + " row groups declared, but " +
                      std::to_string(f.num_rows) + " rows in groups of " +
                      std::to_string(f.rows_per_group) + " need " +
                      std::to_string(expected_groups));
  }
  const uint64_t group_bytes = 4 + 32 * uint64_t{num_cols};
  if (num_groups > cur.remaining() / group_bytes) {
    Corrupt(name, "footer is truncated: " + std::to_string(num_groups) +
                      " row groups declared in a footer of " + std::to_string(bytes.size()) +
                      " bytes");
  }
  f.group_rows.reserve(num_groups);
  f.chunks.reserve(uint64_t{num_groups} * num_cols);
  uint64_t expected_offset = native::kHeaderBytes;
  for (uint32_t g = 0; g < num_groups; ++g) {
    const uint32_t rows = cur.U32("a row group size");
    const uint64_t want =
        g + 1 < num_groups ? f.rows_per_group : f.num_rows - uint64_t{g} * f.rows_per_group;
    if (rows != want) {
      Corrupt(name, "row group " + std::to_string(g) + " holds " + std::to_string(rows) +
                        " rows, expected " + std::to_string(want));
    }
    f.group_rows.push_back(rows);
    for (uint32_t c = 0; c < num_cols; ++c) {
      const Field& field = f.schema.field(static_cast<int>(c));
      ChunkRef ref;
      ref.offset = cur.U64("a chunk offset");
      ref.compressed = cur.U64("a chunk size");
      ref.uncompressed = cur.U64("a chunk size");
      ref.checksum = cur.U64("a chunk checksum");
      if (ref.offset != expected_offset) {
        Corrupt(name, "in " + Where(g, field.name) + ": chunk offset " +
                          std::to_string(ref.offset) + " should be " +
                          std::to_string(expected_offset));
      }
      if (ref.compressed > footer_start - expected_offset) {
        Corrupt(name, "in " + Where(g, field.name) + ": chunk of " +
                          std::to_string(ref.compressed) + " bytes runs past the footer");
      }
      expected_offset += ref.compressed;
      CheckChunkSizes(ref, field.type, rows, g, field.name, name);
      f.chunks.push_back(ref);
    }
  }
  if (expected_offset != footer_start) {
    Corrupt(name, "chunks end at byte " + std::to_string(expected_offset) +
                      " but the footer starts at byte " + std::to_string(footer_start));
  }
  if (cur.remaining() != 0) {
    Corrupt(name, "footer has " + std::to_string(cur.remaining()) + " unexpected trailing bytes");
  }
  return f;
}

// Everything but the chunks: header, trailer and footer of a file held in memory.
Footer ReadFooter(std::string_view bytes, const std::string& name, bool verify_checksums) {
  CheckHeader(bytes.substr(0, native::kHeaderBytes), bytes.size(), name);
  const std::string_view trailer = bytes.substr(bytes.size() - native::kTrailerBytes);
  const uint64_t footer_length = CheckTrailer(trailer, bytes.size(), name);
  const uint64_t footer_start = bytes.size() - native::kTrailerBytes - footer_length;
  const std::string_view footer = bytes.substr(footer_start, footer_length);
  if (verify_checksums) CheckFooterChecksum(footer, trailer, name);
  return ParseFooter(footer, footer_start, name);
}

struct DCtxDeleter {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// A decoded chunk: the parts the column assembly needs after the parallel phase.
struct Decoded {
  std::vector<uint8_t> validity;  // empty: every row valid
  std::string strings;            // string chunks: the whole payload
  size_t values_at = 0;           // where lengths (strings) start in `strings`
};

void DecodeChunk(std::string_view file, const Footer& f, size_t k, bool verify_checksums,
                 const std::vector<char*>& fixed_out, Decoded* out, const std::string& name) {
  const size_t num_cols = static_cast<size_t>(f.schema.num_fields());
  const uint64_t g = k / num_cols;
  const int c = static_cast<int>(k % num_cols);
  const Field& field = f.schema.field(c);
  const ChunkRef& ref = f.chunks[k];
  const uint64_t n = f.group_rows[g];
  const std::string_view src = file.substr(ref.offset, ref.compressed);
  auto fail = [&](const std::string& what) { Corrupt(name, what + " in " + Where(g, field.name)); };

  if (verify_checksums && XXH3_64bits(src.data(), src.size()) != ref.checksum) {
    fail("checksum mismatch");
  }
  const unsigned long long frame_size = ZSTD_getFrameContentSize(src.data(), src.size());
  if (frame_size == ZSTD_CONTENTSIZE_ERROR || frame_size == ZSTD_CONTENTSIZE_UNKNOWN) {
    fail("chunk is not a zstd frame with a content size");
  }
  if (frame_size != ref.uncompressed) {
    fail("zstd frame holds " + std::to_string(frame_size) + " bytes, footer says " +
         std::to_string(ref.uncompressed) + ",");
  }
  const size_t frame_bytes = ZSTD_findFrameCompressedSize(src.data(), src.size());
  if (ZSTD_isError(frame_bytes) || frame_bytes != src.size()) {
    fail("chunk is not exactly one zstd frame");
  }

  thread_local std::unique_ptr<ZSTD_DCtx, DCtxDeleter> dctx(ZSTD_createDCtx());
  if (!dctx) throw Error(ErrorKind::kInternal, "cannot create a zstd context");
  thread_local std::string scratch;
  std::string& raw = field.type == TypeId::kString ? out->strings : scratch;
  raw.resize(ref.uncompressed);
  const size_t got =
      ZSTD_decompressDCtx(dctx.get(), raw.data(), raw.size(), src.data(), src.size());
  if (ZSTD_isError(got)) fail(std::string("zstd: ") + ZSTD_getErrorName(got));
  if (got != ref.uncompressed) fail("decompressed size mismatch");

  const auto flag = static_cast<uint8_t>(raw[0]);
  size_t pos = 1;
  if (flag > 1 || (flag == 1 && field.type == TypeId::kNull)) {
    fail("invalid validity flag " + std::to_string(flag));
  }
  if (flag == 1) {
    const size_t nb = BitmapBytes(static_cast<int64_t>(n));
    if (raw.size() - pos < nb) fail("validity bitmap is truncated");
    out->validity.assign(raw.begin() + pos, raw.begin() + pos + nb);
    pos += nb;
    if (n % 8 != 0 && (out->validity.back() >> (n % 8)) != 0) {
      fail("validity bitmap has padding bits set");
    }
  }
  auto valid = [&](uint64_t i) {
    return out->validity.empty() || GetBit(out->validity.data(), static_cast<int64_t>(i));
  };
  const size_t rest = raw.size() - pos;
  switch (field.type) {
    case TypeId::kNull:
      break;
    case TypeId::kBool:
    case TypeId::kInt64:
    case TypeId::kFloat64:
    case TypeId::kDate:
    case TypeId::kTimestamp: {
      const size_t w = static_cast<size_t>(FixedWidth(field.type));
      if (rest != n * w) fail("value buffer has " + std::to_string(rest) + " bytes");
      if (field.type == TypeId::kBool) {
        for (uint64_t i = 0; i < n; ++i) {
          const auto v = static_cast<uint8_t>(raw[pos + i]);
          if (v > 1) {
            fail("bool value " + std::to_string(v) + " (not 0 or 1) in row " + std::to_string(i));
          }
        }
      }
      std::memcpy(fixed_out[static_cast<size_t>(c)] + g * f.rows_per_group * w, raw.data() + pos,
                  rest);
      break;
    }
    case TypeId::kString: {
      if (rest < 4 * n) fail("string lengths are truncated");
      uint64_t total = 0;
      for (uint64_t i = 0; i < n; ++i) {
        const uint32_t len = native::LoadU32(raw.data() + pos + 4 * i);
        if (len != 0 && !valid(i)) fail("NULL string in row " + std::to_string(i) + " has bytes");
        total += len;
      }
      if (total != rest - 4 * n) {
        fail("string lengths add up to " + std::to_string(total) + " bytes but " +
             std::to_string(rest - 4 * n) + " are stored");
      }
      out->values_at = pos;
      break;
    }
  }
}

// Copies the chunk bitmaps of one column into one table-wide bitmap.
std::vector<uint8_t> AssembleValidity(const Footer& f, int c, const std::vector<Decoded>& dec) {
  const size_t num_cols = static_cast<size_t>(f.schema.num_fields());
  bool any = false;
  for (size_t g = 0; g < f.group_rows.size(); ++g) any |= !dec[g * num_cols + c].validity.empty();
  if (!any) return {};
  const auto num_rows = static_cast<int64_t>(f.num_rows);
  std::vector<uint8_t> bits(BitmapBytes(num_rows), 0xFF);
  if (num_rows % 8 != 0) bits.back() = static_cast<uint8_t>((1u << (num_rows % 8)) - 1);
  for (size_t g = 0; g < f.group_rows.size(); ++g) {
    const auto& v = dec[g * num_cols + c].validity;
    if (v.empty()) continue;
    const int64_t start = static_cast<int64_t>(g * f.rows_per_group);
    const int64_t n = f.group_rows[g];
    if (start % 8 == 0 && (n % 8 == 0 || start + n == num_rows)) {
      std::memcpy(bits.data() + start / 8, v.data(), v.size());
    } else {
      for (int64_t i = 0; i < n; ++i) SetBitTo(bits.data(), start + i, GetBit(v.data(), i));
    }
  }
  return bits;
}

}  // namespace

TablePtr ReadNativeBuffer(std::string_view bytes, const std::string& name,
                          const NativeReadOptions& options) {
  const Footer f = ReadFooter(bytes, name, options.verify_checksums);
  const int num_cols = f.schema.num_fields();
  const auto num_rows = static_cast<int64_t>(f.num_rows);

  // Fixed-width columns are filled in place; their size is already bounded by the chunk sizes,
  // which ParseFooter checked against what the compressed bytes can expand to.
  std::vector<ColumnPtr> columns(static_cast<size_t>(num_cols));
  std::vector<char*> fixed_out(static_cast<size_t>(num_cols), nullptr);
  for (int c = 0; c < num_cols; ++c) {
    const TypeId t = f.schema.field(c).type;
    auto col = Column::Make(t);
    if (t != TypeId::kString && t != TypeId::kNull) {
      col->ResizeFixed(num_rows);
      fixed_out[static_cast<size_t>(c)] = reinterpret_cast<char*>(col->mutable_data<uint8_t>());
    }
    columns[static_cast<size_t>(c)] = std::move(col);
  }

  const size_t num_chunks = f.chunks.size();
  std::vector<Decoded> decoded(num_chunks);
  std::vector<std::exception_ptr> errors(num_chunks);
  ThreadPool::Global().ParallelFor(static_cast<int64_t>(num_chunks), [&](int64_t k) {
    try {
      DecodeChunk(bytes, f, static_cast<size_t>(k), options.verify_checksums, fixed_out,
                  &decoded[static_cast<size_t>(k)], name);
    } catch (...) {
      errors[static_cast<size_t>(k)] = std::current_exception();
    }
  });
  // The first damaged chunk in file order, whatever thread found it first: same file, same error.
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }

  ThreadPool::Global().ParallelFor(num_cols, [&](int64_t ci) {
    const int c = static_cast<int>(ci);
    Column& col = *columns[static_cast<size_t>(c)];
    const TypeId t = col.type();
    if (t == TypeId::kNull) {
      col.AppendNulls(num_rows);
      return;
    }
    std::vector<uint8_t> bits = AssembleValidity(f, c, decoded);
    if (t == TypeId::kString) {
      int64_t total = 0;
      for (size_t g = 0; g < f.group_rows.size(); ++g) {
        const Decoded& d = decoded[g * static_cast<size_t>(num_cols) + static_cast<size_t>(c)];
        total += static_cast<int64_t>(d.strings.size() - d.values_at - 4 * f.group_rows[g]);
      }
      col.Reserve(num_rows, total);
      for (size_t g = 0; g < f.group_rows.size(); ++g) {
        Decoded& d = decoded[g * static_cast<size_t>(num_cols) + static_cast<size_t>(c)];
        const uint32_t n = f.group_rows[g];
        const char* lengths = d.strings.data() + d.values_at;
        const char* chars = lengths + 4 * static_cast<size_t>(n);
        for (uint32_t i = 0; i < n; ++i) {
          const uint32_t len = native::LoadU32(lengths + 4 * static_cast<size_t>(i));
          col.AppendString(std::string_view(chars, len));
          chars += len;
        }
        std::string().swap(d.strings);  // release as we go: peak memory stays near one copy
      }
    }
    if (!bits.empty()) col.SetValidity(std::move(bits));
  });
  return Table::Make(f.schema, std::move(columns));
}

TablePtr ReadNative(const std::string& path, const NativeReadOptions& options) {
  const std::string bytes = ReadFileBytes(path, /*gunzip=*/false);
  return ReadNativeBuffer(bytes, path, options);
}

NativeFileInfo ReadNativeInfo(const std::string& path) {
  std::FILE* fp = std::fopen(path.c_str(), "rb");
  if (fp == nullptr) {
    throw Error(ErrorKind::kIo, std::string("cannot open file: ") + std::strerror(errno),
                SourceContext{.file = path});
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(fp, std::fclose);
  auto read_at = [&](uint64_t offset, uint64_t n) {
    std::string out(n, '\0');
    if (std::fseek(fp, static_cast<long>(offset), SEEK_SET) != 0 ||
        std::fread(out.data(), 1, n, fp) != n) {
      throw Error(ErrorKind::kIo, "cannot read file", SourceContext{.file = path});
    }
    return out;
  };
  if (std::fseek(fp, 0, SEEK_END) != 0) {
    throw Error(ErrorKind::kIo, "cannot seek in file", SourceContext{.file = path});
  }
  const long end = std::ftell(fp);
  if (end < 0) throw Error(ErrorKind::kIo, "cannot seek in file", SourceContext{.file = path});
  const auto size = static_cast<uint64_t>(end);
  const std::string head = read_at(0, std::min<uint64_t>(size, native::kHeaderBytes));
  CheckHeader(head, size, path);
  const std::string trailer = read_at(size - native::kTrailerBytes, native::kTrailerBytes);
  const uint64_t footer_length = CheckTrailer(trailer, size, path);
  const uint64_t footer_start = size - native::kTrailerBytes - footer_length;
  const std::string footer = read_at(footer_start, footer_length);
  CheckFooterChecksum(footer, trailer, path);
  Footer f = ParseFooter(footer, footer_start, path);
  NativeFileInfo info;
  info.schema = std::move(f.schema);
  info.num_rows = static_cast<int64_t>(f.num_rows);
  info.num_row_groups = static_cast<int64_t>(f.group_rows.size());
  info.rows_per_group = static_cast<int64_t>(f.rows_per_group);
  info.file_bytes = static_cast<int64_t>(size);
  return info;
}

Schema ReadNativeSchema(const std::string& path) { return ReadNativeInfo(path).schema; }

int64_t ReadNativeRowCount(const std::string& path) { return ReadNativeInfo(path).num_rows; }

}  // namespace xf
