#include "store/migrations.h"

#include <string>

#include "common/logging.h"
#include "schema/migrations.h"

namespace iraed::store {

namespace {

Result<int> ApplyMigrationsInTransaction(Database& db) {
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  auto rollback_on_error = [&db](Status s) -> Status {
    if (db.InTransaction()) (void)db.Exec("ROLLBACK");
    return s;
  };
  auto current = db.QueryInt("PRAGMA user_version");
  if (!current.ok()) return rollback_on_error(current.status());
  const int latest = LatestSchemaVersion();
  if (*current > latest) {
    return rollback_on_error(Status::FailedPrecondition(
        "database schema version " + std::to_string(*current) +
        " is newer than this iraed understands (" + std::to_string(latest) +
        "); use a newer iraed"));
  }
  bool applied_any = false;
  for (const auto& m : schema::Migrations()) {
    if (m.version <= *current) continue;
    applied_any = true;
    if (Status s = db.Exec(m.sql); !s.ok()) {
      return rollback_on_error(Status(
          s.code(), "migration " + std::string(m.name) + ": " + s.message()));
    }
    // PRAGMA cannot take a bound parameter; the version is an integer from
    // the build, not data.
    if (Status s =
            db.Exec("PRAGMA user_version = " + std::to_string(m.version));
        !s.ok()) {
      return rollback_on_error(s);
    }
    Logger("store")->info("applied migration {}", m.name);
  }
  // Every foreign key still holds after the migrations applied now (a
  // table rebuilt kept its ids); an open that migrates nothing checks
  // nothing.
  if (applied_any) {
    auto broken = db.QueryInt("SELECT count(*) FROM pragma_foreign_key_check");
    if (!broken.ok()) return rollback_on_error(broken.status());
    if (*broken != 0) {
      return rollback_on_error(Status::Internal(
          "after migrating schema " + std::to_string(*current) + " to " +
          std::to_string(latest) + ", " + std::to_string(*broken) +
          " rows refer to rows that do not exist (PRAGMA foreign_key_check "
          "lists them); the migration was rolled back"));
    }
  }
  if (Status s = db.Exec("COMMIT"); !s.ok()) return rollback_on_error(s);
  return latest;
}

}  // namespace

int LatestSchemaVersion() {
  auto all = schema::Migrations();
  return all.empty() ? 0 : all.back().version;
}

Result<int> ApplyMigrations(Database& db) {
  // A migration may rebuild a table (SQLite's procedure needs foreign-key
  // enforcement off, and PRAGMA foreign_keys cannot change inside a
  // transaction): off for the migrations, every key checked before the
  // commit, the connection's setting restored after.
  ASSIGN_OR_RETURN(std::int64_t enforced, db.QueryInt("PRAGMA foreign_keys"));
  RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = OFF"));
  auto restore = [&db, enforced]() -> Status {
    return db.Exec(enforced ? "PRAGMA foreign_keys = ON"
                            : "PRAGMA foreign_keys = OFF");
  };
  Result<int> applied = ApplyMigrationsInTransaction(db);
  if (Status s = restore(); !s.ok() && applied.ok()) return s;
  return applied;
}

}  // namespace iraed::store
