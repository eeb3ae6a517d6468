// Character encodings of text inputs: detection, conversion to UTF-8, and the positions of bytes
// that cannot be read, so that a reader rejects only the records that hold them.
//
// Conversion uses glibc's iconv: it is part of the C library on every Linux we run on (no extra
// dependency), its GB18030 tables follow the 2005 standard including the four-byte ranges, and it
// reports the exact position of an undecodable sequence, which we need for rejects. Writing our
// own GB18030 tables would be thousands of lines of data to get wrong.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xf {

enum class BadByteKind : uint8_t {
  kInvalidUtf8,  // input read as UTF-8, not well-formed there
  kUndecodable,  // input read in another encoding, not convertible there
  kNul,          // a NUL byte: never part of text
};

struct BadByte {
  size_t pos;           // offset in the decoded UTF-8 text
  int64_t file_offset;  // 0-based offset in the original (decompressed) bytes
  BadByteKind kind;
};

// The input as UTF-8 text plus the bad bytes found in it, sorted by position. Undecodable input
// bytes are copied through unchanged (they are never valid UTF-8 where they stand), so a record
// holding one must be rejected, not loaded.
struct DecodedText {
  std::string storage;    // owns the text when it had to be converted; else empty
  std::string_view text;  // UTF-8 text without BOM (into storage when owned)
  bool owned = false;
  std::string encoding;  // "utf-8" or "gb18030" or "gbk"
  std::vector<BadByte> bad;

  DecodedText() = default;
  DecodedText(const DecodedText&) = delete;
  DecodedText& operator=(const DecodedText&) = delete;
  // Moving a short std::string copies its bytes (small-string buffer), so a view into
  // `storage` must be re-pointed after every move.
  DecodedText(DecodedText&& o) noexcept { *this = std::move(o); }
  DecodedText& operator=(DecodedText&& o) noexcept {
    const size_t offset = o.owned ? static_cast<size_t>(o.text.data() - o.storage.data()) : 0;
    storage = std::move(o.storage);
    owned = o.owned;
    text = owned ? std::string_view(storage).substr(offset, o.text.size()) : o.text;
    encoding = std::move(o.encoding);
    bad = std::move(o.bad);
    return *this;
  }
};

// Canonical name for a user's encoding name: "auto", "utf-8", "gb18030", "gbk"; "" if unknown.
std::string CanonicalEncoding(std::string_view name);

// Decodes `bytes` (which must outlive the result when it is UTF-8). `encoding` as in
// CsvOptions::encoding. Auto-detection: a UTF-8 BOM means UTF-8; otherwise text that is valid
// UTF-8 is UTF-8; otherwise the input is decoded as GB18030 when that leaves fewer lines with
// undecodable bytes than reading it as UTF-8 does (so a UTF-8 file with a few stray GBK lines
// stays UTF-8 and only those lines are rejected). Throws Error(kUsage) for an unknown encoding
// and Error(kData) for UTF-16/32 input (named, so the user knows to re-save it).
//
// `release_input`, when given, is the string that holds `bytes`: it is freed as soon as the
// converted text no longer needs it, before the converted parts are joined, so a 1 GB GB18030
// file never has input, parts and joined text alive at once. It is left alone when the result
// is a view of it (UTF-8).
DecodedText DecodeText(std::string_view bytes, std::string_view encoding, const std::string& source,
                       int threads, std::string* release_input = nullptr);

// Human-readable reason for a bad byte, e.g. "invalid UTF-8 at byte 1234".
std::string BadByteReason(const BadByte& b, const std::string& encoding);

// Converts UTF-8 text to `encoding` ("gb18030" or "gbk"). Throws Error(kData) naming `what` and
// the byte offset when a character has no representation there.
std::string EncodeFromUtf8(std::string_view utf8, std::string_view encoding,
                           const std::string& what);

// Positions of invalid UTF-8 sequences (one per sequence start) and NUL bytes in [0, text.size()),
// scanned in parallel. `offset_base` is added to get file offsets.
std::vector<BadByte> ScanUtf8(std::string_view text, int64_t offset_base, int threads);

}  // namespace xf
