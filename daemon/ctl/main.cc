// iraectl: the command-line tool of iraed. Reads open the database
// read-only; writes (later) go through the daemon's protocol.
#include <charconv>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "ctl/explain.h"
#include "ctl/reports.h"
#include "store/audit_log.h"
#include "store/backup.h"
#include "store/migrations.h"

namespace {

constexpr const char* kUsage =
    R"(Usage: iraectl --db PATH [--json] [--limit N] COMMAND
       iraectl --db PATH backup DEST
       iraectl --db PATH audit verify
       iraectl --db PATH audit explain ALERT_ID
       iraectl --db PATH export --from DATE --to DATE [--format csv|json]
                        [--pseudonym-key-file FILE]

Read-only reports on an iraed database, and online backups; safe while the
daemon runs.

Commands:
  messages   the newest messages received (default 50), newest first, with
             their outcome (accepted, duplicate, rejected) and reason
  patients   patients by first appearance, newest first, with their number
             of observations (shows patient identifiers: for authorised
             staff only)
  alerts     the newest alerts (default 50), newest first: syndrome, grade,
             summary and action, with the patient identifier (authorised
             staff only)
  findings   the newest findings (default 50): CTCAE/ASTCT/ASCO term,
             grade change, rule version and the JSON evidence
  stats      schema version, rows per table, messages per outcome
  backup DEST
             an online, consistent copy of the database as of one commit
             (SQLite's backup API), written to DEST.partial, checked, then
             renamed to DEST; an existing DEST is never overwritten
  export     findings observed in [--from, --to) for pharmacovigilance
             (dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC): CTCAE term,
             MedDRA code, grade, grading system and rule version, onset,
             therapy and product, day since infusion or last dose, serious
             (grade >= 3), provisional; --format csv (default) or json;
             --pseudonym-key-file FILE replaces patient identifiers by a
             keyed pseudonym (HMAC-SHA256 with the file's bytes as the key:
             stable across exports with the same key, not reversible
             without it)
  audit explain ALERT_ID
             the provenance of one alert for a person: the alert, each
             finding behind it with its rule version and evidence (values,
             thresholds, baseline, therapy and day, supportive care), the
             observations and raw messages it came from, and their audit
             entries (shows patient identifiers: authorised staff only)
  audit verify
             walks the SHA-256 chained audit trail, recomputing every entry
             and the hash of every message, finding and alert it covers;
             names the first entry that was altered, inserted, deleted or
             re-ordered, or a row with no entry. Exit status 3 when the
             trail does not verify

Options:
  --db PATH  the database file (as given to iraed --db)
  --json     print JSON (an array of objects) instead of a table
  --limit N  at most N rows for messages, patients, alerts and findings
             (default 50)
  --help     print this text
  --version  print the version

Exit status: 0 on success, 1 when the database cannot be read, 2 for a bad
command line, 3 when `audit verify` finds the trail altered.
)";

// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (UTC) in Unix milliseconds.
std::optional<std::int64_t> ParseDate(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  char tail = 0;
  if (text.size() == 10) {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3) {
      return std::nullopt;
    }
  } else if (text.size() == 20 && text[19] == 'Z') {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h,
                    &mi, &sec) != 6) {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

int Fail(const std::string& message, int code) {
  std::cerr << "iraectl: " << message << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace iraed;
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string db_path;
  std::string command;
  std::string backup_dest;
  bool explain_arg_seen = false;
  std::string from, to, format = "csv", key_file;
  bool json = false;
  std::int64_t limit = 50;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (a == "--version") {
      std::cout << "iraectl " << IRAED_VERSION << "\n";
      return 0;
    }
    if (a == "--json") {
      json = true;
    } else if (a == "--from" || a == "--to" || a == "--format" ||
               a == "--pseudonym-key-file") {
      if (i + 1 >= args.size()) return Fail(a + " needs a value", 2);
      (a == "--from"     ? from
       : a == "--to"     ? to
       : a == "--format" ? format
                         : key_file) = args[++i];
    } else if (a == "--db" || a == "--limit") {
      if (i + 1 >= args.size()) return Fail(a + " needs a value", 2);
      const std::string& v = args[++i];
      if (a == "--db") {
        db_path = v;
      } else {
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), limit);
        if (ec != std::errc() || end != v.data() + v.size() || limit < 1) {
          return Fail("--limit needs a positive whole number", 2);
        }
      }
    } else if (a.rfind("-", 0) == 0) {
      return Fail("unknown option " + a + " (see --help)", 2);
    } else if (command.empty()) {
      command = a;
    } else if ((command == "backup" || command == "audit") &&
               backup_dest.empty()) {
      backup_dest = a;  // backup DEST, audit ACTION
    } else if (command == "audit" && backup_dest == "explain" &&
               !explain_arg_seen) {
      explain_arg_seen = true;  // the alert id, read below
    } else {
      return Fail("unexpected argument '" + a + "' (see --help)", 2);
    }
  }
  if (command.empty()) return Fail("a command is required (see --help)", 2);
  if (command != "messages" && command != "patients" && command != "stats" &&
      command != "alerts" && command != "findings" && command != "backup" &&
      command != "audit" && command != "export") {
    return Fail("unknown command '" + command + "' (see --help)", 2);
  }
  if (db_path.empty()) return Fail("--db PATH is required", 2);
  if (command == "backup" && backup_dest.empty()) {
    return Fail("backup needs a destination file (see --help)", 2);
  }
  std::optional<std::int64_t> from_ms, to_ms;
  std::string pseudonym_key;
  if (command == "export") {
    from_ms = ParseDate(from);
    to_ms = ParseDate(to);
    if (!from_ms || !to_ms || *from_ms >= *to_ms) {
      return Fail(
          "export needs --from and --to dates (YYYY-MM-DD or "
          "YYYY-MM-DDTHH:MM:SSZ), --from before --to",
          2);
    }
    if (format != "csv" && format != "json") {
      return Fail("--format is csv or json", 2);
    }
    if (!key_file.empty()) {
      std::ifstream in(key_file, std::ios::binary);
      std::ostringstream key;
      key << in.rdbuf();
      pseudonym_key = key.str();
      if (!in.good() && pseudonym_key.empty()) {
        return Fail("cannot read the pseudonym key file " + key_file, 2);
      }
      if (pseudonym_key.size() < 16) {
        return Fail("the pseudonym key file must hold at least 16 bytes", 2);
      }
    }
  }
  std::int64_t explain_id = 0;
  if (command == "audit" && backup_dest == "explain") {
    // The alert id follows the action.
    bool found = false;
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == "explain") {
        const std::string& v = args[i + 1];
        auto [end, ec] =
            std::from_chars(v.data(), v.data() + v.size(), explain_id);
        found =
            ec == std::errc() && end == v.data() + v.size() && explain_id > 0;
      }
    }
    if (!found) return Fail("audit explain needs an alert id", 2);
  } else if (command == "audit" && backup_dest != "verify") {
    return Fail("audit needs an action: verify or explain (see --help)", 2);
  }

  auto db = store::Database::Open(db_path, store::Database::Mode::kReadOnly);
  if (!db.ok()) return Fail(db.status().message(), 1);
  auto version = db->QueryInt("PRAGMA user_version");
  if (!version.ok()) return Fail(version.status().message(), 1);
  if (*version == 0) {
    return Fail(db_path + " is not an iraed database (no schema)", 1);
  }
  if (*version > store::LatestSchemaVersion()) {
    return Fail(db_path + " has schema version " + std::to_string(*version) +
                    ", newer than this iraectl understands",
                1);
  }
  if (command == "backup") {
    auto done = store::BackupDatabase(*db, backup_dest);
    if (!done.ok()) return Fail(done.status().message(), 1);
    std::cout << "backup of " << db_path << " (" << done->pages << " pages of "
              << done->page_size << " bytes) written to " << backup_dest
              << "\n";
    return 0;
  }
  if (command == "audit" && backup_dest == "explain") {
    auto text = ctl::ExplainAlert(*db, explain_id);
    if (!text.ok()) return Fail(text.status().message(), 1);
    std::cout << *text;
    return 0;
  }
  if (command == "audit") {
    auto verdict = store::VerifyAuditLog(*db);
    if (!verdict.ok()) return Fail(verdict.status().message(), 1);
    if (verdict->ok) {
      std::cout << "audit trail intact: " << verdict->entries
                << " entries verified\n";
      return 0;
    }
    std::cout << "audit trail BROKEN"
              << (verdict->first_bad_entry > 0
                      ? " at entry " + std::to_string(verdict->first_bad_entry)
                      : std::string())
              << ": " << verdict->problem << "\n";
    return 3;
  }
  if (command == "export") {
    auto t = ctl::FindingsExport(*db, *from_ms, *to_ms, pseudonym_key);
    if (!t.ok()) return Fail(t.status().message(), 1);
    std::cout << (format == "json" ? ctl::RenderJson(*t) : ctl::RenderCsv(*t));
    return 0;
  }
  Result<ctl::Table> table =
      command == "messages"   ? ctl::MessagesReport(*db, limit)
      : command == "patients" ? ctl::PatientsReport(*db, limit)
      : command == "alerts"   ? ctl::AlertsReport(*db, limit)
      : command == "findings" ? ctl::FindingsReport(*db, limit)
                              : ctl::StatsReport(*db);
  if (!table.ok()) return Fail(table.status().message(), 1);
  std::cout << (json ? ctl::RenderJson(*table) : ctl::RenderText(*table));
  return 0;
}
