#include "store/alert_lifecycle.h"

#include <vector>

#include "alerts/alert_state.h"
#include "alerts/escalation_schedule.h"
#include "alerts/event_details.h"
#include "common/json.h"
#include "common/time_format.h"
#include "store/feed_consumers.h"

namespace iraed::store {

struct AlertLifecycle::Statements {
  Statement active;
  Statement insert_alert;
  Statement insert_suppression;
  Statement insert_event;
  Statement insert_status;
  Statement status_of;
  Statement superseded_by;
  Statement set_state;
  Statement due;
  Statement next_due;
  Statement set_escalated;
  Statement newest_event;
  Statement register_consumer;
  Statement upsert_consumer;
  Statement without_status;
};

struct AlertLifecycle::Event {
  std::optional<std::int64_t> alert;  // nullopt: a system event
  std::string_view kind;
  UnixMillis at = 0;
  std::string actor;  // empty: NULL
  std::string note;   // empty: NULL
  std::optional<std::int64_t> escalation;
  std::optional<std::int64_t> related_alert;
  std::optional<std::int64_t> suppression;
  std::optional<std::int64_t> message;
  std::string detail = "{}";
};

namespace {

void BindText(Statement& q, int index, const std::string& v) {
  if (v.empty()) {
    q.BindNull(index);
  } else {
    q.Bind(index, std::string_view(v));
  }
}

}  // namespace

AlertLifecycle::AlertLifecycle(Database& db, AuditLog& audit,
                               alerts::AlertPolicy policy,
                               std::unique_ptr<Statements> st)
    : db_(db), audit_(audit), policy_(std::move(policy)), st_(std::move(st)) {}

AlertLifecycle::~AlertLifecycle() = default;

Result<std::unique_ptr<AlertLifecycle>> AlertLifecycle::Prepare(
    Database& db, AuditLog& audit, alerts::AlertPolicy policy) {
  auto st = std::make_unique<Statements>();
  auto prep = [&db](Statement& into, const char* sql) -> Status {
    ASSIGN_OR_RETURN(into, db.Prepare(sql));
    return Status::Ok();
  };
  RETURN_IF_ERROR(prep(st->active, R"sql(
      SELECT alert, grade, raised_at_ms FROM alert_status
      WHERE patient_id = ?1 AND syndrome = ?2
        AND state IN ('open', 'acknowledged'))sql"));
  RETURN_IF_ERROR(prep(st->insert_alert, R"sql(
      INSERT INTO alerts (patient_id, syndrome, grade, previous_grade,
          raised_at, raised_at_ms, observed_at, summary, action, finding_ids,
          provisional, rule_version, message)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))sql"));
  RETURN_IF_ERROR(prep(st->insert_suppression, R"sql(
      INSERT INTO alert_suppressions (patient_id, syndrome, grade,
          previous_grade, suppressed_at_ms, observed_at, summary, finding_ids,
          rule_version, message, suppressed_by, reason)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql"));
  RETURN_IF_ERROR(prep(st->insert_event, R"sql(
      INSERT INTO alert_events (alert, kind, at, at_ms, actor, note,
          escalation, related_alert, suppression, message, detail)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql"));
  RETURN_IF_ERROR(prep(st->insert_status, R"sql(
      INSERT INTO alert_status (alert, patient_id, syndrome, grade,
          raised_at_ms, state, acknowledge_within_ms, repeat_every_ms,
          max_escalations, route, escalations, next_escalation_ms)
      VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, ?8, ?9, 0, ?10))sql"));
  RETURN_IF_ERROR(prep(st->status_of, R"sql(
      SELECT state FROM alert_status WHERE alert = ?1)sql"));
  RETURN_IF_ERROR(prep(st->superseded_by, R"sql(
      SELECT related_alert FROM alert_events
      WHERE alert = ?1 AND kind = 'superseded' ORDER BY id DESC LIMIT 1)sql"));
  RETURN_IF_ERROR(prep(st->set_state, R"sql(
      UPDATE alert_status SET state = ?2, next_escalation_ms = NULL
      WHERE alert = ?1)sql"));
  RETURN_IF_ERROR(prep(st->due, R"sql(
      SELECT alert, raised_at_ms, acknowledge_within_ms, repeat_every_ms,
             max_escalations, route, escalations
      FROM alert_status
      WHERE next_escalation_ms IS NOT NULL AND next_escalation_ms <= ?1
      ORDER BY next_escalation_ms, alert)sql"));
  RETURN_IF_ERROR(prep(st->next_due, R"sql(
      SELECT min(next_escalation_ms) FROM alert_status
      WHERE next_escalation_ms IS NOT NULL)sql"));
  RETURN_IF_ERROR(prep(st->set_escalated, R"sql(
      UPDATE alert_status SET escalations = ?2, next_escalation_ms = ?3
      WHERE alert = ?1)sql"));
  RETURN_IF_ERROR(prep(st->newest_event, "SELECT max(id) FROM alert_events"));
  RETURN_IF_ERROR(prep(st->register_consumer, R"sql(
      INSERT INTO feed_consumers (name, position, updated_at_ms, message)
      VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING)sql"));
  RETURN_IF_ERROR(prep(st->upsert_consumer, R"sql(
      INSERT INTO feed_consumers (name, position, updated_at_ms, message)
      VALUES (?1, ?2, ?3, ?4)
      ON CONFLICT (name) DO UPDATE SET position = excluded.position,
          updated_at_ms = excluded.updated_at_ms, message = excluded.message
      WHERE excluded.position > feed_consumers.position)sql"));
  RETURN_IF_ERROR(prep(st->without_status, R"sql(
      SELECT a.id, a.patient_id, a.syndrome, a.grade, a.raised_at_ms,
             a.message
      FROM alerts a LEFT JOIN alert_status s ON s.alert = a.id
      WHERE s.alert IS NULL ORDER BY a.id)sql"));
  return std::unique_ptr<AlertLifecycle>(
      new AlertLifecycle(db, audit, std::move(policy), std::move(st)));
}

Result<std::int64_t> AlertLifecycle::InsertEvent(const Event& e) {
  ScopedStatement q(st_->insert_event);
  q->Bind(1, e.alert)
      .Bind(2, e.kind)
      .Bind(3, FormatUtcMillis(e.at))
      .Bind(4, static_cast<std::int64_t>(e.at))
      .Bind(7, e.escalation)
      .Bind(8, e.related_alert)
      .Bind(9, e.suppression)
      .Bind(10, e.message)
      .Bind(11, e.detail);
  BindText(*q, 5, e.actor);
  BindText(*q, 6, e.note);
  RETURN_IF_ERROR(q->Run());
  const std::int64_t id = db_.LastInsertRowId();
  RETURN_IF_ERROR(audit_.AppendRow("alert_" + std::string(e.kind),
                                   "alert_events", id, e.at));
  return id;
}

Status AlertLifecycle::InsertStatus(std::int64_t alert, const AlertCandidate& c,
                                    UnixMillis now,
                                    const alerts::Escalation& e) {
  std::optional<std::int64_t> next;
  if (auto step = alerts::NextEscalation(e, now, 0)) next = step->due_at;
  ScopedStatement q(st_->insert_status);
  q->Bind(1, alert)
      .Bind(2, c.patient_row)
      .Bind(3, c.syndrome)
      .Bind(4, static_cast<std::int64_t>(c.grade))
      .Bind(5, static_cast<std::int64_t>(now))
      .Bind(6, e.acknowledge_within_ms)
      .Bind(7, e.repeat_every_ms)
      .Bind(8, static_cast<std::int64_t>(e.max_escalations))
      .Bind(9, alerts::RouteToText(e.route))
      .Bind(10, next);
  return q->Run();
}

Result<std::vector<alerts::ActiveAlert>> AlertLifecycle::ActiveAlerts(
    std::int64_t patient_row, const std::string& syndrome) {
  std::vector<alerts::ActiveAlert> active;
  {
    ScopedStatement q(st_->active);
    q->Bind(1, patient_row).Bind(2, syndrome);
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      active.push_back({q->ColumnInt(0), static_cast<int>(q->ColumnInt(1)),
                        q->ColumnInt(2)});
    }
  }
  return active;
}

Status AlertLifecycle::RecordSuppression(const AlertCandidate& c,
                                         const alerts::RaiseDecision& d,
                                         UnixMillis now) {
  ScopedStatement q(st_->insert_suppression);
  q->Bind(1, c.patient_row)
      .Bind(2, c.syndrome)
      .Bind(3, static_cast<std::int64_t>(c.grade))
      .Bind(4, static_cast<std::int64_t>(c.previous_grade))
      .Bind(5, static_cast<std::int64_t>(now))
      .Bind(6, FormatUtcMillis(c.observed_at))
      .Bind(7, c.summary)
      .Bind(8, c.finding_ids)
      .Bind(9, c.rule_version)
      .Bind(10, c.message_row)
      .Bind(11, *d.suppressed_by)
      .Bind(12, d.reason);
  RETURN_IF_ERROR(q->Run());
  const std::int64_t suppression = db_.LastInsertRowId();
  RETURN_IF_ERROR(audit_.AppendRow("alert_suppressed", "alert_suppressions",
                                   suppression, now));
  Event e;
  e.alert = *d.suppressed_by;
  e.kind = "suppressed";
  e.at = now;
  e.suppression = suppression;
  e.message = c.message_row;
  e.detail = alerts::DetailText(alerts::SuppressedDetail{c.grade, d.reason});
  RETURN_IF_ERROR(InsertEvent(e).status());
  return Status::Ok();
}

Result<std::optional<std::int64_t>> AlertLifecycle::Raise(
    const AlertCandidate& c, UnixMillis now) {
  ASSIGN_OR_RETURN(std::vector<alerts::ActiveAlert> active,
                   ActiveAlerts(c.patient_row, c.syndrome));
  const alerts::RaiseDecision d =
      alerts::DecideRaise(policy_, c.grade, now, active);
  if (d.suppressed_by) {
    RETURN_IF_ERROR(RecordSuppression(c, d, now));
    return std::optional<std::int64_t>();
  }
  {
    ScopedStatement q(st_->insert_alert);
    q->Bind(1, c.patient_row)
        .Bind(2, c.syndrome)
        .Bind(3, static_cast<std::int64_t>(c.grade))
        .Bind(4, static_cast<std::int64_t>(c.previous_grade))
        .Bind(5, FormatUtcMillis(now))
        .Bind(6, static_cast<std::int64_t>(now))
        .Bind(7, FormatUtcMillis(c.observed_at))
        .Bind(8, c.summary)
        .Bind(9, c.action)
        .Bind(10, c.finding_ids)
        .Bind(11, static_cast<std::int64_t>(c.provisional ? 1 : 0))
        .Bind(12, c.rule_version)
        .Bind(13, c.message_row);
    RETURN_IF_ERROR(q->Run());
  }
  const std::int64_t alert = db_.LastInsertRowId();
  RETURN_IF_ERROR(audit_.AppendRow("alert", "alerts", alert, now));
  const alerts::Escalation& policy =
      policy_.by_grade[static_cast<std::size_t>(c.grade)];
  RETURN_IF_ERROR(InsertStatus(alert, c, now, policy));
  Event raised;
  raised.alert = alert;
  raised.kind = "raised";
  raised.at = now;
  raised.actor = policy.route.empty() ? std::string() : policy.route.front();
  raised.message = c.message_row;
  raised.detail =
      alerts::DetailText(alerts::RaisedDetail{policy, false, std::nullopt});
  RETURN_IF_ERROR(InsertEvent(raised).status());
  for (std::int64_t old : d.supersedes) {
    {
      ScopedStatement q(st_->set_state);
      q->Bind(1, old).Bind(2, "superseded");
      RETURN_IF_ERROR(q->Run());
    }
    Event e;
    e.alert = old;
    e.kind = "superseded";
    e.at = now;
    e.related_alert = alert;
    e.message = c.message_row;
    e.detail = alerts::DetailText(alerts::SupersededDetail{alert, c.grade});
    RETURN_IF_ERROR(InsertEvent(e).status());
  }
  return std::optional<std::int64_t>(alert);
}

Status AlertLifecycle::Apply(const model::AlertAction& a,
                             const std::string& actor, std::int64_t message_row,
                             UnixMillis now) {
  const std::string id = std::to_string(a.alert_id);
  std::string state;
  {
    ScopedStatement q(st_->status_of);
    q->Bind(1, a.alert_id);
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return Status::NotFound("alert " + id + " does not exist");
    state = q->ColumnText(0);
  }
  const std::optional<alerts::AlertState> current =
      alerts::AlertStateFromName(state);
  if (!current) {
    return Status::FailedPrecondition("alert " + id + " has an unknown state");
  }
  const alerts::ActionOutcome outcome = alerts::DecideStaffAction(
      *current, a.kind == model::AlertActionKind::kResolve
                    ? alerts::StaffAction::kResolve
                    : alerts::StaffAction::kAcknowledge);
  if (outcome.refusal == alerts::ActionRefusal::kAlreadyResolved) {
    return Status::FailedPrecondition("alert " + id + " is already resolved");
  }
  if (outcome.refusal == alerts::ActionRefusal::kSuperseded) {
    ScopedStatement q(st_->superseded_by);
    q->Bind(1, a.alert_id);
    ASSIGN_OR_RETURN(bool row, q->Step());
    return Status::FailedPrecondition(
        "alert " + id + " was superseded" +
        (row ? " by alert " + std::to_string(q->ColumnInt(0)) +
                   "; act on that one"
             : std::string()));
  }
  // The event is named after the state it leaves ("acknowledged",
  // "resolved").
  const std::string_view kind = alerts::AlertStateName(outcome.next);
  {
    ScopedStatement q(st_->set_state);
    q->Bind(1, a.alert_id).Bind(2, kind);
    RETURN_IF_ERROR(q->Run());
  }
  Event e;
  e.alert = a.alert_id;
  e.kind = kind;
  e.at = now;
  e.actor = actor.empty() ? a.by : actor;
  e.note = a.note;
  e.message = message_row;
  alerts::ActionDetail detail{std::string(state), std::nullopt};
  if (!actor.empty() && a.by != actor) detail.stated_by = a.by;
  e.detail = alerts::DetailText(detail);
  return InsertEvent(e).status();
}

Status AlertLifecycle::Confirm(const model::FeedConfirmation& c,
                               const std::string& actor,
                               std::int64_t message_row, UnixMillis now) {
  std::int64_t newest = 0;
  {
    ScopedStatement q(st_->newest_event);
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (row && !q->ColumnIsNull(0)) newest = q->ColumnInt(0);
  }
  if (c.through_event > newest) {
    return Status::FailedPrecondition(
        "feed_confirmation.through_event " + std::to_string(c.through_event) +
        " is beyond the newest feed event (" + std::to_string(newest) + ")");
  }
  if (c.register_start) {
    // Only a consumer without a position gets one; the entry lets audit
    // verify recompute it.
    ScopedStatement q(st_->register_consumer);
    q->Bind(1, c.consumer)
        .Bind(2, c.through_event)
        .Bind(3, static_cast<std::int64_t>(now))
        .Bind(4, message_row);
    RETURN_IF_ERROR(q->Run());
    if (db_.Changes() == 0) return Status::Ok();
    alerts::DeliveryDetail detail{c.consumer, c.through_event, message_row,
                                  std::nullopt};
    if (!actor.empty()) detail.actor = actor;
    return audit_.AppendEvent("consumer_registered", alerts::DetailText(detail),
                              now);
  }
  ScopedStatement q(st_->upsert_consumer);
  q->Bind(1, c.consumer)
      .Bind(2, c.through_event)
      .Bind(3, static_cast<std::int64_t>(now))
      .Bind(4, message_row);
  RETURN_IF_ERROR(q->Run());
  alerts::DeliveryDetail detail{c.consumer, c.through_event, message_row,
                                std::nullopt};
  if (!actor.empty()) detail.actor = actor;
  return audit_.AppendEvent("delivery_confirmed", alerts::DetailText(detail),
                            now);
}

Result<AlertLifecycle::FeedHealth> AlertLifecycle::CheckFeedHealth(
    UnixMillis now) {
  FeedHealth health;
  {
    ScopedStatement q(st_->newest_event);
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (row && !q->ColumnIsNull(0)) health.events = q->ColumnInt(0);
  }
  ASSIGN_OR_RETURN(std::vector<ConsumerRow> consumers,
                   ReadConsumerProgress(db_));
  health.consumers = static_cast<std::int64_t>(consumers.size());
  for (ConsumerRow& row : consumers) {
    ConsumerStateChange c;
    c.consumer = std::move(row.name);
    c.progress = row.progress;
    c.max_lag_ms = policy_.MaxLagFor(c.consumer);
    c.change = alerts::DecideConsumerChange(c.progress, now, c.max_lag_ms);
    const bool stalled_after =
        c.change == alerts::ConsumerChange::kStalled ||
        (c.progress.stalled && c.change != alerts::ConsumerChange::kRecovered);
    if (c.max_lag_ms > 0 && !stalled_after) ++health.keeping_up;
    if (c.change == alerts::ConsumerChange::kNone) continue;
    c.lag = alerts::LagOf(c.progress, now);
    health.changes.push_back(std::move(c));
  }
  return health;
}

Status AlertLifecycle::RecordConsumerChanges(
    const std::vector<ConsumerStateChange>& changes, UnixMillis now) {
  for (const ConsumerStateChange& c : changes) {
    const bool stalled = c.change == alerts::ConsumerChange::kStalled;
    Event e;
    e.kind = stalled ? "consumer_stalled" : "consumer_recovered";
    e.at = now;
    e.actor = c.consumer;
    e.detail = alerts::DetailText(alerts::ConsumerLagDetail{
        .consumer = c.consumer,
        .position = c.progress.position,
        .newest_event = c.progress.newest_event,
        .lag_events = c.lag.events,
        .lag_seconds = c.lag.ms / 1000,
        .max_lag_seconds = c.max_lag_ms / 1000,
        .oldest_unconfirmed_at = c.progress.oldest_unconfirmed_at});
    RETURN_IF_ERROR(InsertEvent(e).status());
  }
  return Status::Ok();
}

Result<std::optional<UnixMillis>> AlertLifecycle::NextDueAt() {
  ScopedStatement q(st_->next_due);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row || q->ColumnIsNull(0)) return std::optional<UnixMillis>();
  return std::optional<UnixMillis>(q->ColumnInt(0));
}

Result<int> AlertLifecycle::EscalateDue(UnixMillis now) {
  struct Due {
    std::int64_t alert;
    UnixMillis raised_at;
    alerts::Escalation policy;
    int done;
  };
  std::vector<Due> due;
  {
    ScopedStatement q(st_->due);
    q->Bind(1, static_cast<std::int64_t>(now));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      Due d;
      d.alert = q->ColumnInt(0);
      d.raised_at = q->ColumnInt(1);
      d.policy.acknowledge_within_ms = q->ColumnInt(2);
      d.policy.repeat_every_ms = q->ColumnInt(3);
      d.policy.max_escalations = static_cast<int>(q->ColumnInt(4));
      d.policy.route = alerts::RouteFromText(q->ColumnText(5));
      d.done = static_cast<int>(q->ColumnInt(6));
      due.push_back(std::move(d));
    }
  }
  int written = 0;
  for (const Due& d : due) {
    const alerts::EscalationCatchUp c =
        alerts::CatchUpEscalation(d.policy, d.raised_at, d.done, now);
    if (c.page) {
      Event e;
      e.alert = d.alert;
      e.kind = "escalated";
      e.at = now;
      e.actor = c.page->role;
      e.escalation = c.page->number;
      e.detail = alerts::DetailText(alerts::EscalatedDetail{
          c.page->due_at, "not acknowledged", c.missed});
      RETURN_IF_ERROR(InsertEvent(e).status());
      ++written;
    }
    ScopedStatement q(st_->set_escalated);
    q->Bind(1, d.alert)
        .Bind(2, static_cast<std::int64_t>(c.done))
        .Bind(3, c.next_due);
    RETURN_IF_ERROR(q->Run());
  }
  return written;
}

Status AlertLifecycle::Backfill(UnixMillis now) {
  std::vector<AlertCandidate> missing;
  std::vector<std::pair<std::int64_t, UnixMillis>> ids;
  {
    ScopedStatement q(st_->without_status);
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      AlertCandidate c;
      c.patient_row = q->ColumnInt(1);
      c.syndrome = q->ColumnText(2);
      c.grade = static_cast<int>(q->ColumnInt(3));
      c.message_row = q->ColumnInt(5);
      ids.emplace_back(q->ColumnInt(0), q->ColumnInt(4));
      missing.push_back(std::move(c));
    }
  }
  const alerts::Escalation none;  // raised before escalation existed
  for (std::size_t i = 0; i < missing.size(); ++i) {
    RETURN_IF_ERROR(
        InsertStatus(ids[i].first, missing[i], ids[i].second, none));
    Event e;
    e.alert = ids[i].first;
    e.kind = "raised";
    e.at = now;
    e.message = missing[i].message_row;
    e.detail = alerts::DetailText(
        alerts::RaisedDetail{std::nullopt, true, ids[i].second});
    RETURN_IF_ERROR(InsertEvent(e).status());
  }
  return Status::Ok();
}

}  // namespace iraed::store
