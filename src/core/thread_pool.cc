#include "core/thread_pool.h"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace xf {

namespace {
thread_local bool t_in_worker = false;
}

struct ThreadPool::Job {
  int64_t n;
  const std::function<void(int64_t)>* fn;
  std::atomic<int64_t> next{0};
  std::atomic<int64_t> done{0};
  std::atomic<int> active{0};  // workers currently inside RunJob
  std::mutex error_mu;
  std::exception_ptr error;
};

ThreadPool::ThreadPool(int threads) {
  for (int i = 1; i < std::max(1, threads); ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
}

ThreadPool& ThreadPool::Global() {
  static ThreadPool pool([] {
    if (const char* env = std::getenv("XF_THREADS")) {
      const int n = std::atoi(env);
      if (n > 0) return n;
    }
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }());
  return pool;
}

void ThreadPool::RunJob(Job& job) {
  for (;;) {
    const int64_t i = job.next.fetch_add(1);
    if (i >= job.n) break;
    try {
      bool failed;
      {
        std::lock_guard<std::mutex> lock(job.error_mu);
        failed = job.error != nullptr;
      }
      if (!failed) (*job.fn)(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(job.error_mu);
      if (!job.error) job.error = std::current_exception();
    }
    job.done.fetch_add(1);
  }
}

void ThreadPool::WorkerLoop() {
  t_in_worker = true;
  uint64_t seen = 0;
  for (;;) {
    Job* job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || (job_ != nullptr && generation_ != seen); });
      if (stop_) return;
      seen = generation_;
      job = job_;
      job->active.fetch_add(1);
    }
    RunJob(*job);
    {
      std::lock_guard<std::mutex> lock(mu_);
      job->active.fetch_sub(1);
    }
    cv_.notify_all();
  }
}

void ThreadPool::ParallelFor(int64_t n, const std::function<void(int64_t)>& fn) {
  if (n <= 0) return;
  if (workers_.empty() || t_in_worker || n == 1) {
    for (int64_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::lock_guard<std::mutex> submit(submit_mu_);
  Job job;
  job.n = n;
  job.fn = &fn;
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = &job;
    ++generation_;
  }
  cv_.notify_all();
  // The caller works too, flagged as a worker so nested ParallelFor calls run inline.
  t_in_worker = true;
  RunJob(job);
  t_in_worker = false;
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return job.done.load() >= n && job.active.load() == 0; });
    job_ = nullptr;
  }
  if (job.error) std::rethrow_exception(job.error);
}

void ParallelRanges(int64_t n, int64_t min_per_range,
                    const std::function<void(int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  ThreadPool& pool = ThreadPool::Global();
  // Four ranges per thread balance uneven work without much scheduling overhead.
  int64_t ranges = std::max<int64_t>(1, std::min<int64_t>(pool.parallelism() * 4,
                                                          n / std::max<int64_t>(1, min_per_range)));
  const int64_t per = (n + ranges - 1) / ranges;
  ranges = (n + per - 1) / per;
  pool.ParallelFor(ranges, [&](int64_t r) {
    const int64_t b = r * per;
    fn(b, std::min(n, b + per));
  });
}

}  // namespace xf
