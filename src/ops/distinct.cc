#include "ops/distinct.h"

#include <algorithm>

#include "ops/grouping.h"
#include "ops/parallel.h"

namespace xf {

TablePtr Distinct(const Table& input, const DistinctOptions& options) {
  const std::vector<std::string> names =
      options.columns.empty() ? input.schema().names() : options.columns;
  if (names.empty()) return input.Slice(0, std::min<int64_t>(1, input.num_rows()));
  const KeyColumns keys = KeyColumns::FromTable(input, names);
  const Grouping g = Grouping::Build(keys, /*skip_null_keys=*/false);
  TablePtr source;  // the columns to output, before picking rows
  if (options.keep_only_columns) {
    std::vector<int> idx;
    for (const std::string& name : names) {
      const int c = input.ColumnIndex(name);
      if (std::find(idx.begin(), idx.end(), c) == idx.end()) idx.push_back(c);
    }
    source = input.SelectColumns(idx);
  } else {
    source = Table::Make(input.schema(), input.columns());
  }
  if (g.num_groups() == input.num_rows()) return source;
  return ParallelTake(*source, g.first_rows());
}

}  // namespace xf
