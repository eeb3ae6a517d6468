#include "io/jsonl_reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "core/error.h"
#include "core/thread_pool.h"
#include "io/file_source.h"
#include "io/jsonl_text.h"

namespace xf {

namespace {

namespace dom = simdjson::dom;

enum Kind : uint8_t {
  kNullKind,
  kBoolKind,
  kIntKind,
  kUintKind,
  kDoubleKind,
  kStringKind,
  kJsonKind
};
constexpr uint8_t Bit(Kind k) { return static_cast<uint8_t>(1u << k); }
constexpr uint8_t kNumberKinds = Bit(kIntKind) | Bit(kUintKind) | Bit(kDoubleKind);

// One value of one line, before the column's type is known. Strings and JSON text live in the
// chunk's arena.
struct Cell {
  uint32_t col;  // chunk-local column id
  Kind kind;
  uint32_t len;
  union {
    int64_t i;
    uint64_t u;
    double d;
    uint64_t off;
  };
};

struct ColStats {
  uint8_t kinds = 0;
  bool all_date = true;  // among strings
  bool all_timestamp = true;

  void Merge(const ColStats& o) {
    kinds |= o.kinds;
    all_date &= o.all_date;
    all_timestamp &= o.all_timestamp;
  }
};

// A reject whose raw text still points into the input: capped once, when it is recorded.
struct PendingReject {
  int64_t line;
  int64_t column;
  std::string column_name;
  std::string_view raw;
  std::string reason;
};

struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

// A byte range of whole lines, parsed on its own, then converted once the types are known.
struct Chunk {
  std::string_view text;
  int64_t first_line = 0;  // lines before this chunk
  int64_t lines = 0;
  int64_t rows_read = 0;

  std::vector<std::string> names;  // chunk-local columns in order of first appearance
  std::unordered_map<std::string, uint32_t, SvHash, std::equal_to<>> index;
  std::vector<ColStats> stats;
  std::vector<Cell> cells;
  std::vector<size_t> row_begin;  // rows + 1 entries into `cells`
  std::vector<int64_t> row_line;  // chunk-local 0-based line
  std::vector<std::string_view> row_text;
  std::string arena;
  std::vector<PendingReject> rejects;  // parse errors; line is chunk-local and 0-based

  std::vector<uint32_t> to_global;  // chunk-local column → table column
  std::vector<ColumnPtr> out;
};

class LineParser {
 public:
  LineParser(Chunk* chunk) : c_(*chunk) {}

  void ParseAll() {
    const std::string_view text = c_.text;
    size_t pos = 0;
    int64_t line = 0;
    while (pos < text.size()) {
      const char* nl =
          static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
      const size_t end = nl ? static_cast<size_t>(nl - text.data()) : text.size();
      std::string_view l = text.substr(pos, end - pos);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      ParseLine(l, line);
      ++line;
      pos = end + 1;
    }
    c_.lines = line;
    c_.row_begin.push_back(c_.cells.size());
  }

 private:
  static bool Blank(std::string_view l) {
    for (char ch : l) {
      if (ch != ' ' && ch != '\t' && ch != '\r') return false;
    }
    return true;
  }

  void ParseLine(std::string_view l, int64_t line) {
    if (Blank(l)) return;
    ++c_.rows_read;
    dom::element doc;
    // The whole input sits in a padded buffer, so simdjson may read past the line's end.
    const auto err = parser_.parse(l.data(), l.size(), false).get(doc);
    if (err) {
      const std::string reason = err == simdjson::UTF8_ERROR
                                     ? "invalid UTF-8"
                                     : std::string("invalid JSON: ") + simdjson::error_message(err);
      c_.rejects.push_back(PendingReject{line, 0, "", l, reason});
      return;
    }
    if (!doc.is_object()) {
      c_.rejects.push_back(PendingReject{
          line, 0, "", l, std::string("expected a JSON object, found ") + KindOf(doc)});
      return;
    }
    row_ = static_cast<int64_t>(c_.row_line.size());
    c_.row_begin.push_back(c_.cells.size());
    c_.row_line.push_back(line);
    c_.row_text.push_back(l);
    path_.clear();
    Flatten(doc.get_object().value_unsafe(), false);
  }

  static const char* KindOf(dom::element e) {
    switch (e.type()) {
      case dom::element_type::ARRAY:
        return "an array";
      case dom::element_type::OBJECT:
        return "an object";
      case dom::element_type::STRING:
        return "a string";
      case dom::element_type::BOOL:
        return "a boolean";
      case dom::element_type::NULL_VALUE:
        return "null";
      default:
        return "a number";
    }
  }

  void Flatten(dom::object obj, bool nested) {
    for (const dom::key_value_pair field : obj) {
      const size_t saved = path_.size();
      if (nested) path_.push_back('.');
      path_.append(field.key);
      const dom::element v = field.value;
      switch (v.type()) {
        case dom::element_type::OBJECT: {
          const dom::object o = v.get_object().value_unsafe();
          if (o.size() == 0) {
            AddText(kJsonKind, "{}");
          } else {
            Flatten(o, true);
          }
          break;
        }
        case dom::element_type::ARRAY:
          AddText(kJsonKind, simdjson::minify(v));
          break;
        case dom::element_type::STRING:
          AddText(kStringKind, v.get_string().value_unsafe());
          break;
        case dom::element_type::INT64: {
          Cell& cell = Add(kIntKind);
          cell.i = v.get_int64().value_unsafe();
          break;
        }
        case dom::element_type::UINT64: {
          Cell& cell = Add(kUintKind);
          cell.u = v.get_uint64().value_unsafe();
          break;
        }
        case dom::element_type::DOUBLE: {
          Cell& cell = Add(kDoubleKind);
          cell.d = v.get_double().value_unsafe();
          break;
        }
        case dom::element_type::BOOL: {
          Cell& cell = Add(kBoolKind);
          cell.i = v.get_bool().value_unsafe() ? 1 : 0;
          break;
        }
        case dom::element_type::NULL_VALUE:
          Add(kNullKind);
          break;
      }
      path_.resize(saved);
    }
  }

  uint32_t ColumnId() {
    auto it = c_.index.find(std::string_view(path_));
    if (it != c_.index.end()) return it->second;
    const auto id = static_cast<uint32_t>(c_.names.size());
    c_.names.push_back(path_);
    c_.index.emplace(path_, id);
    c_.stats.emplace_back();
    last_row_.push_back(-1);
    last_cell_.push_back(0);
    return id;
  }

  // A new cell for the current path; a repeated path in the same line replaces the earlier one.
  Cell& Add(Kind kind) {
    const uint32_t col = ColumnId();
    c_.stats[col].kinds |= Bit(kind);
    Cell* cell;
    if (last_row_[col] == row_) {
      cell = &c_.cells[last_cell_[col]];
    } else {
      last_row_[col] = row_;
      last_cell_[col] = c_.cells.size();
      cell = &c_.cells.emplace_back();
    }
    cell->col = col;
    cell->kind = kind;
    cell->len = 0;
    cell->u = 0;
    return *cell;
  }

  void AddText(Kind kind, std::string_view s) {
    Cell& cell = Add(kind);
    cell.off = c_.arena.size();
    cell.len = static_cast<uint32_t>(s.size());
    c_.arena.append(s);
    if (kind != kStringKind) return;
    ColStats& st = c_.stats[cell.col];
    if (st.all_date) {
      int32_t days;
      st.all_date = ParseDate(s, &days);
    }
    if (st.all_timestamp) {
      int64_t micros;
      st.all_timestamp = ParseTimestamp(s, &micros);
    }
  }

  Chunk& c_;
  dom::parser parser_;
  std::string path_;
  int64_t row_ = -1;
  std::vector<int64_t> last_row_;
  std::vector<size_t> last_cell_;
};

TypeId Infer(const ColStats& s) {
  const uint8_t k = s.kinds & static_cast<uint8_t>(~Bit(kNullKind));
  if (k == 0) return TypeId::kString;
  if (k == Bit(kBoolKind)) return TypeId::kBool;
  if (k == Bit(kIntKind)) return TypeId::kInt64;
  if ((k & ~kNumberKinds) == 0) return TypeId::kFloat64;
  if (k == Bit(kStringKind)) {
    return s.all_date ? TypeId::kDate : s.all_timestamp ? TypeId::kTimestamp : TypeId::kString;
  }
  return TypeId::kString;
}

// A cell converted to its column's type.
struct Converted {
  uint32_t col = 0;
  bool null = false;
  int64_t i = 0;
  double d = 0;
  std::string_view s;
  std::string owned;
};

std::string_view Text(const Chunk& ch, const Cell& c) {
  return std::string_view(ch.arena).substr(c.off, c.len);
}

// The cell as it would appear in a string column.
void CellText(const Chunk& ch, const Cell& c, Converted* out) {
  out->owned.clear();
  switch (c.kind) {
    case kStringKind:
    case kJsonKind:
      out->s = Text(ch, c);
      return;
    case kBoolKind:
      out->s = c.i ? "true" : "false";
      return;
    case kIntKind:
      fmt::format_to(std::back_inserter(out->owned), "{}", c.i);
      break;
    case kUintKind:
      fmt::format_to(std::back_inserter(out->owned), "{}", c.u);
      break;
    case kDoubleKind:
      AppendJsonDouble(c.d, &out->owned);
      break;
    case kNullKind:
      break;
  }
  out->s = out->owned;
}

std::string Describe(const Chunk& ch, const Cell& c) {
  Converted tmp;
  CellText(ch, c, &tmp);
  std::string text(tmp.s.substr(0, 60));
  if (tmp.s.size() > 60) text += "…";
  switch (c.kind) {
    case kStringKind:
      return "string \"" + text + "\"";
    case kJsonKind:
      return "JSON " + text;
    case kBoolKind:
      return "boolean " + text;
    default:
      return "number " + text;
  }
}

template <typename T>
bool FromChars(std::string_view s, T* v) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

// False when the value cannot be held by `type`; `reason` then says why.
bool Convert(const Chunk& ch, const Cell& c, TypeId type, int32_t offset, Converted* out,
             std::string* reason) {
  out->null = c.kind == kNullKind;
  if (out->null) return true;
  bool ok = false;
  const std::string_view text = c.kind == kStringKind ? Text(ch, c) : std::string_view();
  switch (type) {
    case TypeId::kString:
      CellText(ch, c, out);
      return true;
    case TypeId::kBool:
      if (c.kind == kBoolKind) {
        out->i = c.i;
        ok = true;
      } else if (c.kind == kStringKind && (text == "true" || text == "false")) {
        out->i = text == "true";
        ok = true;
      }
      break;
    case TypeId::kInt64:
      if (c.kind == kIntKind) {
        out->i = c.i;
        ok = true;
      } else if (c.kind == kDoubleKind) {
        ok = std::trunc(c.d) == c.d && c.d >= -9223372036854775808.0 && c.d < 9223372036854775808.0;
        if (ok) out->i = static_cast<int64_t>(c.d);
      } else if (c.kind == kStringKind) {
        ok = FromChars(text, &out->i);
      }
      break;
    case TypeId::kFloat64:
      if (c.kind == kIntKind) {
        out->d = static_cast<double>(c.i);
        ok = true;
      } else if (c.kind == kUintKind) {
        out->d = static_cast<double>(c.u);
        ok = true;
      } else if (c.kind == kDoubleKind) {
        out->d = c.d;
        ok = true;
      } else if (c.kind == kStringKind) {
        ok = FromChars(text, &out->d);
      }
      break;
    case TypeId::kDate:
      if (c.kind == kStringKind) {
        int32_t days;
        ok = ParseDate(text, &days);
        out->i = days;
      }
      break;
    case TypeId::kTimestamp:
      if (c.kind == kStringKind) ok = ParseTimestamp(text, &out->i, offset);
      break;
    case TypeId::kNull:
      break;
  }
  if (!ok) *reason = "cannot read " + Describe(ch, c) + " as " + TypeName(type);
  return ok;
}

void Append(Column& col, const Converted& v) {
  if (v.null) return col.AppendNull();
  switch (col.type()) {
    case TypeId::kBool:
      return col.AppendBool(v.i != 0);
    case TypeId::kInt64:
      return col.AppendInt64(v.i);
    case TypeId::kFloat64:
      return col.AppendFloat64(v.d);
    case TypeId::kString:
      return col.AppendString(v.s);
    case TypeId::kDate:
      return col.AppendDate(static_cast<int32_t>(v.i));
    case TypeId::kTimestamp:
      return col.AppendTimestamp(v.i);
    case TypeId::kNull:
      return col.AppendNull();
  }
}

// Builds the chunk's part of every table column; lines with a value their column cannot hold
// become rejects.
void BuildColumns(Chunk& ch, const std::vector<std::string>& names,
                  const std::vector<TypeId>& types, int32_t offset,
                  std::vector<PendingReject>* rejects) {
  const size_t num_cols = types.size();
  const size_t rows = ch.row_line.size();
  ch.out.resize(num_cols);
  for (size_t g = 0; g < num_cols; ++g) {
    ch.out[g] = Column::Make(types[g]);
    ch.out[g]->Reserve(static_cast<int64_t>(rows));
  }
  std::vector<Converted> conv;
  std::vector<size_t> stamp(num_cols, SIZE_MAX);
  std::string reason;
  for (size_t r = 0; r < rows; ++r) {
    const size_t b = ch.row_begin[r], e = ch.row_begin[r + 1];
    conv.resize(std::max(conv.size(), e - b));
    bool bad = false;
    for (size_t k = b; k < e && !bad; ++k) {
      const Cell& cell = ch.cells[k];
      const uint32_t g = ch.to_global[cell.col];
      conv[k - b].col = g;
      if (!Convert(ch, cell, types[g], offset, &conv[k - b], &reason)) {
        rejects->push_back(PendingReject{ch.first_line + ch.row_line[r] + 1,
                                         static_cast<int64_t>(g) + 1, names[g], ch.row_text[r],
                                         reason});
        bad = true;
      }
    }
    if (bad) continue;
    for (size_t k = 0; k < e - b; ++k) {
      Append(*ch.out[conv[k].col], conv[k]);
      stamp[conv[k].col] = r;
    }
    for (size_t g = 0; g < num_cols; ++g) {
      if (stamp[g] != r) ch.out[g]->AppendNull();
    }
  }
}

std::vector<Chunk> SplitChunks(std::string_view text, int64_t chunk_bytes) {
  std::vector<Chunk> chunks;
  const size_t step = static_cast<size_t>(std::max<int64_t>(1, chunk_bytes));
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.size();
    if (text.size() - start > step) {
      const char* nl = static_cast<const char*>(
          std::memchr(text.data() + start + step - 1, '\n', text.size() - start - step + 1));
      if (nl != nullptr) end = static_cast<size_t>(nl - text.data()) + 1;
    }
    chunks.emplace_back().text = text.substr(start, end - start);
    start = end;
  }
  return chunks;
}

}  // namespace

ReadResult ReadJsonlBuffer(std::string_view bytes, const JsonlOptions& options,
                           const std::string& source_name) {
  for (const auto& [name, type] : options.column_types) {
    if (type == TypeId::kNull) {
      throw Error(ErrorKind::kUsage, "type null cannot be requested for a column",
                  SourceContext{.file = source_name, .column_name = name});
    }
  }
  std::string unzipped;
  if (IsGzip(bytes)) {
    unzipped = Gunzip(bytes, source_name);
    bytes = unzipped;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // simdjson reads up to SIMDJSON_PADDING bytes past a document; one padded copy of the input
  // lets every line be parsed in place.
  const simdjson::padded_string padded(bytes.data(), bytes.size());
  const std::string_view text(padded.data(), bytes.size());

  std::vector<Chunk> chunks = SplitChunks(text, options.chunk_bytes);
  ThreadPool& pool = ThreadPool::Global();
  pool.ParallelFor(static_cast<int64_t>(chunks.size()),
                   [&](int64_t i) { LineParser(&chunks[static_cast<size_t>(i)]).ParseAll(); });

  // Columns in order of first appearance: chunks are in file order, and so are their names.
  std::vector<std::string> names;
  std::vector<ColStats> stats;
  std::unordered_map<std::string, uint32_t, SvHash, std::equal_to<>> index;
  int64_t line = 0, rows_read = 0;
  RejectsBuilder rejects(source_name);
  for (Chunk& ch : chunks) {
    ch.first_line = line;
    line += ch.lines;
    rows_read += ch.rows_read;
    for (PendingReject& r : ch.rejects) {
      rejects.Add(ch.first_line + r.line + 1, 0, "", r.raw, std::move(r.reason));
    }
    ch.to_global.resize(ch.names.size());
    for (size_t l = 0; l < ch.names.size(); ++l) {
      auto it = index.find(std::string_view(ch.names[l]));
      uint32_t g;
      if (it == index.end()) {
        g = static_cast<uint32_t>(names.size());
        index.emplace(ch.names[l], g);
        names.push_back(ch.names[l]);
        stats.emplace_back();
      } else {
        g = it->second;
      }
      ch.to_global[l] = g;
      stats[g].Merge(ch.stats[l]);
    }
    ch.index.clear();
  }
  std::vector<TypeId> types;
  for (size_t g = 0; g < names.size(); ++g) {
    auto it = options.column_types.find(names[g]);
    types.push_back(it != options.column_types.end() ? it->second : Infer(stats[g]));
  }
  for (const auto& [name, type] : options.column_types) {
    if (index.count(std::string_view(name)) == 0) {
      names.push_back(name);
      types.push_back(type);
    }
  }

  // A table without columns cannot hold rows: when every object in the file is empty, its lines
  // become rejects rather than vanishing.
  if (names.empty()) {
    for (Chunk& ch : chunks) {
      for (size_t r = 0; r < ch.row_line.size(); ++r) {
        rejects.Add(ch.first_line + ch.row_line[r] + 1, 0, "", ch.row_text[r],
                    "empty object, and no line of the file has a field to make a column of");
      }
      ch.row_line.clear();
      ch.row_begin.assign(1, 0);
    }
  }

  std::vector<std::vector<PendingReject>> conv_rejects(chunks.size());
  pool.ParallelFor(static_cast<int64_t>(chunks.size()), [&](int64_t i) {
    Chunk& ch = chunks[static_cast<size_t>(i)];
    BuildColumns(ch, names, types, options.default_offset_seconds,
                 &conv_rejects[static_cast<size_t>(i)]);
    std::vector<Cell>().swap(ch.cells);
    std::string().swap(ch.arena);
  });
  for (auto& rs : conv_rejects) {
    for (PendingReject& r : rs) {
      rejects.Add(r.line, r.column, std::move(r.column_name), r.raw, std::move(r.reason));
    }
  }

  std::vector<ColumnPtr> columns(names.size());
  pool.ParallelFor(static_cast<int64_t>(names.size()), [&](int64_t gi) {
    const auto g = static_cast<size_t>(gi);
    if (chunks.size() == 1) {
      columns[g] = std::move(chunks[0].out[g]);
      return;
    }
    auto col = Column::Make(types[g]);
    int64_t rows = 0, bytes_total = 0;
    for (const Chunk& ch : chunks) {
      rows += ch.out[g]->size();
      if (types[g] == TypeId::kString) bytes_total += ch.out[g]->string_bytes();
    }
    col->Reserve(rows, bytes_total);
    for (Chunk& ch : chunks) {
      col->AppendColumn(*ch.out[g]);
      ch.out[g].reset();
    }
    columns[g] = std::move(col);
  });
  std::vector<Field> fields;
  for (size_t g = 0; g < names.size(); ++g) fields.push_back(Field{names[g], types[g]});

  ReadResult result;
  result.table = Table::Make(Schema(std::move(fields)), std::move(columns));
  result.rejects = rejects.Finish();
  result.rows_read = rows_read;
  result.encoding = "utf-8";
  XF_CHECK(result.rows_read == result.table->num_rows() + result.rejects->num_rows());
  return result;
}

ReadResult ReadJsonl(const std::string& path, const JsonlOptions& options) {
  const std::string bytes = ReadFileBytes(path);
  return ReadJsonlBuffer(bytes, options, path);
}

}  // namespace xf
