// File: console/html.h
//
// Building the console's pages: escaping, the frame every page shares
// (skip link, header with the user, the site's time zone, navigation and
// sign-out), grade words and local times. Pure.
//
// Pages carry no inline script or style: the Content-Security-Policy
// (kContentSecurityPolicy) allows only the console's own /static files.
#ifndef IRAED_CONSOLE_HTML_H_
#define IRAED_CONSOLE_HTML_H_

#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/time_zone.h"

namespace iraed::console {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

// Text made safe for HTML content and quoted attribute values.
std::string Escape(std::string_view text);

// Who is looking, for the page frame; empty `user` for the sign-in page.
struct Viewer {
  std::string user;
  std::string role;  // "nurse", ...
  std::string csrf;  // for the sign-out form
};

// A whole page: `title` (escaped here), `main_html` (already HTML) inside
// <main>, the site's zone named in the header.
std::string RenderPage(std::string_view title, const Viewer& viewer,
                       const TimeZone& zone, std::string_view main_html);

// CTCAE's words for a grade: 1 "mild", 2 "moderate", 3 "severe",
// 4 "life-threatening", 5 "death".
std::string_view GradeWord(int grade);

// "2026-12-04 15:02" in `zone`.
std::string LocalMinute(const TimeZone& zone, UnixMillis at);

// "just now", "4 min", "2 h 05 min", "3 d 4 h" since `then`.
std::string Elapsed(UnixMillis then, UnixMillis now);
// "just now", "4 min ago", ...
std::string Ago(UnixMillis then, UnixMillis now);

// The patient as HTML: "DOE, Jane · MRN7 (HOSP)", or without the name when
// no feed gave one (each part escaped).
std::string PatientText(std::string_view name, std::string_view identifier,
                        std::string_view authority);
// "<dt>Ward</dt><dd>5 West, bed 12-2</dd>" (escaped), "" when no feed gave
// a ward or a bed.
std::string WardFacts(std::string_view ward, std::string_view bed);

// A hidden form field carrying the session's CSRF token.
std::string CsrfField(std::string_view csrf);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_HTML_H_
