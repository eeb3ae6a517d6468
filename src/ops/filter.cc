#include "ops/filter.h"

#include "core/error.h"
#include "ops/parallel.h"

namespace xf {

TablePtr FilterByMask(const Table& table, const Column& mask) {
  if (mask.type() != TypeId::kBool) {
    throw Error(ErrorKind::kUsage,
                std::string("filter mask must be bool, got ") + TypeName(mask.type()));
  }
  const int64_t n = table.num_rows();
  if (mask.size() != n) {
    throw Error(ErrorKind::kUsage, "filter mask has " + std::to_string(mask.size()) +
                                       " rows but the table has " + std::to_string(n));
  }
  const uint8_t* m = mask.data<uint8_t>();  // NULL slots hold 0, so they read as false
  // Selection vector per morsel (branch-free append), concatenated in morsel order.
  std::vector<std::vector<int64_t>> parts(static_cast<size_t>(NumMorsels(n)));
  ForEachMorsel(n, [&](int64_t k, int64_t begin, int64_t end) {
    std::vector<int64_t>& sel = parts[static_cast<size_t>(k)];
    sel.resize(static_cast<size_t>(end - begin));
    size_t count = 0;
    for (int64_t i = begin; i < end; ++i) {
      sel[count] = i;
      count += m[i] != 0;
    }
    sel.resize(count);
  });
  size_t total = 0;
  for (const auto& p : parts) total += p.size();
  if (total == static_cast<size_t>(n)) return Table::Make(table.schema(), table.columns());
  std::vector<int64_t> idx;
  idx.reserve(total);
  for (const auto& p : parts) idx.insert(idx.end(), p.begin(), p.end());
  return ParallelTake(table, idx);
}

}  // namespace xf
