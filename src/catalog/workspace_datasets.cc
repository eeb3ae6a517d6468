// Workspace: dataset versions (write, dedup by content hash, load), lineage and exports.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "catalog/fs_util.h"
#include "catalog/names.h"
#include "io/sqlite_db.h"
#include "catalog/workspace.h"
#include "core/content_hash.h"
#include "core/error.h"
#include "io/native_reader.h"
#include "io/native_writer.h"

namespace xf::catalog {

namespace fs = std::filesystem;

namespace {

std::atomic<uint64_t> g_pending_counter{0};

constexpr const char* kDatasetColumns =
    "name, version, content_hash, schema_json, rows, bytes, path, created_by_run, "
    "created_by_step, created_at";

std::string SchemaToJson(const Schema& schema) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const Field& f : schema.fields())
    j.push_back({{"name", f.name}, {"type", TypeName(f.type)}});
  return j.dump();
}

Schema SchemaFromJson(const std::string& text, const std::string& db_path) {
  try {
    Schema s;
    for (const auto& f : nlohmann::json::parse(text)) {
      const auto type = ParseTypeName(f.at("type").get<std::string>());
      if (!type) throw std::runtime_error("unknown type " + f.at("type").dump());
      s.Add({f.at("name").get<std::string>(), *type});
    }
    return s;
  } catch (const std::exception& e) {
    throw Error(ErrorKind::kData, "bad schema in the catalog: " + std::string(e.what()),
                SourceContext{.file = db_path});
  }
}

DatasetVersion DatasetFromRow(const Statement& st, const std::string& db_path) {
  DatasetVersion d;
  d.name = st.Text(0);
  d.version = st.Int(1);
  d.content_hash = st.Text(2);
  d.schema = SchemaFromJson(st.Text(3), db_path);
  d.rows = st.Int(4);
  d.bytes = st.Int(5);
  d.path = st.Text(6);
  d.created_by_run = st.Text(7);
  d.created_by_step = st.Text(8);
  d.created_at = st.Text(9);
  return d;
}

int64_t FileSize(const std::string& path) {
  std::error_code ec;
  const auto n = fs::file_size(path, ec);
  if (ec) {
    throw Error(ErrorKind::kIo, "cannot read the file size: " + ec.message(),
                SourceContext{.file = path});
  }
  return static_cast<int64_t>(n);
}

}  // namespace

std::optional<DatasetVersion> Workspace::LatestLocked(const std::string& name) {
  Statement st(*db_, std::string("SELECT ") + kDatasetColumns +
                         " FROM datasets WHERE name = ?1 ORDER BY version DESC LIMIT 1");
  st.Bind(1, name);
  if (!st.Step()) return std::nullopt;
  return DatasetFromRow(st, db_->path());
}

DatasetRef Workspace::ResolveInput(const DatasetRef& ref) {
  Statement st(*db_, ref.version > 0
                         ? "SELECT version FROM datasets WHERE name = ?1 AND version = ?2"
                         : "SELECT max(version) FROM datasets WHERE name = ?1 HAVING count(*) > 0");
  st.Bind(1, ref.name);
  if (ref.version > 0) st.Bind(2, ref.version);
  if (!st.Step()) {
    throw Error(ErrorKind::kUsage,
                "input dataset '" + FormatDatasetRef(ref) + "' is not in the workspace");
  }
  return {ref.name, st.Int(0)};
}

void Workspace::RecordUse(const std::string& run_id, const DatasetVersion& out,
                          const std::string& step, const std::vector<DatasetRef>& inputs,
                          bool reused) {
  Statement use(*db_,
                "INSERT OR IGNORE INTO run_datasets (run_id, name, version, step, reused) "
                "VALUES (?1, ?2, ?3, ?4, ?5)");
  use.BindAll(run_id, out.name, out.version, step, reused ? 1 : 0).Run();
  Statement edge(*db_,
                 "INSERT OR IGNORE INTO lineage (run_id, step, output_name, output_version, "
                 "input_name, input_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (const DatasetRef& in : inputs) {
    // A step that rewrites its own input unchanged is not its own ancestor.
    if (in.name == out.name && in.version == out.version) continue;
    edge.Reset();
    edge.BindAll(run_id, step, out.name, out.version, in.name, in.version).Run();
  }
}

DatasetVersion Workspace::SaveDataset(const std::string& run_id, const std::string& name,
                                      const Table& table, const std::string& step,
                                      const std::vector<DatasetRef>& inputs) {
  CheckDatasetName(name);
  for (const DatasetRef& in : inputs) CheckDatasetName(in.name);
  std::optional<DatasetVersion> latest;
  {
    std::lock_guard lock(mu_);
    RequireRun(run_id);
    for (const DatasetRef& in : inputs) ResolveInput(in);
    latest = LatestLocked(name);
  }
  const std::string hash = TableContentHash(table);
  const fs::path dir = fs::path(root_) / "data" / name;

  // An unchanged table needs no file; otherwise the file is written and fsynced before the
  // catalog lock is taken, so a large write never blocks other writers.
  std::string pending;
  auto write_pending = [&] {
    CreateDirectories(dir.string(), "the dataset directory");
    FsyncDir((fs::path(root_) / "data").string());
    pending = (dir / (".pending-" + std::to_string(::getpid()) + "-" +
                      std::to_string(g_pending_counter.fetch_add(1)) + ".xfc"))
                  .string();
    try {
      WriteNative(table, pending);
    } catch (Error& e) {
      RemoveQuietly(pending);
      e.WithStep(step);
      throw;
    }
  };
  if (!latest || latest->content_hash != hash) write_pending();

  for (;;) {
    std::string placed;  // the v<N>.xfc this call renamed into place, until the commit
    bool need_file = false;
    try {
      std::lock_guard lock(mu_);
      Transaction tx(*db_);
      RequireRun(run_id);
      std::vector<DatasetRef> resolved;
      for (const DatasetRef& in : inputs) resolved.push_back(ResolveInput(in));
      // Re-read inside the write lock: another writer may have added a version meanwhile.
      latest = LatestLocked(name);
      DatasetVersion out;
      if (latest && latest->content_hash == hash) {
        out = *latest;
        out.reused = true;
      } else if (pending.empty()) {
        // The version we matched was superseded by a different one meanwhile: write the file
        // after all (outside the lock) and try again.
        need_file = true;
      } else {
        out.name = name;
        out.version = latest ? latest->version + 1 : 1;
        out.content_hash = hash;
        out.schema = table.schema();
        out.rows = table.num_rows();
        out.path = "data/" + name + "/v" + std::to_string(out.version) + ".xfc";
        out.created_by_run = run_id;
        out.created_by_step = step;
        out.created_at = IsoUtc(NowMicros());
        placed = (fs::path(root_) / out.path).string();
        // A v<N>.xfc already there has no catalog row (a crash between rename and commit), so
        // replacing it loses nothing.
        RenameFile(pending, placed);
        pending.clear();
        FsyncDir(dir.string());
        out.bytes = FileSize(placed);
        Statement ins(*db_, std::string("INSERT INTO datasets (") + kDatasetColumns +
                                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        ins.BindAll(out.name, out.version, out.content_hash, SchemaToJson(out.schema), out.rows,
                    out.bytes, out.path, out.created_by_run, out.created_by_step, out.created_at)
            .Run();
      }
      if (!need_file) {
        RecordUse(run_id, out, step, resolved, out.reused);
        tx.Commit();
        if (!pending.empty()) RemoveQuietly(pending);  // reused after all: a writer beat us
        return out;
      }
    } catch (...) {
      if (!pending.empty()) RemoveQuietly(pending);
      if (!placed.empty()) RemoveQuietly(placed);
      throw;
    }
    write_pending();
  }
}

void Workspace::RecordExport(const std::string& run_id, const std::string& dataset_name,
                             int64_t version, const std::string& file_path) {
  std::error_code ec;
  fs::path abs = fs::absolute(file_path, ec);
  if (ec) abs = file_path;
  const std::string path = abs.lexically_normal().string();
  const std::string sha = FileSha256(path);
  const int64_t bytes = FileSize(path);
  std::lock_guard lock(mu_);
  Transaction tx(*db_);
  RequireRun(run_id);
  const DatasetRef ds = ResolveInput({dataset_name, version});
  Statement st(*db_,
               "INSERT OR REPLACE INTO run_outputs (run_id, dataset_name, dataset_version, "
               "file_path, sha256, bytes, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st.BindAll(run_id, ds.name, ds.version, path, sha, bytes, IsoUtc(NowMicros())).Run();
  tx.Commit();
}

TablePtr Workspace::LoadDataset(const DatasetVersion& dataset) {
  const std::string path = (fs::path(root_) / dataset.path).string();
  TablePtr t = ReadNative(path);
  const std::string hash = TableContentHash(*t);
  if (hash != dataset.content_hash) {
    throw Error(ErrorKind::kData,
                "dataset " + FormatDatasetRef({dataset.name, dataset.version}) +
                    " does not match the catalog (content hash " + hash + ", catalog says " +
                    dataset.content_hash + "); the file was changed outside xfactor",
                SourceContext{.file = path});
  }
  return t;
}

std::optional<DatasetVersion> Workspace::FindDataset(const std::string& name,
                                                     std::optional<int64_t> version) {
  std::lock_guard lock(mu_);
  if (!version || *version <= 0) return LatestLocked(name);
  Statement st(*db_, std::string("SELECT ") + kDatasetColumns +
                         " FROM datasets WHERE name = ?1 AND version = ?2");
  st.BindAll(name, *version);
  if (!st.Step()) return std::nullopt;
  return DatasetFromRow(st, db_->path());
}

std::vector<DatasetVersion> Workspace::ListDatasets() {
  std::lock_guard lock(mu_);
  Statement st(*db_,
               std::string("SELECT ") + kDatasetColumns + " FROM datasets ORDER BY name, version");
  std::vector<DatasetVersion> out;
  while (st.Step()) out.push_back(DatasetFromRow(st, db_->path()));
  return out;
}

namespace {

std::vector<LineageEdge> EdgesWhere(SqliteDb& db, const char* where, const std::string& name,
                                    int64_t version) {
  Statement st(db, std::string("SELECT output_name, output_version, input_name, input_version, "
                               "run_id, step FROM lineage WHERE ") +
                       where +
                       // Runs in start order; run ids alone order runs only to the second.
                       " ORDER BY (SELECT started_at FROM runs WHERE runs.id = run_id), run_id, "
                       "output_name, output_version, input_name, input_version");
  st.BindAll(name, version);
  std::vector<LineageEdge> out;
  while (st.Step()) {
    out.push_back({{st.Text(0), st.Int(1)}, {st.Text(2), st.Int(3)}, st.Text(4), st.Text(5)});
  }
  return out;
}

}  // namespace

std::vector<LineageEdge> Workspace::Lineage(const std::string& name, int64_t version) {
  std::lock_guard lock(mu_);
  return EdgesWhere(*db_, "output_name = ?1 AND output_version = ?2", name, version);
}

std::vector<LineageEdge> Workspace::Consumers(const std::string& name, int64_t version) {
  std::lock_guard lock(mu_);
  return EdgesWhere(*db_, "input_name = ?1 AND input_version = ?2", name, version);
}

std::vector<ExportRecord> Workspace::Exports(const std::string& run_id) {
  std::lock_guard lock(mu_);
  Statement st(*db_,
               "SELECT run_id, dataset_name, dataset_version, file_path, sha256, bytes, "
               "recorded_at FROM run_outputs WHERE run_id = ?1 ORDER BY file_path");
  st.Bind(1, run_id);
  std::vector<ExportRecord> out;
  while (st.Step()) {
    out.push_back(
        {st.Text(0), {st.Text(1), st.Int(2)}, st.Text(3), st.Text(4), st.Int(5), st.Text(6)});
  }
  return out;
}

}  // namespace xf::catalog
