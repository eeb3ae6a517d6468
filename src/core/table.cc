#include "core/table.h"

#include <algorithm>

#include "core/error.h"
#include "core/strings.h"

namespace xf {

int Schema::IndexOf(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> Schema::names() const {
  std::vector<std::string> out;
  out.reserve(fields_.size());
  for (const auto& f : fields_) out.push_back(f.name);
  return out;
}

std::string Schema::ToString() const {
  std::string out;
  for (const auto& f : fields_) {
    if (!out.empty()) out += ", ";
    out += f.name + ":" + TypeName(f.type);
  }
  return out;
}

Table::Table(Schema schema, std::vector<ColumnPtr> columns)
    : schema_(std::move(schema)), columns_(std::move(columns)) {
  XF_CHECK(static_cast<int>(columns_.size()) == schema_.num_fields());
  num_rows_ = columns_.empty() ? 0 : columns_[0]->size();
  for (size_t i = 0; i < columns_.size(); ++i) {
    XF_CHECK(columns_[i] != nullptr);
    XF_CHECK(columns_[i]->type() == schema_.field(static_cast<int>(i)).type);
    XF_CHECK(columns_[i]->size() == num_rows_);
  }
}

TablePtr Table::MakeEmpty(const Schema& schema) {
  std::vector<ColumnPtr> cols;
  for (const auto& f : schema.fields()) cols.push_back(Column::Make(f.type));
  return Make(schema, std::move(cols));
}

const ColumnPtr& Table::column(std::string_view name) const {
  const int i = schema_.IndexOf(name);
  if (i < 0) {
    std::string msg = "no column '" + std::string(name) + "'";
    const std::string near = ClosestName(name, schema_.names());
    if (!near.empty()) msg += "; did you mean '" + near + "'?";
    throw Error(ErrorKind::kUsage, msg);
  }
  return columns_[static_cast<size_t>(i)];
}

TablePtr Table::Take(const std::vector<int64_t>& indices) const {
  std::vector<ColumnPtr> cols;
  for (const auto& c : columns_) cols.push_back(c->Take(indices));
  return Make(schema_, std::move(cols));
}

TablePtr Table::Slice(int64_t offset, int64_t length) const {
  std::vector<ColumnPtr> cols;
  for (const auto& c : columns_) cols.push_back(c->Slice(offset, length));
  return Make(schema_, std::move(cols));
}

TablePtr Table::WithColumn(const std::string& name, ColumnPtr column) const {
  XF_CHECK(columns_.empty() || column->size() == num_rows_);
  Schema schema = schema_;
  std::vector<ColumnPtr> cols = columns_;
  const int i = schema.IndexOf(name);
  if (i >= 0) {
    std::vector<Field> fields = schema.fields();
    fields[static_cast<size_t>(i)].type = column->type();
    schema = Schema(std::move(fields));
    cols[static_cast<size_t>(i)] = std::move(column);
  } else {
    schema.Add({name, column->type()});
    cols.push_back(std::move(column));
  }
  return Make(std::move(schema), std::move(cols));
}

TablePtr Table::SelectColumns(const std::vector<int>& indices) const {
  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  for (int i : indices) {
    fields.push_back(schema_.field(i));
    cols.push_back(columns_[static_cast<size_t>(i)]);
  }
  return Make(Schema(std::move(fields)), std::move(cols));
}

namespace {

// Display text of one cell, cut to kMaxCellChars characters: a 1 GB text value must not be
// copied (or measured) whole just to show its start.
constexpr int64_t kMaxCellChars = 60;

std::string CellText(const Column& c, int64_t row) {
  if (c.type() != TypeId::kString || c.IsNull(row)) return c.GetValue(row).ToString();
  const std::string_view s = c.GetString(row);
  const size_t cut = Utf8Offset(s, kMaxCellChars);
  if (cut >= s.size()) return std::string(s);
  return std::string(s.substr(0, cut)) + "…";
}

}  // namespace

std::string Table::ToString(int64_t max_rows) const {
  const int64_t rows = std::min(max_rows, num_rows_);
  const size_t ncol = columns_.size();
  std::vector<std::vector<std::string>> cells(ncol);
  std::vector<int64_t> width(ncol);
  for (size_t c = 0; c < ncol; ++c) {
    const Field& f = schema_.field(static_cast<int>(c));
    cells[c].push_back(f.name);
    cells[c].push_back(TypeName(f.type));
    for (int64_t r = 0; r < rows; ++r) cells[c].push_back(CellText(*columns_[c], r));
    for (const auto& s : cells[c]) width[c] = std::max(width[c], DisplayWidth(s));
  }
  std::string out;
  for (size_t line = 0; line < static_cast<size_t>(rows + 2); ++line) {
    for (size_t c = 0; c < ncol; ++c) {
      if (c) out += " | ";
      out += cells[c][line];
      if (c + 1 < ncol) out.append(static_cast<size_t>(width[c] - DisplayWidth(cells[c][line])), ' ');
    }
    out += '\n';
  }
  if (rows < num_rows_) out += "... " + std::to_string(num_rows_ - rows) + " more rows\n";
  return out;
}

size_t Table::MemoryBytes() const {
  size_t n = 0;
  for (const auto& c : columns_) n += c->MemoryBytes();
  return n;
}

}  // namespace xf
