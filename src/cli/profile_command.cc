// `xfactor profile FILE|DATASET [--json] [--suggest OUT.yaml]`: per column type, NULLs, distinct
// values (exact up to a limit, then a HyperLogLog estimate, marked as such), min/max, quantiles,
// top values, pattern classes with the domain type they look like, and the personal-data category
// (govern/profile.h). --suggest writes a starter data standard (docs/governance.md) to review.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "catalog/dataset_lookup.h"
#include "catalog/names.h"
#include "catalog/workspace.h"
#include "cli/commands.h"
#include "cli/read_options.h"
#include "core/error.h"
#include "govern/profile.h"
#include "io/table_file.h"

namespace xf::cli {

namespace {

struct ProfileArgs {
  std::string path;
  std::string workspace = catalog::kDefaultWorkspaceDir;
  FileOptionArgs file;
  bool json = false;
  std::string suggest;
  int64_t exact_limit = 100000;
  int top = 5;
};

nlohmann::ordered_json ColumnJson(const govern::ColumnProfile& c) {
  nlohmann::ordered_json j;
  j["name"] = c.name;
  j["type"] = TypeName(c.type);
  j["rows"] = c.rows;
  j["nulls"] = c.nulls;
  j["distinct"] = c.distinct;
  j["distinct_method"] = c.distinct_exact ? "exact" : "hyperloglog";
  j["min"] = c.min ? nlohmann::ordered_json(*c.min) : nlohmann::ordered_json(nullptr);
  j["max"] = c.max ? nlohmann::ordered_json(*c.max) : nlohmann::ordered_json(nullptr);
  j["quantiles"] = nlohmann::ordered_json::object();
  for (const auto& [p, v] : c.quantiles)
    j["quantiles"][fmt::format("p{}", std::lround(p * 100))] = v;
  j["top_values_exact"] = c.top_exact;
  j["top_values"] = nlohmann::ordered_json::array();
  for (const auto& v : c.top) j["top_values"].push_back({{"value", v.value}, {"count", v.count}});
  j["patterns"] = nlohmann::ordered_json::array();
  for (const auto& v : c.patterns) {
    j["patterns"].push_back({{"pattern", v.value}, {"count", v.count}, {"looks_like", v.hint}});
  }
  j["patterns_checked"] = c.patterns_checked;
  j["domain_type"] = c.domain_type.empty() ? nlohmann::ordered_json(nullptr)
                                           : nlohmann::ordered_json(c.domain_type);
  j["sensitive"] = {{"category", c.sensitive.category},
                    {"level", c.sensitive.level},
                    {"share", c.sensitive.share},
                    {"method", c.sensitive.method}};
  return j;
}

void PrintText(const std::string& source, const govern::TableProfile& p) {
  std::printf("%s: %lld rows, %zu columns\n", source.c_str(), static_cast<long long>(p.rows),
              p.columns.size());
  for (const govern::ColumnProfile& c : p.columns) {
    std::printf("\n%s  %s%s%s\n", c.name.c_str(), TypeName(c.type),
                c.domain_type.empty() ? "" : "  domain ", c.domain_type.c_str());
    std::printf(
        "  nulls     %lld (%.1f%%)\n", static_cast<long long>(c.nulls),
        c.rows > 0 ? 100.0 * static_cast<double>(c.nulls) / static_cast<double>(c.rows) : 0.0);
    std::printf("  distinct  %s%lld%s\n", c.distinct_exact ? "" : "~",
                static_cast<long long>(c.distinct),
                c.distinct_exact ? "" : " (HyperLogLog estimate, ±1%)");
    if (c.min) std::printf("  min/max   %s .. %s\n", c.min->c_str(), c.max->c_str());
    if (!c.quantiles.empty()) {
      std::string q;
      for (const auto& [p, v] : c.quantiles)
        q += fmt::format("  p{} {:.6g}", std::lround(p * 100), v);
      std::printf("  quantiles%s\n", q.c_str() + 1);
    }
    if (!c.top.empty()) {
      std::string t;
      for (const auto& v : c.top)
        t += fmt::format("{}{} ×{}", t.empty() ? "" : ", ", v.value, v.count);
      std::printf("  %s%s\n", c.top_exact ? "top       " : "top (≈)   ", t.c_str());
    }
    if (!c.patterns.empty()) {
      std::string t;
      for (const auto& v : c.patterns) {
        t += fmt::format("{}{} ×{}{}", t.empty() ? "" : ", ", v.value, v.count,
                         v.hint.empty() ? "" : " '" + v.hint + "?'");
      }
      std::printf("  patterns  %s\n", t.c_str());
    }
    if (c.sensitive.category != "none") {
      std::printf("  personal  %s, level %d (%s, %.0f%% of %lld checked values match)\n",
                  c.sensitive.category.c_str(), c.sensitive.level, c.sensitive.method.c_str(),
                  100 * c.sensitive.share, static_cast<long long>(c.sensitive.checked));
    }
  }
}

void RunProfile(const ProfileArgs& a) {
  TablePtr table;
  std::string source = a.path;
  std::string table_name;
  std::error_code ec;
  if (!std::filesystem::exists(a.path, ec) && !FormatFromPath(a.path) &&
      catalog::LooksLikeDatasetRef(a.path)) {
    const catalog::FoundDataset ds = catalog::FindWorkspaceDataset(a.workspace, a.path);
    table = ds.table;
    table_name = ds.dataset.name;
    source = fmt::format("{}@v{}", ds.dataset.name, ds.dataset.version);
  } else {
    table = ReadTableFile(a.path, a.file.ToReadOptions()).table;
    table_name = std::filesystem::path(a.path).stem().string();
  }
  govern::ProfileOptions o;
  o.exact_distinct_limit = a.exact_limit;
  o.top_values = a.top;
  const govern::TableProfile p = govern::ProfileTable(*table, o);
  if (a.json) {
    nlohmann::ordered_json j;
    j["source"] = source;
    j["rows"] = p.rows;
    j["exact_distinct_limit"] = a.exact_limit;
    j["columns"] = nlohmann::ordered_json::array();
    for (const auto& c : p.columns) j["columns"].push_back(ColumnJson(c));
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    PrintText(source, p);
  }
  if (!a.suggest.empty()) {
    std::ofstream out(a.suggest);
    out << govern::SuggestStandardYaml(p, table_name, source);
    if (!out) throw Error(ErrorKind::kIo, "cannot write " + a.suggest);
    std::fprintf(stderr, "wrote a starter standard to %s\n", a.suggest.c_str());
  }
}

}  // namespace

void AddProfileCommand(CLI::App& app) {
  auto args = std::make_shared<ProfileArgs>();
  CLI::App* cmd = app.add_subcommand(
      "profile",
      "Profile a file or dataset: types, NULLs, distinct values, ranges, quantiles, "
      "top values, patterns and personal data");
  cmd->add_option("file", args->path,
                  "A data file (csv, jsonl, …) or a workspace dataset: NAME or NAME@vN")
      ->required();
  AddFileOptions(*cmd, &args->file);
  AddWorkspaceOption(*cmd, &args->workspace);
  cmd->add_flag("--json", args->json, "Print a JSON document instead of text");
  cmd->add_option("--suggest", args->suggest,
                  "Write a starter data standard (YAML, docs/governance.md) to this file");
  cmd->add_option("--exact-limit", args->exact_limit,
                  "Count distinct values exactly up to this many, then estimate (HyperLogLog)")
      ->capture_default_str();
  cmd->add_option("--top", args->top, "Top values shown per column")->capture_default_str();
  cmd->final_callback([args] { RunProfile(*args); });
}

}  // namespace xf::cli
