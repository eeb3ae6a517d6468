// Rows of a table split by key columns, for the per-key models (forecast, metrics, regression):
// groups numbered by first appearance, each group's rows in input order.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/table.h"

namespace xf {

struct RowGroups {
  // rows[offsets[g] .. offsets[g + 1]) are the rows of group g, ascending.
  std::vector<int64_t> offsets;
  std::vector<int64_t> rows;
  std::vector<int64_t> first_rows;  // first row of each group

  int64_t num_groups() const { return static_cast<int64_t>(first_rows.size()); }
};

// NULL keys form groups of their own. No keys: one group of all rows (none for an empty table).
RowGroups GroupRows(const Table& table, const std::vector<std::string>& keys);

// fn(rows) once per key, in parallel over keys: the key's rows whose date is not NULL, ordered by
// date (ties in input order). `dates` is a date column of `table`. A key's rows are passed to one
// call only, so work that writes just those rows cannot depend on scheduling.
void ForEachDatedSeries(const Table& table, const std::vector<std::string>& keys,
                        const Column& dates,
                        const std::function<void(const std::vector<int64_t>&)>& fn);

// Same for any orderable column: date, timestamp, int64 or float64 (a spec error naming the
// column otherwise). Rows with a NULL order value are left out; ties keep input order.
void ForEachOrderedSeries(const Table& table, const std::vector<std::string>& keys,
                          const std::string& order,
                          const std::function<void(const std::vector<int64_t>&)>& fn);

// A result table of the per-key models: the key columns of `table` taken at `key_rows` (the first
// row of each output row's group), then `columns`.
TablePtr WithGroupKeys(const Table& table, const std::vector<std::string>& keys,
                       const std::vector<int64_t>& key_rows,
                       std::vector<std::pair<Field, ColumnPtr>> columns);

// "user_id=U1, region=east" for error messages; "" without keys.
std::string DescribeGroup(const Table& table, const std::vector<std::string>& keys, int64_t row);

}  // namespace xf
