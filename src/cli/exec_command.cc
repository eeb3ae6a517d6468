// `xfactor exec PIPELINE --data DIR --out DIR`: runs a pipeline in memory on your files and writes
// its outputs as CSV; nothing is recorded (no workspace, datasets, ledger or report). For scripts
// and the side-by-side benchmarks, where `run`'s record keeping would be measured too. A pipeline
// is a scenario.yaml that may omit `guideline:`.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/scenario_args.h"
#include "io/table_file.h"

namespace xf::cli {

namespace {

struct ExecArgs {
  std::string pipeline;
  std::string out;
  ScenarioArgs common;
  bool quiet = false;
};

void Exec(const ExecArgs& a) {
  pipeline::ScenarioSpec spec = pipeline::LoadScenario(a.pipeline, /*require_guideline=*/false);
  pipeline::RunResult result = pipeline::Execute(spec, a.common.ToRunOptions(spec), nullptr);
  std::filesystem::create_directories(a.out);
  for (const pipeline::OutputSpec& o : spec.outputs) {
    const std::string path = (std::filesystem::path(a.out) / (o.table + ".csv")).string();
    WriteTableFile(*result.tables.at(o.table), path);
    if (!a.quiet) std::printf("%s\n", path.c_str());
  }
  if (!a.quiet) {
    std::fprintf(stderr, "%s: %zu steps in %.2f s\n", spec.name.c_str(), result.steps.size(),
                 result.seconds);
  }
}

}  // namespace

void AddExecCommand(CLI::App& app) {
  auto args = std::make_shared<ExecArgs>();
  auto* cmd = app.add_subcommand(
      "exec",
      "Run a pipeline in memory and write its outputs as CSV, recording nothing (see `run`)");
  cmd->add_option("pipeline", args->pipeline, "Pipeline folder or its yaml file")->required();
  cmd->add_option("--out", args->out, "Folder for the output CSV files (created if missing)")
      ->required();
  AddScenarioArgs(*cmd, &args->common);
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing on success");
  cmd->final_callback([args] { Exec(*args); });
}

}  // namespace xf::cli
