#include "model/job_shop.h"

#include <algorithm>
#include <random>

namespace xf::model {

namespace {

using Chromosome = std::vector<int32_t>;

// Uniform integers from the engine's raw output: std::uniform_int_distribution is not specified
// bit-for-bit across standard libraries, and a seed must give one schedule everywhere.
size_t Draw(std::mt19937_64& rng, size_t n) { return static_cast<size_t>(rng() % n); }
double Unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

struct Individual {
  Chromosome genes;
  double makespan = 0;
};

Chromosome Pox(const Chromosome& a, const Chromosome& b, size_t num_jobs, std::mt19937_64& rng) {
  std::vector<char> keep(num_jobs, 0);
  for (size_t j = 0; j < num_jobs; ++j) keep[j] = static_cast<char>(rng() & 1);
  Chromosome child(a.size(), -1);
  for (size_t i = 0; i < a.size(); ++i) {
    if (keep[static_cast<size_t>(a[i])]) child[i] = a[i];
  }
  size_t k = 0;
  for (int32_t gene : b) {
    if (keep[static_cast<size_t>(gene)]) continue;
    while (child[k] >= 0) ++k;
    child[k] = gene;
  }
  return child;
}

void Mutate(Chromosome& c, std::mt19937_64& rng) {
  if (c.size() < 2) return;
  const size_t i = Draw(rng, c.size()), j = Draw(rng, c.size());
  if (rng() & 1) {
    std::swap(c[i], c[j]);
  } else {
    const int32_t g = c[i];
    c.erase(c.begin() + static_cast<std::ptrdiff_t>(i));
    c.insert(c.begin() + static_cast<std::ptrdiff_t>(j), g);
  }
}

void HillClimb(const JobShop& shop, Individual& ind, int32_t steps, std::mt19937_64& rng) {
  for (int32_t s = 0; s < steps; ++s) {
    Chromosome next = ind.genes;
    Mutate(next, rng);
    const double m = DecodeJobShop(shop, next, true);
    if (m <= ind.makespan) {
      ind.genes = std::move(next);
      ind.makespan = m;
    }
  }
}

}  // namespace

double DecodeJobShop(const JobShop& shop, const std::vector<int32_t>& chromosome, bool fill_gaps,
                     std::vector<ScheduledOp>* ops) {
  std::vector<size_t> next_op(shop.jobs.size(), 0);
  std::vector<double> job_ready(shop.jobs.size(), 0);
  std::vector<std::vector<std::pair<double, double>>> busy(static_cast<size_t>(shop.num_machines));
  if (ops) ops->clear();
  double makespan = 0;
  for (int32_t job : chromosome) {
    const auto j = static_cast<size_t>(job);
    const size_t k = next_op[j]++;
    const auto [machine, duration] = shop.jobs[j][k];
    auto& slots = busy[static_cast<size_t>(machine)];
    double start = job_ready[j];
    size_t at = slots.size();
    if (fill_gaps) {
      double prev_end = 0;
      for (size_t s = 0; s < slots.size(); ++s) {
        const double t = std::max(start, prev_end);
        if (t + duration <= slots[s].first) {
          at = s;
          break;
        }
        prev_end = slots[s].second;
      }
      start = std::max(start, at == slots.size() && !slots.empty()
                                  ? slots.back().second
                                  : (at == 0 ? 0.0 : slots[at - 1].second));
    } else if (!slots.empty()) {
      start = std::max(start, slots.back().second);
    }
    const double end = start + duration;
    slots.insert(slots.begin() + static_cast<std::ptrdiff_t>(at), {start, end});
    job_ready[j] = end;
    makespan = std::max(makespan, end);
    if (ops) ops->push_back({job, static_cast<int32_t>(k), machine, start, end});
  }
  if (ops) {
    std::sort(ops->begin(), ops->end(), [](const ScheduledOp& a, const ScheduledOp& b) {
      return a.job != b.job ? a.job < b.job : a.op < b.op;
    });
  }
  return makespan;
}

JobShopResult SolveJobShop(const JobShop& shop, const JobShopOptions& o) {
  JobShopResult result;
  Chromosome base;
  std::vector<double> machine_load(static_cast<size_t>(shop.num_machines), 0);
  for (size_t j = 0; j < shop.jobs.size(); ++j) {
    double job_total = 0;
    for (const auto& [m, d] : shop.jobs[j]) {
      base.push_back(static_cast<int32_t>(j));
      job_total += d;
      machine_load[static_cast<size_t>(m)] += d;
    }
    result.lower_bound = std::max(result.lower_bound, job_total);
  }
  for (double l : machine_load) result.lower_bound = std::max(result.lower_bound, l);
  std::mt19937_64 rng(o.seed);
  const size_t pop_size = static_cast<size_t>(std::max<int32_t>(o.population, 2));
  std::vector<Individual> pop(pop_size);
  for (Individual& ind : pop) {
    ind.genes = base;
    for (size_t i = ind.genes.size(); i > 1; --i)
      std::swap(ind.genes[i - 1], ind.genes[Draw(rng, i)]);
    ind.makespan = DecodeJobShop(shop, ind.genes, true);
  }
  auto by_makespan = [](const Individual& a, const Individual& b) {
    return a.makespan < b.makespan;
  };
  std::stable_sort(pop.begin(), pop.end(), by_makespan);
  const size_t elite = std::min(pop_size, static_cast<size_t>(std::max<int32_t>(o.elite, 1)));
  auto tournament = [&]() -> const Individual& {
    const Individual& a = pop[Draw(rng, pop_size)];
    const Individual& b = pop[Draw(rng, pop_size)];
    return a.makespan <= b.makespan ? a : b;
  };
  for (int32_t gen = 0; gen < o.generations && pop[0].makespan > result.lower_bound; ++gen) {
    std::vector<Individual> next(pop.begin(), pop.begin() + static_cast<std::ptrdiff_t>(elite));
    while (next.size() < pop_size) {
      const Individual& a = tournament();
      const Individual& b = tournament();
      Individual child;
      child.genes =
          Unit(rng) < o.crossover_rate ? Pox(a.genes, b.genes, shop.jobs.size(), rng) : a.genes;
      if (Unit(rng) < o.mutation_rate) Mutate(child.genes, rng);
      child.makespan = DecodeJobShop(shop, child.genes, true);
      next.push_back(std::move(child));
    }
    for (size_t e = 0; e < elite; ++e) HillClimb(shop, next[e], o.local_search_steps, rng);
    std::stable_sort(next.begin(), next.end(), by_makespan);
    pop = std::move(next);
    result.generations_run = gen + 1;
  }
  result.makespan = DecodeJobShop(shop, pop[0].genes, true, &result.ops);
  return result;
}

}  // namespace xf::model
