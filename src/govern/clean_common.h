// Pieces shared by the cleaning algorithms (clean_*.h): rows set aside with a rule and reason,
// numeric and time access, and rows grouped per key in a chosen order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"
#include "govern/quarantine_columns.h"
#include "ops/row_comparator.h"

namespace xf::govern {

// Rows `rows` of `table` (in that order) plus `_rules` and `_reasons` (rules/reasons align with
// rows) and `_source_row` (the 1-based row in `table`), so every removed row says which rule
// removed it and why; the names are validate's quarantine columns (quarantine_columns.h).
TablePtr SetAside(const Table& table, const std::vector<int64_t>& rows,
                  const std::vector<std::string>& rules, const std::vector<std::string>& reasons);

// The schema SetAside produces for `table` (for empty second outputs).
Schema SetAsideSchema(const Schema& schema);

// A non-NULL value of an int64 or float64 column as a double.
inline double NumericAt(const Column& c, int64_t i) {
  return c.type() == TypeId::kFloat64 ? c.data<double>()[i]
                                      : static_cast<double>(c.data<int64_t>()[i]);
}

// The column `name` of `table`, which must be int64 or float64 (a spec error naming the column
// and `what` otherwise).
const Column& NumericColumn(const Table& table, const std::string& name, const std::string& what);

// A time column (timestamp, date or int64) as microseconds (dates: days × 86 400 s; int64 as is).
// The column must be of one of those types (a spec error naming `what` otherwise).
const Column& TimeColumn(const Table& table, const std::string& name, const std::string& what);
int64_t TimeMicrosAt(const Column& c, int64_t i);

// Rows grouped by the `by` columns (NULL keys form groups of their own), groups in order of
// first appearance; within a group rows follow `order` (stable: ties keep input order), or input
// order when `order` is empty. No `by` columns: one group of every row.
std::vector<std::vector<int64_t>> GroupRows(const Table& table, const std::vector<std::string>& by,
                                            const std::vector<SortKey>& order);

// Value text for messages ("NULL" for NULL).
std::string ValueText(const Column& c, int64_t i);

}  // namespace xf::govern
