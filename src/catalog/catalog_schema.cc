#include "catalog/catalog_schema.h"

#include <string>
#include <vector>

#include "core/error.h"

namespace xf::catalog {

namespace {

// Migration k (1-based) takes the catalog from version k-1 to k. Append only: a released
// migration is never edited, because catalogs in the field already ran it.
const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kMigrations = {
      // 1: runs, datasets, lineage, run_datasets, run_outputs.
      R"sql(
CREATE TABLE runs (
  id             TEXT PRIMARY KEY,
  scenario       TEXT NOT NULL,
  spec_path      TEXT NOT NULL DEFAULT '',
  spec_hash      TEXT NOT NULL DEFAULT '',
  engine_version TEXT NOT NULL DEFAULT '',
  seed           INTEGER,
  scale          REAL,
  params_json    TEXT NOT NULL DEFAULT '{}',
  status         TEXT NOT NULL
                 CHECK (status IN ('running', 'complete', 'failed', 'aborted')),
  error_message  TEXT,
  pid            INTEGER NOT NULL,
  host           TEXT NOT NULL DEFAULT '',
  process_token  TEXT NOT NULL DEFAULT '',
  started_at     TEXT NOT NULL,
  finished_at    TEXT
) STRICT;
CREATE INDEX runs_by_status ON runs(status);

CREATE TABLE datasets (
  name            TEXT NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  content_hash    TEXT NOT NULL,
  schema_json     TEXT NOT NULL,
  rows            INTEGER NOT NULL,
  bytes           INTEGER NOT NULL,
  path            TEXT NOT NULL UNIQUE,
  created_by_run  TEXT NOT NULL REFERENCES runs(id),
  created_by_step TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  PRIMARY KEY (name, version)
) STRICT;

CREATE TABLE lineage (
  run_id         TEXT NOT NULL REFERENCES runs(id),
  step           TEXT NOT NULL DEFAULT '',
  output_name    TEXT NOT NULL,
  output_version INTEGER NOT NULL,
  input_name     TEXT NOT NULL,
  input_version  INTEGER NOT NULL,
  PRIMARY KEY (output_name, output_version, run_id, input_name, input_version),
  FOREIGN KEY (output_name, output_version) REFERENCES datasets(name, version),
  FOREIGN KEY (input_name, input_version) REFERENCES datasets(name, version)
) STRICT;
CREATE INDEX lineage_by_input ON lineage(input_name, input_version);

CREATE TABLE run_datasets (
  run_id  TEXT NOT NULL REFERENCES runs(id),
  name    TEXT NOT NULL,
  version INTEGER NOT NULL,
  step    TEXT NOT NULL DEFAULT '',
  reused  INTEGER NOT NULL CHECK (reused IN (0, 1)),
  PRIMARY KEY (run_id, name, version),
  FOREIGN KEY (name, version) REFERENCES datasets(name, version)
) STRICT;

CREATE TABLE run_outputs (
  run_id          TEXT NOT NULL REFERENCES runs(id),
  dataset_name    TEXT NOT NULL,
  dataset_version INTEGER NOT NULL,
  file_path       TEXT NOT NULL,
  sha256          TEXT NOT NULL,
  bytes           INTEGER NOT NULL,
  recorded_at     TEXT NOT NULL,
  PRIMARY KEY (run_id, file_path),
  FOREIGN KEY (dataset_name, dataset_version) REFERENCES datasets(name, version)
) STRICT;
)sql",
  };
  return kMigrations;
}

int ReadVersion(SqliteDb& db) {
  if (db.QueryText("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
          .empty()) {
    return 0;
  }
  Statement st(db, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (!st.Step()) return 0;
  const std::string v = st.Text(0);
  try {
    return std::stoi(v);
  } catch (const std::exception&) {
    throw Error(ErrorKind::kData, "catalog meta.schema_version is not a number: '" + v + "'",
                SourceContext{.file = db.path()});
  }
}

}  // namespace

int CurrentSchemaVersion() { return static_cast<int>(Migrations().size()); }

void MigrateCatalog(SqliteDb& db) {
  Transaction tx(db);
  db.Exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT");
  const int have = ReadVersion(db);
  const int want = CurrentSchemaVersion();
  if (have > want) {
    throw Error(ErrorKind::kUsage,
                "the workspace catalog has schema version " + std::to_string(have) +
                    " but this xfactor knows versions up to " + std::to_string(want) +
                    "; use a newer xfactor",
                SourceContext{.file = db.path()});
  }
  for (int v = have + 1; v <= want; ++v) db.Exec(Migrations()[static_cast<size_t>(v - 1)]);
  if (have != want) {
    Statement st(db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?1)");
    st.Bind(1, std::to_string(want)).Run();
  }
  tx.Commit();
}

}  // namespace xf::catalog
