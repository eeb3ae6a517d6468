// A thin RAII layer over the SQLite C API, shared by the workspace catalog and the evidence
// ledger: one connection, prepared statements with typed binds and reads, and IMMEDIATE
// transactions. Every failure is an Error(kIo) that names the database file and says what was
// being done.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace xf {

class SqliteDb;

class Statement {
 public:
  Statement(SqliteDb& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based, as in SQL's ?1, ?2, ...; an empty optional binds NULL.
  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, double v);
  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Statement& Bind(int i, const std::optional<int64_t>& v);
  Statement& Bind(int i, const std::optional<double>& v);
  Statement& Bind(int i, const std::optional<std::string>& v);
  template <typename... Args>
  Statement& BindAll(const Args&... args) {
    int i = 0;
    (Bind(++i, args), ...);
    return *this;
  }

  // True while a row is available; false once the statement is done.
  bool Step();
  // Runs a statement that returns no rows (INSERT, UPDATE, DDL).
  void Run();
  // Ready to run again with new binds.
  void Reset();

  // Columns are 0-based, as in sqlite3_column_*.
  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  std::optional<double> OptDouble(int col) const;
  std::optional<std::string> OptText(int col) const;

 private:
  void Check(int rc, const char* what);
  SqliteDb& db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

class SqliteDb {
 public:
  // Opens (creating if needed) the database at `path`. `busy_timeout_ms` is how long a writer
  // waits for another connection's lock before "database is locked" is reported.
  explicit SqliteDb(const std::string& path, int busy_timeout_ms = 30000);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

  // Runs one or more statements without results.
  void Exec(std::string_view sql);
  // Runs a PRAGMA or query whose first row's first column is text ("" when no row).
  std::string QueryText(std::string_view sql);
  // sqlite3_changes(): rows touched by the last INSERT/UPDATE/DELETE.
  int64_t Changes();

  // Throws Error(kIo) "<what>: <sqlite message>" naming this database.
  [[noreturn]] void Fail(const std::string& what, int rc);

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// BEGIN IMMEDIATE takes the write lock up front, so a read-then-write transaction never fails
// half-way with SQLITE_BUSY; the destructor rolls back unless Commit() ran.
class Transaction {
 public:
  explicit Transaction(SqliteDb& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  SqliteDb& db_;
  bool done_ = false;
};

}  // namespace xf
