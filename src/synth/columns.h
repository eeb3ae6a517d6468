// Column generators: the `columns:` map of entity, derived, event and graph tables.
//
// Each column is one generator (seq, choice, uniform, normal, lognormal, date, bool, value,
// company_name, person_name, uscc, resident_id, geo, expr) plus common options (type, clamp,
// round, null_rate, hidden). Row i of column c of table t draws from the stream (seed, t, c, i),
// so a value does not change when other columns or tables are added. docs/synthetic-data.md
// documents every option.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/spec_node.h"
#include "core/table.h"

namespace xf::synth {

// A table under construction: named columns of one length.
class TableBuilder {
 public:
  TableBuilder(std::string stream, int64_t rows) : stream_(std::move(stream)), rows_(rows) {}
  // Starts from an existing table's columns (derived tables, events, graph edges).
  TableBuilder(std::string stream, const Table& base);

  const std::string& stream() const { return stream_; }
  int64_t rows() const { return rows_; }
  // Adds or replaces a column.
  void Set(const std::string& name, ColumnPtr column);
  void Hide(const std::string& name) { hidden_.push_back(name); }
  const std::vector<std::string>& hidden() const { return hidden_; }
  // Every column, hidden ones included (later columns and tables may read them).
  TablePtr Full() const;

 private:
  std::string stream_;
  int64_t rows_;
  std::vector<Field> fields_;
  std::vector<ColumnPtr> columns_;
  std::vector<std::string> hidden_;
};

// Generates every column of the `columns:` map, in order, into `builder`.
void GenerateColumns(const SpecNode& columns, uint64_t seed, TableBuilder* builder);

// The table without the columns marked `hidden: true`.
TablePtr WithoutHidden(const TablePtr& table, const std::vector<std::string>& hidden);

}  // namespace xf::synth
