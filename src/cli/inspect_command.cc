// `xfactor inspect FILE|DATASET`: what a file holds as xfactor reads it — format and encoding,
// schema, row counts (read = loaded + rejected), the first rows and the rejects with their
// reasons. An argument that is not an existing file is looked up as a workspace dataset
// (`name` or `name@vN`), shown the same way plus its version, content hash and provenance.
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "catalog/dataset_lookup.h"
#include "catalog/names.h"
#include "catalog/workspace.h"
#include "cli/read_options.h"
#include "core/error.h"
#include "io/table_file.h"
#include "ops/project.h"

namespace xf::cli {

namespace {

struct InspectArgs {
  std::string path;
  std::string workspace = catalog::kDefaultWorkspaceDir;
  FileOptionArgs file;
  std::string where;
  int64_t rows = 10;
  bool json = false;
};

// ordered_json keeps the table's column order in every row object.
nlohmann::ordered_json RowsToJson(const Table& t, int64_t max_rows) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (int64_t r = 0; r < std::min(max_rows, t.num_rows()); ++r) {
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    for (int c = 0; c < t.num_columns(); ++c) {
      const Value v = t.column(c)->GetValue(r);
      const std::string& name = t.schema().field(c).name;
      if (v.is_null()) {
        row[name] = nullptr;
      } else if (v.type() == TypeId::kBool) {
        row[name] = v.bool_value();
      } else if (v.type() == TypeId::kInt64) {
        row[name] = v.int_value();
      } else if (v.type() == TypeId::kFloat64) {
        row[name] = v.float_value();
      } else {
        row[name] = v.ToString();
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The direct inputs of a dataset version, each once even when several runs recorded it.
std::vector<std::string> InputNames(const catalog::FoundDataset& d) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (const auto& e : d.inputs) {
    const std::string ref = catalog::FormatDatasetRef(e.input);
    if (seen.insert(ref).second) out.push_back(ref);
  }
  return out;
}

void RunInspect(const InspectArgs& a) {
  const ReadFileOptions opts = a.file.ToReadOptions();
  std::optional<catalog::FoundDataset> ds;
  ReadResult r;
  std::error_code ec;
  // A name with a table file extension is a missing file, best reported as such.
  if (!std::filesystem::exists(a.path, ec) && !FormatFromPath(a.path) &&
      catalog::LooksLikeDatasetRef(a.path)) {
    ds = catalog::FindWorkspaceDataset(a.workspace, a.path);
    r.table = ds->table;
    r.rejects = Table::MakeEmpty(RejectsSchema());
    r.rows_read = ds->table->num_rows();
    r.encoding = "native";
  } else {
    r = ReadTableFile(a.path, opts);
  }
  const TablePtr shown = a.where.empty() ? r.table : Filter(*r.table, a.where);
  const Table& t = *shown;
  const Table& rej = *r.rejects;
  if (a.json) {
    nlohmann::ordered_json j;
    if (ds) {
      const catalog::DatasetVersion& d = ds->dataset;
      j["dataset"] = {{"name", d.name},
                      {"version", d.version},
                      {"content_hash", d.content_hash},
                      {"workspace", ds->workspace},
                      {"created_by_run", d.created_by_run},
                      {"created_by_step", d.created_by_step},
                      {"created_at", d.created_at},
                      {"inputs", InputNames(*ds)}};
      j["file"] = (std::filesystem::path(ds->workspace) / d.path).string();
    } else {
      j["file"] = a.path;
    }
    j["encoding"] = r.encoding;
    j["rows_read"] = r.rows_read;
    j["rows_loaded"] = r.table->num_rows();
    j["rows_rejected"] = rej.num_rows();
    if (!a.where.empty()) {
      j["where"] = a.where;
      j["rows_matching"] = t.num_rows();
    }
    j["schema"] = nlohmann::ordered_json::array();
    for (const auto& f : t.schema().fields()) {
      j["schema"].push_back({{"name", f.name}, {"type", TypeName(f.type)}});
    }
    j["head"] = RowsToJson(t, a.rows);
    j["rejects"] = RowsToJson(rej, std::max<int64_t>(a.rows, 100));
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  if (ds) {
    const catalog::DatasetVersion& d = ds->dataset;
    std::printf("dataset:  %s@v%lld (workspace %s)\n", d.name.c_str(),
                static_cast<long long>(d.version), ds->workspace.c_str());
    std::printf("file:     %s\n", d.path.c_str());
    std::printf("hash:     %s\n", d.content_hash.c_str());
    const std::string run_status =
        ds->run ? " (run " + std::string(catalog::RunStatusName(ds->run->status)) + ")" : "";
    std::printf("made by:  run %s, step '%s', at %s%s\n", d.created_by_run.c_str(),
                d.created_by_step.c_str(), d.created_at.c_str(), run_status.c_str());
    std::string inputs;
    for (const std::string& in : InputNames(*ds)) inputs += (inputs.empty() ? "" : ", ") + in;
    std::printf("inputs:   %s\n", inputs.empty() ? "(none)" : inputs.c_str());
  } else {
    std::printf("file:     %s\n", a.path.c_str());
  }
  std::printf("encoding: %s\n", r.encoding.c_str());
  std::printf("rows:     %lld read = %lld loaded + %lld rejected\n",
              static_cast<long long>(r.rows_read), static_cast<long long>(r.table->num_rows()),
              static_cast<long long>(rej.num_rows()));
  if (!a.where.empty()) {
    std::printf("where:    %s → %lld rows\n", a.where.c_str(), static_cast<long long>(t.num_rows()));
  }
  std::printf("\nschema (%d columns):\n", t.num_columns());
  for (const auto& f : t.schema().fields()) {
    std::printf("  %-10s %s\n", TypeName(f.type), f.name.c_str());
  }
  std::printf("\nfirst rows:\n%s", t.ToString(a.rows).c_str());
  if (rej.num_rows() > 0) {
    std::printf("\nrejects:\n%s", rej.SelectColumns({1, 2, 3, 5})->ToString(a.rows).c_str());
  }
}

}  // namespace

void AddInspectCommand(CLI::App& app) {
  auto args = std::make_shared<InspectArgs>();
  auto* cmd = app.add_subcommand(
      "inspect", "Show how xfactor reads a file: encoding, schema, counts, first rows, rejects");
  cmd->add_option("file", args->path,
                  "CSV, TSV, JSON Lines or native (.xfc) file (.gz is fine), or a workspace "
                  "dataset: NAME or NAME@vN")
      ->required();
  AddFileOptions(*cmd, &args->file);
  AddWorkspaceOption(*cmd, &args->workspace);
  cmd->add_option("--where", args->where, "Show only rows where this expression is true");
  cmd->add_option("--rows", args->rows, "How many rows and rejects to show")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", args->json, "Print a JSON document instead of text");
  cmd->final_callback([args] { RunInspect(*args); });
}

}  // namespace xf::cli
