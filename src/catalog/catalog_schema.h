// The catalog's DDL as an ordered list of migrations, applied on open (docs/workspace.md).
#pragma once

#include "io/sqlite_db.h"

namespace xf::catalog {

// The schema version this build writes; a catalog with a higher one is refused.
int CurrentSchemaVersion();

// Brings the catalog to CurrentSchemaVersion() in one IMMEDIATE transaction, so two processes
// opening a fresh workspace at once apply each migration exactly once.
void MigrateCatalog(SqliteDb& db);

}  // namespace xf::catalog
