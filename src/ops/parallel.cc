#include "ops/parallel.h"

#include <algorithm>

namespace xf {

namespace {
thread_local ThreadPool* t_pool = nullptr;
}

ThreadPool& OpsThreadPool() { return t_pool != nullptr ? *t_pool : ThreadPool::Global(); }

ScopedOpsThreadPool::ScopedOpsThreadPool(ThreadPool* pool) : previous_(t_pool) { t_pool = pool; }
ScopedOpsThreadPool::~ScopedOpsThreadPool() { t_pool = previous_; }

void ParallelTasks(int64_t n, const std::function<void(int64_t)>& fn) {
  OpsThreadPool().ParallelFor(n, fn);
}

void ForEachMorsel(int64_t n, const std::function<void(int64_t, int64_t, int64_t)>& fn) {
  ParallelTasks(NumMorsels(n), [&](int64_t m) {
    const int64_t b = m * kMorselRows;
    fn(m, b, std::min(n, b + kMorselRows));
  });
}

}  // namespace xf

namespace xf {

TablePtr ParallelTake(const Table& table, const std::vector<int64_t>& indices) {
  std::vector<ColumnPtr> cols(static_cast<size_t>(table.num_columns()));
  ParallelTasks(table.num_columns(), [&](int64_t c) {
    cols[static_cast<size_t>(c)] = table.column(static_cast<int>(c))->Take(indices);
  });
  return Table::Make(table.schema(), std::move(cols));
}

}  // namespace xf
