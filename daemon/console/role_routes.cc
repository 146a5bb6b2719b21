// The routes of the other roles' pages (console_app.h, role_pages.h):
// GET /findings and /findings/export (pharmacovigilance), GET /operations
// (admin), and the refusal of a page the viewer's role may not open.
#include <algorithm>

#include "console/console_impl.h"
#include "console/pages.h"
#include "console/role_pages.h"
#include "http/form.h"
#include "reports/pv_export.h"
#include "reports/reports.h"

namespace iraed::console {
namespace {

// The newest messages the operations page's feeds table counts.
constexpr std::int64_t kFeedWindow = 10000;
constexpr std::int64_t kOperationsRows = 50;

}  // namespace

void ConsoleApp::Impl::RefusePage(const Request& r, const ConsoleSession& s,
                                  const std::shared_ptr<Responder>& responder) {
  OnWorker(responder, [this, r, s, responder] {
    Json who = Who(r, s.user, auth::ConsoleRoleName(s.role));
    who["path"] = std::string(r.Path());
    who["reason"] = "this role may not open this page";
    (void)Audit("console_page_refused", who);  // refused either way
    responder->Reply(Html(
        403, RenderProblem("Not for your role", ViewerOf(s), opt.zone,
                           "Your role (" +
                               std::string(auth::ConsoleRoleName(s.role)) +
                               ") may not open this page. Your pages are in "
                               "the menu above.")));
  });
}

std::string ConsoleApp::Impl::SiteCtcae() const {
  return std::string(
      grading::CtcaeVersionName(opt.grading.ctcae_alert_version));
}

reports::PvExportOptions ConsoleApp::Impl::ExportOptions(
    const FindingsPeriod& period) const {
  reports::PvExportOptions x;
  x.from = period.from;
  x.to = period.to;
  x.as_of = std::min(period.to - 1, Now());
  x.zone = opt.zone;
  x.drugs = opt.grading.drugs;
  x.episodes.astct_window_ms = opt.grading.astct_window_ms;
  if (period.ctcae != "all")
    x.ctcae = grading::CtcaeVersionFromName(period.ctcae);
  return x;
}

void ConsoleApp::Impl::ShowFindings(
    const Request& r, const ConsoleSession& s,
    const std::shared_ptr<Responder>& responder) {
  const FindingsPeriod period =
      ReadFindingsPeriod(r.Query(), opt.zone, Now(), SiteCtcae());
  const reports::PvExportOptions x = ExportOptions(period);
  store::Database* database = Db();
  auto episodes =
      database ? reports::EpisodesExport(*database, x)
               : Result<reports::Table>(Status::Unavailable("no database"));
  if (!episodes.ok()) {
    db.reset();
    Logger("console")->error("console findings page: {}",
                             episodes.status().ToString());
    return responder->Reply(
        Html(503, RenderProblem("Findings unavailable", ViewerOf(s), opt.zone,
                                "The findings cannot be read now. Try "
                                "again.")));
  }
  Json who = Who(r, s.user, auth::ConsoleRoleName(s.role));
  who["page"] = "findings";
  who["period"] = period.from_date + "/" + period.through_date;
  who["episodes_shown"] = episodes->rows.size();
  if (!Audit("console_view", who).ok()) {
    return responder->Reply(ViewNotRecorded(s, "Findings unavailable"));
  }
  responder->Reply(Html(
      200,
      RenderPage("Findings and exports", ViewerOf(s), opt.zone,
                 RenderFindingsMain(*episodes, period, x.as_of, opt.zone))));
}

void ConsoleApp::Impl::ExportFindings(
    const Request& r, const ConsoleSession& s,
    const std::shared_ptr<Responder>& responder) {
  const auto form = http::ParseForm(r.Query());
  auto field = [&form](const char* name) {
    return form ? http::FormValue(*form, name).value_or("") : std::string();
  };
  const std::string level = field("level");
  const std::string format = field("format");
  const FindingsPeriod period =
      ReadFindingsPeriod(r.Query(), opt.zone, Now(), SiteCtcae());
  const std::string ctcae = field("ctcae");
  if ((level != "episode" && level != "finding" && level != "dictionary") ||
      (format != "csv" && format != "json") || !period.problem.empty() ||
      field("from").empty() || field("through").empty() ||
      (ctcae != "5.0" && ctcae != "6.0" && ctcae != "all")) {
    return responder->Reply(PlainText(
        400,
        "an export needs level=episode|finding|dictionary, "
        "format=csv|json, ctcae=5.0|6.0|all and a period "
        "from=YYYY-MM-DD&through=YYYY-MM-DD" +
            (period.problem.empty() ? std::string() : ": " + period.problem) +
            "\n"));
  }
  const reports::PvExportOptions x = ExportOptions(period);
  store::Database* database = Db();
  Result<reports::Table> table =
      level == "dictionary"
          ? Result<reports::Table>(reports::ExportDictionary())
      : database == nullptr
          ? Result<reports::Table>(Status::Unavailable("no database"))
      : level == "episode" ? reports::EpisodesExport(*database, x)
                           : reports::FindingsExport(*database, x);
  if (!table.ok()) {
    db.reset();
    Logger("console")->error("console export: {}", table.status().ToString());
    return responder->Reply(
        PlainText(503, "the export cannot be read now: try again\n"));
  }
  Json who = Who(r, s.user, auth::ConsoleRoleName(s.role));
  who["level"] = level;
  who["format"] = format;
  who["ctcae"] = ctcae;
  who["period"] = period.from_date + "/" + period.through_date;
  who["rows"] = table->rows.size();
  if (!Audit("console_export", who).ok()) {
    return responder->Reply(
        PlainText(503,
                  "the export cannot be recorded in the audit trail, so it is "
                  "not given: try again\n"));
  }
  const bool csv = format == "csv";
  const std::string file = "iraed-" +
                           (level == "dictionary" ? level : level + "s") + "-" +
                           period.from_date + "-to-" + period.through_date +
                           (csv ? ".csv" : ".jsonl");
  responder->Reply(Response{
      200,
      csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8",
      csv ? reports::RenderCsv(*table) : reports::RenderJsonLines(*table),
      {{"Content-Disposition", "attachment; filename=\"" + file + "\""},
       {"Cache-Control", "no-store"}}});
}

void ConsoleApp::Impl::ShowOperations(
    const Request& r, const ConsoleSession& s,
    const std::shared_ptr<Responder>& responder) {
  OperationsReports reports;
  reports.feed_window = kFeedWindow;
  const UnixMillis now = Now();
  store::Database* database = Db();
  Status read = database ? Status::Ok() : Status::Unavailable("no database");
  auto take = [&read](Result<reports::Table> t, reports::Table& into) {
    if (!read.ok()) return;
    if (!t.ok()) {
      read = t.status();
      return;
    }
    into = std::move(t).value();
  };
  if (database != nullptr) {
    take(reports::FeedsReport(*database, kFeedWindow), reports.feeds);
    take(reports::ConsumersReport(*database, now), reports.consumers);
    reports::MessageFilter rejected;
    rejected.outcome = "rejected";
    rejected.newest_window = kFeedWindow;
    take(reports::MessagesReport(*database, kOperationsRows, rejected),
         reports.rejected);
    take(reports::DataQualityReport(*database, kOperationsRows),
         reports.data_quality);
    take(reports::UnmappedReport(*database, false), reports.unmapped);
  }
  if (!read.ok()) {
    db.reset();
    Logger("console")->error("console operations page: {}", read.ToString());
    return responder->Reply(
        Html(503, RenderProblem("Operations unavailable", ViewerOf(s), opt.zone,
                                "The reports cannot be read now. Try again; "
                                "iraectl stats reads the same database.")));
  }
  Json who = Who(r, s.user, auth::ConsoleRoleName(s.role));
  who["page"] = "operations";
  if (!Audit("console_view", who).ok()) {
    return responder->Reply(ViewNotRecorded(s, "Operations unavailable"));
  }
  responder->Reply(
      Html(200, RenderPage("Operations", ViewerOf(s), opt.zone,
                           RenderOperationsMain(reports, now, opt.zone))));
}

}  // namespace iraed::console
