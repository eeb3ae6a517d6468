// The memetic GA against known optima: brute force on tiny shops and FT06 (optimum 55).
#include "model/job_shop.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace xf::model {
namespace {

// Fisher & Thompson (1963) 6×6; (machine, duration) per operation. Optimum makespan 55.
JobShop Ft06() {
  const int data[6][12] = {
      {2, 1, 0, 3, 1, 6, 3, 7, 5, 3, 4, 6}, {1, 8, 2, 5, 4, 10, 5, 10, 0, 10, 3, 4},
      {2, 5, 3, 4, 5, 8, 0, 9, 1, 1, 4, 7}, {1, 5, 0, 5, 2, 5, 3, 3, 4, 8, 5, 9},
      {2, 9, 1, 3, 4, 5, 5, 4, 0, 3, 3, 1}, {1, 3, 3, 3, 5, 9, 0, 10, 4, 4, 2, 1}};
  JobShop s;
  s.num_machines = 6;
  for (const auto& job : data) {
    s.jobs.emplace_back();
    for (int k = 0; k < 6; ++k) s.jobs.back().push_back({job[2 * k], job[2 * k + 1]});
  }
  return s;
}

// The optimum over every operation order, decoded semi-actively (independent of gap filling).
double BruteForce(const JobShop& s) {
  std::vector<int32_t> genes;
  for (size_t j = 0; j < s.jobs.size(); ++j)
    genes.insert(genes.end(), s.jobs[j].size(), static_cast<int32_t>(j));
  double best = 1e300;
  do {
    best = std::min(best, DecodeJobShop(s, genes, false));
  } while (std::next_permutation(genes.begin(), genes.end()));
  return best;
}

TEST(JobShop, Ft06WithinTwoPercentOfOptimum) {
  JobShopOptions o;
  o.seed = 3;
  JobShopResult r = SolveJobShop(Ft06(), o);
  EXPECT_GE(r.makespan, 55);  // nothing beats the proven optimum
  EXPECT_LE(r.makespan, 55 * 1.02);
  EXPECT_EQ(r.lower_bound, 47);  // job 1 takes 47; the busiest machine (5) 43
  // The schedule is feasible: job order kept, no machine overlap, durations right.
  const JobShop s = Ft06();
  ASSERT_EQ(r.ops.size(), 36u);
  for (size_t i = 0; i < r.ops.size(); ++i) {
    const ScheduledOp& a = r.ops[i];
    EXPECT_DOUBLE_EQ(a.end - a.start,
                     s.jobs[static_cast<size_t>(a.job)][static_cast<size_t>(a.op)].second);
    if (a.op > 0) {
      EXPECT_GE(a.start, r.ops[i - 1].end);
    }
    for (size_t k = i + 1; k < r.ops.size(); ++k) {
      const ScheduledOp& b = r.ops[k];
      if (a.machine == b.machine) {
        EXPECT_TRUE(a.end <= b.start || b.end <= a.start);
      }
    }
  }
  // Same seed, same schedule.
  JobShopResult again = SolveJobShop(Ft06(), o);
  EXPECT_EQ(again.makespan, r.makespan);
  for (size_t i = 0; i < r.ops.size(); ++i) EXPECT_EQ(again.ops[i].start, r.ops[i].start);
}

TEST(JobShop, OptimalOnRandomTinyShops) {
  std::mt19937_64 rng(5);
  for (int rep = 0; rep < 8; ++rep) {
    JobShop s;
    s.num_machines = 3;
    for (int j = 0; j < 3; ++j) {
      std::vector<int32_t> machines = {0, 1, 2};
      for (size_t i = 3; i > 1; --i) std::swap(machines[i - 1], machines[rng() % i]);
      s.jobs.emplace_back();
      for (int32_t m : machines) s.jobs.back().push_back({m, static_cast<double>(1 + rng() % 9)});
    }
    JobShopOptions o;
    o.seed = static_cast<uint64_t>(rep);
    o.generations = 100;
    EXPECT_EQ(SolveJobShop(s, o).makespan, BruteForce(s)) << "instance " << rep;
  }
}

}  // namespace
}  // namespace xf::model
