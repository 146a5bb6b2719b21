#include "console/role_pages.h"

#include <date/date.h>

#include <cstdio>
#include <optional>

#include "console/html.h"
#include "console/report_table.h"
#include "http/form.h"

namespace iraed::console {
namespace {

constexpr int kDefaultDays = 30;

// "YYYY-MM-DD" of a real calendar date, as days since 1970-01-01.
std::optional<date::sys_days> ReadDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int y = std::stoi(std::string(text.substr(0, 4)));
  const auto m =
      static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  const auto d =
      static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  const date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days(ymd);
}

std::string DateText(date::sys_days day) {
  const date::year_month_day ymd(day);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return out;
}

// Local midnight starting `day` in `zone`.
UnixMillis Midnight(date::sys_days day, const TimeZone& zone) {
  const date::year_month_day ymd(day);
  return zone
      .ToInstant(
          LocalDateTime{static_cast<int>(ymd.year()),
                        static_cast<int>(static_cast<unsigned>(ymd.month())),
                        static_cast<int>(static_cast<unsigned>(ymd.day()))})
      .at;
}

FindingsPeriod PeriodOf(date::sys_days first, date::sys_days last,
                        const TimeZone& zone) {
  FindingsPeriod p;
  p.from_date = DateText(first);
  p.through_date = DateText(last);
  p.from = Midnight(first, zone);
  p.to = Midnight(last + date::days{1}, zone);
  return p;
}

}  // namespace

FindingsPeriod ReadFindingsPeriod(std::string_view query, const TimeZone& zone,
                                  UnixMillis now, std::string_view site_ctcae) {
  const date::sys_days today{date::days{zone.LocalDayNumber(now)}};
  const auto form = http::ParseForm(query);
  std::string ctcae =
      form ? http::FormValue(*form, "ctcae").value_or("") : std::string();
  if (ctcae != "5.0" && ctcae != "6.0" && ctcae != "all") {
    ctcae = std::string(site_ctcae);
  }
  FindingsPeriod fallback =
      PeriodOf(today - date::days{kDefaultDays - 1}, today, zone);
  fallback.ctcae = ctcae;
  const std::string from =
      form ? http::FormValue(*form, "from").value_or("") : "";
  const std::string through =
      form ? http::FormValue(*form, "through").value_or("") : "";
  if (from.empty() && through.empty()) return fallback;
  const auto first = ReadDate(from);
  const auto last = ReadDate(through);
  std::string problem;
  if (!first || !last) {
    problem = "From and through must be dates (YYYY-MM-DD).";
  } else if (*first > *last) {
    problem = "The first day is after the last.";
  } else if ((*last - *first).count() >= kMaxPeriodDays) {
    problem = "A period of at most " + std::to_string(kMaxPeriodDays) +
              " days can be shown.";
  }
  if (!problem.empty()) {
    FindingsPeriod p = fallback;
    p.problem = problem + " Showing the last " + std::to_string(kDefaultDays) +
                " days.";
    return p;
  }
  FindingsPeriod p = PeriodOf(*first, *last, zone);
  p.ctcae = ctcae;
  return p;
}

std::string ExportLink(const FindingsPeriod& period, std::string_view level,
                       std::string_view format) {
  return "/findings/export?level=" + http::PercentEncode(level) +
         "&format=" + http::PercentEncode(format) +
         "&from=" + http::PercentEncode(period.from_date) +
         "&through=" + http::PercentEncode(period.through_date) +
         "&ctcae=" + http::PercentEncode(period.ctcae);
}

std::string RenderFindingsMain(const reports::Table& episodes,
                               const FindingsPeriod& period, UnixMillis as_of,
                               const TimeZone& zone) {
  std::string html;
  if (!period.problem.empty()) {
    html += "<p class=\"error\" role=\"alert\">" + Escape(period.problem) +
            "</p>\n";
  }
  html +=
      "<form method=\"get\" action=\"/findings\" class=\"filter\">"
      "<label for=\"from\">From</label> <input type=\"date\" id=\"from\" "
      "name=\"from\" value=\"" +
      Escape(period.from_date) +
      "\" required> <label for=\"through\">through</label> <input "
      "type=\"date\" id=\"through\" name=\"through\" value=\"" +
      Escape(period.through_date) +
      "\" required> <label for=\"ctcae\">CTCAE rows</label> <select "
      "id=\"ctcae\" name=\"ctcae\">";
  for (const auto& [value, label] :
       {std::pair{"5.0", "5.0"}, std::pair{"6.0", "6.0"},
        std::pair{"all", "both versions"}}) {
    html += "<option value=\"" + std::string(value) + "\"" +
            (period.ctcae == value ? " selected" : "") + ">" + label +
            "</option>";
  }
  html += "</select> <button type=\"submit\">Show</button></form>\n";
  html += "<p class=\"help\">Adverse-event episodes overlapping " +
          Escape(period.from_date) + " to " + Escape(period.through_date) +
          " (local days), as of " + LocalMinute(zone, as_of) +
          ": the same rows as <code>iraectl export</code> (README "
          "&quot;Pharmacovigilance&quot;).</p>\n";
  html += "<h2>Downloads</h2>\n<ul class=\"downloads\">";
  for (const auto& [level, format, label] :
       {std::tuple{"episode", "csv", "Episodes (CSV)"},
        std::tuple{"episode", "json", "Episodes (JSON Lines)"},
        std::tuple{"finding", "csv", "Findings (CSV)"},
        std::tuple{"finding", "json", "Findings (JSON Lines)"},
        std::tuple{"dictionary", "csv", "Data dictionary (CSV)"}}) {
    html += "<li><a href=\"" + Escape(ExportLink(period, level, format)) +
            "\" download>" + label + "</a></li>";
  }
  html += "</ul>\n<h2>Episodes</h2>\n";
  ReportTableView view;
  view.caption = std::to_string(episodes.rows.size()) + " episode(s)";
  view.columns = {"patient",       "assigning_authority",
                  "term",          "grading_system",
                  "therapy_class", "onset_at",
                  "worst_grade",   "worst_grade_at",
                  "end_at",        "outcome",
                  "severe",        "provisional"};
  view.empty = "No adverse-event episode overlaps this period.";
  view.cell_html = [](const std::string& column,
                      const std::vector<reports::Cell>& row,
                      const std::vector<std::string>& columns) -> std::string {
    if (column != "patient") return "";
    const std::string id = CellText(row, columns, "patient");
    const std::string authority = CellText(row, columns, "assigning_authority");
    return "<a href=\"/patients/" + http::PercentEncode(authority) + "/" +
           http::PercentEncode(id) + "\">" + Escape(id) + "</a>";
  };
  return html + RenderReportTable(episodes, view);
}

std::string RenderOperationsMain(const OperationsReports& r, UnixMillis now,
                                 const TimeZone& zone) {
  std::string html =
      "<p class=\"help\">What <code>iraectl stats</code>, <code>messages "
      "--outcome rejected</code> and <code>unmapped</code> report, as of " +
      LocalMinute(zone, now) +
      ". Times in UTC. No patient data is shown here.</p>\n";
  ReportTableView feeds;
  feeds.caption = "Feeds: the newest " + std::to_string(r.feed_window) +
                  " messages by source";
  feeds.columns = {"source",    "protocol", "accepted",
                   "duplicate", "rejected", "last_received"};
  feeds.empty = "No message received yet.";
  feeds.cell_html =
      [now](const std::string& column, const std::vector<reports::Cell>& row,
            const std::vector<std::string>& columns) -> std::string {
    if (column != "last_received") return "";
    const std::string ms = CellText(row, columns, "last_received_ms");
    if (ms.empty()) return "";
    return Escape(CellText(row, columns, "last_received")) + " (" +
           Ago(std::stoll(ms), now) + ")";
  };
  html += "<h2 id=\"feeds\">Feeds</h2>\n" + RenderReportTable(r.feeds, feeds);
  ReportTableView consumers;
  consumers.caption = "Alert feed consumers (notifiers) and their lag";
  consumers.empty = "No notifier reads the alert feed.";
  html += "<h2 id=\"consumers\">Consumers</h2>\n" +
          RenderReportTable(r.consumers, consumers);
  ReportTableView rejected;
  rejected.caption = "The newest rejected messages";
  // Messages by row id, not by the sender's message id (senders put
  // accession numbers and MRNs there): iraectl messages shows the rest.
  rejected.columns = {"id", "received_at", "protocol", "source", "reason"};
  rejected.empty = "No message was rejected.";
  html += "<h2 id=\"rejected\">Rejected messages</h2>\n" +
          RenderReportTable(r.rejected, rejected);
  ReportTableView quality;
  quality.caption = "The newest data-quality records";
  quality.columns = {"recorded_at", "issue", "detail", "source", "message"};
  quality.empty = "No data-quality record.";
  html += "<h2 id=\"data-quality\">Data quality</h2>\n" +
          RenderReportTable(r.data_quality, quality);
  ReportTableView unmapped;
  unmapped.caption = "Codes received that iraed does not map (not graded)";
  unmapped.columns = {"kind",         "code_system", "code",     "example_text",
                      "example_unit", "count",       "last_seen"};
  unmapped.empty = "Every code received is mapped.";
  html += "<h2 id=\"unmapped\">Unmapped codes</h2>\n" +
          RenderReportTable(r.unmapped, unmapped);
  return html;
}

}  // namespace iraed::console
