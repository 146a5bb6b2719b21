// File: store/alert_lifecycle.h
//
// Everything that happens to an alert after the grading decided to raise it
// (issue 5), written inside the store thread's transactions:
//   - raise or suppress (alerts::DecideRaise): a raised alert gets its
//     'raised' feed event, the escalation policy in force (kept with it),
//     and supersedes the patient's older active alerts of the syndrome; a
//     suppressed one is recorded in alert_suppressions with a 'suppressed'
//     event on the alert that covers it;
//   - staff actions (acknowledge, resolve) from AlertAction messages;
//   - notifier positions from FeedConfirmation messages;
//   - escalations due at a given time;
//   - the health of paging itself: a consumer (notifier) that leaves feed
//     events unconfirmed longer than its maximum lag gets a
//     'consumer_stalled' system event on the feed (alert NULL, actor = the
//     consumer), so that another notifier can page someone, and a
//     'consumer_recovered' one once it has caught up.
// Every row written gets its audit entry. Refused actions return
// kNotFound or kFailedPrecondition with the reason for the sender; the
// caller files the message as rejected.
#ifndef IRAED_STORE_ALERT_LIFECYCLE_H_
#define IRAED_STORE_ALERT_LIFECYCLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "alerts/alert_policy.h"
#include "common/clock.h"
#include "common/status.h"
#include "model/message.h"
#include "store/audit_log.h"
#include "store/sqlite_db.h"

namespace iraed::store {

// An alert the grading wants raised, before the raise-or-suppress decision.
struct AlertCandidate {
  std::int64_t patient_row = 0;
  std::string syndrome;
  int grade = 0;
  int previous_grade = 0;
  UnixMillis observed_at = 0;
  std::string summary;
  std::string action;
  std::string finding_ids;  // JSON array
  bool provisional = false;
  std::string rule_version;
  std::int64_t message_row = 0;
};

class AlertLifecycle {
 public:
  // `db` and `audit` must outlive the lifecycle.
  static Result<std::unique_ptr<AlertLifecycle>> Prepare(
      Database& db, AuditLog& audit, alerts::AlertPolicy policy);
  ~AlertLifecycle();

  // Raises `c` at `now` (returns the alerts.id), or records it as
  // suppressed (returns nullopt).
  Result<std::optional<std::int64_t>> Raise(const AlertCandidate& c,
                                            UnixMillis now);

  // Applies a staff action received in message `message_row` at `now`.
  // `actor`: the authenticated sender (model::Submission::actor); it is the
  // event's actor, and a different stated `by` is kept in the event's
  // detail as stated_by. "": the stated `by` is the actor.
  Status Apply(const model::AlertAction& a, const std::string& actor,
               std::int64_t message_row, UnixMillis now);
  // Moves a consumer's confirmed feed position forward; `actor` (when not
  // "") is named in the audit entry.
  Status Confirm(const model::FeedConfirmation& c, const std::string& actor,
                 std::int64_t message_row, UnixMillis now);

  // When the next escalation falls due; nullopt when none is scheduled.
  Result<std::optional<UnixMillis>> NextDueAt();

  // Writes the escalations due at or before `now`, one event per alert: the
  // latest step due (steps missed while the daemon was down are counted in
  // its detail as "missed", not paged one by one). Returns how many.
  Result<int> EscalateDue(UnixMillis now);

  // A consumer whose stalled state changes at `now`, with its lag.
  struct ConsumerStateChange {
    std::string consumer;
    alerts::ConsumerChange change = alerts::ConsumerChange::kNone;
    alerts::ConsumerProgress progress;
    alerts::ConsumerLag lag;
    std::int64_t max_lag_ms = 0;
  };
  struct FeedHealth {
    std::vector<ConsumerStateChange> changes;  // only consumers that change
    std::int64_t consumers = 0;                // feed_consumers rows
    // Consumers that page (a maximum lag, not exempt) and are not stalled
    // after `changes`: none means nobody is being paged.
    std::int64_t keeping_up = 0;
    std::int64_t events = 0;  // feed events so far
  };
  // Reads every consumer's progress and decides (alerts::
  // DecideConsumerChange) which becomes stalled or recovered at `now`.
  // Read-only: no write lock.
  Result<FeedHealth> CheckFeedHealth(UnixMillis now);
  // Records the changes CheckFeedHealth found as system events.
  Status RecordConsumerChanges(const std::vector<ConsumerStateChange>& changes,
                               UnixMillis now);

  // Gives alerts raised before the feed existed (schema < 6) their status
  // and 'raised' event, without escalation. Idempotent.
  Status Backfill(UnixMillis now);

 private:
  struct Statements;
  struct Event;
  // The patient's open, acknowledged or escalated alerts of `syndrome`.
  Result<std::vector<alerts::ActiveAlert>> ActiveAlerts(
      std::int64_t patient_row, const std::string& syndrome);
  // A re-alert kept off the pager: its alert_suppressions row, audit entry
  // and "suppressed" event on the alert that suppressed it.
  Status RecordSuppression(const AlertCandidate& c,
                           const alerts::RaiseDecision& d, UnixMillis now);
  AlertLifecycle(Database& db, AuditLog& audit, alerts::AlertPolicy policy,
                 std::unique_ptr<Statements> st);
  Result<std::int64_t> InsertEvent(const Event& e);
  Status InsertStatus(std::int64_t alert, const AlertCandidate& c,
                      UnixMillis now, const alerts::Escalation& e);

  Database& db_;
  AuditLog& audit_;
  const alerts::AlertPolicy policy_;
  std::unique_ptr<Statements> st_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_ALERT_LIFECYCLE_H_
