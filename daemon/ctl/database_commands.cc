// The iraectl commands that read a database (ctl/commands.h). The database
// is opened read-only: safe while the daemon runs.
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "auth/audit_key.h"
#include "common/private_files.h"
#include "common/time_format.h"
#include "ctl/commands.h"
#include "ctl/exit_status.h"
#include "ctl/explain.h"
#include "ctl/follow.h"
#include "reports/reports.h"
#include "store/audit_log.h"
#include "store/backup.h"
#include "store/migrations.h"

namespace iraed::ctl {

using reports::AlertsReport;
using reports::FindingsReport;
using reports::MessageFilter;
using reports::MessagesReport;
using reports::PatientsReport;
using reports::RenderJson;
using reports::RenderText;
using reports::StatsReport;
using reports::Table;
using reports::UnmappedReport;
namespace {

// Opens o.db read-only and checks that it is an iraed database this
// iraectl understands.
Result<store::Database> OpenDatabase(const std::string& path) {
  ASSIGN_OR_RETURN(
      store::Database db,
      store::Database::Open(path, store::Database::Mode::kReadOnly));
  ASSIGN_OR_RETURN(std::int64_t version, db.QueryInt("PRAGMA user_version"));
  if (version == 0) {
    return Status::FailedPrecondition(path +
                                      " is not an iraed database (no schema)");
  }
  if (version > store::LatestSchemaVersion()) {
    return Status::FailedPrecondition(path + " has schema version " +
                                      std::to_string(version) +
                                      ", newer than this iraectl understands");
  }
  return db;
}

int Backup(store::Database& db, const CtlOptions& o) {
  auto done = store::BackupDatabase(db, o.file);
  if (!done.ok()) return Fail(done.status().message(), kExitFailed);
  std::cout << "backup of " << o.db << " (" << done->pages << " pages of "
            << done->page_size << " bytes) written to " << o.file << "\n";
  return kExitOk;
}

int Follow(store::Database& db, const CtlOptions& o) {
  FollowOptions fo;
  fo.consumer = o.consumer;
  fo.connect = o.connect;
  fo.json = o.json;
  fo.once = o.once;
  fo.start = o.start == "newest"   ? FollowOptions::Start::kNewest
             : o.start == "oldest" ? FollowOptions::Start::kOldest
                                   : FollowOptions::Start::kUnset;
  return RunFollow(db, fo);
}

int Explain(store::Database& db, const CtlOptions& o) {
  auto text = ExplainAlert(db, o.id);
  if (!text.ok()) {
    return Fail(text.status().message(),
                text.status().code() == StatusCode::kNotFound
                    ? kExitNotFound
                    : kExitUnreachable);
  }
  std::cout << *text;
  return kExitOk;
}

int Verify(store::Database& db, const CtlOptions& o) {
  std::optional<auth::AuditKey> key;
  if (!o.key_file.empty()) {
    auto read = auth::ReadAuditKeyFile(o.key_file);
    if (!read.ok()) return Fail(read.status().message(), kExitUsage);
    key = std::move(read).value();
  }
  auto verdict = store::VerifyAuditLog(db, key ? &*key : nullptr);
  if (!verdict.ok()) return Fail(verdict.status().message(), kExitUnreachable);
  if (!verdict->ok) {
    std::cout << "audit trail BROKEN"
              << (verdict->first_bad_entry > 0
                      ? " at entry " + std::to_string(verdict->first_bad_entry)
                      : std::string())
              << ": " << verdict->problem << "\n";
    return kExitDiffers;
  }
  std::cout << "audit trail intact: " << verdict->entries
            << " entries verified";
  if (verdict->key_checked) {
    std::cout << ", " << verdict->keyed_entries
              << " carry a MAC that matches key " << key->Fingerprint()
              << "; the newest authenticates the chain";
  } else if (verdict->keyed_entries > 0) {
    std::cout << " (plain chain); " << verdict->keyed_entries
              << " carry a MAC, not checked: give --key-file";
  }
  std::cout << "\n";
  return kExitOk;
}

int Report(store::Database& db, Command command, const CtlOptions& o) {
  MessageFilter filter;
  filter.outcome = o.outcome;
  filter.differing = o.differing;
  Result<Table> table =
      command == Command::kMessages   ? MessagesReport(db, o.limit, filter)
      : command == Command::kUnmapped ? UnmappedReport(db, o.all)
      : command == Command::kPatients ? PatientsReport(db, o.limit)
      : command == Command::kAlerts   ? AlertsReport(db, o.limit)
      : command == Command::kFindings ? FindingsReport(db, o.limit)
                                      : StatsReport(db);
  if (!table.ok()) return Fail(table.status().message(), kExitUnreachable);
  std::cout << (o.json ? RenderJson(*table) : RenderText(*table));
  return kExitOk;
}

}  // namespace

int RunDatabaseCommand(Command command, const CtlOptions& o) {
  auto db = OpenDatabase(o.db);
  if (!db.ok()) return Fail(db.status().message(), kExitUnreachable);
  switch (command) {
    case Command::kBackup:
      return Backup(*db, o);
    case Command::kAlertFollow:
      return Follow(*db, o);
    case Command::kAuditExplain:
      return Explain(*db, o);
    case Command::kAuditVerify:
      return Verify(*db, o);
    case Command::kExport:
      return RunExportCommand(*db, o);
    default:
      return Report(*db, command, o);
  }
}

}  // namespace iraed::ctl
