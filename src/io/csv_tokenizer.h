// Splitting CSV text into records and fields (RFC 4180 with the usual leniencies), shared by the
// dialect sniffer, the reader and its re-extraction pass. Header-only because it is the hot loop.
//
// Grammar, per record:
//   - A field is quoted when its first character (after spaces, when trimming) is the quote.
//     Inside, a doubled quote is a literal quote; newlines and delimiters are literal.
//   - A quote anywhere else in an unquoted field is literal text (a"b stays a"b).
//   - After a closing quote only spaces, a CR before the line end, a delimiter or the line end may
//     follow; anything else makes the record malformed (kTextAfterQuote).
//   - A record ends at a '\n' outside quotes or at the end of the text; one '\r' before the '\n'
//     (CRLF) is not part of the record. A bare '\r' elsewhere is ordinary text.
//   - A quote that is never closed runs to the end of the text (kUnterminatedQuote).
// Every record boundary depends only on the text before it, which is what lets the reader parse
// chunks speculatively in parallel and verify their starts afterwards.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace xf {

struct CsvDialect {
  char delimiter = ',';
  char quote = '"';
  bool trim = true;
};

struct FieldSpan {
  size_t begin = 0;  // content: inside the quotes for quoted fields, trimmed for unquoted ones
  size_t end = 0;
  bool quoted = false;
  bool escaped = false;  // content holds doubled quotes that must be collapsed
};

enum class RecordProblem : uint8_t { kNone, kUnterminatedQuote, kTextAfterQuote };

struct RecordScan {
  size_t begin = 0;        // first byte of the record
  size_t end = 0;          // end of its content (before CR LF / LF)
  size_t next = 0;         // first byte after its line terminator
  int64_t num_fields = 0;  // all fields, even those beyond the stored spans
  RecordProblem problem = RecordProblem::kNone;
  int64_t problem_field = 0;  // 1-based field where the problem is
  bool blank = false;         // only spaces/tabs/CR: skipped by readers
};

class CsvTokenizer {
 public:
  explicit CsvTokenizer(const CsvDialect& d) : d_(d) {
    std::memset(stop_, 0, sizeof stop_);
    stop_[static_cast<unsigned char>(d.delimiter)] = 1;
    stop_[static_cast<unsigned char>('\n')] = 1;
    std::memset(space_, 0, sizeof space_);
    space_[static_cast<unsigned char>(' ')] = 1;
    if (d.delimiter != '\t') space_[static_cast<unsigned char>('\t')] = 1;
  }

  const CsvDialect& dialect() const { return d_; }

  // Scans the record that starts at `pos` (< text.size()). Stores the spans of at most
  // `max_fields` fields in *fields (cleared first).
  void Scan(std::string_view text, size_t pos, size_t max_fields, std::vector<FieldSpan>* fields,
            RecordScan* rec) const {
    const char* s = text.data();
    const size_t n = text.size();
    const char delim = d_.delimiter;
    const char quote = d_.quote;
    // Spans are written by index into a vector that keeps its capacity between records.
    size_t stored = 0;
    rec->begin = pos;
    rec->num_fields = 0;
    rec->problem = RecordProblem::kNone;
    rec->problem_field = 0;
    rec->blank = false;
    bool any_quoted = false;
    for (;;) {
      // One field starts at pos.
      ++rec->num_fields;
      size_t q = pos;
      if (d_.trim) {
        while (q < n && space_[static_cast<unsigned char>(s[q])]) ++q;
      }
      FieldSpan f;
      bool at_end_of_record = false;
      if (q < n && s[q] == quote) {
        any_quoted = true;
        f.quoted = true;
        f.begin = q + 1;
        size_t p = q + 1;
        for (;;) {
          const void* hit = std::memchr(s + p, quote, n - p);
          if (hit == nullptr) {
            f.end = n;
            if (rec->problem == RecordProblem::kNone) {
              rec->problem = RecordProblem::kUnterminatedQuote;
              rec->problem_field = rec->num_fields;
            }
            pos = n;
            break;
          }
          const size_t k = static_cast<size_t>(static_cast<const char*>(hit) - s);
          if (k + 1 < n && s[k + 1] == quote) {
            f.escaped = true;
            p = k + 2;
            continue;
          }
          f.end = k;
          pos = k + 1;
          break;
        }
        if (pos < n) {
          size_t p = pos;
          while (p < n && space_[static_cast<unsigned char>(s[p])]) ++p;
          if (p < n && s[p] == '\r' && (p + 1 == n || s[p + 1] == '\n')) ++p;
          if (p < n && s[p] != delim && s[p] != '\n') {
            if (rec->problem == RecordProblem::kNone) {
              rec->problem = RecordProblem::kTextAfterQuote;
              rec->problem_field = rec->num_fields;
            }
            // The rest of the field is junk; skip it as unquoted text.
            while (p < n && !stop_[static_cast<unsigned char>(s[p])]) ++p;
          }
          pos = p;
        }
        if (pos >= n || s[pos] == '\n') at_end_of_record = true;
      } else {
        const size_t p = FindStop(s, pos, n);
        size_t e = p;
        at_end_of_record = p >= n || s[p] == '\n';
        if (at_end_of_record && e > pos && s[e - 1] == '\r') --e;
        if (d_.trim) {
          while (e > q && space_[static_cast<unsigned char>(s[e - 1])]) --e;
          f.begin = q < e ? q : e;
        } else {
          f.begin = pos;
        }
        f.end = e;
        pos = p;
      }
      if (stored < max_fields) {
        if (stored == fields->size()) {
          fields->resize(std::min(max_fields, std::max<size_t>(16, stored * 2)));
        }
        (*fields)[stored++] = f;
      }
      if (at_end_of_record) break;
      ++pos;  // past the delimiter
    }
    fields->resize(stored);
    // pos is at '\n' or n.
    size_t end = pos;
    if (end > rec->begin && s[end - 1] == '\r') {
      --end;
    }
    rec->end = end < rec->begin ? rec->begin : end;
    rec->next = pos < n ? pos + 1 : n;
    if (rec->num_fields == 1 && !any_quoted) {
      bool blank = true;
      for (size_t i = rec->begin; i < rec->end && blank; ++i) {
        const char c = s[i];
        blank = c == ' ' || c == '\r' || (c == '\t' && delim != '\t');
      }
      rec->blank = blank;
    }
  }

  // Appends the field's text to *out with doubled quotes collapsed; returns a view of it.
  std::string_view Unescape(std::string_view text, const FieldSpan& f, std::string* out) const {
    out->clear();
    const char quote = d_.quote;
    for (size_t i = f.begin; i < f.end; ++i) {
      out->push_back(text[i]);
      if (text[i] == quote && i + 1 < f.end && text[i + 1] == quote) ++i;
    }
    return *out;
  }

  // The field's text: a view into `text`, or into *scratch when quotes had to be collapsed.
  std::string_view FieldText(std::string_view text, const FieldSpan& f,
                             std::string* scratch) const {
    if (f.escaped) return Unescape(text, f, scratch);
    return text.substr(f.begin, f.end - f.begin);
  }

 private:
  // First delimiter or '\n' at or after p (n if none): eight bytes per step, since most fields
  // are short and the byte loop's per-character branch dominates otherwise.
  size_t FindStop(const char* s, size_t p, size_t n) const {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHighs = 0x8080808080808080ULL;
    const uint64_t delims = kOnes * static_cast<unsigned char>(d_.delimiter);
    const uint64_t newlines = kOnes * static_cast<uint64_t>('\n');
    while (p + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + p, 8);
      const uint64_t a = w ^ delims, b = w ^ newlines;
      const uint64_t hit = ((a - kOnes) & ~a & kHighs) | ((b - kOnes) & ~b & kHighs);
      if (hit != 0) return p + static_cast<size_t>(__builtin_ctzll(hit) >> 3);
      p += 8;
    }
    while (p < n && !stop_[static_cast<unsigned char>(s[p])]) ++p;
    return p;
  }

  CsvDialect d_;
  uint8_t stop_[256];
  uint8_t space_[256];
};

}  // namespace xf
