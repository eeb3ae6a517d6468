#include "ops/distinct.h"

#include "ops/grouping.h"
#include "ops/parallel.h"

namespace xf {

TablePtr Distinct(const Table& input, const DistinctOptions& options) {
  const std::vector<std::string> names =
      options.columns.empty() ? input.schema().names() : options.columns;
  if (names.empty()) return input.Slice(0, std::min<int64_t>(1, input.num_rows()));
  const KeyColumns keys = KeyColumns::FromTable(input, names);
  const Grouping g = Grouping::Build(keys, /*skip_null_keys=*/false);
  if (g.num_groups() == input.num_rows()) return Table::Make(input.schema(), input.columns());
  return ParallelTake(input, g.first_rows());
}

}  // namespace xf
