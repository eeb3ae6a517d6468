// Workspace: opening, recovery of orphaned runs, and the run lifecycle.
#include "catalog/workspace.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "catalog/catalog_schema.h"
#include "catalog/fs_util.h"
#include "catalog/names.h"
#include "catalog/process_identity.h"
#include "io/sqlite_db.h"
#include "core/error.h"
#include "core/hash.h"
#include "trust/evidence_log.h"

namespace xf::catalog {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCatalogFile = "catalog.sqlite";

// Distinguishes ids made by one process in the same second; the pid and clock separate processes.
std::atomic<uint64_t> g_run_counter{0};

void CheckRunId(const std::string& id) {
  if (id.empty() || id == "." || id == ".." || id.find('/') != std::string::npos ||
      id.find('\\') != std::string::npos) {
    throw Error(ErrorKind::kUsage, "invalid run id '" + id + "'");
  }
}

}  // namespace

Workspace::Workspace(std::string root, std::unique_ptr<SqliteDb> db)
    : root_(std::move(root)), db_(std::move(db)) {}

Workspace::~Workspace() = default;

std::string Workspace::catalog_path() const { return (fs::path(root_) / kCatalogFile).string(); }

std::string Workspace::KeysDir() const { return (fs::path(root_) / "keys").string(); }

trust::EvidenceLog& Workspace::Ledger(trust::HashAlg hash, trust::SigAlg signature) {
  std::lock_guard lock(ledger_mu_);
  if (!ledger_) {
    ledger_ = trust::EvidenceLog::Open(catalog_path(), {.hash = hash, .signature = signature, .keys_dir = KeysDir()});
  }
  return *ledger_;
}

std::unique_ptr<Workspace> Workspace::Open(const std::string& dir) {
  if (dir.empty()) throw Error(ErrorKind::kUsage, "the workspace directory name is empty");
  std::error_code ec;
  fs::path root = fs::absolute(dir, ec);
  if (ec) root = dir;
  root = root.lexically_normal();
  if (root.has_filename() == false && root.has_parent_path()) root = root.parent_path();
  CreateDirectories(root.string(), "the workspace directory");
  CreateDirectories((root / "data").string(), "the workspace data directory");
  CreateDirectories((root / "runs").string(), "the workspace runs directory");

  auto db = std::make_unique<SqliteDb>((root / kCatalogFile).string());
  // WAL lets readers (inspect, runs) work while a run writes; FULL syncs the WAL on every commit
  // so a committed dataset row survives a power cut.
  const std::string mode = db->QueryText("PRAGMA journal_mode=WAL");
  if (mode != "wal") {
    throw Error(ErrorKind::kIo,
                "cannot switch the catalog to WAL mode (got '" + mode +
                    "'); is the workspace on a network file system?",
                SourceContext{.file = db->path()});
  }
  db->Exec("PRAGMA synchronous=FULL");
  db->Exec("PRAGMA foreign_keys=ON");
  MigrateCatalog(*db);

  std::unique_ptr<Workspace> ws(new Workspace(root.string(), std::move(db)));
  ws->AbortOrphanedRuns();
  return ws;
}

bool Workspace::Exists(const std::string& dir) {
  std::error_code ec;
  return !dir.empty() && fs::is_regular_file(fs::path(dir) / kCatalogFile, ec);
}

void Workspace::AbortOrphanedRuns() {
  std::lock_guard lock(mu_);
  Transaction tx(*db_);
  struct Orphan {
    std::string id;
    int64_t pid;
  };
  std::vector<Orphan> orphans;
  {
    Statement st(*db_, "SELECT id, pid, host, process_token FROM runs WHERE status = 'running'");
    while (st.Step()) {
      if (RecordedProcessState(st.Text(2), st.Int(1), st.Text(3)) == ProcessState::kGone) {
        orphans.push_back({st.Text(0), st.Int(1)});
      }
    }
  }
  const std::string now = IsoUtc(NowMicros());
  Statement upd(*db_,
                "UPDATE runs SET status = 'aborted', error_message = ?1, finished_at = ?2 "
                "WHERE id = ?3 AND status = 'running'");
  for (const Orphan& o : orphans) {
    upd.Reset();
    upd.BindAll("the process that ran it (pid " + std::to_string(o.pid) +
                    ") ended without finishing it: crashed, killed or interrupted; "
                    "found when the workspace was opened at " +
                    now,
                now, o.id)
        .Run();
  }
  tx.Commit();
}

std::string Workspace::BeginRun(const RunStart& start) {
  const int64_t pid = ::getpid();
  const std::string token = ProcessToken(pid);
  const std::string host = HostName();
  std::lock_guard lock(mu_);
  Transaction tx(*db_);
  const int64_t now = NowMicros();
  std::string id;
  for (;;) {
    const uint64_t salt =
        HashCombine(HashInt64(static_cast<uint64_t>(now)),
                    HashInt64((static_cast<uint64_t>(pid) << 32) ^ g_run_counter.fetch_add(1)));
    id = MakeRunId(now, start.scenario, salt);
    Statement exists(*db_, "SELECT 1 FROM runs WHERE id = ?1");
    exists.Bind(1, id);
    if (!exists.Step()) break;
  }
  Statement ins(*db_,
                "INSERT INTO runs (id, scenario, spec_path, spec_hash, engine_version, seed, "
                "scale, params_json, status, pid, host, process_token, started_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'running', ?9, ?10, ?11, ?12)");
  ins.BindAll(id, start.scenario, start.spec_path, start.spec_hash, start.engine_version,
              start.seed, start.scale, start.params_json.empty() ? "{}" : start.params_json, pid,
              host, token, IsoUtc(now))
      .Run();
  // The folder first, the row last: a run whose folder cannot be made is never recorded.
  CreateDirectories(RunDir(id), "the run directory");
  tx.Commit();
  return id;
}

std::string Workspace::RunDir(const std::string& run_id) const {
  CheckRunId(run_id);
  return (fs::path(root_) / "runs" / run_id).string();
}

void Workspace::FinishRun(const std::string& run_id, RunStatus status,
                          const std::string& error_message) {
  if (status == RunStatus::kRunning) {
    throw Error(ErrorKind::kUsage, "FinishRun: a run cannot finish as 'running'");
  }
  std::lock_guard lock(mu_);
  Transaction tx(*db_);
  Statement st(*db_,
               "UPDATE runs SET status = ?1, error_message = ?2, finished_at = ?3 "
               "WHERE id = ?4 AND status = 'running'");
  st.BindAll(RunStatusName(status),
             error_message.empty() ? std::optional<std::string>() : error_message,
             IsoUtc(NowMicros()), run_id)
      .Run();
  if (db_->Changes() == 0) {
    Statement q(*db_, "SELECT status FROM runs WHERE id = ?1");
    q.Bind(1, run_id);
    if (!q.Step()) throw Error(ErrorKind::kUsage, "unknown run '" + run_id + "'");
    throw Error(ErrorKind::kUsage,
                "run '" + run_id + "' has already ended (status " + q.Text(0) + ")");
  }
  tx.Commit();
}

void Workspace::MarkAborted(const std::string& run_id, const std::string& reason) {
  std::lock_guard lock(mu_);
  Statement st(*db_,
               "UPDATE runs SET status = 'aborted', error_message = ?1, finished_at = ?2 "
               "WHERE id = ?3 AND status = 'running'");
  st.BindAll(reason, IsoUtc(NowMicros()), run_id).Run();
}

void Workspace::RequireRun(const std::string& run_id) {
  Statement q(*db_, "SELECT status FROM runs WHERE id = ?1");
  q.Bind(1, run_id);
  if (!q.Step()) throw Error(ErrorKind::kUsage, "unknown run '" + run_id + "'");
  if (q.Text(0) != "running") {
    throw Error(ErrorKind::kUsage,
                "run '" + run_id + "' has already ended (status " + q.Text(0) + ")");
  }
}

namespace {

RunRecord RunFromRow(const Statement& st) {
  RunRecord r;
  r.id = st.Text(0);
  r.scenario = st.Text(1);
  r.spec_path = st.Text(2);
  r.spec_hash = st.Text(3);
  r.engine_version = st.Text(4);
  r.seed = st.OptInt(5);
  r.scale = st.OptDouble(6);
  r.params_json = st.Text(7);
  r.status = ParseRunStatus(st.Text(8)).value_or(RunStatus::kAborted);
  r.error_message = st.Text(9);
  r.pid = st.Int(10);
  r.host = st.Text(11);
  r.started_at = st.Text(12);
  r.finished_at = st.Text(13);
  return r;
}

constexpr const char* kRunColumns =
    "id, scenario, spec_path, spec_hash, engine_version, seed, scale, params_json, status, "
    "error_message, pid, host, started_at, finished_at";

}  // namespace

std::vector<RunRecord> Workspace::ListRuns() {
  std::lock_guard lock(mu_);
  Statement st(*db_, std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY started_at, id");
  std::vector<RunRecord> out;
  while (st.Step()) out.push_back(RunFromRow(st));
  return out;
}

std::optional<RunRecord> Workspace::GetRun(const std::string& run_id) {
  std::lock_guard lock(mu_);
  Statement st(*db_, std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?1");
  st.Bind(1, run_id);
  if (!st.Step()) return std::nullopt;
  return RunFromRow(st);
}

}  // namespace xf::catalog
