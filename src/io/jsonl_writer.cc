#include "io/jsonl_writer.h"

#include <fmt/format.h>

#include <cmath>
#include <exception>
#include <iterator>

#include "core/error.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "core/time.h"
#include "io/file_source.h"
#include "io/jsonl_text.h"

namespace xf {

namespace {

void AppendValue(const Column& col, int64_t r, const std::string& name, std::string* out) {
  if (col.IsNull(r)) {
    out->append("null");
    return;
  }
  switch (col.type()) {
    case TypeId::kBool:
      out->append(col.data<uint8_t>()[r] ? "true" : "false");
      break;
    case TypeId::kInt64:
      fmt::format_to(std::back_inserter(*out), "{}", col.data<int64_t>()[r]);
      break;
    case TypeId::kFloat64: {
      const double d = col.data<double>()[r];
      if (std::isfinite(d)) {
        AppendJsonDouble(d, out);
      } else {
        out->append("null");
      }
      break;
    }
    case TypeId::kString: {
      const std::string_view s = col.GetString(r);
      if (!IsValidUtf8(s)) {
        throw Error(
            ErrorKind::kData,
            "row " + std::to_string(r + 1) + " holds invalid UTF-8, which JSON cannot carry",
            SourceContext{.column_name = name});
      }
      AppendJsonString(s, out);
      break;
    }
    case TypeId::kDate:
      out->push_back('"');
      AppendDate(col.data<int32_t>()[r], out);
      out->push_back('"');
      break;
    case TypeId::kTimestamp:
      out->push_back('"');
      AppendTimestamp(col.data<int64_t>()[r], kShanghaiOffsetSeconds, out);
      out->push_back('"');
      break;
    case TypeId::kNull:
      out->append("null");
      break;
  }
}

void AppendRows(const Table& t, const std::vector<std::string>& keys, int64_t begin, int64_t end,
                std::string* out) {
  for (int64_t r = begin; r < end; ++r) {
    out->push_back('{');
    for (int c = 0; c < t.num_columns(); ++c) {
      if (c > 0) out->push_back(',');
      out->append(keys[static_cast<size_t>(c)]);
      AppendValue(*t.column(c), r, t.schema().field(c).name, out);
    }
    out->append("}\n");
  }
}

}  // namespace

std::string ToJsonl(const Table& table) {
  std::vector<std::string> keys;
  for (const Field& f : table.schema().fields()) {
    if (!IsValidUtf8(f.name)) {
      throw Error(ErrorKind::kData, "column name is not valid UTF-8",
                  SourceContext{.column_name = f.name});
    }
    std::string k;
    AppendJsonString(f.name, &k);
    k.push_back(':');
    keys.push_back(std::move(k));
  }
  // Rows are formatted in parallel ranges and joined in order.
  const int64_t rows = table.num_rows();
  constexpr int64_t kRowsPerPart = 16384;
  const int64_t parts = (rows + kRowsPerPart - 1) / kRowsPerPart;
  std::vector<std::string> pieces(static_cast<size_t>(parts));
  std::vector<std::exception_ptr> errors(static_cast<size_t>(parts));
  ThreadPool::Global().ParallelFor(parts, [&](int64_t p) {
    try {
      AppendRows(table, keys, p * kRowsPerPart, std::min(rows, (p + 1) * kRowsPerPart),
                 &pieces[static_cast<size_t>(p)]);
    } catch (...) {
      errors[static_cast<size_t>(p)] = std::current_exception();
    }
  });
  // The first bad row in table order, whichever thread met one first.
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  size_t total = 0;
  for (const auto& p : pieces) total += p.size();
  std::string out;
  out.reserve(total);
  for (auto& p : pieces) {
    out += p;
    std::string().swap(p);
  }
  return out;
}

void WriteJsonl(const Table& table, const std::string& path) {
  WriteFileAtomically(path, ToJsonl(table));
}

}  // namespace xf
