// Alert delivery, acknowledgement and escalation on a real SQLite file:
// the feed events, the escalation schedule with an injected clock (times are
// passed to RunEscalations), staff actions and their refusals, supersession,
// re-alert suppression, notifier positions, and the audit trail over all.
#include "store/alert_lifecycle.h"

#include <gtest/gtest.h>

#include "auth/staff_authenticator.h"
#include "ingest/proto_submission.h"
#include "net/staff_gate.h"
#include "support/proto_client.h"
#include "support/store_fixture.h"

namespace iraed::store {
namespace {

namespace pb = ::iraed::v1;
using ::iraed::testing::ObservationEnvelope;

constexpr std::int64_t kMin = 60 * 1000;
constexpr std::int64_t kDose = 1789000000;  // seconds
constexpr UnixMillis kT0 = 1790000000000;   // the first ALT arrives

class AlertLifecycleTest : public ::iraed::testing::StoreTest {
 protected:
  void SetUp() override {
    policy_ = alerts::AlertPolicy::Defaults();
    alerts::Escalation e;
    e.acknowledge_within_ms = 10 * kMin;
    e.repeat_every_ms = 5 * kMin;
    e.max_escalations = 2;
    e.route = {"nurse", "charge nurse", "fellow"};
    for (auto& g : policy_.by_grade) g = e;
    policy_.realert_min_interval_ms = 60 * kMin;
    Reopen();
    FileAt(::iraed::testing::TherapyEnvelope(
               "dose-1", "P1", pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE,
               "nivolumab", kDose),
           kT0 - kMin);
  }

  void Reopen() {
    store_.reset();
    StoreOptions o;
    o.path = dir_.File("iraed.db");
    o.alerting = policy_;
    auto s = MessageStore::Open(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  // Files `env` as received at `at`, in a transaction of its own.
  model::Outcome FileAt(const pb::Envelope& env, UnixMillis at) {
    EXPECT_TRUE(store_->Begin().ok());
    auto outcome = store_->Apply(ingest::BuildProtoSubmission(
        env.SerializeAsString(), "127.0.0.1:5000", at));
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    EXPECT_TRUE(store_->Commit().ok());
    return outcome.ok() ? *outcome : model::Outcome{};
  }

  // An ALT result of `value` U/L (ULN 56) observed at `at`, received then.
  void Alt(const std::string& id, double value, UnixMillis at) {
    pb::Envelope env = ObservationEnvelope(id, "lab", "P1", 1, at / 1000);
    env.mutable_observations()->mutable_observations(0)->set_numeric(value);
    const model::Outcome o = FileAt(env, at);
    ASSERT_EQ(o.disposition, model::Disposition::kAccepted) << o.reason;
  }

  model::Outcome Action(std::int64_t alert, pb::AlertActionKind kind,
                        UnixMillis at, const std::string& note = "") {
    pb::Envelope env;
    env.set_message_id("action-" + std::to_string(++commands_));
    env.set_source("iraectl@test");
    auto* a = env.mutable_alert_action();
    a->set_alert_id(static_cast<std::uint64_t>(alert));
    a->set_kind(kind);
    a->set_by("rn.jones");
    a->set_note(note);
    return FileAt(env, at);
  }

  model::Outcome Confirm(std::int64_t through, UnixMillis at,
                         bool register_start = false) {
    pb::Envelope env;
    env.set_message_id("confirm-" + std::to_string(++commands_));
    env.set_source("notifier");
    env.mutable_feed_confirmation()->set_consumer("pager");
    env.mutable_feed_confirmation()->set_through_event(
        static_cast<std::uint64_t>(through));
    env.mutable_feed_confirmation()->set_register_start(register_start);
    return FileAt(env, at);
  }

  std::int64_t Events(const std::string& where) {
    return Count("SELECT count(*) FROM alert_events WHERE " + where);
  }

  void ExpectAuditIntact() {
    auto v = VerifyAuditLog(store_->db());
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_TRUE(v->ok) << v->problem << " at entry " << v->first_bad_entry;
  }

  alerts::AlertPolicy policy_;
  int commands_ = 0;
};

TEST_F(AlertLifecycleTest, ARaisedAlertIsOnTheFeedWithItsPolicy) {
  Alt("alt-1", 250, kT0);  // 4.5 x ULN: grade 2
  ASSERT_EQ(Count("SELECT count(*) FROM alerts"), 1);
  EXPECT_EQ(Events("kind = 'raised' AND alert = 1 AND actor = 'nurse'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM alert_status WHERE alert = 1 AND "
                  "state = 'open' AND next_escalation_ms = " +
                  std::to_string(kT0 + 10 * kMin)),
            1);
  EXPECT_EQ(Events("detail LIKE '%\"acknowledge_within_ms\":600000%'"), 1);
  ExpectAuditIntact();
}

TEST_F(AlertLifecycleTest, EscalatesOnScheduleToTheNextRole) {
  Alt("alt-1", 250, kT0);
  ASSERT_TRUE(store_->RunEscalations(kT0 + 10 * kMin - 1).ok());
  EXPECT_EQ(Events("kind = 'escalated'"), 0);
  ASSERT_TRUE(store_->RunEscalations(kT0 + 10 * kMin).ok());
  EXPECT_EQ(Events("kind = 'escalated' AND escalation = 1 AND "
                   "actor = 'charge nurse'"),
            1);
  ASSERT_TRUE(store_->RunEscalations(kT0 + 15 * kMin - 1).ok());
  EXPECT_EQ(Events("kind = 'escalated'"), 1);
  ASSERT_TRUE(store_->RunEscalations(kT0 + 15 * kMin).ok());
  EXPECT_EQ(Events("kind = 'escalated' AND escalation = 2 AND "
                   "actor = 'fellow'"),
            1);
  // max_escalations = 2: no third page, however long nobody answers.
  ASSERT_TRUE(store_->RunEscalations(kT0 + 24 * 60 * kMin).ok());
  EXPECT_EQ(Events("kind = 'escalated'"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM alert_status WHERE "
                  "next_escalation_ms IS NULL AND escalations = 2"),
            1);
  ExpectAuditIntact();
}

TEST_F(AlertLifecycleTest, ADaemonThatWasDownPagesOnceAtTheCurrentStep) {
  Alt("alt-1", 250, kT0);
  // Both steps (10 and 15 min) fell due while the daemon was down.
  ASSERT_TRUE(store_->RunEscalations(kT0 + 60 * kMin).ok());
  EXPECT_EQ(Events("kind = 'escalated'"), 1);
  EXPECT_EQ(Events("kind = 'escalated' AND escalation = 2 AND actor = "
                   "'fellow' AND detail LIKE '%\"missed\":1%'"),
            1);
  EXPECT_EQ(Count("SELECT escalations FROM alert_status WHERE alert = 1"), 2);
}

TEST_F(AlertLifecycleTest, AcknowledgementStopsEscalation) {
  Alt("alt-1", 250, kT0);
  const model::Outcome o = Action(1, pb::ALERT_ACTION_KIND_ACKNOWLEDGE,
                                  kT0 + 9 * kMin, "steroids started");
  ASSERT_EQ(o.disposition, model::Disposition::kAccepted) << o.reason;
  EXPECT_EQ(Events("kind = 'acknowledged' AND actor = 'rn.jones' AND "
                   "note = 'steroids started'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alert_status WHERE state = "
                  "'acknowledged' AND next_escalation_ms IS NULL"),
            1);
  ASSERT_TRUE(store_->RunEscalations(kT0 + 24 * 60 * kMin).ok());
  EXPECT_EQ(Events("kind = 'escalated'"), 0);
  ExpectAuditIntact();
}

TEST_F(AlertLifecycleTest, AnAlertKeepsThePolicyInForceWhenRaised) {
  Alt("alt-1", 250, kT0);
  policy_.by_grade[2].acknowledge_within_ms = 1 * kMin;  // config changed
  Reopen();
  ASSERT_TRUE(store_->RunEscalations(kT0 + 9 * kMin).ok());
  EXPECT_EQ(Events("kind = 'escalated'"), 0);
  ASSERT_TRUE(store_->RunEscalations(kT0 + 10 * kMin).ok());
  EXPECT_EQ(Events("kind = 'escalated'"), 1);
}

TEST_F(AlertLifecycleTest, ActionsTheStateDoesNotAllowAreRejectedWithAReason) {
  Alt("alt-1", 250, kT0);
  model::Outcome o = Action(7, pb::ALERT_ACTION_KIND_ACKNOWLEDGE, kT0 + kMin);
  EXPECT_EQ(o.disposition, model::Disposition::kRejected);
  EXPECT_NE(o.reason.find("alert 7 does not exist"), std::string::npos)
      << o.reason;
  o = Action(1, pb::ALERT_ACTION_KIND_RESOLVE, kT0 + 2 * kMin, "normalised");
  EXPECT_EQ(o.disposition, model::Disposition::kAccepted) << o.reason;
  o = Action(1, pb::ALERT_ACTION_KIND_ACKNOWLEDGE, kT0 + 3 * kMin);
  EXPECT_EQ(o.disposition, model::Disposition::kRejected);
  EXPECT_NE(o.reason.find("already resolved"), std::string::npos) << o.reason;
  // Refused commands are kept for audit, and change nothing.
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome = 'rejected' "
                  "AND body_kind = 'alert_action'"),
            2);
  EXPECT_EQ(Events("kind = 'acknowledged'"), 0);
  EXPECT_EQ(Events("kind = 'resolved'"), 1);
  ExpectAuditIntact();
}

TEST_F(AlertLifecycleTest, AHigherGradeSupersedesTheOpenAlert) {
  Alt("alt-1", 250, kT0);              // grade 2: alert 1
  Alt("alt-2", 1000, kT0 + 5 * kMin);  // 17.9 x ULN: grade 3: alert 2
  ASSERT_EQ(Count("SELECT count(*) FROM alerts"), 2);
  EXPECT_EQ(Events("alert = 1 AND kind = 'superseded' AND related_alert = 2"),
            1);
  const model::Outcome o =
      Action(1, pb::ALERT_ACTION_KIND_ACKNOWLEDGE, kT0 + 6 * kMin);
  EXPECT_EQ(o.disposition, model::Disposition::kRejected);
  EXPECT_NE(o.reason.find("superseded by alert 2"), std::string::npos)
      << o.reason;
  // Only the new alert escalates, on its own schedule.
  ASSERT_TRUE(store_->RunEscalations(kT0 + 15 * kMin).ok());
  EXPECT_EQ(Events("kind = 'escalated' AND alert = 1"), 0);
  EXPECT_EQ(Events("kind = 'escalated' AND alert = 2"), 1);
  ExpectAuditIntact();
}

TEST_F(AlertLifecycleTest, AReAlertWithinTheIntervalIsSuppressedAndRecorded) {
  Alt("alt-1", 250, kT0);              // alert 1, grade 2
  Alt("alt-2", 30, kT0 + 10 * kMin);   // back to normal
  Alt("alt-3", 250, kT0 + 59 * kMin);  // grade 2 again, 59 min after
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM alert_suppressions WHERE "
                  "suppressed_by = 1 AND grade = 2"),
            1);
  EXPECT_EQ(Events("alert = 1 AND kind = 'suppressed' AND suppression = 1"), 1);
  Alt("alt-4", 30, kT0 + 70 * kMin);
  Alt("alt-5", 250, kT0 + 120 * kMin);  // past the interval: told again
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 2);
  EXPECT_EQ(Events("alert = 1 AND kind = 'superseded' AND related_alert = 2"),
            1);
  ExpectAuditIntact();
}

TEST_F(AlertLifecycleTest, AResolvedAlertDoesNotSuppressARecurrence) {
  Alt("alt-1", 250, kT0);
  ASSERT_EQ(Action(1, pb::ALERT_ACTION_KIND_RESOLVE, kT0 + kMin).disposition,
            model::Disposition::kAccepted);
  Alt("alt-2", 30, kT0 + 2 * kMin);
  Alt("alt-3", 250, kT0 + 3 * kMin);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM alert_suppressions"), 0);
}

TEST_F(AlertLifecycleTest, ConsumerPositionsOnlyMoveForwardWithinTheFeed) {
  Alt("alt-1", 250, kT0);  // feed event 1
  model::Outcome o = Confirm(2, kT0 + kMin);
  EXPECT_EQ(o.disposition, model::Disposition::kRejected);
  EXPECT_NE(o.reason.find("beyond the newest feed event (1)"),
            std::string::npos)
      << o.reason;
  EXPECT_EQ(Count("SELECT count(*) FROM feed_consumers"), 0);
  o = Confirm(1, kT0 + 2 * kMin);
  EXPECT_EQ(o.disposition, model::Disposition::kAccepted) << o.reason;
  ASSERT_TRUE(store_->RunEscalations(kT0 + 10 * kMin).ok());  // event 2
  ASSERT_TRUE(store_->RunEscalations(kT0 + 15 * kMin).ok());  // event 3
  EXPECT_EQ(Confirm(3, kT0 + 16 * kMin).disposition,
            model::Disposition::kAccepted);
  EXPECT_EQ(Confirm(2, kT0 + 17 * kMin).disposition,
            model::Disposition::kAccepted);  // behind: accepted, no change
  EXPECT_EQ(Count("SELECT position FROM feed_consumers WHERE name = 'pager'"),
            3);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE "
                  "kind = 'delivery_confirmed'"),
            3);
  ExpectAuditIntact();
}

// Paging that has stopped pages someone: a consumer whose oldest
// unconfirmed event waited longer than its maximum lag (5 min by default)
// gets one consumer_stalled system event, and consumer_recovered once it
// has caught up; both audited.
TEST_F(AlertLifecycleTest, AStalledConsumerIsOnTheFeedUntilItCatchesUp) {
  Alt("alt-1", 250, kT0);                        // event 1
  ASSERT_EQ(Confirm(1, kT0 + kMin).disposition,  // pager at 1
            model::Disposition::kAccepted);
  ASSERT_TRUE(store_->RunEscalations(kT0 + 10 * kMin).ok());  // event 2
  // Event 2 (at +10 min) is unconfirmed: stalled only after +15 min.
  ASSERT_TRUE(store_->RunFeedHealth(kT0 + 15 * kMin).ok());
  EXPECT_EQ(Events("kind = 'consumer_stalled'"), 0);
  ASSERT_TRUE(store_->RunFeedHealth(kT0 + 15 * kMin + 1).ok());
  EXPECT_EQ(Events("kind = 'consumer_stalled' AND alert IS NULL AND "
                   "actor = 'pager' AND id = 3 AND "
                   "json_extract(detail, '$.lag_events') = 1 AND "
                   "json_extract(detail, '$.lag_seconds') = 300 AND "
                   "json_extract(detail, '$.max_lag_seconds') = 300"),
            1);
  // Recorded once, not every second.
  ASSERT_TRUE(store_->RunFeedHealth(kT0 + 30 * kMin).ok());
  EXPECT_EQ(Events("kind = 'consumer_stalled'"), 1);
  // Confirming event 2 is progress: the stall event itself (at +15 min)
  // waits, but only since the consumer moved, so it has recovered.
  ASSERT_EQ(Confirm(2, kT0 + 31 * kMin).disposition,
            model::Disposition::kAccepted);
  ASSERT_TRUE(store_->RunFeedHealth(kT0 + 31 * kMin).ok());
  EXPECT_EQ(Events("kind = 'consumer_recovered' AND alert IS NULL AND "
                   "actor = 'pager' AND json_extract(detail, "
                   "'$.lag_events') = 1"),
            1);
  ASSERT_EQ(Confirm(3, kT0 + 32 * kMin).disposition,
            model::Disposition::kAccepted);
  ASSERT_TRUE(store_->RunFeedHealth(kT0 + 32 * kMin).ok());
  EXPECT_EQ(Events("kind IN ('consumer_recovered', 'consumer_stalled')"), 2);
  // Left alone again, it stalls again once it has kept the recovered
  // event (at +31 min) waiting for longer than 5 min since its last move.
  ASSERT_TRUE(store_->RunFeedHealth(kT0 + 37 * kMin).ok());
  EXPECT_EQ(Events("kind = 'consumer_stalled'"), 1);
  ASSERT_TRUE(store_->RunFeedHealth(kT0 + 37 * kMin + 1).ok());
  EXPECT_EQ(Events("kind = 'consumer_stalled'"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE kind IN "
                  "('alert_consumer_stalled', 'alert_consumer_recovered')"),
            3);
  ExpectAuditIntact();
}

TEST_F(AlertLifecycleTest, AConsumerWithoutAMaximumLagIsNeverStalled) {
  policy_.consumer_max_lag_by_name["pager"] = 0;
  Reopen();
  Alt("alt-1", 250, kT0);
  ASSERT_EQ(Confirm(1, kT0 + kMin).disposition, model::Disposition::kAccepted);
  ASSERT_TRUE(store_->RunEscalations(kT0 + 10 * kMin).ok());
  ASSERT_TRUE(store_->RunFeedHealth(kT0 + 24 * 60 * kMin).ok());
  EXPECT_EQ(Events("alert IS NULL"), 0);
}

// A start position is stored for a new consumer only (0 on an empty feed),
// audited so that verify recomputes it; it never moves a stored position.
TEST_F(AlertLifecycleTest, AStartPositionIsStoredOnceForANewConsumer) {
  EXPECT_EQ(Confirm(0, kT0, true).disposition, model::Disposition::kAccepted);
  EXPECT_EQ(Count("SELECT position FROM feed_consumers WHERE name='pager'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE "
                  "kind = 'consumer_registered'"),
            1);
  Alt("alt-1", 250, kT0 + kMin);  // event 1
  // Registering again (at the newest event) changes nothing.
  EXPECT_EQ(Confirm(1, kT0 + 2 * kMin, true).disposition,
            model::Disposition::kAccepted);
  EXPECT_EQ(Count("SELECT position FROM feed_consumers WHERE name='pager'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE "
                  "kind = 'consumer_registered'"),
            1);
  ExpectAuditIntact();
  // Beyond the newest event: refused like a confirmation.
  EXPECT_EQ(Confirm(9, kT0 + 3 * kMin, true).disposition,
            model::Disposition::kRejected);
  ASSERT_EQ(Confirm(1, kT0 + 4 * kMin).disposition,
            model::Disposition::kAccepted);
  EXPECT_EQ(Count("SELECT position FROM feed_consumers WHERE name='pager'"), 1);
  ExpectAuditIntact();
}

TEST_F(AlertLifecycleTest, AnEditedFeedEventBreaksTheAuditTrail) {
  Alt("alt-1", 250, kT0);
  ASSERT_EQ(
      Action(1, pb::ALERT_ACTION_KIND_ACKNOWLEDGE, kT0 + kMin).disposition,
      model::Disposition::kAccepted);
  ASSERT_TRUE(store_->db()
                  .Exec("UPDATE alert_events SET actor = 'someone else' "
                        "WHERE kind = 'acknowledged'")
                  .ok());
  auto v = VerifyAuditLog(store_->db());
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->ok);
  EXPECT_NE(v->problem.find("alert_events row 2 was altered"),
            std::string::npos)
      << v->problem;
}

// The projections are checked against the audited rows they come from:
// silencing an escalation or skipping a notifier's events by editing them is
// found.
TEST_F(AlertLifecycleTest, EditedProjectionsAreFound) {
  Alt("alt-1", 250, kT0);
  ASSERT_EQ(Confirm(1, kT0 + kMin).disposition, model::Disposition::kAccepted);
  ExpectAuditIntact();
  struct Case {
    const char* edit;
    const char* undo;
    const char* expect;
  };
  for (const Case& k : {
           Case{"UPDATE alert_status SET state = 'acknowledged', "
                "next_escalation_ms = NULL",
                "UPDATE alert_status SET state = 'open', "
                "next_escalation_ms = 1790000600000",
                "is not the one its feed events give"},
           Case{"UPDATE alert_status SET next_escalation_ms = NULL",
                "UPDATE alert_status SET next_escalation_ms = 1790000600000",
                "next escalation time"},
           Case{"UPDATE alert_status SET acknowledge_within_ms = 1, "
                "next_escalation_ms = 1790000000001",
                "UPDATE alert_status SET acknowledge_within_ms = 600000, "
                "next_escalation_ms = 1790000600000",
                "escalation policy"},
           Case{"UPDATE feed_consumers SET position = 0",
                "UPDATE feed_consumers SET position = 1",
                "feed position of consumer 'pager'"},
           Case{"DELETE FROM alert_status", "", "has no status"},
       }) {
    ASSERT_TRUE(store_->db().Exec(k.edit).ok()) << k.edit;
    auto v = VerifyAuditLog(store_->db());
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->ok) << k.edit;
    EXPECT_NE(v->problem.find(k.expect), std::string::npos)
        << k.edit << " -> " << v->problem;
    if (*k.undo) {
      ASSERT_TRUE(store_->db().Exec(k.undo).ok()) << k.undo;
      ExpectAuditIntact();
    }
  }
}

// Staff identity (issue 12): what the listener decided reaches the feed
// and the audit trail; the credential never reaches the database.
TEST_F(AlertLifecycleTest, TheAuthenticatedActorIsRecordedAndRefusalsKept) {
  auth::AuthSettings settings;
  settings.tokens_file = dir_.File("tokens");
  const std::string nurse = *auth::NewTokenText();
  const std::string pager = *auth::NewTokenText();
  ASSERT_TRUE(auth::WriteTokensFile(
                  settings.tokens_file,
                  {{"charge.nurse", *auth::ParseRoles("staff"),
                    auth::TokenSha256(nurse), "2026-12-03T08:00:00Z"},
                   {"pager", *auth::ParseRoles("notifier:pager"),
                    auth::TokenSha256(pager), "2026-12-03T08:00:00Z"}})
                  .ok());
  auth::StaffAuthenticator authenticator(settings, /*required=*/true);
  auto file = [&](pb::Envelope env, const std::string& token, UnixMillis at) {
    env.set_auth_token(token);
    model::Submission s = ingest::BuildProtoSubmission(env.SerializeAsString(),
                                                       "127.0.0.1:5000", at);
    net::GateStaffAction(&authenticator, "", s);
    EXPECT_TRUE(s.auth_token.empty());
    EXPECT_TRUE(store_->Begin().ok());
    auto outcome = store_->Apply(s);
    EXPECT_TRUE(store_->Commit().ok());
    return outcome.ok() ? *outcome : model::Outcome{};
  };
  auto action = [&](const std::string& id) {
    pb::Envelope env;
    env.set_message_id(id);
    env.set_source("iraectl@test");
    auto* a = env.mutable_alert_action();
    a->set_alert_id(1);
    a->set_kind(pb::ALERT_ACTION_KIND_ACKNOWLEDGE);
    a->set_by("rn.jones");
    return env;
  };
  Alt("alt-1", 250, kT0);

  // Without a credential: refused, kept, nothing changes.
  model::Outcome o = file(action("a-1"), "", kT0 + kMin);
  EXPECT_EQ(o.disposition, model::Disposition::kRejected);
  EXPECT_TRUE(o.reason.starts_with(auth::kUnauthenticated)) << o.reason;
  // A notifier's token may not acknowledge.
  o = file(action("a-2"), pager, kT0 + 2 * kMin);
  EXPECT_EQ(o.disposition, model::Disposition::kRejected);
  EXPECT_TRUE(o.reason.starts_with(auth::kUnauthorised)) << o.reason;
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome = 'rejected' "
                  "AND body_kind = 'alert_action' AND reason LIKE 'una%'"),
            2);
  EXPECT_EQ(Events("kind = 'acknowledged'"), 0);

  // A staff token: the token's name is the actor; the stated name is kept.
  o = file(action("a-3"), nurse, kT0 + 3 * kMin);
  ASSERT_EQ(o.disposition, model::Disposition::kAccepted) << o.reason;
  EXPECT_EQ(Events("kind = 'acknowledged' AND actor = 'token:charge.nurse' "
                   "AND json_extract(detail, '$.stated_by') = 'rn.jones'"),
            1);
  // The feed confirmation names its actor in the audit entry.
  pb::Envelope confirm;
  confirm.set_message_id("c-1");
  confirm.set_source("notifier");
  confirm.mutable_feed_confirmation()->set_consumer("pager");
  confirm.mutable_feed_confirmation()->set_through_event(1);
  o = file(confirm, pager, kT0 + 4 * kMin);
  ASSERT_EQ(o.disposition, model::Disposition::kAccepted) << o.reason;
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE kind = "
                  "'delivery_confirmed' AND json_extract(detail, '$.actor') "
                  "= 'token:pager'"),
            1);
  // No token text in any stored message.
  for (const std::string& token : {nurse, pager}) {
    EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE instr(raw, '" +
                    token.substr(6) + "') > 0"),
              0);
  }
  ExpectAuditIntact();
}

}  // namespace
}  // namespace iraed::store
