#include "pipeline/runner.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "core/thread_pool.h"
#include "govern/quality_log.h"
#include "io/table_file.h"
#include "pipeline/source_standards.h"
#include "pipeline/step_mask.h"
#include "synth/generate.h"

namespace xf::pipeline {

namespace fs = std::filesystem;

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Adds the step's position to an error thrown inside it, unless the error already has one.
Error InStep(Error e, const ScenarioSpec& spec, const StepSpec& step) {
  if (e.context().file.empty()) {
    e.WithFile(spec.file);
    e.WithLine(step.node.line());
  }
  e.WithStep(step.id);
  return e;
}

// Reads one source file into the run's tables and inputs.
void ReadSource(const ScenarioSpec& spec, const SourceSpec& s, const fs::path& path,
                RunResult* result) {
  if (!fs::exists(path)) {
    throw Error(ErrorKind::kUsage,
                fmt::format("source '{}': no file {} (expected by the scenario's data.sources)",
                            s.name, path.string()),
                {.file = spec.file, .line = s.node.line()});
  }
  ReadResult r = ReadTableFile(path.string(), s.read);
  result->tables[s.name] = r.table;
  result->inputs.push_back({.name = s.name,
                            .source = path.string(),
                            .rows_read = r.rows_read,
                            .rows_loaded = r.table->num_rows(),
                            .rows_rejected = r.rejects ? r.rejects->num_rows() : 0,
                            .rejects = r.rejects});
}

fs::path BundledPath(const ScenarioSpec& spec, const SourceSpec& s) {
  return fs::path(spec.file).parent_path() / s.path;
}

void LoadSynthetic(const ScenarioSpec& spec, const RunOptions& options, RunResult* result) {
  if (!spec.synthetic) {
    throw Error(ErrorKind::kUsage,
                "this scenario has no synthetic data: give its files with --data DIR",
                {.file = spec.file});
  }
  std::vector<SynthTable> generated =
      Generate(*spec.synthetic, {.seed = options.seed, .scale = options.scale});
  std::set<std::string> names;
  for (SynthTable& t : generated) {
    names.insert(t.name);
    if (t.ground_truth) result->truth_tables.push_back(t.name);
    result->tables[t.name] = t.table;
  }
  for (const SourceSpec& s : spec.sources) {
    if (s.bundled) {
      ReadSource(spec, s, BundledPath(spec, s), result);
      continue;
    }
    if (!names.count(s.name)) {
      s.node.Fail(fmt::format("the synthetic data does not generate table '{}'", s.name));
    }
    const TablePtr& t = result->tables[s.name];
    result->inputs.push_back({.name = s.name,
                              .source = "synthetic",
                              .rows_read = t->num_rows(),
                              .rows_loaded = t->num_rows()});
  }
}

void LoadFiles(const ScenarioSpec& spec, const RunOptions& options, RunResult* result) {
  for (const SourceSpec& s : spec.sources) {
    fs::path path = fs::path(options.data_dir) / s.path;
    if (s.bundled && !fs::exists(path)) path = BundledPath(spec, s);
    ReadSource(spec, s, path, result);
  }
}

}  // namespace

double PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

RunResult LoadInputs(const ScenarioSpec& spec, const RunOptions& options, RunObserver* observer) {
  RunResult result;
  if (options.data_dir.empty()) {
    LoadSynthetic(spec, options, &result);
  } else {
    LoadFiles(spec, options, &result);
  }
  ApplySourceStandards(spec, &result);
  if (observer != nullptr) {
    for (const InputInfo& info : result.inputs) observer->OnInput(info, result.tables[info.name]);
  }
  return result;
}

RunResult Execute(const ScenarioSpec& spec, const RunOptions& options, RunObserver* observer) {
  auto start = std::chrono::steady_clock::now();
  RunResult result = LoadInputs(spec, options, observer);

  const size_t n = spec.steps.size();
  std::vector<int> state(n, 0);  // 0 waiting, 1 running, 2 done
  std::mutex mu;
  std::condition_variable cv;
  std::exception_ptr failure;
  size_t finished = 0;

  auto ready = [&](size_t i) {
    if (state[i] != 0) return false;
    for (const std::string& in : spec.steps[i].inputs) {
      if (!result.tables.count(in)) return false;
    }
    return true;
  };
  auto cancelled = [&] { return options.cancel != nullptr && options.cancel->load(); };
  // Quality results of `validate` steps; the caller's log when it gives one.
  govern::QualityLog step_quality;
  RunServices services = options.services;
  if (services.quality == nullptr) services.quality = &step_quality;

  auto work = [&] {
    std::unique_lock<std::mutex> lock(mu);
    while (true) {
      size_t pick = n;
      cv.wait(lock, [&] {
        if (failure || finished == n || cancelled()) return true;
        for (size_t i = 0; i < n; ++i) {
          if (ready(i)) return true;
        }
        return false;
      });
      if (failure || finished == n) return;
      if (cancelled()) {
        if (!failure) failure = std::make_exception_ptr(Cancelled());
        cv.notify_all();
        return;
      }
      for (size_t i = 0; i < n && pick == n; ++i) {
        if (ready(i)) pick = i;
      }
      const StepSpec& step = spec.steps[pick];
      state[pick] = 1;
      std::vector<TablePtr> inputs;
      int64_t rows_in = 0;
      for (const std::string& in : step.inputs) {
        inputs.push_back(result.tables[in]);
        rows_in += inputs.back()->num_rows();
      }
      if (observer != nullptr) observer->OnStepStart(step, static_cast<int>(pick), static_cast<int>(n));
      lock.unlock();

      auto step_start = std::chrono::steady_clock::now();
      StepContext ctx(step.id, step.inputs, inputs, step.outputs, options.seed, &services);
      std::exception_ptr error;
      try {
        step.step->Run(ctx);
        for (int i = 0; i < ctx.num_outputs(); ++i) {
          if (!ctx.outputs()[static_cast<size_t>(i)]) {
            throw Error(ErrorKind::kInternal, fmt::format("step set no table '{}'", ctx.output_name(i)));
          }
        }
        if (step.mask) MaskStepOutputs(*step.mask, &ctx);  // final values: nothing routes around it
      } catch (const Error& e) {
        error = std::make_exception_ptr(InStep(e, spec, step));
      } catch (const std::exception& e) {
        error = std::make_exception_ptr(InStep(Error(ErrorKind::kInternal, e.what()), spec, step));
      }

      lock.lock();
      if (error) {
        if (!failure) failure = error;
        cv.notify_all();
        return;
      }
      StepStats stats{.id = step.id,
                      .kind = step.kind,
                      .inputs = step.inputs,
                      .outputs = step.outputs,
                      .rows_in = rows_in,
                      .seconds = SecondsSince(step_start),
                      .peak_rss_mb = PeakRssMb()};
      for (int i = 0; i < ctx.num_outputs(); ++i) {
        result.tables[ctx.output_name(i)] = ctx.outputs()[static_cast<size_t>(i)];
        stats.rows_out += ctx.outputs()[static_cast<size_t>(i)]->num_rows();
      }
      state[pick] = 2;
      ++finished;
      result.steps.push_back(stats);
      if (observer != nullptr) {
        observer->OnStepDone(stats, ctx.outputs(), static_cast<int>(finished), static_cast<int>(n));
      }
      cv.notify_all();
    }
  };
  // Anything thrown outside a step (an observer writing to a full disk, say) must end the run
  // as a failure, never escape a thread.
  auto worker = [&] {
    try {
      work();
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu);
      if (!failure) failure = std::current_exception();
      cv.notify_all();
    }
  };

  int parallel = options.max_parallel_steps > 0 ? options.max_parallel_steps
                                                : ThreadPool::Global().parallelism();
  parallel = std::max(1, std::min<int>(parallel, static_cast<int>(n)));
  std::vector<std::thread> threads;
  for (int i = 1; i < parallel; ++i) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
  // Completion order varies with scheduling; the report lists steps in spec order.
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < n; ++i) position[spec.steps[i].id] = i;
  std::sort(result.steps.begin(), result.steps.end(), [&](const StepStats& a, const StepStats& b) {
    return position[a.id] < position[b.id];
  });
  for (govern::TableQuality& q : services.quality->Sorted(
           [&](const std::string& id) { return static_cast<int>(position[id]); })) {
    result.quality.push_back(std::move(q));
  }
  result.seconds = SecondsSince(start);
  return result;
}

}  // namespace xf::pipeline
