#include "catalog/scenario_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "catalog/names.h"
#include "catalog/run_anchor.h"
#include "catalog/workspace.h"
#include "core/content_hash.h"
#include "govern/key_ring.h"
#include "io/file_source.h"
#include "io/table_file.h"
#include "pipeline/report_html.h"
#include "pipeline/report_json.h"

namespace xf::catalog {

namespace fs = std::filesystem;
using pipeline::InputInfo;
using pipeline::RunObserver;
using pipeline::StepSpec;
using pipeline::StepStats;

namespace {

// Stores each table as it appears, remembering which version every table name got so that a
// step's outputs link to the exact versions of its inputs.
class DatasetRecorder : public RunObserver {
 public:
  DatasetRecorder(Workspace* ws, std::string run_id, std::string prefix, std::set<std::string> keep,
                  RunObserver* next)
      : ws_(ws), run_id_(std::move(run_id)), prefix_(std::move(prefix)), keep_(std::move(keep)), next_(next) {}

  void OnInput(const InputInfo& info, const TablePtr& table) override {
    Save(info.name, *table, "load", {});
    if (next_) next_->OnInput(info, table);
  }
  void OnStepStart(const StepSpec& step, int index, int total) override {
    if (next_) next_->OnStepStart(step, index, total);
  }
  void OnStepDone(const StepStats& stats, const std::vector<TablePtr>& outputs, int done,
                  int total) override {
    std::vector<DatasetRef> inputs;
    for (const std::string& in : stats.inputs) {
      auto it = versions_.find(in);
      if (it != versions_.end()) inputs.push_back(it->second);
    }
    for (size_t i = 0; i < outputs.size(); ++i) {
      if (keep_.empty() || keep_.count(stats.outputs[i])) Save(stats.outputs[i], *outputs[i], stats.id, inputs);
    }
    if (next_) next_->OnStepDone(stats, outputs, done, total);
  }

  const std::map<std::string, DatasetRef>& versions() const { return versions_; }

 private:
  void Save(const std::string& table, const Table& t, const std::string& step,
            const std::vector<DatasetRef>& inputs) {
    DatasetVersion v = ws_->SaveDataset(run_id_, prefix_ + table, t, step, inputs);
    versions_[table] = {v.name, v.version};
  }

  Workspace* ws_;
  std::string run_id_;
  std::string prefix_;
  std::set<std::string> keep_;  // empty: every table
  RunObserver* next_;
  std::map<std::string, DatasetRef> versions_;
};

std::string ParamsJson(const pipeline::RunOptions& o) {
  nlohmann::json p = {{"seed", o.seed}, {"scale", o.scale}, {"data", o.data_dir.empty() ? "synthetic" : o.data_dir}};
  return p.dump();
}

}  // namespace

ScenarioRunOutcome RunScenario(const pipeline::ScenarioSpec& spec, const ScenarioRunOptions& options,
                               pipeline::RunObserver* progress) {
  std::unique_ptr<Workspace> ws = Workspace::Open(options.workspace_dir);
  const bool synthetic = options.run.data_dir.empty();
  RunStart start{.scenario = spec.industry_slug + "/" + spec.name,
                 .spec_path = spec.file,
                 .spec_hash = FileSha256(spec.file),
                 .engine_version = options.engine_version,
                 .seed = synthetic ? std::optional<int64_t>(static_cast<int64_t>(options.run.seed)) : std::nullopt,
                 .scale = synthetic ? std::optional<double>(options.run.scale) : std::nullopt,
                 .params_json = ParamsJson(options.run)};
  const int64_t started = NowMicros();
  ScenarioRunOutcome out;
  out.run_id = ws->BeginRun(start);
  out.run_dir = ws->RunDir(out.run_id);

  std::set<std::string> keep;
  if (!options.keep_intermediate) {
    for (const auto& s : spec.sources) keep.insert(s.name);
    for (const auto& o : spec.outputs) keep.insert(o.table);
  }
  DatasetRecorder recorder(ws.get(), out.run_id, spec.name + ".", keep, progress);
  try {
    pipeline::RunOptions run = options.run;
    run.services.evidence = &ws->Ledger();  // for `evidence` steps
    run.services.run_id = out.run_id;
    // Keyed masking: <workspace>/keys/mask-<name>.key (or XF_MASK_KEY_<NAME>), see govern/key_ring.h.
    const govern::KeyRing mask_keys(ws->KeysDir());
    run.services.keys = &mask_keys;
    out.result = pipeline::Execute(spec, run, &recorder);

    std::vector<pipeline::OutputInfo> outputs;
    const fs::path run_dir(out.run_dir);
    fs::create_directories(run_dir / "outputs");
    for (const pipeline::OutputSpec& o : spec.outputs) {
      const TablePtr& t = out.result.tables.at(o.table);
      pipeline::OutputInfo info{.name = o.table, .rows = t->num_rows(), .content_hash = TableContentHash(*t)};
      for (const std::string& format : o.formats) {
        std::string rel = fmt::format("outputs/{}.{}", o.table, format);
        std::string path = (run_dir / rel).string();
        WriteTableFile(*t, path, ParseFileFormat(format));
        const DatasetRef& ref = recorder.versions().at(o.table);
        ws->RecordExport(out.run_id, ref.name, ref.version, path);
        info.files.push_back(rel);
        out.output_files.push_back(path);
      }
      outputs.push_back(std::move(info));
    }
    if (!out.result.truth_tables.empty()) {
      fs::create_directories(run_dir / "truth");
      for (const std::string& name : out.result.truth_tables) {
        WriteTableFile(*out.result.tables.at(name), (run_dir / "truth" / (name + ".csv")).string());
      }
    }

    const int64_t finished = NowMicros();
    pipeline::RunMeta meta{.id = out.run_id,
                           .started_at = IsoUtc(started),
                           .finished_at = IsoUtc(finished),
                           .seconds = static_cast<double>(finished - started) / 1e6,
                           .seed = options.run.seed,
                           .scale = options.run.scale,
                           .engine_version = options.engine_version,
                           .workspace = ws->root(),
                           .data = synthetic ? "synthetic" : options.run.data_dir};
    nlohmann::json report = pipeline::BuildReport(spec, out.result, meta, outputs);
    // Every completed run is anchored in the ledger; the report shows where (docs/ledger.md).
    RunAnchor anchor{.run_id = out.run_id, .start = start, .data = meta.data, .quality = report["quality"]};
    for (const auto& version : recorder.versions()) {
      const std::string& table = version.first;  // clang 14 cannot capture a structured binding
      auto named = [&](const std::string& name) { return name == table; };
      if (std::any_of(spec.sources.begin(), spec.sources.end(), [&](const auto& x) { return named(x.name); }))
        anchor.inputs.emplace_back(table, version.second);
      if (std::any_of(spec.outputs.begin(), spec.outputs.end(), [&](const auto& x) { return named(x.table); }))
        anchor.outputs.emplace_back(table, version.second);
    }
    report["ledger"] = AnchorRun(*ws, anchor);
    out.report_json = (run_dir / "report.json").string();
    out.report_html = (run_dir / "report.html").string();
    WriteFileAtomically(out.report_json, report.dump(2) + "\n");
    WriteFileAtomically(out.report_html, RenderReportHtml(report));
    ws->FinishRun(out.run_id, RunStatus::kComplete);
  } catch (const pipeline::Cancelled& e) {
    ws->MarkAborted(out.run_id, "interrupted");
    throw;
  } catch (const std::exception& e) {
    ws->FinishRun(out.run_id, RunStatus::kFailed, e.what());
    throw;
  }
  return out;
}

std::vector<std::string> GenerateScenarioData(const pipeline::ScenarioSpec& spec,
                                              const pipeline::RunOptions& options,
                                              const std::string& out_dir) {
  pipeline::RunOptions synthetic = options;
  synthetic.data_dir.clear();
  pipeline::RunResult r = pipeline::LoadInputs(spec, synthetic, nullptr);
  std::vector<std::string> files;
  for (const pipeline::SourceSpec& s : spec.sources) {
    fs::path path = fs::path(out_dir) / s.path;
    fs::create_directories(path.parent_path());
    WriteTableFile(*r.tables.at(s.name), path.string(), s.read.format);
    files.push_back(path.string());
  }
  for (const std::string& name : r.truth_tables) {
    fs::path path = fs::path(out_dir) / (name + ".csv");
    WriteTableFile(*r.tables.at(name), path.string());
    files.push_back(path.string());
  }
  return files;
}

}  // namespace xf::catalog
