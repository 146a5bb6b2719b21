#include "console/board.h"

#include <algorithm>
#include <set>

#include "console/html.h"
#include "http/form.h"

namespace iraed::console {
namespace {

constexpr std::string_view kBoardSql =
    "SELECT a.id, p.assigning_authority, p.identifier, a.syndrome, a.grade, "
    "a.provisional, a.raised_at_ms, s.state, s.escalations, a.summary, "
    "a.action, (SELECT e.actor FROM alert_events e WHERE e.alert = a.id AND "
    "e.kind IN ('raised', 'escalated', 'acknowledged') ORDER BY e.id DESC "
    "LIMIT 1), coalesce(p.name, ''), coalesce(p.ward, ''), "
    "coalesce(p.bed, '') "
    "FROM alert_status s JOIN alerts a ON a.id = s.alert "
    "JOIN patients p ON p.id = s.patient_id "
    "WHERE s.state IN ('open', 'acknowledged') "
    "ORDER BY a.grade DESC, a.raised_at_ms DESC, a.id DESC";

std::string StateText(const BoardAlert& a) {
  if (a.state == "acknowledged") {
    return "Acknowledged" + (a.with.empty() ? "" : " by " + a.with);
  }
  std::string text = a.escalations > 0 ? "Escalated (step " +
                                             std::to_string(a.escalations) + ")"
                                       : "Open";
  if (!a.with.empty()) text += ", with " + a.with;
  return text;
}

// A labelled filter drop-down; the current choice stays selected even when
// no alert has it any more.
std::string FilterSelect(std::string_view name, std::string_view label,
                         std::string_view all, std::vector<std::string> values,
                         const std::string& chosen) {
  if (!chosen.empty() &&
      std::find(values.begin(), values.end(), chosen) == values.end()) {
    values.push_back(chosen);
  }
  std::string html = "<label for=\"" + std::string(name) + "\">" +
                     std::string(label) + "</label> <select id=\"" +
                     std::string(name) + "\" name=\"" + std::string(name) +
                     "\"><option value=\"\">" + std::string(all) + "</option>";
  for (const std::string& v : values) {
    const std::string text =
        name == "ward" && v == kNoWard ? "No ward given" : v;
    html += "<option value=\"" + Escape(v) + "\"" +
            (v == chosen ? " selected" : "") + ">" + Escape(text) + "</option>";
  }
  return html + "</select>";
}

}  // namespace

Result<Board> ReadBoard(store::Database& db, const BoardFilter& filter) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(kBoardSql));
  Board board;
  std::set<std::string> syndromes;
  std::set<std::string> wards;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    BoardAlert a;
    a.id = q.ColumnInt(0);
    a.patient_authority = q.ColumnText(1);
    a.patient_identifier = q.ColumnText(2);
    a.syndrome = q.ColumnText(3);
    a.grade = static_cast<int>(q.ColumnInt(4));
    a.provisional = q.ColumnInt(5) != 0;
    a.raised_ms = q.ColumnInt(6);
    a.state = q.ColumnText(7);
    a.escalations = static_cast<int>(q.ColumnInt(8));
    a.summary = q.ColumnText(9);
    a.action = q.ColumnText(10);
    a.with = q.ColumnText(11);
    a.patient_name = q.ColumnText(12);
    a.ward = q.ColumnText(13);
    a.bed = q.ColumnText(14);
    syndromes.insert(a.syndrome);
    const std::string ward = a.ward.empty() ? std::string(kNoWard) : a.ward;
    wards.insert(ward);
    if (!filter.syndrome.empty() && a.syndrome != filter.syndrome) continue;
    if (!filter.ward.empty() && ward != filter.ward) continue;
    board.alerts.push_back(std::move(a));
  }
  board.syndromes.assign(syndromes.begin(), syndromes.end());
  board.wards.assign(wards.begin(), wards.end());
  return board;
}

std::string RenderBoardRows(const Board& board, UnixMillis now,
                            const TimeZone& zone) {
  if (board.alerts.empty()) {
    return "<tr class=\"none\"><td colspan=\"7\">No open alerts.</td></tr>\n";
  }
  std::string rows;
  for (const BoardAlert& a : board.alerts) {
    const std::string grade = std::to_string(a.grade);
    const std::string identifier =
        a.patient_authority.empty()
            ? a.patient_identifier
            : a.patient_identifier + " (" + a.patient_authority + ")";
    const std::string patient = a.patient_name.empty()
                                    ? Escape(identifier)
                                    : "<strong>" + Escape(a.patient_name) +
                                          "</strong><br><small>" +
                                          Escape(identifier) + "</small>";
    rows += "<tr id=\"alert-" + std::to_string(a.id) + "\" data-alert=\"" +
            std::to_string(a.id) + "\" data-state=\"" + Escape(a.state) + "\">";
    rows += "<td><span class=\"grade g" + grade + "\">Grade " + grade + " · " +
            std::string(GradeWord(a.grade)) + "</span>";
    if (a.provisional) {
      rows +=
          " <span class=\"badge provisional\" title=\"graded on incomplete "
          "data\">Provisional</span>";
    }
    rows += "</td>";
    rows += "<td><a href=\"/patients/" +
            http::PercentEncode(a.patient_authority) + "/" +
            http::PercentEncode(a.patient_identifier) +
            "\" class=\"patient\">" + patient + "</a></td>";
    rows +=
        "<td class=\"ward\">" +
        (a.ward.empty() ? std::string("<span class=\"muted\">not given</span>")
                        : Escape(a.ward)) +
        (a.bed.empty() ? "" : "<br><small>bed " + Escape(a.bed) + "</small>") +
        "</td>";
    rows += "<td><a href=\"/alerts/" + std::to_string(a.id) + "\">" +
            Escape(a.syndrome) + "</a></td>";
    rows += "<td><time datetime=\"" + Escape(zone.FormatLocal(a.raised_ms)) +
            "\" data-since=\"" + std::to_string(a.raised_ms) + "\">" +
            Ago(a.raised_ms, now) + "</time><br><small>" +
            LocalMinute(zone, a.raised_ms) + "</small></td>";
    rows += "<td class=\"state\">" + Escape(StateText(a)) + "</td>";
    rows += "<td><p class=\"summary\">" + Escape(a.summary) +
            "</p><p class=\"action\">" + Escape(a.action) + "</p></td>";
    rows += "</tr>\n";
  }
  return rows;
}

std::string RenderBoardMain(const Board& board, const BoardFilter& filter,
                            UnixMillis now, const TimeZone& zone) {
  std::string query;
  for (const auto& [key, value] : {std::pair{"ward", &filter.ward},
                                   std::pair{"syndrome", &filter.syndrome}}) {
    if (value->empty()) continue;
    query += (query.empty() ? "?" : "&") + std::string(key) + "=" +
             http::PercentEncode(*value);
  }
  std::string html =
      "<form method=\"get\" action=\"/board\" class=\"filter\">" +
      FilterSelect("ward", "Ward", "All wards", board.wards, filter.ward) +
      " " +
      FilterSelect("syndrome", "Syndrome", "All syndromes", board.syndromes,
                   filter.syndrome) +
      " <button type=\"submit\">Show</button></form>\n"
      "<p id=\"live\" class=\"live\" role=\"status\" aria-live=\"polite\" "
      "data-state=\"connecting\">Connecting to live updates…</p>\n"
      "<table class=\"board\" data-live=\"/board/rows" +
      Escape(query) + "\">\n<caption><span id=\"board-count\">" +
      std::to_string(board.alerts.size()) +
      "</span> alert(s) to deal with, worst grade first, newest first within "
      "a grade</caption>\n<thead><tr><th scope=\"col\">Grade</th>"
      "<th scope=\"col\">Patient</th><th scope=\"col\">Ward</th>"
      "<th scope=\"col\">Syndrome</th>"
      "<th scope=\"col\">Raised</th><th scope=\"col\">State</th>"
      "<th scope=\"col\">Summary and action</th></tr></thead>\n"
      "<tbody id=\"board-rows\">\n" +
      RenderBoardRows(board, now, zone) + "</tbody>\n</table>\n";
  return html;
}

}  // namespace iraed::console
