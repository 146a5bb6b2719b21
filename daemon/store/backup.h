// File: store/backup.h
//
// An online, consistent copy of a live iraed database through SQLite's
// backup API, safe while the daemon writes (issue 5: `iraectl backup`).
// The copy is taken in one read transaction of the source, so it is the
// database as of one commit; it is written to DEST.partial, synced, checked
// (PRAGMA quick_check) and only then renamed to DEST. An existing DEST is
// never overwritten.
#ifndef IRAED_STORE_BACKUP_H_
#define IRAED_STORE_BACKUP_H_

#include <cstdint>
#include <string>

#include "common/status.h"
#include "store/sqlite_db.h"

namespace iraed::store {

struct BackupResult {
  std::int64_t pages = 0;
  std::int64_t page_size = 0;
};

Result<BackupResult> BackupDatabase(Database& source, const std::string& dest);

}  // namespace iraed::store

#endif  // IRAED_STORE_BACKUP_H_
