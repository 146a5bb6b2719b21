// File: store/message_store.h
//
// The SQLite database of received messages and the facts they carry. One
// MessageStore is used by one thread (the store worker) at a time.
//
// DURABILITY CONTRACT. The database runs in WAL mode. A group of messages is
// written between Begin() and Commit(); Commit() returns OK only once SQLite
// has committed the transaction with the configured `synchronous` level:
//   FULL (default)  the WAL is fsynced at every commit: a committed message
//                   survives a process crash, an OS crash and a power loss
//                   (given a disk that honours fsync).
//   NORMAL          survives a process crash; an OS crash or power loss may
//                   roll back the last commits.
//   OFF             survives a process crash only if the OS does not crash.
// Callers acknowledge a message positively only after Commit() returned OK
// for its group. If Commit() fails nothing of the group is stored and
// nothing may be acknowledged positively.
#ifndef IRAED_STORE_MESSAGE_STORE_H_
#define IRAED_STORE_MESSAGE_STORE_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "alerts/alert_policy.h"
#include "common/status.h"
#include "common/time_zone.h"
#include "grading/grading_options.h"
#include "model/disposition.h"
#include "model/message.h"
#include "model/submission.h"
#include "store/alert_lifecycle.h"
#include "store/astct_grading_step.h"
#include "store/audit_log.h"
#include "store/durability.h"
#include "store/febrile_neutropenia_step.h"
#include "store/finding_writer.h"
#include "store/hematotox_step.h"
#include "store/icaht_grading_step.h"
#include "store/lab_grading_step.h"
#include "store/sql_patient_timeline.h"
#include "store/sqlite_db.h"
#include "surveillance/grading_step.h"
#include "surveillance/message_work.h"

namespace iraed::store {

// The start of messages.reason for a duplicate whose bytes differ from the
// accepted message with the same (source, message_id).
extern const char kDifferingDuplicateReason[];

struct StoreOptions {
  std::string path;
  Synchronous synchronous = Synchronous::kFull;
  int cache_kib = 8192;
  // Registered SQLite VFS to use, or nullptr for the default (tests only).
  const char* vfs = nullptr;
  // Site settings of the grading step.
  grading::GradingOptions grading;
  // The site's calendar, for days counted from a CAR-T infusion.
  TimeZone site_zone = TimeZone::Utc();
  // Escalation and re-alert policy (config `alerting {}`).
  alerts::AlertPolicy alerting = alerts::AlertPolicy::Defaults();
  // The effective configuration, recorded in the audit trail at open as a
  // `config_loaded` entry. Empty: no entry.
  std::string config_detail;
  // The site's audit key: every audit entry then carries its MAC.
  std::optional<AuditKey> audit_key;
};

class MessageStore {
 public:
  // Opens or creates the database, sets WAL and `synchronous`, applies the
  // migrations and prepares every statement.
  static Result<std::unique_ptr<MessageStore>> Open(const StoreOptions& opts);

  MessageStore(const MessageStore&) = delete;
  MessageStore& operator=(const MessageStore&) = delete;
  ~MessageStore();

  // Starts a group transaction. REQUIRES: no transaction open.
  Status Begin();
  // Files one submission inside the open transaction: accepted with all its
  // rows, duplicate, or rejected with the reason. Returns a non-OK Status
  // only for storage trouble, after which the caller must Rollback() the
  // group: its transaction state is unknown.
  Result<model::Outcome> Apply(const model::Submission& s);
  // Commits the group. On failure the group is rolled back.
  Status Commit();
  // Abandons the open group, if any. Never fails.
  void Rollback();

  // Writes, in a transaction of its own, every alert escalation due at
  // `now` (AlertLifecycle::EscalateDue). REQUIRES: no transaction open.
  Status RunEscalations(UnixMillis now);

  // The health of paging at `now`, in a transaction of its own and only
  // when something changed: consumer_stalled / consumer_recovered events
  // (AlertLifecycle::CheckFeedHealth), each with a log line; and a warning,
  // at most every 10 minutes, while alerts are on the feed and no notifier
  // has ever read it. REQUIRES: no transaction open.
  Status RunFeedHealth(UnixMillis now);

  Database& db() { return db_; }

  // A configuration reload (SIGHUP): grading site settings (code map, site
  // drugs, limits), the alert policy (escalation, re-alert, consumer lag;
  // alerts raised before keep the policy they were raised under) and the
  // audit key take effect for the next message, and `config_detail` is
  // chained into the audit trail as a config_loaded entry (with a
  // rules_loaded one). Codes the new code map maps stop being listed as
  // unmapped. REQUIRES: no transaction open.
  Status Reconfigure(const StoreOptions& opts);

  // Chains an event without a row ("console_sign_in", "console_view",
  // ...: `detail` says who and what) into the audit trail, in its own
  // transaction. REQUIRES: no transaction open.
  Status RecordAccess(std::string_view kind, std::string_view detail,
                      UnixMillis at);

 private:
  struct Statements;
  MessageStore(Database db, std::unique_ptr<Statements> stmts);
  // The writer's statements (transaction control, the rows of a message).
  static Result<std::unique_ptr<Statements>> PrepareStatements(Database& db);
  // The statements that find, add and update patients.
  static Status PreparePatientStatements(Database& db, Statements& st);
  // Prepares the audit log, the alert lifecycle, the finding writer, the
  // patient timeline and the grading steps for `opts` (its grading,
  // alerting and audit key) aside, and swaps them in only once all are
  // prepared: on failure the grading in force stays, whole.
  Status PrepareGrading(const StoreOptions& opts);

  // Runs a prepared transaction-control statement and resets it.
  Status Run(Statement& control);
  Result<std::int64_t> InsertMessage(const model::Submission& s,
                                     std::string_view outcome,
                                     const std::string& reason,
                                     std::optional<std::int64_t> duplicate_of);
  Result<std::int64_t> PatientRow(const model::PatientId& p,
                                  std::int64_t message_row);
  // The patient row a message body concerns; nullopt for staff actions and
  // feed confirmations.
  Result<std::optional<std::int64_t>> PatientOf(const model::Body& body,
                                                std::int64_t message_row);
  // Counts a code iraed could not map (unmapped_codes, schema 0008) and
  // logs it the first time this run sees it.
  enum class UnmappedKind { kDrug, kObservation };
  Status RecordUnmapped(UnmappedKind kind, const model::Code& code,
                        std::string_view unit, std::int64_t message_row,
                        UnixMillis at);
  // A data_quality row with its audit entry (schema/README.md lists the
  // issues).
  Status RecordDataQuality(std::int64_t message_row,
                           std::optional<std::int64_t> observation,
                           std::optional<std::int64_t> patient,
                           std::string_view issue, std::string_view detail,
                           UnixMillis at);
  // `actor`: model::Submission::actor (staff actions and feed confirmations).
  Status ApplyBody(surveillance::MessageWork& work, const model::Body& body,
                   const std::string& actor);
  Status ApplyObservations(surveillance::MessageWork& work,
                           const model::ObservationBatch& b);
  // One administration row (with its therapy event when the drug is a
  // monitored therapy); grading moments are noted for GradeMessage.
  Status InsertMedication(surveillance::MessageWork& work,
                          const model::MedicationAdministration& m);
  // After a message's rows: ASTCT grading at the noted moments, then the
  // message's alerts.
  Status GradeMessage(surveillance::MessageWork& work);
  Status ApplyTherapy(surveillance::MessageWork& work,
                      const model::TherapyEvent& t);
  Status InsertTherapy(surveillance::MessageWork& work,
                       const model::TherapyEvent& t);
  // Marks the unmapped codes the configuration now maps (at open).
  Status MarkMappedCodes(UnixMillis now);
  // Appends the rules_loaded audit entry (rule-set versions) and the
  // config_loaded entry at open.
  Status RecordRulesLoaded(const std::string& config_detail);
  // The data upgrades listed in pending_upgrades (schema 0007): the feed
  // and audit entries for rows that predate schema 6. Each is struck off in
  // its own transaction, so a failed one is retried at the next open.
  Status RunPendingUpgrades();
  // Notes a lifecycle refusal (kNotFound, kFailedPrecondition) in
  // work.refusal: Apply files the message as rejected with that reason.
  Status Refusable(surveillance::MessageWork& work, Status s);
  Status ApplyPatientEvent(const model::PatientEvent& e, std::int64_t msg);
  Result<model::Outcome> ApplyInSavepoint(const model::Submission& s,
                                          surveillance::MessageWork& work);

  Database db_;
  std::unique_ptr<Statements> stmts_;
  // Grading (declared after db_ so that their statements finalize first).
  // Held by pointer: the steps and the timeline refer to it.
  std::unique_ptr<const grading::GradingOptions> grading_options_;
  // When the "nobody reads the feed" warning was last logged.
  std::optional<UnixMillis> no_consumer_warned_at_;
  // Unmapped codes already logged in this run ("drug|system|code").
  std::set<std::string> logged_unmapped_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<AlertLifecycle> lifecycle_;
  std::unique_ptr<FindingWriter> findings_;
  // The clinical grading steps (surveillance/grading_step.h), in the order
  // they are told of each row (PrepareGrading).
  std::unique_ptr<SqlPatientTimeline> timeline_;  // read by the steps
  std::vector<std::unique_ptr<surveillance::GradingStep>> steps_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_MESSAGE_STORE_H_
