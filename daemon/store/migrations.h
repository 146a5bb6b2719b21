// File: store/migrations.h
//
// Brings a database to the newest schema in schema/ (PRAGMA user_version),
// applying each missing migration and the version bump in one transaction:
// a failure leaves the database as it was.
#ifndef IRAED_STORE_MIGRATIONS_H_
#define IRAED_STORE_MIGRATIONS_H_

#include "common/status.h"
#include "store/sqlite_db.h"

namespace iraed::store {

// Returns the version reached. Fails, changing nothing, when the database
// was written by a newer iraed (user_version above the newest migration).
Result<int> ApplyMigrations(Database& db);

// The newest schema version this build knows.
int LatestSchemaVersion();

}  // namespace iraed::store

#endif  // IRAED_STORE_MIGRATIONS_H_
