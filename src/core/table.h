// Schemas and tables: named, typed columns of equal length.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/column.h"
#include "core/types.h"

namespace xf {

struct Field {
  std::string name;
  TypeId type;
  bool operator==(const Field&) const = default;
};

class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}

  const std::vector<Field>& fields() const { return fields_; }
  int num_fields() const { return static_cast<int>(fields_.size()); }
  const Field& field(int i) const { return fields_[static_cast<size_t>(i)]; }
  // -1 when absent.
  int IndexOf(std::string_view name) const;
  std::vector<std::string> names() const;
  void Add(Field f) { fields_.push_back(std::move(f)); }
  std::string ToString() const;  // "name:type, name:type"
  bool operator==(const Schema&) const = default;

 private:
  std::vector<Field> fields_;
};

class Table;
using TablePtr = std::shared_ptr<const Table>;

class Table {
 public:
  // All columns must have the schema's types and the same length (an internal error otherwise).
  Table(Schema schema, std::vector<ColumnPtr> columns);
  static TablePtr Make(Schema schema, std::vector<ColumnPtr> columns) {
    return std::make_shared<const Table>(std::move(schema), std::move(columns));
  }
  static TablePtr MakeEmpty(const Schema& schema);

  const Schema& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  const ColumnPtr& column(int i) const { return columns_[static_cast<size_t>(i)]; }
  const std::vector<ColumnPtr>& columns() const { return columns_; }
  // Throws a usage error naming the closest existing column when absent.
  const ColumnPtr& column(std::string_view name) const;
  int ColumnIndex(std::string_view name) const { return schema_.IndexOf(name); }

  TablePtr Take(const std::vector<int64_t>& indices) const;
  TablePtr Slice(int64_t offset, int64_t length) const;
  // Appends or replaces (same name) a column.
  TablePtr WithColumn(const std::string& name, ColumnPtr column) const;
  TablePtr SelectColumns(const std::vector<int>& indices) const;

  // Fixed-width text rendering of the first `max_rows` rows, for `inspect` and test failures.
  std::string ToString(int64_t max_rows = 20) const;
  size_t MemoryBytes() const;

 private:
  Schema schema_;
  std::vector<ColumnPtr> columns_;
  int64_t num_rows_ = 0;
};

}  // namespace xf
