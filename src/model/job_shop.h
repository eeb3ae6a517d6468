// Job-shop scheduling by a genetic algorithm with hill-climbing local search (a memetic GA):
// each job is a fixed sequence of operations, each on one machine for a duration; a machine runs
// one operation at a time; minimise the makespan. Exact methods blow up beyond toy sizes and the
// guideline's production-scheduling scenarios want a good plan fast, so a seeded metaheuristic.
//
// Encoding: operation-based (Bierwirth 1995) — a chromosome lists each job id once per operation;
// the k-th occurrence of job j is its k-th operation, so every chromosome is feasible. Decoding
// places operations in chromosome order at the earliest time the job allows, into the first idle
// gap on the machine that fits (this yields active-like schedules, much better than appending).
// Crossover: precedence-preserving POX; mutation: swap or insertion; every generation the best
// few individuals get a hill climb over random swaps/insertions, accepted when not worse.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace xf::model {

struct JobShop {
  // jobs[j] = the job's operations in order: (machine 0…, duration >= 0).
  std::vector<std::vector<std::pair<int32_t, double>>> jobs;
  int32_t num_machines = 0;
};

struct ScheduledOp {
  int32_t job = 0, op = 0, machine = 0;
  double start = 0, end = 0;
};

struct JobShopOptions {
  int32_t population = 60;
  int32_t generations = 300;
  double crossover_rate = 0.9;
  double mutation_rate = 0.3;
  int32_t elite = 2;                // copied unchanged into the next generation
  int32_t local_search_steps = 60;  // hill-climbing moves per elite individual per generation
  uint64_t seed = 1;
};

struct JobShopResult {
  double makespan = 0;
  double lower_bound = 0;        // max(longest job, busiest machine): optimum >= this
  std::vector<ScheduledOp> ops;  // by job, then operation
  int32_t generations_run = 0;
};

// Decodes one chromosome (a multiset of job ids, each job once per operation). With fill_gaps
// false it appends each operation after the machine's last one (a plain semi-active schedule).
double DecodeJobShop(const JobShop& shop, const std::vector<int32_t>& chromosome, bool fill_gaps,
                     std::vector<ScheduledOp>* ops = nullptr);

// Stops early when the lower bound is reached. Deterministic for a seed.
JobShopResult SolveJobShop(const JobShop& shop, const JobShopOptions& options);

}  // namespace xf::model
