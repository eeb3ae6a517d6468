// `xfactor validate FILE|DATASET --standard STD.yaml`: applies a data standard to one table and
// prints its GB/T 36344 scores per dimension and per rule (or JSON). Exit code 1 when a blocking
// rule's conformance is below its threshold, so CI jobs can gate on data quality.
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "catalog/dataset_lookup.h"
#include "catalog/names.h"
#include "catalog/workspace.h"
#include "cli/commands.h"
#include "cli/read_options.h"
#include "core/error.h"
#include "govern/quality_score.h"
#include "govern/standard_parser.h"
#include "govern/validate.h"
#include "io/table_file.h"
#include "pipeline/quality_json.h"

namespace xf::cli {

namespace {

struct ValidateArgs {
  std::string path;
  std::string standard;
  std::string workspace = catalog::kDefaultWorkspaceDir;
  FileOptionArgs file;
  std::vector<std::string> refs;  // NAME=FILE
  std::string quarantine;
  bool json = false;
};

struct Loaded {
  TablePtr table;
  int64_t rows_read = 0;
};

Loaded Load(const ValidateArgs& a, const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !FormatFromPath(path) &&
      catalog::LooksLikeDatasetRef(path)) {
    catalog::FoundDataset ds = catalog::FindWorkspaceDataset(a.workspace, path);
    return {ds.table, ds.table->num_rows()};
  }
  ReadResult r = ReadTableFile(path, a.file.ToReadOptions());
  return {r.table, r.rows_read};
}

std::string ScoreText(const std::optional<double>& s) {
  return s ? fmt::format("{:6.2f}", *s) : std::string("     —");
}

void RunValidate(const ValidateArgs& a) {
  govern::TableStandard standard = govern::LoadStandardFile(a.standard);
  Loaded in = Load(a, a.path);
  govern::TableLookup refs;
  for (const std::string& r : a.refs) {
    size_t eq = r.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(ErrorKind::kUsage, fmt::format("--ref wants NAME=FILE, not '{}'", r));
    }
    refs[r.substr(0, eq)] = Load(a, r.substr(eq + 1)).table;
  }
  govern::ValidateOptions options;
  options.table = standard.table.empty() ? std::filesystem::path(a.path).stem().string()
                                         : standard.table;
  options.source = a.path;
  options.tables = &refs;
  govern::Validation v = govern::Validate(standard, in.table, options);
  govern::RuleResult readable;
  readable.id = "readable";
  readable.kind = govern::RuleKind::kReadable;
  readable.table = options.table;
  readable.severity = govern::Severity::kWarn;
  readable.dimension = govern::DefaultDimension(readable.kind);
  readable.indicator = govern::DefaultIndicator(readable.kind);
  readable.evaluated = in.rows_read;
  readable.conforming = in.table->num_rows();
  v.quality.rules.push_back(readable);
  if (!a.quarantine.empty()) WriteTableFile(*v.quarantine, a.quarantine);

  const govern::TableQuality& q = v.quality;
  if (a.json) {
    nlohmann::json j = pipeline::QualityScoresJson({q});
    j["file"] = a.path;
    j["standard"] = a.standard;
    j["blocking_failed"] = q.blocking_failed();
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    std::vector<const govern::RuleResult*> rules;
    for (const govern::RuleResult& r : q.rules) rules.push_back(&r);
    std::printf("table:    %s (%s)\n", q.table.c_str(), a.path.c_str());
    std::printf("rows:     %lld in = %lld passed + %lld quarantined (%lld flagged by warn rules)\n",
                static_cast<long long>(q.rows_in), static_cast<long long>(q.rows_passed),
                static_cast<long long>(q.rows_quarantined), static_cast<long long>(q.rows_flagged));
    std::printf("score:    %s\n\ndimensions (GB/T 36344-2018):\n",
                ScoreText(govern::ScoreRules(rules).score).c_str());
    for (const auto& [d, s] : govern::ScoreByDimension(rules)) {
      std::printf("  %s  %-14s %s  %d rules\n", ScoreText(s.score).c_str(), govern::DimensionName(d),
                  govern::DimensionNameZh(d), s.rules);
    }
    std::printf("\nrules:\n");
    for (const govern::RuleResult& r : q.rules) {
      auto x = r.metric();
      std::printf("  %s %s  %-28s %-5s %-14s %lld/%lld%s\n", r.passed ? "ok  " : "FAIL",
                  ScoreText(x ? std::optional<double>(*x * 100) : std::nullopt).c_str(),
                  r.id.c_str(), r.severity == govern::Severity::kBlock ? "block" : "warn",
                  govern::DimensionName(r.dimension), static_cast<long long>(r.conforming),
                  static_cast<long long>(r.evaluated),
                  r.threshold ? fmt::format(" (threshold {}%)", *r.threshold).c_str() : "");
      for (const govern::FailingRow& f : r.examples) {
        std::printf("         row %lld: %s\n", static_cast<long long>(f.row + 1), f.reason.c_str());
      }
      if (!r.table_reason.empty()) std::printf("         %s\n", r.table_reason.c_str());
    }
    if (!a.quarantine.empty()) std::printf("\nquarantine: %s\n", a.quarantine.c_str());
  }
  if (q.blocking_failed()) {
    std::string failed;
    for (const govern::RuleResult& r : q.rules) {
      if (r.severity == govern::Severity::kBlock && !r.passed) {
        failed += (failed.empty() ? "" : ", ") + r.id;
      }
    }
    throw Error(ErrorKind::kData, fmt::format("blocking rules fail: {}", failed), {.file = a.path});
  }
}

}  // namespace

void AddValidateCommand(CLI::App& app) {
  auto args = std::make_shared<ValidateArgs>();
  auto* cmd = app.add_subcommand(
      "validate", "Check a table against a data standard: GB/T 36344 scores, failing rows");
  cmd->add_option("file", args->path,
                  "CSV, TSV, JSON Lines or native file, or a workspace dataset NAME[@vN]")
      ->required();
  cmd->add_option("--standard", args->standard, "The standard's YAML file (docs/governance.md)")
      ->required();
  cmd->add_option("--ref", args->refs,
                  "NAME=FILE: a table that `references` rules name (repeatable)");
  cmd->add_option("--quarantine", args->quarantine,
                  "Write the rows failing blocking rules here (csv, jsonl or xfc)");
  cmd->add_flag("--json", args->json, "Print a JSON document instead of text");
  AddFileOptions(*cmd, &args->file);
  AddWorkspaceOption(*cmd, &args->workspace);
  cmd->final_callback([args] { RunValidate(*args); });
}

}  // namespace xf::cli
