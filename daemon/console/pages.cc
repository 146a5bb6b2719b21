#include "console/pages.h"

namespace iraed::console {

std::string RenderSignIn(const TimeZone& zone, std::string_view form_token,
                         std::string_view problem, std::string_view name) {
  std::string main;
  if (!problem.empty()) {
    main += "<p class=\"error\" role=\"alert\" id=\"problem\">" +
            Escape(problem) + "</p>\n";
  }
  main +=
      "<form method=\"post\" action=\"/signin\" class=\"signin\">" +
      CsrfField(form_token) +
      "<label for=\"name\">Name</label><input id=\"name\" name=\"name\" "
      "autocomplete=\"username\" required autofocus value=\"" +
      Escape(name) +
      "\"><label for=\"password\">Password</label><input id=\"password\" "
      "name=\"password\" type=\"password\" autocomplete=\"current-password\" "
      "required><button type=\"submit\" id=\"signin\">Sign in</button>"
      "</form>\n<p>Accounts are made by an administrator with "
      "<code>iraectl users add</code>.</p>\n";
  return RenderPage("Sign in", Viewer{}, zone, main);
}

std::string RenderProblem(std::string_view title, const Viewer& viewer,
                          const TimeZone& zone, std::string_view text) {
  return RenderPage(title, viewer, zone,
                    "<p class=\"error\" role=\"alert\">" + Escape(text) +
                        "</p>\n<p><a href=\"/board\">To the alert "
                        "board</a></p>\n");
}

}  // namespace iraed::console
