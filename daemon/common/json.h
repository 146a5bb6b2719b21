// File: common/json.h
//
// The one JSON string quoting of iraed (ready file, iraectl --json).
#ifndef IRAED_COMMON_JSON_H_
#define IRAED_COMMON_JSON_H_

#include <string>
#include <string_view>

namespace iraed {

// `s` as a JSON string literal, quotes included: ", \ and control
// characters escaped; other bytes (UTF-8) copied as they are.
std::string JsonQuote(std::string_view s);

}  // namespace iraed

#endif  // IRAED_COMMON_JSON_H_
