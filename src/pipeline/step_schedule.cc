// schedule: job-shop scheduling of an operations table by the memetic GA (model/job_shop.h).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "core/error.h"
#include "model/column_values.h"
#include "model/job_shop.h"
#include "pipeline/builtin_steps.h"
#include "pipeline/graph_geo_options.h"
#include "pipeline/step_options.h"

namespace xf::pipeline {

namespace {

class ScheduleStep : public Step {
 public:
  void Configure(const SpecNode& o) override {
    node_ = o;
    job_ = o.GetString("job", "job");
    machine_ = o.GetString("machine", "machine");
    duration_ = o.GetString("duration", "duration");
    sequence_ = o.GetString("sequence", "");
    auto positive = [&](const char* key, int64_t fallback, int64_t min) {
      const int64_t v = o.GetInt(key, fallback);
      if (v < min) o.Get(key).Fail(fmt::format("must be >= {}", min));
      return static_cast<int32_t>(v);
    };
    options_.population = positive("population", 60, 2);
    options_.generations = positive("generations", 300, 0);
    options_.local_search_steps = positive("local_search_steps", 60, 0);
    options_.mutation_rate = o.GetDouble("mutation_rate", 0.3);
    if (!(options_.mutation_rate >= 0 && options_.mutation_rate <= 1))
      o.Get("mutation_rate").Fail("must be in [0, 1]");
    has_seed_ = o.Has("seed");
    if (has_seed_) options_.seed = static_cast<uint64_t>(o.GetInt("seed", 1));
  }

  void Run(StepContext& ctx) override {
    const Table& t = *ctx.input(0);
    RequireColumns(
        node_, t,
        {{"job", job_}, {"machine", machine_}, {"duration", duration_}, {"sequence", sequence_}});
    model::JobShop shop;
    // (job, op) per input row, so the output keeps the input's row order.
    std::vector<std::pair<int32_t, int32_t>> row_op(static_cast<size_t>(t.num_rows()));
    RunNamed(node_, [&] {
      auto jobs = model::TextValues(t, job_), machines = model::TextValues(t, machine_);
      auto dur = model::NumericValues(t, duration_);
      std::vector<double> seq;
      if (!sequence_.empty()) seq = model::NumericValues(t, sequence_);
      std::map<std::string, int32_t> job_id, machine_id;
      std::vector<std::vector<size_t>> rows_of_job;
      for (size_t i = 0; i < jobs.size(); ++i) {
        if (!jobs[i]) model::ThrowRowError(job_, static_cast<int64_t>(i), "job is NULL");
        if (!machines[i])
          model::ThrowRowError(machine_, static_cast<int64_t>(i), "machine is NULL");
        if (!(dur[i] >= 0) || !std::isfinite(dur[i]))
          model::ThrowRowError(duration_, static_cast<int64_t>(i),
                               "duration must be a finite number >= 0");
        auto [j, fresh] = job_id.try_emplace(*jobs[i], static_cast<int32_t>(rows_of_job.size()));
        if (fresh) rows_of_job.emplace_back();
        rows_of_job[static_cast<size_t>(j->second)].push_back(i);
        machine_id.try_emplace(*machines[i], static_cast<int32_t>(machine_id.size()));
      }
      shop.num_machines = static_cast<int32_t>(machine_id.size());
      for (size_t j = 0; j < rows_of_job.size(); ++j) {
        auto& rows = rows_of_job[j];
        if (!seq.empty())
          std::stable_sort(rows.begin(), rows.end(),
                           [&](size_t a, size_t b) { return seq[a] < seq[b]; });
        shop.jobs.emplace_back();
        for (size_t k = 0; k < rows.size(); ++k) {
          shop.jobs.back().push_back({machine_id[*machines[rows[k]]], dur[rows[k]]});
          row_op[rows[k]] = {static_cast<int32_t>(j), static_cast<int32_t>(k)};
        }
      }
    });
    model::JobShopOptions o = options_;
    if (!has_seed_) o.seed = ctx.seed();
    model::JobShopResult r = model::SolveJobShop(shop, o);
    std::vector<size_t> first_op(shop.jobs.size() + 1, 0);
    for (size_t j = 0; j < shop.jobs.size(); ++j)
      first_op[j + 1] = first_op[j] + shop.jobs[j].size();
    auto start = Column::Make(TypeId::kFloat64), end = Column::Make(TypeId::kFloat64);
    for (const auto& [j, k] : row_op) {
      const model::ScheduledOp& op =
          r.ops[first_op[static_cast<size_t>(j)] + static_cast<size_t>(k)];
      start->AppendFloat64(op.start);
      end->AppendFloat64(op.end);
    }
    ctx.SetOutput(0, t.WithColumn("start", start)->WithColumn("end", end));
    if (ctx.num_outputs() > 1) {
      auto col = [](double v) { return Column::MakeConstant(Value::Float64(v), 1); };
      ctx.SetOutput(1, Table::Make(Schema({{"makespan", TypeId::kFloat64},
                                           {"lower_bound", TypeId::kFloat64},
                                           {"generations", TypeId::kInt64}}),
                                   {col(r.makespan), col(r.lower_bound),
                                    Column::MakeConstant(Value::Int64(r.generations_run), 1)}));
    }
  }

 private:
  SpecNode node_;
  std::string job_, machine_, duration_, sequence_;
  model::JobShopOptions options_;
  bool has_seed_ = false;
};

}  // namespace

StepKind ScheduleStepKind() {
  return {.name = "schedule",
          .summary =
              "Job-shop schedule of an operations table minimising the makespan (genetic "
              "algorithm with hill-climbing local search, seeded).",
          .min_inputs = 1,
          .max_inputs = 1,
          .min_outputs = 1,
          .max_outputs = 2,
          .inputs_doc = "operations: job, machine, duration[, sequence]",
          .outputs_doc =
              "the operations with start and end; optional summary (makespan, lower_bound, "
              "generations)",
          .options = {{"job", "column", false, "Job id column (job)."},
                      {"machine", "column", false, "Machine id column (machine)."},
                      {"duration", "column", false, "Numeric processing time column (duration)."},
                      {"sequence", "column", false,
                       "Order of the operation within its job (default: table order)."},
                      {"population", "number", false, "GA population size (60)."},
                      {"generations", "number", false,
                       "Most generations (300); stops early at the lower bound."},
                      {"local_search_steps", "number", false,
                       "Hill-climbing moves per elite per generation (60)."},
                      {"mutation_rate", "number", false, "Probability a child is mutated (0.3)."},
                      {"seed", "number", false, "Random seed (default: the run's seed)."}},
          .make = [] { return std::make_unique<ScheduleStep>(); }};
}

}  // namespace xf::pipeline
