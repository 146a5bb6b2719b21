#include "console/alert_detail.h"

#include <set>

#include "common/json.h"
#include "common/raw_text.h"
#include "console/html.h"
#include "http/form.h"

namespace iraed::console {
namespace {

constexpr std::string_view kAlertSql = R"sql(
    SELECT a.syndrome, a.grade, a.previous_grade, a.raised_at_ms,
           a.observed_at, a.summary, a.action, a.provisional, a.rule_version,
           a.message, p.assigning_authority, p.identifier,
           coalesce(s.state, 'open'), coalesce(s.escalations, 0),
           coalesce(p.name, ''), coalesce(p.ward, ''), coalesce(p.bed, '')
    FROM alerts a JOIN patients p ON p.id = a.patient_id
    LEFT JOIN alert_status s ON s.alert = a.id
    WHERE a.id = ?1)sql";

constexpr std::string_view kEventsSql = R"sql(
    SELECT kind, at_ms, coalesce(actor, ''), coalesce(note, ''), escalation,
           message
    FROM alert_events WHERE alert = ?1 ORDER BY id)sql";

constexpr std::string_view kFindingsSql = R"sql(
    SELECT f.id, f.term, f.grading_system, f.grade, f.previous_grade,
           f.observed_at, f.rule_version, f.provisional, f.evidence,
           f.message, o.code_system, o.code, o.code_display,
           o.value_numeric, o.value_text, o.comparator, o.unit, o.status,
           o.id
    FROM alert_findings af JOIN findings f ON f.id = af.finding
    LEFT JOIN observations o ON o.id = f.observation
    WHERE af.alert = ?1 ORDER BY f.id)sql";

constexpr std::string_view kMessageSql = R"sql(
    SELECT protocol, coalesce(source, ''), coalesce(message_id, ''),
           received_at_ms, raw
    FROM messages WHERE id = ?1)sql";

std::string Column(const store::Statement& q, int col) {
  return q.ColumnIsNull(col) ? std::string() : q.ColumnText(col);
}

std::string ObservationText(const store::Statement& q) {
  if (q.ColumnIsNull(18)) return "";
  const std::string value =
      q.ColumnIsNull(13) ? Column(q, 14) : Column(q, 15) + Column(q, 13);
  std::string text = Column(q, 10) + "|" + Column(q, 11);
  if (!Column(q, 12).empty()) text += " " + Column(q, 12);
  text += " = " + value;
  if (!Column(q, 16).empty()) text += " " + Column(q, 16);
  if (!Column(q, 17).empty()) text += " (" + Column(q, 17) + ")";
  return text;
}

Status ReadEvents(store::Database& db, AlertDetail& a,
                  std::set<std::int64_t>& messages) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(kEventsSql));
  q.Bind(1, a.id);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return Status::Ok();
    AlertEventRow e{q.ColumnText(0), q.ColumnInt(1), q.ColumnText(2),
                    q.ColumnText(3), std::nullopt};
    if (!q.ColumnIsNull(4)) e.escalation = q.ColumnInt(4);
    if (!q.ColumnIsNull(5)) messages.insert(q.ColumnInt(5));
    a.events.push_back(std::move(e));
  }
}

Status ReadFindings(store::Database& db, AlertDetail& a,
                    std::set<std::int64_t>& messages) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(kFindingsSql));
  q.Bind(1, a.id);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return Status::Ok();
    FindingRow f;
    f.id = q.ColumnInt(0);
    f.term = q.ColumnText(1);
    f.grading_system = q.ColumnText(2);
    f.grade = static_cast<int>(q.ColumnInt(3));
    f.previous_grade = static_cast<int>(q.ColumnInt(4));
    f.observed_at = q.ColumnText(5);
    f.rule_version = q.ColumnText(6);
    f.provisional = q.ColumnInt(7) != 0;
    f.evidence = q.ColumnText(8);
    f.message = q.ColumnInt(9);
    f.observation = ObservationText(q);
    messages.insert(f.message);
    a.findings.push_back(std::move(f));
  }
}

Status ReadMessages(store::Database& db, const std::set<std::int64_t>& ids,
                    AlertDetail& a) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(kMessageSql));
  for (const std::int64_t id : ids) {
    q.Reset();
    q.Bind(1, id);
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) continue;
    a.messages.push_back(RawMessage{id, q.ColumnText(0), q.ColumnText(1),
                                    q.ColumnText(2), q.ColumnInt(3),
                                    q.ColumnText(4)});
  }
  return Status::Ok();
}

std::string Words(std::string key) {
  for (char& c : key) {
    if (c == '_') c = ' ';
  }
  return key;
}

void EvidenceHtml(const Json& j, std::string& out) {
  if (j.is_object()) {
    out += "<dl class=\"evidence\">";
    for (const auto& [key, value] : j.items()) {
      out += "<dt>" + Escape(Words(key)) + "</dt><dd>";
      EvidenceHtml(value, out);
      out += "</dd>";
    }
    out += "</dl>";
  } else if (j.is_array()) {
    out += "<ul class=\"evidence\">";
    for (const auto& v : j) {
      out += "<li>";
      EvidenceHtml(v, out);
      out += "</li>";
    }
    out += "</ul>";
  } else if (j.is_string()) {
    out += Escape(j.get<std::string>());
  } else if (j.is_null()) {
    out += "none";
  } else {
    out += Escape(DumpJson(j));
  }
}

// HL7 text as it came (segments on their own lines); a protobuf frame as
// hex.
std::string ShowRaw(const RawMessage& m) {
  const RawLines shown = RawMessageLines(m.raw);
  std::string text;
  for (const std::string& line : shown.lines) {
    text += (text.empty() ? "" : "\n") + line;
  }
  return Escape(text) + (shown.hex ? "\n(protobuf frame, hex)" : "");
}

std::string EventText(const AlertEventRow& e) {
  std::string text = e.kind;
  if (e.escalation) text += " (step " + std::to_string(*e.escalation) + ")";
  if (!e.actor.empty()) {
    text += e.kind == "escalated" || e.kind == "raised" ? ": paged " + e.actor
                                                        : " by " + e.actor;
  }
  return text;
}

std::string ActionForms(const AlertDetail& a, const DetailActions& act) {
  if (!act.may_act) {
    return "<p class=\"notice\">Your role may read this alert; nurses and "
           "physicians act on it.</p>\n";
  }
  if (a.state != "open" && a.state != "acknowledged") {
    return "<p class=\"notice\">This alert is " + Escape(a.state) +
           ": there is nothing left to do on it.</p>\n";
  }
  const std::string id = std::to_string(a.id);
  std::string html =
      "<section class=\"actions\" aria-label=\"Act on this "
      "alert\">\n";
  auto form = [&](const char* verb, const char* label, const std::string& nonce,
                  const char* help) {
    html += "<form method=\"post\" action=\"/alerts/" + id + "/" + verb +
            "\" class=\"action-form\">" + CsrfField(act.csrf) +
            "<input type=\"hidden\" name=\"nonce\" value=\"" + Escape(nonce) +
            "\"><label for=\"note-" + verb +
            "\">Note (optional)</label>"
            "<textarea id=\"note-" +
            verb +
            "\" name=\"note\" rows=\"2\" "
            "maxlength=\"4096\"></textarea><p class=\"help\">" +
            help + "</p><button type=\"submit\" id=\"" + verb + "\">" + label +
            "</button></form>\n";
  };
  if (a.state == "open") {
    form("acknowledge", "Acknowledge", act.nonce_ack,
         "Seen and taken on: escalation stops.");
  }
  form("resolve", "Resolve", act.nonce_resolve,
       "Dealt with: the alert closes.");
  html += "</section>\n";
  return html;
}

}  // namespace

Result<AlertDetail> ReadAlertDetail(store::Database& db, std::int64_t id) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(kAlertSql));
  q.Bind(1, id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return Status::NotFound("no alert " + std::to_string(id));
  AlertDetail a;
  a.id = id;
  a.syndrome = q.ColumnText(0);
  a.grade = static_cast<int>(q.ColumnInt(1));
  a.previous_grade = static_cast<int>(q.ColumnInt(2));
  a.raised_ms = q.ColumnInt(3);
  a.observed_at = q.ColumnText(4);
  a.summary = q.ColumnText(5);
  a.action = q.ColumnText(6);
  a.provisional = q.ColumnInt(7) != 0;
  a.rule_version = q.ColumnText(8);
  std::set<std::int64_t> messages = {q.ColumnInt(9)};
  a.patient_authority = q.ColumnText(10);
  a.patient_identifier = q.ColumnText(11);
  a.state = q.ColumnText(12);
  a.escalations = static_cast<int>(q.ColumnInt(13));
  a.patient_name = q.ColumnText(14);
  a.ward = q.ColumnText(15);
  a.bed = q.ColumnText(16);
  RETURN_IF_ERROR(ReadEvents(db, a, messages));
  RETURN_IF_ERROR(ReadFindings(db, a, messages));
  RETURN_IF_ERROR(ReadMessages(db, messages, a));
  return a;
}

std::string RenderEvidence(const std::string& json_text) {
  auto j = ParseJson(json_text);
  if (!j.ok()) return "<p>" + Escape(json_text) + "</p>";
  std::string out;
  EvidenceHtml(*j, out);
  return out;
}

std::string RenderAlertDetail(const AlertDetail& a, const DetailActions& act,
                              UnixMillis now, const TimeZone& zone) {
  const std::string grade = std::to_string(a.grade);
  std::string html;
  if (!act.notice.empty()) {
    html += std::string("<p class=\"") +
            (act.notice_is_error ? "error" : "notice") +
            "\" role=\"status\" id=\"outcome\">" + Escape(act.notice) +
            "</p>\n";
  }
  html += "<p class=\"headline\"><span class=\"grade g" + grade + "\">Grade " +
          grade + " · " + std::string(GradeWord(a.grade)) + "</span> " +
          Escape(a.syndrome) +
          (a.provisional ? " <span class=\"badge provisional\">Provisional"
                           "</span>"
                         : "") +
          " <span class=\"state\" id=\"state\">" + Escape(a.state) +
          "</span></p>\n";
  html +=
      "<dl class=\"facts\"><dt>Patient</dt><dd><a href=\"/patients/" +
      http::PercentEncode(a.patient_authority) + "/" +
      http::PercentEncode(a.patient_identifier) + "\">" +
      PatientText(a.patient_name, a.patient_identifier, a.patient_authority) +
      "</a></dd>" + WardFacts(a.ward, a.bed) + "<dt>Raised</dt><dd>" +
      LocalMinute(zone, a.raised_ms) + " (" + Ago(a.raised_ms, now) + ")</dd>" +
      "<dt>Grade before</dt><dd>" + std::to_string(a.previous_grade) +
      "</dd><dt>Summary</dt><dd>" + Escape(a.summary) +
      "</dd><dt>What to do</dt><dd>" + Escape(a.action) +
      "</dd><dt>Rule version</dt><dd>" + Escape(a.rule_version) +
      "</dd></dl>\n";
  html += ActionForms(a, act);
  html += "<h2>History</h2>\n<ol class=\"history\">";
  for (const AlertEventRow& e : a.events) {
    html += "<li><time>" + LocalMinute(zone, e.at) + "</time> " +
            Escape(EventText(e));
    if (!e.note.empty()) html += ": “" + Escape(e.note) + "”";
    html += "</li>";
  }
  html += "</ol>\n<h2>Findings behind it</h2>\n";
  for (const FindingRow& f : a.findings) {
    html += "<section class=\"finding\"><h3>" + Escape(f.term) + ": " +
            Escape(f.grading_system) + " grade " + std::to_string(f.grade) +
            " (was " + std::to_string(f.previous_grade) + ")" +
            (f.provisional ? ", provisional" : "") + "</h3>\n<p>Observed " +
            Escape(f.observed_at) + "; rule " + Escape(f.rule_version) +
            "</p>\n";
    if (!f.observation.empty()) {
      html += "<p>From " + Escape(f.observation) + "</p>\n";
    }
    html += RenderEvidence(f.evidence) + "</section>\n";
  }
  html += "<h2>Messages</h2>\n";
  for (const RawMessage& m : a.messages) {
    html += "<details><summary>Message " + std::to_string(m.id) + " (" +
            Escape(m.protocol) + " from " + Escape(m.source) + ", " +
            Escape(m.message_id) + ", received " +
            LocalMinute(zone, m.received_at) + ")</summary><pre>" + ShowRaw(m) +
            "</pre></details>\n";
  }
  return html;
}

}  // namespace iraed::console
