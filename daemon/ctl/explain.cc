#include "ctl/explain.h"

#include <cctype>
#include <cstdio>
#include <set>
#include <vector>

#include "common/time_format.h"

namespace iraed::ctl {
namespace {

std::string Text(const store::Statement& q, int col) {
  return q.ColumnIsNull(col) ? "-" : q.ColumnText(col);
}

// Printable text as is (segments on their own lines), anything else as hex.
std::string ShowRaw(const std::string& raw) {
  bool printable = true;
  for (unsigned char c : raw) {
    if (c < 0x20 && c != '\r' && c != '\n' && c != '\t') printable = false;
  }
  std::string out;
  if (printable) {
    for (char c : raw) {
      if (c == '\r') {
        out += "\n      ";
      } else if (c != '\n') {
        out += c;
      } else {
        out += "\n      ";
      }
    }
    return "      " + out;
  }
  char buf[4];
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i % 32 == 0) out += i == 0 ? "      " : "\n      ";
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(raw[i]));
    out += buf;
  }
  return out + "  (protobuf frame, hex)";
}

}  // namespace

Result<std::string> ExplainAlert(store::Database& db, std::int64_t alert_id) {
  std::string out;
  std::set<std::int64_t> messages;
  std::vector<std::pair<std::string, std::int64_t>> subjects;
  {
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
    out += "Alert " + std::to_string(alert_id) + ": " + q.ColumnText(0) +
           " grade " + q.ColumnText(1) + " (was " + q.ColumnText(2) + ")\n";
    out +=
        "  patient      " + q.ColumnText(11) + " (" + q.ColumnText(10) + ")\n";
    out += "  raised at    " + q.ColumnText(3) + "\n";
    out += "  observed at  " + q.ColumnText(4) + "\n";
    out += "  summary      " + q.ColumnText(5) + "\n";
    out += "  action       " + q.ColumnText(6) + "\n";
    out += "  provisional  " + std::string(q.ColumnInt(7) != 0 ? "yes" : "no") +
           "\n";
    out += "  rule version " + q.ColumnText(8) + "\n";
    messages.insert(q.ColumnInt(9));
    subjects.emplace_back("alerts", alert_id);
  }
  out += "\nFindings behind it:\n";
  {
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
      out += "  Finding " + q.ColumnText(0) + ": " + q.ColumnText(1) +
             " (MedDRA " + Text(q, 2) + "), " + q.ColumnText(3) + " grade " +
             q.ColumnText(4) + " (was " + q.ColumnText(5) + "), observed " +
             q.ColumnText(6) + "\n";
      out += "    rule version " + q.ColumnText(7) +
             (q.ColumnInt(8) != 0 ? ", provisional" : "") + "\n";
      out += "    evidence     " + q.ColumnText(9) + "\n";
      if (!q.ColumnIsNull(11)) {
        std::string value = q.ColumnIsNull(15)
                                ? Text(q, 16)
                                : q.ColumnText(17) + q.ColumnText(15);
        out += "    observation  " + q.ColumnText(11) + ": " +
               q.ColumnText(12) + "|" + q.ColumnText(13) + " " +
               q.ColumnText(14) + " = " + value + " " + q.ColumnText(18) +
               " (" + q.ColumnText(19) + ")\n";
      } else {
        out +=
            "    observation  - (decided by a medication or a "
            "withdrawal)\n";
      }
      out += "    message      " + q.ColumnText(10) + "\n";
      messages.insert(q.ColumnInt(10));
      subjects.emplace_back("findings", q.ColumnInt(0));
    }
  }
  out += "\nSince it was raised (the alert feed):\n";
  {
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
      out += "  Event " + q.ColumnText(0) + " " + q.ColumnText(2) + " " + kind;
      if (kind == "escalated") {
        out += " (escalation " + q.ColumnText(5) + ") to " + Text(q, 3);
      } else if (kind == "acknowledged" || kind == "resolved") {
        out += " by " + Text(q, 3) +
               (q.ColumnIsNull(4) ? "" : ": " + q.ColumnText(4));
      } else if (kind == "superseded") {
        out += " by alert " + Text(q, 6);
      } else if (kind == "suppressed") {
        out +=
            ": a new grade " + Text(q, 9) + " alert held back: " + Text(q, 10);
      } else if (kind == "raised") {
        out += " to " + Text(q, 3) + "; policy " + q.ColumnText(8);
      }
      out += "\n";
      if (!q.ColumnIsNull(7)) messages.insert(q.ColumnInt(7));
      subjects.emplace_back("alert_events", q.ColumnInt(0));
    }
  }
  out += "\nRaw messages:\n";
  {
    ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
        SELECT protocol, peer, source, message_id, received_at_ms, outcome,
               raw FROM messages WHERE id = ?1)sql"));
    for (std::int64_t id : messages) {
      q.Reset();
      q.Bind(1, id);
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) continue;
      out += "  Message " + std::to_string(id) + ": " + q.ColumnText(0) +
             " from " + Text(q, 2) + " (" + q.ColumnText(1) + "), id " +
             Text(q, 3) + ", received " + FormatUtcMillis(q.ColumnInt(4)) +
             ", " + q.ColumnText(5) + "\n";
      out += ShowRaw(q.ColumnText(6)) + "\n";
      subjects.emplace_back("messages", id);
    }
  }
  out += "\nAudit trail entries:\n";
  {
    ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
        SELECT id, kind, recorded_at_ms, entry_sha256 FROM audit_log
        WHERE subject_table = ?1 AND subject_id = ?2)sql"));
    for (const auto& [table, id] : subjects) {
      q.Reset();
      q.Bind(1, std::string_view(table)).Bind(2, id);
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) {
        out += "  " + table + " " + std::to_string(id) + ": NO AUDIT ENTRY\n";
        continue;
      }
      out += "  entry " + q.ColumnText(0) + "  " + q.ColumnText(1) + " " +
             table + " " + std::to_string(id) + "  " +
             FormatUtcMillis(q.ColumnInt(2)) + "  sha256 " + q.ColumnText(3) +
             "\n";
    }
  }
  return out;
}

}  // namespace iraed::ctl
