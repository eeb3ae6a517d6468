#include "ops/union.h"

#include "core/error.h"
#include "ops/parallel.h"

namespace xf {

TablePtr UnionAll(const std::vector<TablePtr>& tables, const UnionOptions& options) {
  if (tables.empty()) throw Error(ErrorKind::kUsage, "union needs at least one table");
  const Schema& schema = tables[0]->schema();
  const int ncol = schema.num_fields();
  // For each table, the index of each output column in it.
  std::vector<std::vector<int>> source(tables.size());
  for (size_t t = 0; t < tables.size(); ++t) {
    const Schema& s = tables[t]->schema();
    const std::string which = "union input " + std::to_string(t + 1);
    if (s.num_fields() != ncol) {
      throw Error(ErrorKind::kSpec, which + " has " + std::to_string(s.num_fields()) +
                                        " columns but input 1 has " + std::to_string(ncol) +
                                        " (" + s.ToString() + " vs " + schema.ToString() + ")");
    }
    for (int c = 0; c < ncol; ++c) {
      const Field& want = schema.field(c);
      int at = c;
      if (options.by_name) {
        at = s.IndexOf(want.name);
        if (at < 0) {
          throw Error(ErrorKind::kSpec, which + " has no column '" + want.name + "'",
                      SourceContext{.column_name = want.name});
        }
      } else if (s.field(c).name != want.name) {
        throw Error(ErrorKind::kSpec,
                    which + ": column " + std::to_string(c + 1) + " is '" + s.field(c).name +
                        "' but input 1 has '" + want.name + "' (use match by name?)",
                    SourceContext{.column_name = want.name});
      }
      if (s.field(at).type != want.type) {
        throw Error(ErrorKind::kSpec,
                    which + ": column '" + want.name + "' is " + TypeName(s.field(at).type) +
                        " but " + TypeName(want.type) + " in input 1",
                    SourceContext{.column_name = want.name});
      }
      source[t].push_back(at);
    }
  }
  std::vector<ColumnPtr> cols(static_cast<size_t>(ncol));
  ParallelTasks(ncol, [&](int64_t c) {
    auto out = Column::Make(schema.field(static_cast<int>(c)).type);
    int64_t rows = 0, bytes = 0;
    for (size_t t = 0; t < tables.size(); ++t) {
      const Column& src = *tables[t]->column(source[t][static_cast<size_t>(c)]);
      rows += src.size();
      if (src.type() == TypeId::kString) bytes += src.string_bytes();
    }
    out->Reserve(rows, bytes);
    for (size_t t = 0; t < tables.size(); ++t) {
      out->AppendColumn(*tables[t]->column(source[t][static_cast<size_t>(c)]));
    }
    cols[static_cast<size_t>(c)] = std::move(out);
  });
  return Table::Make(schema, std::move(cols));
}

}  // namespace xf
