// File: console/pages.h
//
// The console's small pages: sign-in, and the answers that are not a page
// of their own (not signed in, refused, not found, unavailable). Pure.
#ifndef IRAED_CONSOLE_PAGES_H_
#define IRAED_CONSOLE_PAGES_H_

#include <string>
#include <string_view>

#include "common/time_zone.h"
#include "console/html.h"

namespace iraed::console {

// The sign-in form; `form_token` goes back in the hidden csrf field (the
// double-submit cookie of the sign-in form); `problem` ("" for none) is
// shown above it; `name` refills the name field.
std::string RenderSignIn(const TimeZone& zone, std::string_view form_token,
                         std::string_view problem, std::string_view name);

// A page saying what went wrong, with a way on.
std::string RenderProblem(std::string_view title, const Viewer& viewer,
                          const TimeZone& zone, std::string_view text);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_PAGES_H_
