// File: store/sqlite_db.h
//
// Thin RAII wrappers over sqlite3 and sqlite3_stmt that speak Status.
// Statements are prepared once and reused; values are always bound, never
// spliced into SQL text. Not thread-safe: one thread per Database.
#ifndef IRAED_STORE_SQLITE_DB_H_
#define IRAED_STORE_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace iraed::store {

// Maps a SQLite result code to a Status code:
//   FULL, IOERR, BUSY, LOCKED, NOMEM, CANTOPEN, READONLY -> kUnavailable
//   CORRUPT, NOTADB                                      -> kDataLoss
//   CONSTRAINT, MISMATCH, RANGE, TOOBIG                  -> kInvalidArgument
//   anything else                                        -> kInternal
Status SqliteStatus(int rc, std::string_view what, sqlite3* db = nullptr);

class Statement {
 public:
  Statement() = default;
  Statement(Statement&&) = default;
  Statement& operator=(Statement&&) = default;

  // Binding: index counts from 1 as in SQLite. Text and blobs are copied.
  Statement& Bind(int index, std::int64_t v);
  Statement& Bind(int index, double v);
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);
  Statement& Bind(int index, const std::optional<double>& v);
  Statement& Bind(int index, const std::optional<std::int64_t>& v);

  // Steps once: true with a row, false when done, or an error Status. The
  // first error of any Bind above is reported here.
  Result<bool> Step();
  // Steps to completion, ignoring rows.
  Status Run();
  // Resets and clears bindings for reuse; cheap.
  void Reset();

  std::int64_t ColumnInt(int col) const;
  double ColumnDouble(int col) const;
  std::string ColumnText(int col) const;
  bool ColumnIsNull(int col) const;

  sqlite3_stmt* get() const { return stmt_.get(); }

 private:
  friend class Database;
  struct Finalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  Statement(sqlite3_stmt* s, sqlite3* db) : stmt_(s), db_(db) {}
  void Check(int rc);

  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  sqlite3* db_ = nullptr;
  int bind_error_ = SQLITE_OK;
};

// Resets a statement when the scope ends, so that a read statement never
// holds its snapshot past its use.
class ScopedStatement {
 public:
  explicit ScopedStatement(Statement& s) : s_(s) {}
  ~ScopedStatement() { s_.Reset(); }
  ScopedStatement(const ScopedStatement&) = delete;
  ScopedStatement& operator=(const ScopedStatement&) = delete;
  Statement* operator->() { return &s_; }
  Statement& operator*() { return s_; }

 private:
  Statement& s_;
};

class Database {
 public:
  enum class Mode { kReadWriteCreate, kReadOnly };

  // Opens `path`. `vfs` names a registered SQLite VFS, or nullptr for the
  // default (tests register a fault-injecting one).
  static Result<Database> Open(const std::string& path, Mode mode,
                               const char* vfs = nullptr);

  Database(Database&&) = default;
  Database& operator=(Database&&) = default;

  // Runs one or more statements without results (PRAGMAs, BEGIN, DDL).
  // Only for constant SQL written in this codebase, never for data.
  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  // Runs a statement returning a single integer (e.g. a PRAGMA).
  Result<std::int64_t> QueryInt(std::string_view sql);

  std::int64_t LastInsertRowId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE (sqlite3_changes64).
  std::int64_t Changes() const;
  bool InTransaction() const;
  sqlite3* get() const { return db_.get(); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  explicit Database(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_SQLITE_DB_H_
