#include "model/series_groups.h"

#include <algorithm>

#include "core/error.h"
#include "ops/grouping.h"
#include "ops/key_hashing.h"
#include "ops/parallel.h"

namespace xf {

RowGroups GroupRows(const Table& table, const std::vector<std::string>& keys) {
  const KeyColumns key_columns = KeyColumns::FromTable(table, keys);
  const Grouping grouping = Grouping::Build(key_columns, /*skip_null_keys=*/false);
  const int64_t ng = grouping.num_groups();
  const int64_t n = table.num_rows();
  RowGroups out;
  out.first_rows = grouping.first_rows();
  out.offsets.assign(static_cast<size_t>(ng) + 1, 0);
  const auto& rg = grouping.row_groups();
  for (int64_t r = 0; r < n; ++r)
    ++out.offsets[static_cast<size_t>(rg[static_cast<size_t>(r)]) + 1];
  for (int64_t g = 0; g < ng; ++g) {
    out.offsets[static_cast<size_t>(g) + 1] += out.offsets[static_cast<size_t>(g)];
  }
  out.rows.resize(static_cast<size_t>(n));
  std::vector<int64_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  for (int64_t r = 0; r < n; ++r) {
    out.rows[static_cast<size_t>(fill[static_cast<size_t>(rg[static_cast<size_t>(r)])]++)] = r;
  }
  return out;
}

TablePtr WithGroupKeys(const Table& table, const std::vector<std::string>& keys,
                       const std::vector<int64_t>& key_rows,
                       std::vector<std::pair<Field, ColumnPtr>> columns) {
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (const std::string& k : keys) {
    const ColumnPtr& c = table.column(k);
    fields.push_back({k, c->type()});
    cols.push_back(c->Take(key_rows));
  }
  for (auto& [f, c] : columns) {
    fields.push_back(f);
    cols.push_back(c);
  }
  return Table::Make(Schema(fields), cols);
}

std::string DescribeGroup(const Table& table, const std::vector<std::string>& keys, int64_t row) {
  std::string out;
  for (const std::string& k : keys) {
    if (!out.empty()) out += ", ";
    out += k + "=" + table.column(k)->GetValue(row).ToString();
  }
  return out;
}

namespace {

// fn(rows) once per key, in parallel over keys: the key's rows whose `order` value is not NULL,
// sorted by `less` (ties keep input order).
void ForEachSortedGroup(const Table& table, const std::vector<std::string>& keys,
                        const Column& order, const std::function<bool(int64_t, int64_t)>& less,
                        const std::function<void(const std::vector<int64_t>&)>& fn) {
  const RowGroups groups = GroupRows(table, keys);
  const int64_t ng = groups.num_groups();
  const int64_t tasks = std::min<int64_t>(ng, 256);
  ParallelTasks(tasks, [&](int64_t k) {
    std::vector<int64_t> rows;
    for (int64_t g = ng * k / tasks; g < ng * (k + 1) / tasks; ++g) {
      rows.clear();
      for (int64_t i = groups.offsets[static_cast<size_t>(g)];
           i < groups.offsets[static_cast<size_t>(g) + 1]; ++i) {
        const int64_t r = groups.rows[static_cast<size_t>(i)];
        if (order.IsValid(r)) rows.push_back(r);
      }
      std::stable_sort(rows.begin(), rows.end(), less);
      fn(rows);
    }
  });
}

}  // namespace

void ForEachDatedSeries(const Table& table, const std::vector<std::string>& keys,
                        const Column& date_col,
                        const std::function<void(const std::vector<int64_t>&)>& fn) {
  const int32_t* dates = date_col.data<int32_t>();
  ForEachSortedGroup(
      table, keys, date_col, [dates](int64_t x, int64_t y) { return dates[x] < dates[y]; }, fn);
}

void ForEachOrderedSeries(const Table& table, const std::vector<std::string>& keys,
                          const std::string& order,
                          const std::function<void(const std::vector<int64_t>&)>& fn) {
  const Column& oc = *table.column(order);
  std::function<bool(int64_t, int64_t)> less;
  switch (oc.type()) {
    case TypeId::kDate: {
      const int32_t* v = oc.data<int32_t>();
      less = [v](int64_t a, int64_t b) { return v[a] < v[b]; };
      break;
    }
    case TypeId::kInt64:
    case TypeId::kTimestamp: {
      const int64_t* v = oc.data<int64_t>();
      less = [v](int64_t a, int64_t b) { return v[a] < v[b]; };
      break;
    }
    case TypeId::kFloat64: {
      const double* v = oc.data<double>();
      less = [v](int64_t a, int64_t b) { return v[a] < v[b]; };
      break;
    }
    default:
      throw Error(ErrorKind::kSpec,
                  "order column '" + order + "' must be a date, timestamp or number, not " +
                      TypeName(oc.type()),
                  SourceContext{.column_name = order});
  }
  ForEachSortedGroup(table, keys, oc, less, fn);
}

}  // namespace xf
