// xfactor's native columnar file format (.xfc), version 1: the workspace's storage for tables.
//
// Everything below is precise enough to write a second reader. All integers are little-endian
// and fixed-width (u8/u32/u64 = unsigned 8/32/64 bits, i32/i64 = two's complement), written
// byte by byte: there is no padding anywhere. Offsets are absolute byte positions in the file.
//
//   file    := header chunk* footer trailer
//
//   header  (16 bytes)
//     magic            8 bytes  89 58 46 43 0D 0A 1A 0A   ("\x89XFC\r\n\x1a\n", PNG-style: the
//                                                          high byte and CR LF / ^Z catch text-mode
//                                                          transfers and truncation to 7 bits)
//     version          u32      1
//     reserved         u32      0
//
//   chunk   one per (row group, column), stored row group by row group and, within a row group,
//           column by column, back to back: the first starts at byte 16, each next one where the
//           previous ends, and the footer starts where the last one ends. A chunk is one zstd
//           frame (with its content size in the frame header) of the chunk payload below.
//
//   footer  (footer_length bytes)
//     num_columns      u32
//     num_columns times:
//       name_length    u32
//       name           name_length bytes of UTF-8
//       type_code      u8       0 null, 1 bool, 2 int64, 3 float64, 4 string, 5 date, 6 timestamp
//     num_rows         u64      must be 0 when num_columns is 0
//     rows_per_group   u32      1 .. 2^24
//     num_row_groups   u32      must equal ceil(num_rows / rows_per_group)
//     num_row_groups times:
//       row_count      u32      rows_per_group for every group but the last; the last holds the
//                               rest (1 .. rows_per_group)
//       num_columns times:
//         offset             u64  of the chunk in the file
//         compressed_size    u64  bytes of the zstd frame
//         uncompressed_size  u64  bytes of the payload
//         checksum           u64  XXH3-64 (seed 0) of the compressed_size bytes at offset
//
//   trailer (24 bytes)
//     footer_length    u64
//     footer_checksum  u64      XXH3-64 (seed 0) of the footer bytes
//     magic            8 bytes  as in the header
//
//   chunk payload, for a row group of n rows and a column of type T (uncompressed):
//     validity_flag    u8       0: no NULLs in this chunk, no bitmap follows;
//                               1: a bitmap of ceil(n/8) bytes follows, bit i (LSB first within
//                                  each byte, as Apache Arrow) set when row i is valid; the
//                                  padding bits of the last byte are 0.
//     values, by type:
//       null        nothing; validity_flag must be 0 (every value is NULL by type)
//       bool        n bytes, each 0 or 1
//       date        n x i32  days since 1970-01-01
//       int64       n x i64
//       timestamp   n x i64  microseconds since 1970-01-01T00:00:00Z
//       float64     n x u64  IEEE-754 binary64 bits
//       string      n x u32 byte lengths, then the concatenated UTF-8 bytes (sum of the lengths)
//     A NULL slot holds 0 (fixed-width) or length 0 (string).
//
// Why this shape: row groups bound the memory of writing and reading and give independent units
// to compress on several cores; per-chunk checksums of the compressed bytes name the damaged
// row group and column; the footer at the end lets a writer stream without knowing sizes in
// advance, and lets `inspect` read the schema with three small reads. Chunks are contiguous so
// that every byte of the file is covered by exactly one check (the header by comparison, the
// chunks and the footer by checksums, the trailer by its magic and the footer it must locate):
// a flipped byte anywhere is detected. The same table and options give byte-identical files.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/types.h"

namespace xf::native {

static_assert(std::endian::native == std::endian::little,
              "the native format reader/writer memcpy value arrays; add byte swaps for big-endian");

inline constexpr char kMagic[8] = {'\x89', 'X', 'F', 'C', '\r', '\n', '\x1a', '\n'};
inline constexpr uint32_t kVersion = 1;
inline constexpr size_t kHeaderBytes = 16;
inline constexpr size_t kTrailerBytes = 24;
inline constexpr uint32_t kMaxRowsPerGroup = 1u << 24;
inline constexpr int64_t kDefaultRowsPerGroup = 1 << 16;
// A zstd block yields at most 128 KiB and costs at least 4 bytes (3-byte header + 1 RLE byte),
// so a frame never expands more than 32768-fold: the reader's cap on claimed sizes.
inline constexpr uint64_t kMaxExpansion = 32768;

// Type codes in the file; independent of TypeId's numbering so the enum may change.
uint8_t TypeCode(TypeId type);
// False for an unknown code.
bool TypeFromCode(uint8_t code, TypeId* type);

inline void PutU8(std::string* out, uint8_t v) { out->push_back(static_cast<char>(v)); }
inline void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
inline void PutU64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
inline uint32_t LoadU32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}
inline uint64_t LoadU64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

// The 16 header bytes of a version-1 file.
std::string HeaderBytes();

}  // namespace xf::native
