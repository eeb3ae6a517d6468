// Morsel-driven parallelism for the relational operators.
//
// Operators run on ThreadPool::Global() unless a ScopedOpsThreadPool on the calling thread says
// otherwise; tests use that to run the same operator with 1 and with several threads and prove
// the results identical. Morsel boundaries are fixed (kMorselRows) and never depend on the
// thread count, so anything computed per morsel and merged in morsel order is deterministic.
#pragma once

#include <cstdint>
#include <functional>

#include "core/thread_pool.h"

namespace xf {

constexpr int64_t kMorselRows = int64_t{1} << 16;

inline int64_t NumMorsels(int64_t n) { return (n + kMorselRows - 1) / kMorselRows; }

// The pool operators use on this thread.
ThreadPool& OpsThreadPool();

// Makes operators called from this thread use `pool` until destroyed (restores the previous one).
class ScopedOpsThreadPool {
 public:
  explicit ScopedOpsThreadPool(ThreadPool* pool);
  ~ScopedOpsThreadPool();
  ScopedOpsThreadPool(const ScopedOpsThreadPool&) = delete;
  ScopedOpsThreadPool& operator=(const ScopedOpsThreadPool&) = delete;

 private:
  ThreadPool* previous_;
};

// fn(i) for i in [0, n) on the operator pool.
void ParallelTasks(int64_t n, const std::function<void(int64_t)>& fn);

// fn(morsel, begin, end) for each fixed-size morsel of [0, n), in parallel.
void ForEachMorsel(int64_t n, const std::function<void(int64_t, int64_t, int64_t)>& fn);

}  // namespace xf

#include "core/table.h"

namespace xf {

// Table::Take with the columns gathered in parallel.
TablePtr ParallelTake(const Table& table, const std::vector<int64_t>& indices);

}  // namespace xf
