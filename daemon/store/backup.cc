#include "store/backup.h"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>

namespace iraed::store {

Result<BackupResult> BackupDatabase(Database& source, const std::string& dest) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dest, ec)) {
    return Status::FailedPrecondition(dest + " exists; not overwritten");
  }
  const std::string partial = dest + ".partial";
  fs::remove(partial, ec);
  BackupResult result;
  {
    ASSIGN_OR_RETURN(Database copy,
                     Database::Open(partial, Database::Mode::kReadWriteCreate));
    // Patient data: the copy is its owner's only, whatever the umask.
    fs::permissions(partial, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace, ec);
    if (ec) {
      return Status::Unavailable("cannot make " + partial +
                                 " owner-only: " + ec.message());
    }
    sqlite3_backup* b =
        sqlite3_backup_init(copy.get(), "main", source.get(), "main");
    if (b == nullptr) {
      return SqliteStatus(sqlite3_errcode(copy.get()), "backup", copy.get());
    }
    int rc = SQLITE_OK;
    // One step copies every page in one read transaction of the source:
    // the copy is the database as of one commit. A busy source is retried.
    for (int attempt = 0; attempt < 200; ++attempt) {
      rc = sqlite3_backup_step(b, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    result.pages = sqlite3_backup_pagecount(b);
    const int finish = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) return SqliteStatus(rc, "backup", copy.get());
    if (finish != SQLITE_OK) return SqliteStatus(finish, "backup", copy.get());
    ASSIGN_OR_RETURN(result.page_size, copy.QueryInt("PRAGMA page_size"));
    // A copy is only worth keeping if it reads back.
    ASSIGN_OR_RETURN(Statement check, copy.Prepare("PRAGMA quick_check"));
    ASSIGN_OR_RETURN(bool row, check.Step());
    if (!row || check.ColumnText(0) != "ok") {
      return Status::DataLoss("the copy failed its integrity check");
    }
  }
  fs::rename(partial, dest, ec);
  if (ec) {
    return Status::Unavailable("cannot rename " + partial + " to " + dest +
                               ": " + ec.message());
  }
  return result;
}

}  // namespace iraed::store
