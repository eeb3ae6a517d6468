#include "ops/join_output.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "ops/gather.h"

namespace xf {

TablePtr AssembleJoinOutput(const Table& left, const std::vector<int64_t>* left_idx,
                            const Table& right, const std::vector<int64_t>& right_idx,
                            const std::vector<std::string>& right_skip, const std::string& suffix) {
  return AssembleJoinOutput(left, left_idx == nullptr ? nullptr : left_idx->data(), right,
                            right_idx.data(), static_cast<int64_t>(right_idx.size()), right_skip,
                            suffix);
}

TablePtr AssembleJoinOutput(const Table& left, const int64_t* left_idx, const Table& right,
                            const int64_t* right_idx, int64_t n,
                            const std::vector<std::string>& right_skip, const std::string& suffix) {
  std::vector<Field> fields;
  std::set<std::string> used;
  for (const Field& f : left.schema().fields()) {
    fields.push_back(f);
    used.insert(f.name);
  }
  std::vector<int> right_cols;
  for (int c = 0; c < right.num_columns(); ++c) {
    const Field& f = right.schema().field(c);
    if (std::find(right_skip.begin(), right_skip.end(), f.name) != right_skip.end()) continue;
    std::string name = f.name;
    while (used.count(name) > 0) {
      if (suffix.empty()) {
        // An empty suffix asks for clashes to be refused: keeping either column under the
        // plain name would silently hide the other.
        throw Error(ErrorKind::kSpec,
                    "join: the right input's column '" + f.name +
                        "' clashes with a column of the same name already in the output and "
                        "`suffix` is empty; drop or rename it in one input first (a `select` "
                        "step), or set `suffix` (e.g. _right) to keep both",
                    SourceContext{.column_name = f.name});
      }
      name += suffix;
    }
    used.insert(name);
    fields.push_back({name, f.type});
    right_cols.push_back(c);
  }
  const int nl = left.num_columns();
  std::vector<ColumnPtr> cols;
  if (left_idx == nullptr) {
    cols = left.columns();
  } else {
    std::vector<const Column*> lcols;
    for (int c = 0; c < nl; ++c) lcols.push_back(left.column(c).get());
    cols = GatherColumns(lcols, left_idx, n);
  }
  std::vector<const Column*> rcols;
  for (int c : right_cols) rcols.push_back(right.column(c).get());
  for (ColumnPtr& c : GatherColumns(rcols, right_idx, n)) cols.push_back(std::move(c));
  return Table::Make(Schema(std::move(fields)), std::move(cols));
}

}  // namespace xf
