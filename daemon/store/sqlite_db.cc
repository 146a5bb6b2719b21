#include "store/sqlite_db.h"

#include <string>

namespace iraed::store {

Status SqliteStatus(int rc, std::string_view what, sqlite3* db) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) {
    return Status::Ok();
  }
  std::string msg(what);
  msg += ": ";
  msg += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  msg += " (sqlite code " + std::to_string(rc) + ")";
  switch (rc & 0xff) {
    case SQLITE_FULL:  // the disk (or the database's size limit) is full
      return Status::ResourceExhausted(std::move(msg));
    case SQLITE_IOERR:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_NOMEM:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
      return Status::Unavailable(std::move(msg));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::DataLoss(std::move(msg));
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      return Status::InvalidArgument(std::move(msg));
    default:
      return Status::Internal(std::move(msg));
  }
}

void Statement::Check(int rc) {
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

Statement& Statement::Bind(int index, std::int64_t v) {
  Check(sqlite3_bind_int64(stmt_.get(), index, v));
  return *this;
}

Statement& Statement::Bind(int index, double v) {
  Check(sqlite3_bind_double(stmt_.get(), index, v));
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  // An empty view may have no data pointer, which SQLite binds as NULL: an
  // empty text must stay text ('' = '' is true, NULL = '' is not).
  static const char kEmpty = 0;
  Check(sqlite3_bind_text64(stmt_.get(), index,
                            text.data() != nullptr ? text.data() : &kEmpty,
                            text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob must still be a blob, not NULL.
  static const char kEmpty = 0;
  Check(sqlite3_bind_blob64(stmt_.get(), index,
                            bytes.empty() ? &kEmpty : bytes.data(),
                            bytes.size(), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::BindNull(int index) {
  Check(sqlite3_bind_null(stmt_.get(), index));
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<double>& v) {
  return v ? Bind(index, *v) : BindNull(index);
}

Statement& Statement::Bind(int index, const std::optional<std::int64_t>& v) {
  return v ? Bind(index, *v) : BindNull(index);
}

Result<bool> Statement::Step() {
  if (bind_error_ != SQLITE_OK) {
    int rc = bind_error_;
    bind_error_ = SQLITE_OK;
    return SqliteStatus(rc, "bind", db_);
  }
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(rc, sqlite3_sql(stmt_.get()), db_);
}

Status Statement::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  bind_error_ = SQLITE_OK;
}

std::int64_t Statement::ColumnInt(int col) const {
  return sqlite3_column_int64(stmt_.get(), col);
}

double Statement::ColumnDouble(int col) const {
  return sqlite3_column_double(stmt_.get(), col);
}

std::string Statement::ColumnText(int col) const {
  const auto* p = sqlite3_column_text(stmt_.get(), col);
  int n = sqlite3_column_bytes(stmt_.get(), col);
  return p == nullptr ? std::string()
                      : std::string(reinterpret_cast<const char*>(p), n);
}

bool Statement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

Result<Database> Database::Open(const std::string& path, Mode mode,
                                const char* vfs) {
  int flags = mode == Mode::kReadOnly
                  ? SQLITE_OPEN_READONLY
                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, vfs);
  Database db(raw);  // closes on every path
  if (rc != SQLITE_OK) {
    return SqliteStatus(rc, "open " + path, raw);
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Status Database::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_.get(), s.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  return SqliteStatus(rc, sql.substr(0, 80), db_.get());
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc =
      sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteStatus(rc, "prepare", db_.get());
  }
  return Statement(stmt, db_.get());
}

Result<std::int64_t> Database::QueryInt(std::string_view sql) {
  ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::NotFound("no row: " + std::string(sql));
  return stmt.ColumnInt(0);
}

std::int64_t Database::Changes() const { return sqlite3_changes64(db_.get()); }

std::int64_t Database::LastInsertRowId() const {
  return sqlite3_last_insert_rowid(db_.get());
}

bool Database::InTransaction() const {
  return sqlite3_get_autocommit(db_.get()) == 0;
}

}  // namespace iraed::store
