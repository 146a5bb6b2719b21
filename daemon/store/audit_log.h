// File: store/audit_log.h
//
// The tamper-evident audit trail (issue 5): every fact iraed records is
// appended to `audit_log` in the same transaction as the fact, as an entry
// chained to the one before it by SHA-256 (OpenSSL):
//
//   content_sha256 = SHA-256(canonical form of the subject row, or of the
//                    detail text for events without a row)
//   entry_sha256   = SHA-256("iraed-audit-v1" | id | recorded_at_ms | kind |
//                    subject_table | subject_id | content_sha256 | detail |
//                    prev_sha256)
//
// where prev_sha256 is the previous entry's entry_sha256 (64 zeros for the
// first). With the site's audit key each entry also carries entry_mac, an
// HMAC-SHA256 of entry_sha256 (auth/audit_key.h): the MAC of the newest
// entry authenticates the whole chain before it, so a history rewritten by
// someone without the key fails VerifyAuditLog with the key, while the
// plain chain still verifies without it. The canonical form of a row is every
// column in schema order, each as name, type tag and value (CanonicalRow), so
// the verifier recomputes it from the row as stored: an edited, inserted,
// deleted or re-ordered entry, and an edited or deleted subject row (messages,
// findings, alerts, alert events and suppressions, data-quality records), break
// the chain at a named entry (VerifyAuditLog).
#ifndef IRAED_STORE_AUDIT_LOG_H_
#define IRAED_STORE_AUDIT_LOG_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auth/audit_key.h"
#include "auth/digest.h"
#include "common/clock.h"
#include "common/status.h"
#include "store/sqlite_db.h"

namespace iraed::store {

using auth::AuditKey;   // the site key that MACs each entry
using auth::Sha256Hex;  // the chain's hash

// The canonical form of the row `select` (a prepared "SELECT * FROM <table>
// WHERE id = ?1") returns for `id`; NotFound when the row is gone.
Result<std::string> CanonicalRow(Statement& select, std::string_view table,
                                 std::int64_t id);

class AuditLog {
 public:
  // `key`: when set, every entry appended carries its entry_mac.
  static Result<std::unique_ptr<AuditLog>> Prepare(
      Database& db, std::optional<AuditKey> key = std::nullopt);
  ~AuditLog();

  // Appends an entry for row `id` of `table` (kind: "message_received",
  // "finding", "alert", "alert_raised", "alert_escalated", ...,
  // "alert_suppressed", "data_quality"). REQUIRES: inside a transaction.
  Status AppendRow(std::string_view kind, std::string_view table,
                   std::int64_t id, UnixMillis at);
  // Appends an entry for an event without a row ("rules_loaded",
  // "config_loaded", "delivery_confirmed": the detail says what).
  Status AppendEvent(std::string_view kind, std::string_view detail,
                     UnixMillis at);
  // Forgets the cached chain head (after a rollback).
  void Reset() { head_.reset(); }

 private:
  struct Statements;
  AuditLog(Database& db, std::unique_ptr<Statements> st);
  Status Append(std::string_view kind, std::string_view table,
                std::optional<std::int64_t> id,
                const std::string& content_sha256, std::string_view detail,
                UnixMillis at);

  Database& db_;
  std::unique_ptr<Statements> st_;
  std::optional<AuditKey> key_;
  // The last entry's (id, entry_sha256), read from the database when unset.
  struct Head {
    std::int64_t id;
    std::string hash;
  };
  std::optional<Head> head_;
};

struct AuditVerdict {
  bool ok = true;
  std::int64_t entries = 0;
  // Entries that carry a MAC, and whether they were checked (a key given).
  std::int64_t keyed_entries = 0;
  bool key_checked = false;
  // The first entry that does not verify (0: the chain is intact), and why.
  std::int64_t first_bad_entry = 0;
  std::string problem;
};

// Walks the whole chain, recomputing every hash, and checks that every
// message, finding and alert row has its entry. With `key`, also checks
// every entry_mac, and that the newest entry carries one (it authenticates
// all before it): a chain stripped of its MACs or with entries appended
// without the key fails.
Result<AuditVerdict> VerifyAuditLog(Database& db,
                                    const AuditKey* key = nullptr);

// The newest entry of the chain (the external witness iraed logs).
struct AuditHead {
  std::int64_t id = 0;
  std::string entry_sha256;
  std::string entry_mac;  // empty without a key
};
Result<std::optional<AuditHead>> ReadAuditHead(Database& db);

}  // namespace iraed::store

#endif  // IRAED_STORE_AUDIT_LOG_H_
