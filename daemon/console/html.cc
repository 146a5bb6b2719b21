#include "console/html.h"

#include <cstdio>

#include "common/markup.h"

namespace iraed::console {

std::string Escape(std::string_view text) { return EscapeMarkup(text); }

std::string CsrfField(std::string_view csrf) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(csrf) + "\">";
}

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
    page +=
        "<nav aria-label=\"Console\"><a href=\"/board\">Alert board</a></nav>\n"
        "<span class=\"who\">Signed in as <strong>" +
        Escape(viewer.user) + "</strong> (" + Escape(viewer.role) +
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

}  // namespace iraed::console
