#include "reports/reports.h"

#include <string>

#include "alerts/alert_policy.h"
#include "common/clock.h"
#include "common/time_format.h"
#include "store/feed_consumers.h"
#include "store/message_store.h"

namespace iraed::reports {
namespace {

Cell TextOrNull(const store::Statement& s, int col) {
  return s.ColumnIsNull(col) ? Cell::Null() : Cell::Text(s.ColumnText(col));
}

Cell NumberOrNull(const store::Statement& s, int col) {
  return s.ColumnIsNull(col) ? Cell::Null() : Cell::Number(s.ColumnInt(col));
}

Cell TimeOrNull(const store::Statement& s, int col) {
  return s.ColumnIsNull(col) ? Cell::Null()
                             : Cell::Text(FormatUtcMillis(s.ColumnInt(col)));
}

}  // namespace

Result<Table> MessagesReport(store::Database& db, std::int64_t limit,
                             const MessageFilter& filter) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT id, received_at_ms, protocol, peer, source, message_id,
             body_kind, outcome, reason, raw_size, duplicate_of
      FROM messages
      WHERE (?2 = '' OR outcome = ?2)
        AND (?3 = 0 OR (outcome = 'duplicate' AND
                        substr(reason, 1, length(?4)) = ?4))
        AND (?5 = 0 OR
             id > (SELECT coalesce(max(id), 0) FROM messages) - ?5)
      ORDER BY id DESC LIMIT ?1)sql"));
  q.Bind(1, limit)
      .Bind(2, filter.outcome)
      .Bind(3, static_cast<std::int64_t>(filter.differing ? 1 : 0))
      .Bind(4, std::string_view(store::kDifferingDuplicateReason))
      .Bind(5, filter.newest_window);
  Table t;
  t.columns = {"id",     "received_at", "protocol",    "peer",
               "source", "message_id",  "kind",        "outcome",
               "reason", "raw_size",    "duplicate_of"};
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    t.rows.push_back({Cell::Number(q.ColumnInt(0)), TimeOrNull(q, 1),
                      TextOrNull(q, 2), TextOrNull(q, 3), TextOrNull(q, 4),
                      TextOrNull(q, 5), TextOrNull(q, 6), TextOrNull(q, 7),
                      TextOrNull(q, 8), NumberOrNull(q, 9),
                      NumberOrNull(q, 10)});
  }
  return t;
}

Result<Table> UnmappedReport(store::Database& db, bool all) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT kind, code_system, code, example_text, example_unit, count,
             first_seen_ms, last_seen_ms, first_message, last_message,
             mapped_at_ms
      FROM unmapped_codes
      WHERE ?1 = 1 OR mapped_at_ms IS NULL
      ORDER BY kind, count DESC, code_system, code)sql"));
  q.Bind(1, static_cast<std::int64_t>(all ? 1 : 0));
  Table t;
  t.columns = {"kind",          "code_system",  "code",       "example_text",
               "example_unit",  "count",        "first_seen", "last_seen",
               "first_message", "last_message", "mapped_at"};
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    t.rows.push_back({TextOrNull(q, 0), TextOrNull(q, 1), TextOrNull(q, 2),
                      TextOrNull(q, 3), TextOrNull(q, 4), NumberOrNull(q, 5),
                      TimeOrNull(q, 6), TimeOrNull(q, 7), NumberOrNull(q, 8),
                      NumberOrNull(q, 9), TimeOrNull(q, 10)});
  }
  return t;
}

Result<Table> PatientsReport(store::Database& db, std::int64_t limit) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT p.id, p.assigning_authority, p.identifier, p.id_type, p.status,
             p.merged_into, m.received_at_ms,
             (SELECT count(*) FROM observations o WHERE o.patient = p.id)
      FROM patients p JOIN messages m ON m.id = p.first_message
      ORDER BY p.id DESC LIMIT ?1)sql"));
  q.Bind(1, limit);
  Table t;
  t.columns = {"id",     "assigning_authority", "identifier", "id_type",
               "status", "merged_into",         "first_seen", "observations"};
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    t.rows.push_back({Cell::Number(q.ColumnInt(0)), TextOrNull(q, 1),
                      TextOrNull(q, 2), TextOrNull(q, 3), TextOrNull(q, 4),
                      NumberOrNull(q, 5), TimeOrNull(q, 6),
                      Cell::Number(q.ColumnInt(7))});
  }
  return t;
}

Result<Table> AlertsReport(store::Database& db, std::int64_t limit) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT a.id, a.raised_at, p.assigning_authority, p.identifier,
             a.syndrome, a.grade, a.previous_grade, a.provisional, a.summary,
             a.action, a.finding_ids, s.state, s.escalations,
             (SELECT actor || ' ' || at FROM alert_events e
              WHERE e.alert = a.id AND e.kind IN ('acknowledged', 'resolved')
              ORDER BY e.id DESC LIMIT 1)
      FROM alerts a JOIN patients p ON p.id = a.patient_id
      LEFT JOIN alert_status s ON s.alert = a.id
      ORDER BY a.id DESC LIMIT ?1)sql"));
  q.Bind(1, limit);
  Table t;
  t.columns = {
      "id",          "raised_at",     "assigning_authority", "patient",
      "syndrome",    "grade",         "previous_grade",      "provisional",
      "summary",     "action",        "finding_ids",         "state",
      "escalations", "last_action_by"};
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    t.rows.push_back({Cell::Number(q.ColumnInt(0)), TextOrNull(q, 1),
                      TextOrNull(q, 2), TextOrNull(q, 3), TextOrNull(q, 4),
                      NumberOrNull(q, 5), NumberOrNull(q, 6),
                      NumberOrNull(q, 7), TextOrNull(q, 8), TextOrNull(q, 9),
                      TextOrNull(q, 10), TextOrNull(q, 11), NumberOrNull(q, 12),
                      TextOrNull(q, 13)});
  }
  return t;
}

Result<Table> FindingsReport(store::Database& db, std::int64_t limit) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT f.id, f.observed_at, p.assigning_authority, p.identifier,
             f.term, f.meddra_code, f.grading_system, f.grade,
             f.previous_grade, f.provisional, f.rule_version, f.evidence
      FROM findings f JOIN patients p ON p.id = f.patient_id
      ORDER BY f.id DESC LIMIT ?1)sql"));
  q.Bind(1, limit);
  Table t;
  t.columns = {"id",
               "observed_at",
               "assigning_authority",
               "patient",
               "term",
               "meddra_code",
               "grading_system",
               "grade",
               "previous_grade",
               "provisional",
               "rule_version",
               "evidence"};
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    t.rows.push_back({Cell::Number(q.ColumnInt(0)), TextOrNull(q, 1),
                      TextOrNull(q, 2), TextOrNull(q, 3), TextOrNull(q, 4),
                      TextOrNull(q, 5), TextOrNull(q, 6), NumberOrNull(q, 7),
                      NumberOrNull(q, 8), NumberOrNull(q, 9), TextOrNull(q, 10),
                      TextOrNull(q, 11)});
  }
  return t;
}

namespace {

// Messages by outcome (differing duplicates apart) and data-quality issues
// by name.
Status AddMessageCounts(store::Database& db, Table& t) {
  auto add_int = [&t](std::string name, std::int64_t v) {
    t.rows.push_back({Cell::Text(std::move(name)), Cell::Number(v)});
  };
  for (const char* outcome : {"accepted", "duplicate", "rejected"}) {
    ASSIGN_OR_RETURN(
        store::Statement q,
        db.Prepare("SELECT count(*) FROM messages WHERE outcome = ?1"));
    q.Bind(1, std::string_view(outcome));
    ASSIGN_OR_RETURN(bool row, q.Step());
    add_int(std::string("messages_") + outcome, row ? q.ColumnInt(0) : 0);
  }
  {
    ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
        SELECT count(*) FROM messages WHERE outcome = 'duplicate'
          AND substr(reason, 1, length(?1)) = ?1)sql"));
    q.Bind(1, std::string_view(store::kDifferingDuplicateReason));
    ASSIGN_OR_RETURN(bool row, q.Step());
    add_int("messages_duplicate_differing", row ? q.ColumnInt(0) : 0);
  }
  {
    // Every data-quality issue that occurred, by name.
    ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
        SELECT issue, count(*) FROM data_quality GROUP BY issue
        ORDER BY issue)sql"));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      add_int("data_quality_" + q.ColumnText(0), q.ColumnInt(1));
    }
  }
  return Status::Ok();
}

// Codes iraed could not map, and how often they came.
Status AddUnmappedCounts(store::Database& db, Table& t) {
  auto add_int = [&t](std::string name, std::int64_t v) {
    t.rows.push_back({Cell::Text(std::move(name)), Cell::Number(v)});
  };
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT kind, count(*), coalesce(sum(count), 0) FROM unmapped_codes
      WHERE mapped_at_ms IS NULL GROUP BY kind)sql"));
  std::int64_t drug_codes = 0, drug_uses = 0, obs_codes = 0, obs_uses = 0;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    const bool drug = q.ColumnText(0) == "drug";
    (drug ? drug_codes : obs_codes) = q.ColumnInt(1);
    (drug ? drug_uses : obs_uses) = q.ColumnInt(2);
  }
  add_int("unmapped_drug_codes", drug_codes);
  add_int("unmapped_drug_administrations", drug_uses);
  add_int("unmapped_observation_codes", obs_codes);
  add_int("unmapped_observations", obs_uses);
  return Status::Ok();
}

// The alert feed and how far behind each notifier is, now.
Status AddFeedProgress(store::Database& db, Table& t) {
  auto add_int = [&t](std::string name, std::int64_t v) {
    t.rows.push_back({Cell::Text(std::move(name)), Cell::Number(v)});
  };
  ASSIGN_OR_RETURN(std::int64_t newest,
                   db.QueryInt("SELECT coalesce(max(id), 0) FROM "
                               "alert_events"));
  add_int("feed_events", newest);
  ASSIGN_OR_RETURN(std::vector<store::ConsumerRow> consumers,
                   store::ReadConsumerProgress(db));
  const UnixMillis now = RealClock().NowMillis();
  std::vector<std::vector<Cell>> rows;
  for (const store::ConsumerRow& c : consumers) {
    const alerts::ConsumerLag lag = alerts::LagOf(c.progress, now);
    const std::string name = "consumer." + c.name + ".";
    rows.push_back(
        {Cell::Text(name + "position"), Cell::Number(c.progress.position)});
    rows.push_back({Cell::Text(name + "lag_events"), Cell::Number(lag.events)});
    rows.push_back(
        {Cell::Text(name + "lag_seconds"), Cell::Number(lag.ms / 1000)});
    rows.push_back({Cell::Text(name + "stalled"),
                    Cell::Number(c.progress.stalled ? 1 : 0)});
  }
  const auto count = static_cast<std::int64_t>(consumers.size());
  add_int("feed_consumers", count);
  for (auto& row : rows) t.rows.push_back(std::move(row));
  return Status::Ok();
}

}  // namespace

Result<Table> StatsReport(store::Database& db) {
  Table t;
  t.columns = {"figure", "value"};
  auto add_int = [&t](std::string name, std::int64_t v) {
    t.rows.push_back({Cell::Text(std::move(name)), Cell::Number(v)});
  };
  ASSIGN_OR_RETURN(std::int64_t version, db.QueryInt("PRAGMA user_version"));
  add_int("schema_version", version);
  // Table names are constants of this program, not input.
  for (const char* table :
       {"messages", "patients", "observations", "medication_administrations",
        "therapies", "patient_events", "findings", "alerts", "data_quality"}) {
    ASSIGN_OR_RETURN(std::int64_t n,
                     db.QueryInt(std::string("SELECT count(*) FROM ") + table));
    add_int(std::string(table), n);
  }
  RETURN_IF_ERROR(AddMessageCounts(db, t));
  RETURN_IF_ERROR(AddUnmappedCounts(db, t));
  RETURN_IF_ERROR(AddFeedProgress(db, t));
  ASSIGN_OR_RETURN(
      store::Statement range,
      db.Prepare(
          "SELECT min(received_at_ms), max(received_at_ms) FROM messages"));
  ASSIGN_OR_RETURN(bool row, range.Step());
  if (row) {
    t.rows.push_back({Cell::Text("first_received_at"), TimeOrNull(range, 0)});
    t.rows.push_back({Cell::Text("last_received_at"), TimeOrNull(range, 1)});
  }
  return t;
}

}  // namespace iraed::reports
