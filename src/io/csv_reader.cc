#include "io/csv_reader.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "core/error.h"
#include "core/strings.h"
#include "core/time.h"
#include "io/csv_dialect.h"
#include "io/csv_tokenizer.h"
#include "io/encoding.h"
#include "io/file_source.h"
#include "io/parallel_parts.h"
#include "io/text_values.h"

// How the parallel parse works.
//
// The data is cut into chunks just after newlines. Each chunk is parsed speculatively, assuming
// its first byte starts a record, and every chunk finishes the record it started even when it
// runs past the chunk end. A serial check then walks the chunks: chunk i's guess was right iff
// chunk i-1's last record ended exactly at chunk i's start (a newline inside a quoted field is
// the only way it cannot); a wrong chunk is parsed again from where its predecessor really
// ended. Every record is therefore split exactly as a serial parse would split it.
//
// Types are inferred per chunk while values are stored in the chunk's current type; cheap
// widenings (int64 → float64, date → timestamp) convert stored values, which gives the same
// bits as parsing the text as the wider type. A column that turns into a string drops its
// values, and once all chunks are known, chunks whose stored type differs from the column's
// final type (which is then always string) re-read that column's texts. Output is thus the same
// for any chunking, i.e. any thread count.

namespace xf {

namespace {

enum class FieldKind : uint8_t { kNull, kQuotedEmpty, kValue };

// Values of one column in one chunk. Fixed-width values live in 8-byte slots (bool 0/1, date
// days, int64, float64 bits, timestamp micros); for strings the slot is the end offset in chars.
struct ColumnChunk {
  TypeId type = TypeId::kNull;
  bool degraded = false;  // turned into string after values were stored: must be re-read
  bool saw_quoted_empty = false;
  // slots/valid hold `n` values; they are sized ahead and written by index because
  // vector::push_back does not inline well enough for the per-value hot path.
  std::vector<uint64_t> slots;
  std::vector<uint8_t> valid;
  size_t n = 0;
  std::string chars;

  void Reserve(size_t rows) {
    if (rows > slots.size()) {
      slots.resize(rows);
      valid.resize(rows);
    }
  }
  void Put(uint64_t v, uint8_t is_valid) {
    if (n == slots.size()) Reserve(std::max<size_t>(64, n * 2));
    slots[n] = v;
    valid[n] = is_valid;
    ++n;
  }
  void AppendSlot(uint64_t v) { Put(v, 1); }
  void AppendNull() { Put(type == TypeId::kString ? chars.size() : 0, 0); }
  void AppendString(std::string_view s) {
    chars.append(s);
    Put(chars.size(), 1);
  }
  void Release() {
    slots = {};
    valid = {};
    chars = {};
    n = 0;
  }
};

struct PendingReject {
  int64_t rel_line;  // newlines between the chunk start and the record start
  int64_t column;
  std::string column_name;
  std::string_view raw;
  std::string reason;
};

struct ChunkResult {
  size_t start = 0;  // first record start
  size_t limit = 0;  // records starting before this belong to the chunk
  size_t end = 0;    // end of the last record (past its newline)
  int64_t rows = 0;
  int64_t rows_read = 0;
  int64_t newlines = 0;  // '\n' in [start, end)
  std::vector<ColumnChunk> cols;
  std::vector<PendingReject> rejects;
  std::vector<size_t> rejected_starts;
};

uint64_t DoubleBits(double d) {
  if (d == 0) d = 0;  // -0.0 reads as 0.0 so that int → float widening gives identical bits
  uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  return u;
}

double BitsDouble(uint64_t u) {
  double d;
  std::memcpy(&d, &u, sizeof d);
  return d;
}

std::string Snippet(std::string_view s) {
  constexpr size_t kMax = 64;
  if (s.size() <= kMax) return std::string(s);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

class Reader {
 public:
  Reader(std::string_view text, const DecodedText& dec, const CsvOptions& opts,
         const std::string& source, const CsvDialect& dialect)
      : text_(text), dec_(dec), opts_(opts), source_(source), tok_(dialect) {
    for (const auto& t : opts.null_tokens) max_null_len_ = std::max(max_null_len_, t.size());
  }

  ReadResult Run();

 private:
  // The field's value: kind and text (a view into the input or into *scratch).
  FieldKind FieldValue(const FieldSpan& f, std::string* scratch, std::string_view* out) const;
  bool IsNullToken(std::string_view s) const {
    if (s.size() > max_null_len_) return false;
    for (const auto& t : opts_.null_tokens) {
      if (t == s) return true;
    }
    return false;
  }
  // Parses a value of a forced type into a slot.
  bool ParseForced(TypeId type, std::string_view v, uint64_t* slot) const;
  void AppendInferred(ColumnChunk& col, FieldKind kind, std::string_view v) const;

  void ParseChunk(size_t start, size_t limit, ChunkResult* out) const;
  void Reextract(const ChunkResult& chunk, const std::vector<int>& cols,
                 std::vector<ColumnChunk>* out) const;
  ColumnPtr BuildColumn(int c, TypeId final_type, std::vector<ChunkResult>& chunks) const;
  void SetUpColumns(const RecordScan& first, const std::vector<FieldSpan>& spans, bool header);
  std::string ProblemReason(const RecordScan& rec) const;

  std::string_view text_;
  const DecodedText& dec_;
  const CsvOptions& opts_;
  const std::string& source_;
  CsvTokenizer tok_;
  size_t max_null_len_ = 0;
  int64_t ncols_ = 0;
  std::vector<std::string> names_;
  std::vector<TypeId> forced_;  // kNull = inferred
  size_t estimated_record_bytes_ = 16;
};

FieldKind Reader::FieldValue(const FieldSpan& f, std::string* scratch,
                             std::string_view* out) const {
  std::string_view v = tok_.FieldText(text_, f, scratch);
  if (opts_.fullwidth_to_halfwidth) {
    std::string folded = FullWidthToHalfWidth(v);
    *scratch = std::move(folded);
    v = *scratch;
    if (!f.quoted && opts_.trim) v = TrimAscii(v);
  }
  *out = v;
  if (f.quoted) return v.empty() ? FieldKind::kQuotedEmpty : FieldKind::kValue;
  return IsNullToken(v) ? FieldKind::kNull : FieldKind::kValue;
}

bool Reader::ParseForced(TypeId type, std::string_view v, uint64_t* slot) const {
  switch (type) {
    case TypeId::kBool: {
      bool b;
      if (!ParseBool(v, &b)) return false;
      *slot = b ? 1 : 0;
      return true;
    }
    case TypeId::kInt64: {
      int64_t i;
      if (!ParseInt64(v, &i)) return false;
      *slot = static_cast<uint64_t>(i);
      return true;
    }
    case TypeId::kFloat64: {
      double d;
      if (!ParseFloat64(v, &d)) return false;
      *slot = DoubleBits(d);
      return true;
    }
    case TypeId::kDate: {
      int32_t days;
      if (!ParseDate(v, &days)) return false;
      *slot = static_cast<uint64_t>(static_cast<int64_t>(days));
      return true;
    }
    case TypeId::kTimestamp: {
      int64_t us;
      if (!ParseTimestamp(v, &us, opts_.timezone_offset_seconds)) return false;
      *slot = static_cast<uint64_t>(us);
      return true;
    }
    default:
      return true;
  }
}

void Reader::AppendInferred(ColumnChunk& col, FieldKind kind, std::string_view v) const {
  if (col.degraded) return;  // only the type matters now, and it is string
  if (kind == FieldKind::kNull) return col.AppendNull();
  if (kind == FieldKind::kQuotedEmpty) {
    col.saw_quoted_empty = true;
    if (col.type == TypeId::kString) return col.AppendString({});
    return col.AppendNull();
  }
  const int32_t tz = opts_.timezone_offset_seconds;
  for (;;) {
    switch (col.type) {
      case TypeId::kNull:
        col.type = InferTextType(v);
        if (col.type == TypeId::kString && col.saw_quoted_empty) {
          // Earlier "" were stored as NULL; as strings they are empty strings: re-read later.
          col.degraded = true;
          col.Release();
          return;
        }
        continue;  // store it as that type below
      case TypeId::kBool: {
        bool b;
        if (IsBoolWord(v, &b)) return col.AppendSlot(b ? 1 : 0);
        break;
      }
      case TypeId::kInt64: {
        int64_t i;
        if (InferInt64(v, &i)) return col.AppendSlot(static_cast<uint64_t>(i));
        break;
      }
      case TypeId::kFloat64: {
        double d;
        if (InferFloat64(v, &d)) return col.AppendSlot(DoubleBits(d));
        break;
      }
      case TypeId::kDate: {
        int32_t days;
        if (ParseDate(v, &days)) return col.AppendSlot(static_cast<uint64_t>(int64_t{days}));
        break;
      }
      case TypeId::kTimestamp: {
        int64_t us;
        if (ParseTimestamp(v, &us, tz)) return col.AppendSlot(static_cast<uint64_t>(us));
        break;
      }
      case TypeId::kString:
        return col.AppendString(v);
    }
    // The value does not fit the column's type: widen.
    const TypeId wider = JoinInferredTypes(col.type, InferTextType(v));
    if (col.type == TypeId::kInt64 && wider == TypeId::kFloat64) {
      for (size_t k = 0; k < col.n; ++k) {
        if (col.valid[k]) {
          col.slots[k] = DoubleBits(static_cast<double>(static_cast<int64_t>(col.slots[k])));
        }
      }
    } else if (col.type == TypeId::kDate && wider == TypeId::kTimestamp) {
      for (size_t k = 0; k < col.n; ++k) {
        if (col.valid[k]) {
          col.slots[k] = static_cast<uint64_t>(static_cast<int64_t>(col.slots[k]) * kMicrosPerDay -
                                               int64_t{tz} * kMicrosPerSecond);
        }
      }
    } else {
      col.type = TypeId::kString;
      col.degraded = true;
      col.Release();
      return;
    }
    col.type = wider;
  }
}

std::string Reader::ProblemReason(const RecordScan& rec) const {
  const std::string field = std::to_string(rec.problem_field);
  if (rec.problem == RecordProblem::kUnterminatedQuote) {
    return "unterminated quoted field: the quote opening field " + field +
           " is never closed before the end of the file";
  }
  return "unexpected text after the closing quote of field " + field;
}

void Reader::ParseChunk(size_t start, size_t limit, ChunkResult* out) const {
  out->start = start;
  out->limit = limit;
  out->cols.assign(static_cast<size_t>(ncols_), ColumnChunk{});
  for (int64_t c = 0; c < ncols_; ++c) {
    out->cols[static_cast<size_t>(c)].type = forced_[static_cast<size_t>(c)];
  }
  // Reserve for the records this chunk probably holds: growth by doubling would cost up to 2x.
  // A valid record has at least one byte per column, which bounds a misleading sample.
  const size_t estimate =
      std::min((limit - start) / std::max<size_t>(estimated_record_bytes_, 2),
               (limit - start) / static_cast<size_t>(std::max<int64_t>(ncols_, 1))) +
      16;
  for (auto& col : out->cols) {
    col.Reserve(estimate);
  }
  const size_t ncols = static_cast<size_t>(ncols_);
  std::vector<FieldSpan> spans;
  std::vector<std::string> scratch(ncols);
  std::vector<std::string_view> values(ncols);
  std::vector<FieldKind> kinds(ncols);
  std::vector<uint64_t> parsed(ncols);
  const std::vector<BadByte>& bad = dec_.bad;
  size_t bad_idx =
      static_cast<size_t>(std::lower_bound(bad.begin(), bad.end(), start,
                                           [](const BadByte& b, size_t p) { return b.pos < p; }) -
                          bad.begin());
  int64_t rel_line = 0;
  size_t line_pos = start;
  auto reject = [&](const RecordScan& rec, int64_t column, std::string reason) {
    rel_line += std::count(text_.data() + line_pos, text_.data() + rec.begin, '\n');
    line_pos = rec.begin;
    std::string name;
    if (column > 0 && column <= ncols_) name = names_[static_cast<size_t>(column - 1)];
    out->rejects.push_back(PendingReject{rel_line, column, std::move(name),
                                         text_.substr(rec.begin, rec.end - rec.begin),
                                         std::move(reason)});
    out->rejected_starts.push_back(rec.begin);
  };

  size_t pos = start;
  RecordScan rec;
  while (pos < limit) {
    tok_.Scan(text_, pos, ncols, &spans, &rec);
    pos = rec.next;
    if (rec.blank) continue;
    ++out->rows_read;
    while (bad_idx < bad.size() && bad[bad_idx].pos < rec.begin) ++bad_idx;
    if (bad_idx < bad.size() && bad[bad_idx].pos < rec.next) {
      reject(rec, 0, BadByteReason(bad[bad_idx], dec_.encoding));
      continue;
    }
    if (rec.problem != RecordProblem::kNone) {
      reject(rec, rec.problem_field, ProblemReason(rec));
      continue;
    }
    if (rec.num_fields != ncols_) {
      reject(rec, 0,
             "expected " + std::to_string(ncols_) + " fields, found " +
                 std::to_string(rec.num_fields));
      continue;
    }
    bool ok = true;
    for (size_t c = 0; c < ncols && ok; ++c) {
      kinds[c] = FieldValue(spans[c], &scratch[c], &values[c]);
      const TypeId forced = forced_[c];
      if (forced == TypeId::kNull || forced == TypeId::kString || kinds[c] != FieldKind::kValue) {
        continue;
      }
      if (!ParseForced(forced, values[c], &parsed[c])) {
        reject(rec, static_cast<int64_t>(c) + 1,
               "cannot parse '" + Snippet(values[c]) + "' as " + TypeName(forced));
        ok = false;
      }
    }
    if (!ok) continue;
    ++out->rows;
    for (size_t c = 0; c < ncols; ++c) {
      ColumnChunk& col = out->cols[c];
      const TypeId forced = forced_[c];
      if (forced == TypeId::kNull) {
        AppendInferred(col, kinds[c], values[c]);
      } else if (kinds[c] == FieldKind::kNull) {
        col.AppendNull();
      } else if (forced == TypeId::kString) {
        col.AppendString(values[c]);
      } else if (kinds[c] == FieldKind::kQuotedEmpty) {
        col.AppendNull();
      } else {
        col.AppendSlot(parsed[c]);
      }
    }
  }
  out->end = pos;
  out->newlines = std::count(text_.data() + start, text_.data() + pos, '\n');
}

void Reader::Reextract(const ChunkResult& chunk, const std::vector<int>& cols,
                       std::vector<ColumnChunk>* out) const {
  out->assign(cols.size(), ColumnChunk{});
  for (auto& col : *out) {
    col.type = TypeId::kString;
    col.Reserve(static_cast<size_t>(chunk.rows));
  }
  std::vector<FieldSpan> spans;
  std::string scratch;
  size_t next_rejected = 0;
  size_t pos = chunk.start;
  RecordScan rec;
  while (pos < chunk.limit) {
    tok_.Scan(text_, pos, static_cast<size_t>(ncols_), &spans, &rec);
    pos = rec.next;
    if (rec.blank) continue;
    if (next_rejected < chunk.rejected_starts.size() &&
        chunk.rejected_starts[next_rejected] == rec.begin) {
      ++next_rejected;
      continue;
    }
    for (size_t k = 0; k < cols.size(); ++k) {
      std::string_view v;
      const FieldKind kind = FieldValue(spans[static_cast<size_t>(cols[k])], &scratch, &v);
      if (kind == FieldKind::kNull) {
        (*out)[k].AppendNull();
      } else {
        (*out)[k].AppendString(v);
      }
    }
  }
  for (const auto& col : *out) XF_CHECK(static_cast<int64_t>(col.n) == chunk.rows);
}

ColumnPtr Reader::BuildColumn(int c, TypeId final_type, std::vector<ChunkResult>& chunks) const {
  int64_t total = 0;
  size_t chars = 0;
  for (const auto& ch : chunks) {
    total += ch.rows;
    chars += ch.cols[static_cast<size_t>(c)].chars.size();
  }
  auto column = Column::Make(final_type);
  if (final_type == TypeId::kString) {
    column->Reserve(total, static_cast<int64_t>(chars));
    for (auto& ch : chunks) {
      ColumnChunk& col = ch.cols[static_cast<size_t>(c)];
      if (col.type != TypeId::kString) {  // an all-NULL chunk of this column
        column->AppendNulls(ch.rows);
      } else {
        uint64_t prev = 0;
        for (size_t k = 0; k < col.n; ++k) {
          if (col.valid[k]) {
            column->AppendString(std::string_view(col.chars).substr(prev, col.slots[k] - prev));
          } else {
            column->AppendNull();
          }
          prev = col.slots[k];
        }
      }
      col.Release();
    }
    return column;
  }
  column->ResizeFixed(total);
  std::vector<uint8_t> bits(BitmapBytes(total), 0);
  bool any_null = false;
  int64_t row = 0;
  const int64_t tz_micros = int64_t{opts_.timezone_offset_seconds} * kMicrosPerSecond;
  for (auto& ch : chunks) {
    ColumnChunk& col = ch.cols[static_cast<size_t>(c)];
    if (col.type == TypeId::kNull) {
      any_null = any_null || ch.rows > 0;
      row += ch.rows;
      col.Release();
      continue;
    }
    for (size_t k = 0; k < col.n; ++k, ++row) {
      if (!col.valid[k]) {
        any_null = true;
        continue;
      }
      SetBit(bits.data(), row);
      const uint64_t s = col.slots[k];
      switch (final_type) {
        case TypeId::kBool:
          column->mutable_data<uint8_t>()[row] = static_cast<uint8_t>(s);
          break;
        case TypeId::kDate:
          column->mutable_data<int32_t>()[row] = static_cast<int32_t>(static_cast<int64_t>(s));
          break;
        case TypeId::kFloat64:
          column->mutable_data<double>()[row] = col.type == TypeId::kInt64
                                                    ? static_cast<double>(static_cast<int64_t>(s))
                                                    : BitsDouble(s);
          if (column->mutable_data<double>()[row] == 0) column->mutable_data<double>()[row] = 0;
          break;
        case TypeId::kTimestamp:
          column->mutable_data<int64_t>()[row] =
              col.type == TypeId::kDate ? static_cast<int64_t>(s) * kMicrosPerDay - tz_micros
                                        : static_cast<int64_t>(s);
          break;
        default:  // int64
          column->mutable_data<int64_t>()[row] = static_cast<int64_t>(s);
          break;
      }
    }
    col.Release();
  }
  if (any_null) column->SetValidity(std::move(bits));
  return column;
}

void Reader::SetUpColumns(const RecordScan& first, const std::vector<FieldSpan>& spans,
                          bool header) {
  if (opts_.schema) {
    ncols_ = opts_.schema->num_fields();
    for (const auto& f : opts_.schema->fields()) {
      names_.push_back(f.name);
      forced_.push_back(f.type);
    }
  } else {
    ncols_ = first.num_fields;
    std::set<std::string> used;
    for (int64_t c = 0; c < ncols_; ++c) {
      std::string name;
      if (header) {
        std::string scratch;
        std::string_view v;
        FieldValue(spans[static_cast<size_t>(c)], &scratch, &v);
        name = CapRaw(v);
      }
      if (name.empty()) name = "column_" + std::to_string(c + 1);
      // Duplicate names get a suffix: every column must be addressable by name.
      if (used.count(name)) {
        int k = 2;
        while (used.count(name + "_" + std::to_string(k))) ++k;
        name += "_" + std::to_string(k);
      }
      used.insert(name);
      names_.push_back(name);
    }
    forced_.assign(static_cast<size_t>(ncols_), TypeId::kNull);
  }
  for (const auto& [name, type] : opts_.column_types) {
    const auto it = std::find(names_.begin(), names_.end(), name);
    if (it == names_.end()) {
      const std::string hint = ClosestName(name, names_);
      throw Error(ErrorKind::kUsage,
                  "type override for unknown column '" + name + "'" +
                      (hint.empty() ? "" : "; did you mean '" + hint + "'?"),
                  SourceContext{.file = source_});
    }
    forced_[static_cast<size_t>(it - names_.begin())] = type;
  }
  for (size_t c = 0; c < forced_.size(); ++c) {
    if (opts_.schema && forced_[c] == TypeId::kNull) {
      throw Error(ErrorKind::kUsage, "schema column '" + names_[c] + "' has type null",
                  SourceContext{.file = source_, .column_name = names_[c]});
    }
  }
}

ReadResult Reader::Run() {
  ReadResult result;
  result.encoding = dec_.encoding;
  RejectsBuilder rejects(source_);
  const size_t n = text_.size();

  // The first non-blank record: header or first data record.
  std::vector<FieldSpan> spans;
  RecordScan first;
  size_t pos = 0;
  bool found = false;
  while (pos < n) {
    tok_.Scan(text_, pos, static_cast<size_t>(kMaxCsvColumns) + 1, &spans, &first);
    pos = first.next;
    if (!first.blank) {
      found = true;
      break;
    }
  }
  const auto first_line = [&] {
    return 1 + std::count(text_.data(), text_.data() + first.begin, '\n');
  };
  if (!found) {
    if (opts_.schema) {
      SetUpColumns(first, spans, false);
      result.table = Table::MakeEmpty(*opts_.schema);
    } else {
      result.table = Table::Make(Schema(), {});
    }
    result.rejects = rejects.Finish();
    return result;
  }
  if (first.num_fields > kMaxCsvColumns) {
    throw Error(ErrorKind::kData,
                "the record has " + std::to_string(first.num_fields) +
                    " fields, more than the maximum of " + std::to_string(kMaxCsvColumns) +
                    " columns",
                SourceContext{.file = source_, .line = first_line()});
  }
  const bool first_ok = first.problem == RecordProblem::kNone &&
                        std::none_of(dec_.bad.begin(), dec_.bad.end(), [&](const BadByte& b) {
                          return b.pos >= first.begin && b.pos < first.next;
                        });
  bool header;
  if (opts_.header) {
    header = *opts_.header;
    if (header && !first_ok) {
      throw Error(ErrorKind::kData,
                  "the header record is malformed: " +
                      (first.problem != RecordProblem::kNone
                           ? ProblemReason(first)
                           : std::string("it holds bytes that are not valid text")),
                  SourceContext{.file = source_, .line = first_line()});
    }
  } else if (!first_ok) {
    header = false;
  } else {
    // Sample the next records to decide.
    const size_t nfields = static_cast<size_t>(first.num_fields);
    auto texts = [&](const std::vector<FieldSpan>& sp) {
      SampleRecord r;
      std::string scratch;
      for (const auto& f : sp) {
        std::string_view v;
        const FieldKind kind = FieldValue(f, &scratch, &v);
        if (kind == FieldKind::kValue) {
          r.emplace_back(std::string(v));
        } else {
          r.emplace_back(std::nullopt);
        }
      }
      return r;
    };
    const SampleRecord head = texts(spans);
    std::vector<SampleRecord> rest;
    std::vector<FieldSpan> sp;
    RecordScan rec;
    size_t p = first.next;
    while (p < n && rest.size() < 200 && p - first.next < (size_t{4} << 20)) {
      tok_.Scan(text_, p, nfields, &sp, &rec);
      p = rec.next;
      if (rec.blank || rec.problem != RecordProblem::kNone || rec.num_fields != first.num_fields) {
        continue;
      }
      rest.push_back(texts(sp));
    }
    header = LooksLikeHeader(head, rest);
  }
  SetUpColumns(first, spans, header);
  const size_t data_begin = header ? first.next : first.begin;
  {
    RecordScan rec;
    std::vector<FieldSpan> sp;
    size_t p = data_begin;
    int64_t sampled = 0;
    while (p < n && sampled < 64) {
      tok_.Scan(text_, p, 0, &sp, &rec);
      p = rec.next;
      ++sampled;
    }
    if (sampled > 0) {
      estimated_record_bytes_ =
          std::max<size_t>((p - data_begin) / static_cast<size_t>(sampled), 2);
    }
  }
  const int64_t data_begin_line = 1 + std::count(text_.data(), text_.data() + data_begin, '\n');

  // Speculative parallel parse, then the serial check of chunk starts.
  const int threads = EffectiveThreads(opts_.threads);
  const std::vector<size_t> cuts =
      SplitAfterNewlines(text_, data_begin, threads == 1 ? 1 : threads * 2, opts_.min_chunk_bytes);
  const int64_t nchunks = static_cast<int64_t>(cuts.size()) - 1;
  std::vector<ChunkResult> chunks(static_cast<size_t>(nchunks));
  RunParts(nchunks, opts_.threads, [&](int64_t i) {
    ParseChunk(cuts[static_cast<size_t>(i)], cuts[static_cast<size_t>(i) + 1],
               &chunks[static_cast<size_t>(i)]);
  });
  size_t expected = data_begin;
  for (auto& ch : chunks) {
    if (ch.start != expected) {
      const size_t limit = ch.limit;
      ch = ChunkResult{};
      if (expected >= limit) {
        ch.start = ch.limit = ch.end = expected;
        ch.cols.assign(static_cast<size_t>(ncols_), ColumnChunk{});
      } else {
        ParseChunk(expected, limit, &ch);
      }
    }
    expected = ch.end;
  }

  // Counts and rejects, with absolute line numbers.
  int64_t line = data_begin_line;
  for (auto& ch : chunks) {
    result.rows_read += ch.rows_read;
    for (auto& r : ch.rejects) {
      rejects.Add(line + r.rel_line, r.column, std::move(r.column_name), r.raw,
                  std::move(r.reason));
    }
    ch.rejects = {};
    line += ch.newlines;
  }

  // Final types; re-read the columns that turned into strings after storing other values.
  std::vector<TypeId> final_types(static_cast<size_t>(ncols_));
  for (int64_t c = 0; c < ncols_; ++c) {
    TypeId t = forced_[static_cast<size_t>(c)];
    if (t == TypeId::kNull) {
      for (const auto& ch : chunks) t = JoinInferredTypes(t, ch.cols[static_cast<size_t>(c)].type);
      if (t == TypeId::kNull) t = TypeId::kString;
    }
    final_types[static_cast<size_t>(c)] = t;
  }
  RunParts(nchunks, opts_.threads, [&](int64_t i) {
    ChunkResult& ch = chunks[static_cast<size_t>(i)];
    std::vector<int> redo;
    for (int64_t c = 0; c < ncols_; ++c) {
      const ColumnChunk& col = ch.cols[static_cast<size_t>(c)];
      if (final_types[static_cast<size_t>(c)] != TypeId::kString) continue;
      if (col.type == TypeId::kString && !col.degraded) continue;
      if (col.type == TypeId::kNull && !col.saw_quoted_empty) continue;
      redo.push_back(static_cast<int>(c));
    }
    if (redo.empty()) return;
    for (int c : redo) ch.cols[static_cast<size_t>(c)].Release();
    std::vector<ColumnChunk> fresh;
    Reextract(ch, redo, &fresh);
    for (size_t k = 0; k < redo.size(); ++k) {
      ch.cols[static_cast<size_t>(redo[k])] = std::move(fresh[k]);
    }
  });

  std::vector<ColumnPtr> columns(static_cast<size_t>(ncols_));
  RunParts(ncols_, opts_.threads, [&](int64_t c) {
    columns[static_cast<size_t>(c)] =
        BuildColumn(static_cast<int>(c), final_types[static_cast<size_t>(c)], chunks);
  });
  Schema schema;
  for (int64_t c = 0; c < ncols_; ++c) {
    schema.Add(Field{names_[static_cast<size_t>(c)], final_types[static_cast<size_t>(c)]});
  }
  result.table = Table::Make(std::move(schema), std::move(columns));
  result.rejects = rejects.Finish();
  XF_CHECK(result.rows_read == result.table->num_rows() + result.rejects->num_rows());
  return result;
}

}  // namespace

namespace {

void CheckOptions(const CsvOptions& opts, const std::string& source_name) {
  const auto usage = [&](const std::string& msg) {
    return Error(ErrorKind::kUsage, msg, SourceContext{.file = source_name});
  };
  if (opts.delimiter &&
      (*opts.delimiter == '\n' || *opts.delimiter == '\r' || *opts.delimiter == opts.quote)) {
    throw usage("the delimiter cannot be a line break or the quote character");
  }
  if (opts.quote == '\n' || opts.quote == '\r' || opts.quote == '\0') {
    throw usage("the quote character cannot be a line break or NUL");
  }
}

ReadResult ReadDecoded(const DecodedText& dec, const CsvOptions& opts,
                       const std::string& source_name) {
  CsvDialect dialect;
  dialect.quote = opts.quote;
  dialect.trim = opts.trim;
  dialect.delimiter = opts.delimiter ? *opts.delimiter : SniffDelimiter(dec.text, opts.quote);
  if (dialect.delimiter == dialect.quote) dialect.delimiter = ',';
  Reader reader(dec.text, dec, opts, source_name, dialect);
  return reader.Run();
}

}  // namespace

ReadResult ReadCsvBuffer(std::string_view bytes, const CsvOptions& opts,
                         const std::string& source_name) {
  CheckOptions(opts, source_name);
  const DecodedText dec = DecodeText(bytes, opts.encoding, source_name, opts.threads);
  return ReadDecoded(dec, opts, source_name);
}

ReadResult ReadCsv(const std::string& path, const CsvOptions& opts) {
  CheckOptions(opts, path);
  std::string bytes = ReadFileBytes(path);
  // The raw bytes are released once converted text replaces them (GB18030/GBK input).
  const DecodedText dec = DecodeText(bytes, opts.encoding, path, opts.threads, &bytes);
  return ReadDecoded(dec, opts, path);
}

}  // namespace xf
