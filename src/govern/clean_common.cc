#include "govern/clean_common.h"

#include <fmt/format.h>

#include "core/error.h"
#include "ops/grouping.h"
#include "ops/key_hashing.h"
#include "ops/sort.h"

namespace xf::govern {

Schema SetAsideSchema(const Schema& schema) {
  Schema out = schema;
  out.Add({kRulesColumn, TypeId::kString});
  out.Add({kReasonsColumn, TypeId::kString});
  out.Add({kSourceRowColumn, TypeId::kInt64});
  return out;
}

TablePtr SetAside(const Table& table, const std::vector<int64_t>& rows,
                  const std::vector<std::string>& rules, const std::vector<std::string>& reasons) {
  XF_CHECK(rows.size() == rules.size() && rows.size() == reasons.size());
  std::vector<ColumnPtr> columns;
  for (const ColumnPtr& c : table.columns()) columns.push_back(c->Take(rows));
  auto rule = Column::Make(TypeId::kString), reason = Column::Make(TypeId::kString),
       source_row = Column::Make(TypeId::kInt64);
  for (size_t k = 0; k < rows.size(); ++k) {
    rule->AppendString(rules[k]);
    reason->AppendString(reasons[k]);
    source_row->AppendInt64(rows[k] + 1);
  }
  columns.push_back(rule);
  columns.push_back(reason);
  columns.push_back(source_row);
  return Table::Make(SetAsideSchema(table.schema()), std::move(columns));
}

const Column& NumericColumn(const Table& table, const std::string& name, const std::string& what) {
  const Column& c = *table.column(name);
  if (!IsNumeric(c.type())) {
    throw Error(
        ErrorKind::kSpec,
        fmt::format("{} needs a numeric column; '{}' is {}", what, name, TypeName(c.type())),
        {.column_name = name});
  }
  return c;
}

const Column& TimeColumn(const Table& table, const std::string& name, const std::string& what) {
  const Column& c = *table.column(name);
  if (c.type() != TypeId::kTimestamp && c.type() != TypeId::kDate && c.type() != TypeId::kInt64) {
    throw Error(ErrorKind::kSpec,
                fmt::format("{} needs a timestamp, date or int64 time column; '{}' is {}", what,
                            name, TypeName(c.type())),
                {.column_name = name});
  }
  return c;
}

int64_t TimeMicrosAt(const Column& c, int64_t i) {
  if (c.type() == TypeId::kDate) return int64_t{c.data<int32_t>()[i]} * 86'400'000'000LL;
  return c.data<int64_t>()[i];
}

std::vector<std::vector<int64_t>> GroupRows(const Table& table, const std::vector<std::string>& by,
                                            const std::vector<SortKey>& order) {
  const int64_t n = table.num_rows();
  std::vector<std::vector<int64_t>> groups;
  if (n == 0) return groups;
  std::vector<int32_t> row_group(static_cast<size_t>(n), 0);
  if (by.empty()) {
    groups.resize(1);
  } else {
    KeyColumns keys = KeyColumns::FromTable(table, by);
    Grouping g = Grouping::Build(keys, /*skip_null_keys=*/false);
    groups.resize(static_cast<size_t>(g.num_groups()));
    for (int64_t i = 0; i < n; ++i) row_group[static_cast<size_t>(i)] = g.row_groups()[i];
  }
  std::vector<int64_t> sequence;
  if (order.empty()) {
    sequence.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) sequence[static_cast<size_t>(i)] = i;
  } else {
    sequence = SortIndices(table, {.keys = order});
  }
  for (int64_t row : sequence)
    groups[static_cast<size_t>(row_group[static_cast<size_t>(row)])].push_back(row);
  return groups;
}

std::string ValueText(const Column& c, int64_t i) { return c.GetValue(i).ToString(); }

}  // namespace xf::govern
