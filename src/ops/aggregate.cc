#include "ops/aggregate.h"

#include <set>

#include "core/error.h"
#include "ops/gather.h"
#include "ops/grouping.h"
#include "ops/parallel.h"

namespace xf {

TablePtr HashAggregate(const Table& input, const AggregateOptions& options) {
  std::set<std::string> names;
  for (const auto& k : options.keys) {
    input.column(k);  // unknown names fail here, with a suggestion
    if (!names.insert(k).second) {
      throw Error(ErrorKind::kSpec, "group-by key '" + k + "' is listed twice",
                  SourceContext{.column_name = k});
    }
  }
  for (const auto& a : options.aggregates) {
    const std::string out = AggOutputName(a);
    if (!names.insert(out).second) {
      throw Error(ErrorKind::kSpec,
                  "aggregate output '" + out + "' clashes with another output column; name it",
                  SourceContext{.column_name = out});
    }
  }
  const KeyColumns keys = KeyColumns::FromTable(input, options.keys);
  std::vector<int32_t> no_key_groups;
  const int32_t* gids;
  int64_t num_groups;
  Grouping grouping;
  if (options.keys.empty()) {
    no_key_groups.assign(static_cast<size_t>(input.num_rows()), 0);
    gids = no_key_groups.data();
    num_groups = 1;
  } else {
    grouping = Grouping::Build(keys, /*skip_null_keys=*/false);
    gids = grouping.row_groups().data();
    num_groups = grouping.num_groups();
  }
  std::vector<ColumnPtr> aggs = ComputeAggregates(input, options.aggregates, gids, num_groups);

  std::vector<Field> fields;
  std::vector<ColumnPtr> cols;
  std::vector<const Column*> key_cols;
  for (const auto& k : options.keys) {
    const ColumnPtr& c = input.column(k);
    fields.push_back({k, c->type()});
    key_cols.push_back(c.get());
  }
  cols = GatherColumns(key_cols, grouping.first_rows());
  for (size_t i = 0; i < aggs.size(); ++i) {
    fields.push_back({AggOutputName(options.aggregates[i]), aggs[i]->type()});
    cols.push_back(std::move(aggs[i]));
  }
  return Table::Make(Schema(std::move(fields)), std::move(cols));
}

}  // namespace xf
