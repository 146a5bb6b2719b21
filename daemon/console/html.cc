#include "console/html.h"

#include <cstdio>

#include "auth/console_users.h"
#include "common/markup.h"

namespace iraed::console {

std::string Escape(std::string_view text) { return EscapeMarkup(text); }

std::string CsrfField(std::string_view csrf) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(csrf) + "\">";
}

namespace {

// The pages the viewer's role may open (auth/console_users.h).
std::string Navigation(std::string_view role_name) {
  const auto role = auth::ParseConsoleRole(role_name);
  if (!role) return "";
  std::string links;
  if (auth::MaySeePatients(*role)) {
    links += "<a href=\"/board\">Alert board</a>";
  }
  if (auth::MayExportFindings(*role)) {
    links += " <a href=\"/findings\">Findings and exports</a>";
  }
  if (auth::MaySeeOperations(*role)) {
    links += " <a href=\"/operations\">Operations</a>";
  }
  return "<nav aria-label=\"Console\">" + links + "</nav>\n";
}

}  // namespace

std::string RenderPage(std::string_view title, const Viewer& viewer,
                       const TimeZone& zone, std::string_view main_html) {
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n<title>" +
      Escape(title) +
      " · iraed</title>\n"
      "<link rel=\"stylesheet\" href=\"/static/console.css\">\n"
      "<script src=\"/static/console.js\" defer></script>\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
      "<header class=\"top\">\n<span class=\"brand\">iraed</span>\n";
  if (!viewer.user.empty()) {
    page += Navigation(viewer.role) +
            "<span class=\"who\">Signed in as <strong>" + Escape(viewer.user) +
            "</strong> (" + Escape(viewer.role) +
            ")</span>\n<form method=\"post\" action=\"/signout\" "
            "class=\"signout\">" +
            CsrfField(viewer.csrf) +
            "<button type=\"submit\">Sign out</button></form>\n";
  }
  page += "<span class=\"zone\" id=\"zone\">Times in " + Escape(zone.name()) +
          "</span>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n<h1>" +
          Escape(title) + "</h1>\n";
  page += main_html;
  page += "\n</main>\n</body>\n</html>\n";
  return page;
}

std::string_view GradeWord(int grade) {
  switch (grade) {
    case 1:
      return "mild";
    case 2:
      return "moderate";
    case 3:
      return "severe";
    case 4:
      return "life-threatening";
    case 5:
      return "death";
    default:
      return "not graded";
  }
}

std::string LocalMinute(const TimeZone& zone, UnixMillis at) {
  // FormatLocal: "2026-12-01T23:59:59+01:00".
  const std::string local = zone.FormatLocal(at);
  return local.substr(0, 10) + " " + local.substr(11, 5);
}

std::string Ago(UnixMillis then, UnixMillis now) {
  std::string text = Elapsed(then, now);
  return text == "just now" ? text : text + " ago";
}

std::string Elapsed(UnixMillis then, UnixMillis now) {
  const long long minutes = (now - then) / 60000;
  char buf[48];
  if (minutes < 1) return "just now";
  if (minutes < 60) {
    std::snprintf(buf, sizeof buf, "%lld min", minutes);
  } else if (minutes < 24LL * 60) {
    std::snprintf(buf, sizeof buf, "%lld h %02lld min", minutes / 60,
                  minutes % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lld d %lld h", minutes / (24LL * 60),
                  (minutes / 60) % 24);
  }
  return buf;
}

std::string PatientText(std::string_view name, std::string_view identifier,
                        std::string_view authority) {
  std::string html = name.empty() ? "" : Escape(name) + " · ";
  html += Escape(identifier);
  if (!authority.empty()) html += " (" + Escape(authority) + ")";
  return html;
}

std::string WardFacts(std::string_view ward, std::string_view bed) {
  if (ward.empty() && bed.empty()) return "";
  std::string html = "<dt>Ward</dt><dd>" +
                     (ward.empty() ? std::string("not given") : Escape(ward));
  if (!bed.empty()) html += ", bed " + Escape(bed);
  return html + "</dd>";
}

}  // namespace iraed::console
