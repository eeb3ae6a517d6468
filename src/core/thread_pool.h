// A fixed pool of worker threads for morsel-driven parallelism.
//
// ParallelFor(n, fn) runs fn(0..n-1) on the workers and the calling thread and returns when all
// are done; the first exception thrown by any fn is rethrown in the caller. A ParallelFor issued
// from inside a worker runs serially in that worker, so nested parallel code cannot deadlock.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace xf {

class ThreadPool {
 public:
  // threads = total parallelism including the caller; 1 means everything runs in the caller.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Sized by XF_THREADS if set, else std::thread::hardware_concurrency().
  static ThreadPool& Global();

  int parallelism() const { return static_cast<int>(workers_.size()) + 1; }

  void ParallelFor(int64_t n, const std::function<void(int64_t)>& fn);

 private:
  struct Job;
  void WorkerLoop();
  static void RunJob(Job& job);

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::mutex submit_mu_;  // one job at a time; callers queue here
  Job* job_ = nullptr;
  uint64_t generation_ = 0;
  bool stop_ = false;
};

// Splits [0, n) into about `morsels` contiguous ranges: fn(begin, end) per range, in parallel.
void ParallelRanges(int64_t n, int64_t min_per_range,
                    const std::function<void(int64_t, int64_t)>& fn);

}  // namespace xf
