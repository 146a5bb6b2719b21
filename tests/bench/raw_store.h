// File: tests/bench/raw_store.h
//
// "Raw SQLite": the storage-only ceiling the daemon is measured against. It
// writes, per ObservationBatch envelope, the same rows the daemon's
// MessageStore writes for an accepted message (daemon/store/message_store.cc):
//   1 row in messages (raw = the serialized envelope, outcome 'accepted'),
//   1 row in audit_log (its hashes fixed: hashing is the daemon's CPU),
//   the patient looked up, or inserted when new, in patients,
//   one row per observation in observations,
// with statements prepared once and values bound. Unlike the daemon it does
// no decoding or validation, no duplicate lookup and no per-message
// SAVEPOINT: those are the daemon's own costs.
//
// One RawStore is used by one thread.
#ifndef IRAED_TESTS_BENCH_RAW_STORE_H_
#define IRAED_TESTS_BENCH_RAW_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "iraed/v1/ingest.pb.h"
#include "store/sqlite_db.h"

namespace iraed::bench {

struct RawStoreOptions {
  std::string path;
  // PRAGMA journal_mode at open: "wal" to measure, "off" to preload.
  std::string journal_mode = "wal";
  // PRAGMA synchronous: FULL, NORMAL, OFF or EXTRA.
  std::string synchronous = "FULL";
  // PRAGMA cache_size in KiB; 0 keeps SQLite's default (2 MiB).
  std::int64_t cache_kib = 0;
  // PRAGMA foreign_keys (the daemon turns it on).
  bool foreign_keys = false;
};

class RawStore {
 public:
  // Opens or creates the database, sets the PRAGMAs, and applies every
  // migration of schema/ not yet applied (each migration's SQL, then
  // PRAGMA user_version), as the daemon would.
  static Result<std::unique_ptr<RawStore>> Open(const RawStoreOptions& opts);
  ~RawStore();
  RawStore(const RawStore&) = delete;
  RawStore& operator=(const RawStore&) = delete;

  Status Begin() { return db_.Exec("BEGIN IMMEDIATE"); }
  Status Commit() { return db_.Exec("COMMIT"); }

  // Stores one accepted ObservationBatch envelope whose serialized form is
  // `raw`. REQUIRES: a transaction is open; env has the observations body.
  Status InsertObservationMessage(const iraed::v1::Envelope& env,
                                  std::string_view raw,
                                  std::int64_t received_at_ms);

  // Runs `PRAGMA journal_mode = <mode>`; outside a transaction.
  Status SetJournalMode(const std::string& mode);

  store::Database& db() { return db_; }

 private:
  struct Statements;
  RawStore(store::Database db, std::unique_ptr<Statements> stmts);
  Result<std::int64_t> PatientRow(const iraed::v1::PatientId& p,
                                  std::int64_t message_row);

  store::Database db_;
  std::unique_ptr<Statements> stmts_;
};

}  // namespace iraed::bench

#endif  // IRAED_TESTS_BENCH_RAW_STORE_H_
