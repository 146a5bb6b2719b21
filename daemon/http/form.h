// File: http/form.h
//
// Reading what a browser sends: query strings and form bodies
// (application/x-www-form-urlencoded, WHATWG URL standard section 5) and the
// Cookie header (RFC 6265 section 4.2). Pure.
#ifndef IRAED_HTTP_FORM_H_
#define IRAED_HTTP_FORM_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iraed::http {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Decodes %XX escapes (and '+' as a space when `plus_is_space`); nullopt
// when an escape is not two hex digits.
std::optional<std::string> PercentDecode(std::string_view text,
                                         bool plus_is_space);
// Encodes everything but unreserved characters (RFC 3986 section 2.3).
std::string PercentEncode(std::string_view text);

// "a=1&b=x+y" -> {{"a","1"},{"b","x y"}}; nullopt when an escape is bad.
// Empty pairs ("a=1&&b=2") are skipped; a name without '=' has value "".
std::optional<FormFields> ParseForm(std::string_view text);

// The first value of `name`, or nullopt.
std::optional<std::string> FormValue(const FormFields& fields,
                                     std::string_view name);

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or nullopt.
std::optional<std::string> CookieValue(std::string_view header,
                                       std::string_view name);

}  // namespace iraed::http

#endif  // IRAED_HTTP_FORM_H_
