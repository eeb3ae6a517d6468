#include "govern/clean_map_codes.h"

#include <fmt/format.h>

#include "core/error.h"
#include "govern/clean_common.h"
#include "io/csv_reader.h"

namespace xf::govern {

namespace {

std::string CodeText(const Column& c, int64_t i) {
  return c.type() == TypeId::kString ? std::string(c.GetString(i)) : c.GetValue(i).ToString();
}

}  // namespace

CodeMapResult MapCodes(const Table& input, const CodeMapOptions& o) {
  const Column& c = *input.column(o.column);
  const int64_t n = input.num_rows();
  auto mapped = Column::Make(TypeId::kString);
  std::vector<int64_t> keep, moved;
  std::vector<std::string> reasons;
  CodeMapResult result;
  for (int64_t i = 0; i < n; ++i) {
    if (c.IsNull(i)) {
      keep.push_back(i);
      mapped->AppendNull();
      continue;
    }
    const std::string code = CodeText(c, i);
    auto it = o.map.find(code);
    if (it != o.map.end()) {
      keep.push_back(i);
      mapped->AppendString(it->second);
      continue;
    }
    ++result.unmapped;
    switch (o.unmapped) {
      case UnmappedAction::kKeep:
        keep.push_back(i);
        mapped->AppendString(code);
        break;
      case UnmappedAction::kNull:
        keep.push_back(i);
        mapped->AppendNull();
        break;
      case UnmappedAction::kError:
        throw Error(ErrorKind::kData,
                    fmt::format("row {}: code '{}' has no mapping (set unmapped: keep, null or "
                                "quarantine to let such rows through)",
                                i + 1, code),
                    {.column_name = o.column});
      case UnmappedAction::kQuarantine:
        moved.push_back(i);
        reasons.push_back(fmt::format("{}='{}' has no mapping", o.column, code));
        break;
    }
  }
  TablePtr out = input.Take(keep);
  result.table = out->WithColumn(o.output.empty() ? o.column : o.output, mapped);
  std::vector<std::string> rules(moved.size(), "map_codes");
  result.quarantined = SetAside(input, moved, rules, reasons);
  return result;
}

std::unordered_map<std::string, std::string> LoadCodeMap(const std::string& path) {
  CsvOptions opts;
  opts.header = true;
  opts.column_types = {{"from", TypeId::kString}, {"to", TypeId::kString}};
  ReadResult r = ReadCsv(path, opts);
  const Table& t = *r.table;
  if (t.ColumnIndex("from") < 0 || t.ColumnIndex("to") < 0) {
    throw Error(ErrorKind::kData, "a code map CSV needs the columns 'from' and 'to'",
                {.file = path});
  }
  if (r.rejects && r.rejects->num_rows() > 0) {
    throw Error(ErrorKind::kData,
                fmt::format("{} malformed line(s) in the code map", r.rejects->num_rows()),
                {.file = path});
  }
  const Column& from = *t.column("from");
  const Column& to = *t.column("to");
  std::unordered_map<std::string, std::string> map;
  for (int64_t i = 0; i < t.num_rows(); ++i) {
    if (from.IsNull(i)) continue;
    const std::string key(from.GetString(i));
    const std::string value = to.IsNull(i) ? "" : std::string(to.GetString(i));
    auto [it, inserted] = map.emplace(key, value);
    if (!inserted && it->second != value) {
      throw Error(ErrorKind::kData,
                  fmt::format("code '{}' maps to both '{}' and '{}'", key, it->second, value),
                  {.file = path, .line = i + 2});
    }
  }
  return map;
}

}  // namespace xf::govern
