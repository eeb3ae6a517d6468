#include "ops/parallel.h"

#include "ops/gather.h"

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
  std::vector<const Column*> cols;
  for (int c = 0; c < table.num_columns(); ++c) cols.push_back(table.column(c).get());
  return Table::Make(table.schema(), GatherColumns(cols, indices));
}

}  // namespace xf
