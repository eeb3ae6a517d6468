#include "io/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.h"
#include "core/strings.h"
#include "io/parallel_parts.h"

namespace xf {

namespace {

constexpr size_t kMinPartBytes = size_t{1} << 20;

std::string Lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
  }
  return out;
}

// RAII wrapper: iconv descriptors carry conversion state and must be closed.
class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {
    if (cd_ == reinterpret_cast<iconv_t>(-1)) {
      throw Error(ErrorKind::kInternal,
                  std::string("iconv cannot convert from ") + from + " to " + to);
    }
  }
  ~Iconv() { iconv_close(cd_); }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

const char* IconvName(const std::string& canonical) {
  return canonical == "gbk" ? "GBK" : "GB18030";
}

struct PartOutput {
  std::string text;
  std::vector<BadByte> bad;  // pos relative to `text`, file_offset absolute
};

// Decodes in[begin, end) to UTF-8. Undecodable bytes are copied through one at a time and
// recorded, so the output keeps one line per input line.
PartOutput DecodePart(std::string_view in, size_t begin, size_t end, const char* from,
                      int64_t offset_base) {
  PartOutput out;
  Iconv cd("UTF-8", from);
  out.text.resize((end - begin) * 2 + 16);
  size_t written = 0;
  // Copies the byte at `pos` through unchanged and records it as bad.
  auto pass_through = [&](size_t pos, BadByteKind kind) {
    if (written + 1 > out.text.size()) out.text.resize(out.text.size() * 2);
    out.bad.push_back(BadByte{written, offset_base + static_cast<int64_t>(pos), kind});
    out.text[written++] = in[pos];
  };
  size_t at = begin;
  while (at < end) {
    // NUL is never a trail byte in GB18030/GBK: convert the stretch up to the next one, then
    // record the NUL with its exact file offset.
    const void* nul = std::memchr(in.data() + at, 0, end - at);
    const size_t stop = nul ? static_cast<size_t>(static_cast<const char*>(nul) - in.data()) : end;
    char* src = const_cast<char*>(in.data()) + at;
    size_t src_left = stop - at;
    while (src_left > 0) {
      char* dst = out.text.data() + written;
      size_t dst_left = out.text.size() - written;
      const size_t rc = iconv(cd.get(), &src, &src_left, &dst, &dst_left);
      written = out.text.size() - dst_left;
      if (rc != static_cast<size_t>(-1)) break;
      if (errno == E2BIG) {
        out.text.resize(out.text.size() * 2);
        continue;
      }
      // EILSEQ (invalid) or EINVAL (incomplete at the end): pass the byte through and go on.
      pass_through(static_cast<size_t>(src - in.data()), BadByteKind::kUndecodable);
      ++src;
      --src_left;
      iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);  // reset shift state
    }
    if (stop < end) pass_through(stop, BadByteKind::kNul);
    at = stop + 1;
  }
  out.text.resize(written);
  out.text.shrink_to_fit();  // parts are sized 2x their input while decoding
  return out;
}

// Positions of NUL bytes in text[begin, end).
void FindNuls(std::string_view text, size_t begin, size_t end, std::vector<size_t>* out) {
  const char* p = text.data() + begin;
  const char* e = text.data() + end;
  while (p < e) {
    const void* hit = std::memchr(p, 0, static_cast<size_t>(e - p));
    if (hit == nullptr) break;
    const char* h = static_cast<const char*>(hit);
    out->push_back(static_cast<size_t>(h - text.data()));
    p = h + 1;
  }
}

// Number of distinct lines holding at least one bad byte of `kind`.
int64_t CountBadLines(std::string_view text, const std::vector<BadByte>& bad, BadByteKind kind) {
  int64_t lines = 0;
  size_t prev = 0;
  bool have_prev = false;
  for (const BadByte& b : bad) {
    if (b.kind != kind) continue;
    if (!have_prev || std::memchr(text.data() + prev, '\n', b.pos - prev) != nullptr) {
      ++lines;
    }
    prev = b.pos;
    have_prev = true;
  }
  return lines;
}

// Merges sorted NUL positions into a sorted bad-byte list.
void AddNuls(const std::vector<size_t>& nuls, std::vector<BadByte>* bad,
             const std::function<int64_t(size_t)>& file_offset) {
  if (nuls.empty()) return;
  std::vector<BadByte> merged;
  merged.reserve(bad->size() + nuls.size());
  for (size_t p : nuls) merged.push_back(BadByte{p, file_offset(p), BadByteKind::kNul});
  merged.insert(merged.end(), bad->begin(), bad->end());
  std::stable_sort(merged.begin(), merged.end(),
                   [](const BadByte& a, const BadByte& b) { return a.pos < b.pos; });
  *bad = std::move(merged);
}

DecodedText DecodeLegacy(std::string_view bytes, const std::string& canonical, int threads,
                         std::string* release_input) {
  DecodedText out;
  out.encoding = canonical;
  // Eight parts per thread: each part's decode buffer is twice its input, so smaller parts keep
  // that transient overhead small.
  const int t = EffectiveThreads(threads);
  const std::vector<size_t> cuts = SplitAfterNewlines(bytes, 0, t * 8, kMinPartBytes);
  const int64_t parts = static_cast<int64_t>(cuts.size()) - 1;
  std::vector<PartOutput> outs(static_cast<size_t>(parts));
  RunParts(parts, threads, [&](int64_t i) {
    outs[static_cast<size_t>(i)] =
        DecodePart(bytes, cuts[static_cast<size_t>(i)], cuts[static_cast<size_t>(i) + 1],
                   IconvName(canonical), 0);
  });
  if (release_input != nullptr) std::string().swap(*release_input);
  size_t total = 0;
  for (const auto& o : outs) total += o.text.size();
  out.storage.reserve(total);
  for (auto& o : outs) {
    for (BadByte b : o.bad) {
      b.pos += out.storage.size();
      out.bad.push_back(b);
    }
    out.storage.append(o.text);
    o.text = std::string();
  }
  // A GB18030 BOM (84 31 95 33) decodes to U+FEFF.
  size_t skip = 0;
  if (out.storage.compare(0, 3, "\xEF\xBB\xBF") == 0) skip = 3;
  if (skip) {
    out.storage.erase(0, skip);
    for (auto& b : out.bad) b.pos -= skip;
  }
  out.text = out.storage;
  out.owned = true;
  return out;
}

}  // namespace

std::string CanonicalEncoding(std::string_view name) {
  const std::string n = Lowered(name);
  if (n == "auto" || n.empty()) return "auto";
  if (n == "utf-8" || n == "utf8") return "utf-8";
  if (n == "gb18030") return "gb18030";
  if (n == "gbk" || n == "gb2312" || n == "cp936" || n == "gb-2312") return "gbk";
  return "";
}

namespace {

// Lines holding invalid UTF-8, counted without recording positions: a GB18030 file has an
// invalid sequence in nearly every Chinese character, and recording each one only to decide
// against UTF-8 cost gigabytes on large files.
int64_t CountInvalidUtf8Lines(std::string_view text, int threads) {
  const std::vector<size_t> cuts =
      SplitAfterNewlines(text, 0, EffectiveThreads(threads) * 2, kMinPartBytes);
  const int64_t parts = static_cast<int64_t>(cuts.size()) - 1;
  std::vector<int64_t> counts(static_cast<size_t>(parts), 0);
  RunParts(parts, threads, [&](int64_t i) {
    const size_t end = cuts[static_cast<size_t>(i) + 1];
    size_t at = cuts[static_cast<size_t>(i)];
    while (at < end) {
      size_t bad = 0;
      if (IsValidUtf8(text.substr(at, end - at), &bad)) break;
      ++counts[static_cast<size_t>(i)];
      const void* nl = std::memchr(text.data() + at + bad, '\n', end - at - bad);
      if (nl == nullptr) break;
      at = static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
    }
  });
  int64_t total = 0;
  for (int64_t c : counts) total += c;
  return total;
}

}  // namespace

std::vector<BadByte> ScanUtf8(std::string_view text, int64_t offset_base, int threads) {
  const std::vector<size_t> cuts =
      SplitAfterNewlines(text, 0, EffectiveThreads(threads) * 2, kMinPartBytes);
  const int64_t parts = static_cast<int64_t>(cuts.size()) - 1;
  std::vector<std::vector<BadByte>> found(static_cast<size_t>(parts));
  RunParts(parts, threads, [&](int64_t i) {
    const size_t begin = cuts[static_cast<size_t>(i)];
    const size_t end = cuts[static_cast<size_t>(i) + 1];
    auto& out = found[static_cast<size_t>(i)];
    size_t at = begin;
    while (at < end) {
      size_t bad = 0;
      if (IsValidUtf8(text.substr(at, end - at), &bad)) break;
      const size_t pos = at + bad;
      out.push_back(
          BadByte{pos, offset_base + static_cast<int64_t>(pos), BadByteKind::kInvalidUtf8});
      at = pos + 1;
    }
    std::vector<size_t> nuls;
    FindNuls(text, begin, end, &nuls);
    AddNuls(nuls, &out, [&](size_t p) { return offset_base + static_cast<int64_t>(p); });
  });
  std::vector<BadByte> all;
  for (auto& f : found) all.insert(all.end(), f.begin(), f.end());
  return all;
}

DecodedText DecodeText(std::string_view bytes, std::string_view encoding, const std::string& source,
                       int threads, std::string* release_input) {
  const std::string canonical = CanonicalEncoding(encoding);
  if (canonical.empty()) {
    throw Error(
        ErrorKind::kUsage,
        "unknown encoding '" + std::string(encoding) + "' (expected auto, utf-8, gb18030 or gbk)",
        SourceContext{.file = source});
  }
  if (canonical == "gb18030" || canonical == "gbk") {
    return DecodeLegacy(bytes, canonical, threads, release_input);
  }

  const bool bom = bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (canonical == "auto" && !bom && bytes.size() >= 2 &&
      ((static_cast<unsigned char>(bytes[0]) == 0xFF &&
        static_cast<unsigned char>(bytes[1]) == 0xFE) ||
       (static_cast<unsigned char>(bytes[0]) == 0xFE &&
        static_cast<unsigned char>(bytes[1]) == 0xFF))) {
    throw Error(ErrorKind::kData,
                "input is UTF-16 (byte order mark FF FE or FE FF); save it as UTF-8 or GB18030",
                SourceContext{.file = source});
  }
  DecodedText out;
  out.encoding = "utf-8";
  const size_t skip = bom ? 3 : 0;
  out.text = bytes.substr(skip);
  if (canonical == "auto" && !bom) {
    const int64_t utf8_bad_lines = CountInvalidUtf8Lines(out.text, threads);
    if (utf8_bad_lines > 0) {
      // Decoding as GB18030 does not release the input: if UTF-8 wins, the text is a view of it.
      DecodedText gb = DecodeLegacy(bytes, "gb18030", threads, nullptr);
      const int64_t gb_bad_lines = CountBadLines(gb.text, gb.bad, BadByteKind::kUndecodable);
      if (gb_bad_lines < utf8_bad_lines) {
        if (release_input != nullptr) std::string().swap(*release_input);
        return gb;
      }
    }
  }
  out.bad = ScanUtf8(out.text, static_cast<int64_t>(skip), threads);
  return out;
}

std::string BadByteReason(const BadByte& b, const std::string& encoding) {
  const std::string at = " at byte " + std::to_string(b.file_offset);
  switch (b.kind) {
    case BadByteKind::kInvalidUtf8:
      return "invalid UTF-8" + at;
    case BadByteKind::kUndecodable:
      return "cannot decode as " + encoding + at;
    case BadByteKind::kNul:
      return "NUL byte" + at;
  }
  return "bad byte" + at;
}

std::string EncodeFromUtf8(std::string_view utf8, std::string_view encoding,
                           const std::string& what) {
  const std::string canonical = CanonicalEncoding(encoding);
  if (canonical == "utf-8") return std::string(utf8);
  if (canonical != "gb18030" && canonical != "gbk") {
    throw Error(
        ErrorKind::kUsage,
        "unknown output encoding '" + std::string(encoding) + "' (expected utf-8, gb18030 or gbk)",
        SourceContext{.file = what});
  }
  Iconv cd(IconvName(canonical), "UTF-8");
  std::string out(utf8.size() + 16, '\0');
  char* src = const_cast<char*>(utf8.data());
  size_t src_left = utf8.size();
  size_t written = 0;
  while (src_left > 0) {
    char* dst = out.data() + written;
    size_t dst_left = out.size() - written;
    const size_t rc = iconv(cd.get(), &src, &src_left, &dst, &dst_left);
    written = out.size() - dst_left;
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    throw Error(
        ErrorKind::kData,
        "cannot encode the text at byte " + std::to_string(src - utf8.data()) + " as " + canonical,
        SourceContext{.file = what});
  }
  out.resize(written);
  return out;
}

}  // namespace xf
