#include "io/sqlite_db.h"

#include <sqlite3.h>

#include "core/error.h"

namespace xf {

SqliteDb::SqliteDb(const std::string& path, int busy_timeout_ms) : path_(path) {
  const int rc =
      sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    // sqlite3_open_v2 allocates a handle even on failure, to carry the message.
    const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error(ErrorKind::kIo, "cannot open the workspace catalog: " + msg,
                SourceContext{.file = path});
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

void SqliteDb::Fail(const std::string& what, int rc) {
  std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  if (msg.empty() || msg == "not an error") msg = sqlite3_errstr(rc);
  throw Error(ErrorKind::kIo, what + ": " + msg, SourceContext{.file = path_});
}

void SqliteDb::Exec(std::string_view sql) {
  const std::string text(sql);
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    const std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw Error(ErrorKind::kIo, "catalog statement failed (" + text.substr(0, 60) + "): " + msg,
                SourceContext{.file = path_});
  }
}

std::string SqliteDb::QueryText(std::string_view sql) {
  Statement st(*this, sql);
  return st.Step() ? st.Text(0) : std::string();
}

int64_t SqliteDb::Changes() { return sqlite3_changes64(db_); }

Statement::Statement(SqliteDb& db, std::string_view sql) : db_(db), sql_(sql) {
  const int rc =
      sqlite3_prepare_v2(db.handle(), sql_.data(), static_cast<int>(sql_.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) Check(rc, "cannot prepare catalog statement");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::Check(int rc, const char* what) {
  if (rc == SQLITE_OK) return;
  // The statement text says which catalog operation failed; the first line is enough.
  std::string head = sql_.substr(0, sql_.find('\n'));
  if (head.size() > 60) head = head.substr(0, 60) + "...";
  db_.Fail(std::string(what) + " (" + head + ")", rc);
}

Statement& Statement::Bind(int i, int64_t v) {
  Check(sqlite3_bind_int64(stmt_, i, v), "cannot bind a catalog value");
  return *this;
}

Statement& Statement::Bind(int i, double v) {
  Check(sqlite3_bind_double(stmt_, i, v), "cannot bind a catalog value");
  return *this;
}

Statement& Statement::Bind(int i, std::string_view v) {
  Check(sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
        "cannot bind a catalog value");
  return *this;
}

Statement& Statement::Bind(int i, const std::optional<int64_t>& v) {
  if (v) return Bind(i, *v);
  Check(sqlite3_bind_null(stmt_, i), "cannot bind a catalog value");
  return *this;
}

Statement& Statement::Bind(int i, const std::optional<double>& v) {
  if (v) return Bind(i, *v);
  Check(sqlite3_bind_null(stmt_, i), "cannot bind a catalog value");
  return *this;
}

Statement& Statement::Bind(int i, const std::optional<std::string>& v) {
  if (v) return Bind(i, std::string_view(*v));
  Check(sqlite3_bind_null(stmt_, i), "cannot bind a catalog value");
  return *this;
}

bool Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Check(rc, "catalog statement failed");
  return false;
}

void Statement::Run() {
  while (Step()) {
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : "";
}

std::optional<int64_t> Statement::OptInt(int col) const {
  return IsNull(col) ? std::nullopt : std::optional<int64_t>(Int(col));
}
std::optional<double> Statement::OptDouble(int col) const {
  return IsNull(col) ? std::nullopt : std::optional<double>(Double(col));
}
std::optional<std::string> Statement::OptText(int col) const {
  return IsNull(col) ? std::nullopt : std::optional<std::string>(Text(col));
}

Transaction::Transaction(SqliteDb& db) : db_(db) { db_.Exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    db_.Exec("ROLLBACK");
  } catch (const Error&) {
    // Already rolled back by SQLite (e.g. after SQLITE_FULL); nothing more to undo.
  }
}

void Transaction::Commit() {
  db_.Exec("COMMIT");
  done_ = true;
}

}  // namespace xf
