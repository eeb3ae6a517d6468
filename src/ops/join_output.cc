#include "ops/join_output.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "ops/parallel.h"

namespace xf {

TablePtr AssembleJoinOutput(const Table& left, const std::vector<int64_t>* left_idx,
                            const Table& right, const std::vector<int64_t>& right_idx,
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
        throw Error(ErrorKind::kSpec, "join output has two columns named '" + name +
                                          "'; give a suffix for right columns",
                    SourceContext{.column_name = name});
      }
      name += suffix;
    }
    used.insert(name);
    fields.push_back({name, f.type});
    right_cols.push_back(c);
  }
  const int nl = left.num_columns();
  std::vector<ColumnPtr> cols(fields.size());
  ParallelTasks(static_cast<int64_t>(fields.size()), [&](int64_t k) {
    if (k < nl) {
      const ColumnPtr& c = left.column(static_cast<int>(k));
      cols[static_cast<size_t>(k)] = left_idx == nullptr ? c : c->Take(*left_idx);
    } else {
      cols[static_cast<size_t>(k)] = right.column(right_cols[static_cast<size_t>(k - nl)])->Take(right_idx);
    }
  });
  return Table::Make(Schema(std::move(fields)), std::move(cols));
}

}  // namespace xf
