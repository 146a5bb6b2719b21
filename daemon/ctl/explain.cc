#include "ctl/explain.h"

#include <cctype>
#include <set>
#include <vector>

#include "common/raw_text.h"
#include "common/time_format.h"

namespace iraed::ctl {
namespace {

std::string Text(const store::Statement& q, int col) {
  return q.ColumnIsNull(col) ? "-" : q.ColumnText(col);
}

// Printable text as is (segments on their own lines), anything else as hex.
std::string ShowRaw(const std::string& raw) {
  const RawLines shown = RawMessageLines(raw);
  std::string out;
  for (const std::string& line : shown.lines) {
    out += (out.empty() ? "      " : "\n      ") + line;
  }
  if (out.empty()) out = "      ";
  return shown.hex ? out + "  (protobuf frame, hex)" : out;
}

}  // namespace

namespace {

// The text being built, and the rows shown so far (their messages and
// audit entries are listed at the end).
struct Explanation {
  std::string out;
  std::set<std::int64_t> messages;
  std::vector<std::pair<std::string, std::int64_t>> subjects;
};

// "Alert N: ..." and its fields.
Status ExplainHeader(store::Database& db, std::int64_t alert_id,
                     Explanation& e) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT a.syndrome, a.grade, a.previous_grade, a.raised_at,
             a.observed_at, a.summary, a.action, a.provisional,
             a.rule_version, a.message, p.assigning_authority, p.identifier
      FROM alerts a JOIN patients p ON p.id = a.patient_id
      WHERE a.id = ?1)sql"));
  q.Bind(1, alert_id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) {
    return Status::NotFound("no alert " + std::to_string(alert_id));
  }
  e.out += "Alert " + std::to_string(alert_id) + ": " + q.ColumnText(0) +
           " grade " + q.ColumnText(1) + " (was " + q.ColumnText(2) + ")\n";
  e.out +=
      "  patient      " + q.ColumnText(11) + " (" + q.ColumnText(10) + ")\n";
  e.out += "  raised at    " + q.ColumnText(3) + "\n";
  e.out += "  observed at  " + q.ColumnText(4) + "\n";
  e.out += "  summary      " + q.ColumnText(5) + "\n";
  e.out += "  action       " + q.ColumnText(6) + "\n";
  e.out += "  provisional  " + std::string(q.ColumnInt(7) != 0 ? "yes" : "no") +
           "\n";
  e.out += "  rule version " + q.ColumnText(8) + "\n";
  e.messages.insert(q.ColumnInt(9));
  e.subjects.emplace_back("alerts", alert_id);
  return Status::Ok();
}

// The findings the alert rolled up, with the observation behind each.
Status ExplainFindings(store::Database& db, std::int64_t alert_id,
                       Explanation& e) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT f.id, f.term, f.meddra_code, f.grading_system, f.grade,
             f.previous_grade, f.observed_at, f.rule_version,
             f.provisional, f.evidence, f.message, f.observation,
             o.code_system, o.code, o.code_display, o.value_numeric,
             o.value_text, o.comparator, o.unit, o.status
      FROM alert_findings af JOIN findings f ON f.id = af.finding
      LEFT JOIN observations o ON o.id = f.observation
      WHERE af.alert = ?1 ORDER BY f.id)sql"));
  q.Bind(1, alert_id);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    e.out += "  Finding " + q.ColumnText(0) + ": " + q.ColumnText(1) +
             " (MedDRA " + Text(q, 2) + "), " + q.ColumnText(3) + " grade " +
             q.ColumnText(4) + " (was " + q.ColumnText(5) + "), observed " +
             q.ColumnText(6) + "\n";
    e.out += "    rule version " + q.ColumnText(7) +
             (q.ColumnInt(8) != 0 ? ", provisional" : "") + "\n";
    e.out += "    evidence     " + q.ColumnText(9) + "\n";
    if (!q.ColumnIsNull(11)) {
      std::string value = q.ColumnIsNull(15)
                              ? Text(q, 16)
                              : q.ColumnText(17) + q.ColumnText(15);
      e.out += "    observation  " + q.ColumnText(11) + ": " +
               q.ColumnText(12) + "|" + q.ColumnText(13) + " " +
               q.ColumnText(14) + " = " + value + " " + q.ColumnText(18) +
               " (" + q.ColumnText(19) + ")\n";
    } else {
      e.out +=
          "    observation  - (decided by a medication or a "
          "withdrawal)\n";
    }
    e.out += "    message      " + q.ColumnText(10) + "\n";
    e.messages.insert(q.ColumnInt(10));
    e.subjects.emplace_back("findings", q.ColumnInt(0));
  }
  return Status::Ok();
}

// The alert feed since it was raised.
Status ExplainEvents(store::Database& db, std::int64_t alert_id,
                     Explanation& e) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT e.id, e.kind, e.at, e.actor, e.note, e.escalation,
             e.related_alert, e.message, e.detail, s.grade, s.reason
      FROM alert_events e
      LEFT JOIN alert_suppressions s ON s.id = e.suppression
      WHERE e.alert = ?1 ORDER BY e.id)sql"));
  q.Bind(1, alert_id);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    const std::string kind = q.ColumnText(1);
    e.out += "  Event " + q.ColumnText(0) + " " + q.ColumnText(2) + " " + kind;
    if (kind == "escalated") {
      e.out += " (escalation " + q.ColumnText(5) + ") to " + Text(q, 3);
    } else if (kind == "acknowledged" || kind == "resolved") {
      e.out += " by " + Text(q, 3) +
               (q.ColumnIsNull(4) ? "" : ": " + q.ColumnText(4));
    } else if (kind == "superseded") {
      e.out += " by alert " + Text(q, 6);
    } else if (kind == "suppressed") {
      e.out +=
          ": a new grade " + Text(q, 9) + " alert held back: " + Text(q, 10);
    } else if (kind == "raised") {
      e.out += " to " + Text(q, 3) + "; policy " + q.ColumnText(8);
    }
    e.out += "\n";
    if (!q.ColumnIsNull(7)) e.messages.insert(q.ColumnInt(7));
    e.subjects.emplace_back("alert_events", q.ColumnInt(0));
  }
  return Status::Ok();
}

// The raw messages behind the alert, its findings and its events.
Status ExplainMessages(store::Database& db, Explanation& e) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT protocol, peer, source, message_id, received_at_ms, outcome,
             raw FROM messages WHERE id = ?1)sql"));
  for (std::int64_t id : e.messages) {
    q.Reset();
    q.Bind(1, id);
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) continue;
    e.out += "  Message " + std::to_string(id) + ": " + q.ColumnText(0) +
             " from " + Text(q, 2) + " (" + q.ColumnText(1) + "), id " +
             Text(q, 3) + ", received " + FormatUtcMillis(q.ColumnInt(4)) +
             ", " + q.ColumnText(5) + "\n";
    e.out += ShowRaw(q.ColumnText(6)) + "\n";
    e.subjects.emplace_back("messages", id);
  }
  return Status::Ok();
}

// The audit entry of every row shown (or that it has none).
Status ExplainAuditEntries(store::Database& db, Explanation& e) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT id, kind, recorded_at_ms, entry_sha256 FROM audit_log
      WHERE subject_table = ?1 AND subject_id = ?2)sql"));
  for (const auto& [table, id] : e.subjects) {
    q.Reset();
    q.Bind(1, std::string_view(table)).Bind(2, id);
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) {
      e.out += "  " + table + " " + std::to_string(id) + ": NO AUDIT ENTRY\n";
      continue;
    }
    e.out += "  entry " + q.ColumnText(0) + "  " + q.ColumnText(1) + " " +
             table + " " + std::to_string(id) + "  " +
             FormatUtcMillis(q.ColumnInt(2)) + "  sha256 " + q.ColumnText(3) +
             "\n";
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> ExplainAlert(store::Database& db, std::int64_t alert_id) {
  Explanation e;
  RETURN_IF_ERROR(ExplainHeader(db, alert_id, e));
  e.out += "\nFindings behind it:\n";
  RETURN_IF_ERROR(ExplainFindings(db, alert_id, e));
  e.out += "\nSince it was raised (the alert feed):\n";
  RETURN_IF_ERROR(ExplainEvents(db, alert_id, e));
  e.out += "\nRaw messages:\n";
  RETURN_IF_ERROR(ExplainMessages(db, e));
  e.out += "\nAudit trail entries:\n";
  RETURN_IF_ERROR(ExplainAuditEntries(db, e));
  return e.out;
}

}  // namespace iraed::ctl
