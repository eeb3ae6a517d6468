// The workspace: xfactor's embedded default store. A directory holding a SQLite catalog of runs,
// dataset versions, lineage and exported files, and the datasets themselves as native .xfc
// files. Layout, DDL and guarantees: docs/workspace.md.
//
//   <dir>/catalog.sqlite            WAL mode, synchronous=FULL, schema-versioned
//   <dir>/data/<name>/v<N>.xfc      dataset versions, written atomically and fsynced
//   <dir>/runs/<run id>/            one folder per run, for its reports and exports
//
// Several Workspace objects, in one process or several, may use the same directory at once:
// SQLite serialises writers (waiting up to 30 s for a lock), and dataset versions are allocated
// inside a write transaction. One Workspace object may be shared by threads (calls are
// serialised).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "catalog/records.h"
#include "core/table.h"
#include "trust/note_keys.h"
#include "trust/tree_hash.h"

namespace xf {
class SqliteDb;
}  // namespace xf

namespace xf::trust {
class EvidenceLog;
}  // namespace xf::trust

namespace xf::catalog {

// Where the CLI looks when no --workspace is given: ./workspace.
inline constexpr const char* kDefaultWorkspaceDir = "workspace";

class Workspace {
 public:
  // Creates `dir` (and the catalog) if needed, migrates the catalog to this build's schema and
  // marks as 'aborted' the runs left 'running' by processes that have ended. Throws Error(kIo)
  // naming the directory or catalog file when they cannot be created or opened.
  static std::unique_ptr<Workspace> Open(const std::string& dir);
  // Whether `dir` holds a workspace catalog; for readers that must not create one.
  static bool Exists(const std::string& dir);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  const std::string& root() const { return root_; }  // absolute
  std::string catalog_path() const;

  // --- runs ---
  // Records a 'running' run for this process, creates runs/<id>/ and returns the id.
  std::string BeginRun(const RunStart& start);
  std::string RunDir(const std::string& run_id) const;
  // Ends a running run: status complete, failed or aborted. Throws Error(kUsage) for an unknown
  // run, a run that has already ended, or status kRunning.
  void FinishRun(const std::string& run_id, RunStatus status,
                 const std::string& error_message = "");
  // For the CLI's interrupt path: marks the run aborted if it is still running; no-op otherwise.
  void MarkAborted(const std::string& run_id, const std::string& reason);

  // --- datasets ---
  // Stores `table` as the next version of dataset `name`, produced by `step` of `run_id` from
  // `inputs` (version 0 = their latest). When the table's content hash equals the latest
  // version's, that version is reused (no new file) and this run's lineage is still recorded.
  // The catalog row is committed only after the file is fully written, fsynced and renamed into
  // place. Throws Error(kUsage) for a bad name, an unknown run or input.
  DatasetVersion SaveDataset(const std::string& run_id, const std::string& name, const Table& table,
                             const std::string& step, const std::vector<DatasetRef>& inputs);
  // Records that `file_path` was exported from dataset name@version by the run; stores its
  // SHA-256 and size. Recording the same path again for the run replaces the entry.
  void RecordExport(const std::string& run_id, const std::string& dataset_name, int64_t version,
                    const std::string& file_path);

  // --- queries ---
  std::vector<RunRecord> ListRuns();  // oldest first (ids sort by start time)
  std::optional<RunRecord> GetRun(const std::string& run_id);
  // `version` empty or 0: the latest version.
  std::optional<DatasetVersion> FindDataset(const std::string& name,
                                            std::optional<int64_t> version = std::nullopt);
  std::vector<DatasetVersion> ListDatasets();  // every version, by name then version
  // Reads the .xfc file and checks it against the catalog's content hash (Error(kData) if the
  // file was changed behind the catalog's back).
  TablePtr LoadDataset(const DatasetVersion& dataset);
  // Direct inputs of name@version, one edge per (run, input) that recorded them.
  std::vector<LineageEdge> Lineage(const std::string& name, int64_t version);
  // Datasets that name@version was an input of.
  std::vector<LineageEdge> Consumers(const std::string& name, int64_t version);
  std::vector<ExportRecord> Exports(const std::string& run_id);

  // --- evidence ledger (docs/ledger.md) ---
  // The workspace's append-only evidence log: tables ledger_* in this catalog, signing key in
  // <dir>/keys/ (generated on first checkpoint). Opened on first use with its own connection;
  // `hash` and `signature` apply only when the ledger is created, later calls get what it has.
  trust::EvidenceLog& Ledger(trust::HashAlg hash = trust::HashAlg::kSha256,
                             trust::SigAlg signature = trust::SigAlg::kEd25519);
  std::string KeysDir() const;

 private:
  Workspace(std::string root, std::unique_ptr<SqliteDb> db);
  void AbortOrphanedRuns();
  void RequireRun(const std::string& run_id);
  DatasetRef ResolveInput(const DatasetRef& ref);
  std::optional<DatasetVersion> LatestLocked(const std::string& name);
  void RecordUse(const std::string& run_id, const DatasetVersion& out, const std::string& step,
                 const std::vector<DatasetRef>& inputs, bool reused);

  std::string root_;
  std::unique_ptr<SqliteDb> db_;
  std::mutex mu_;
  std::unique_ptr<trust::EvidenceLog> ledger_;
  std::mutex ledger_mu_;
};

}  // namespace xf::catalog
