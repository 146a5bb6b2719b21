// File: common/time_format.h
#ifndef IRAED_COMMON_TIME_FORMAT_H_
#define IRAED_COMMON_TIME_FORMAT_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace iraed {

// ISO 8601 UTC with milliseconds: "2026-11-26T14:54:14.123Z".
std::string FormatUtcMillis(UnixMillis ms);

// The inverse, for command lines: "YYYY-MM-DD" (midnight UTC),
// "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DDTHH:MM:SS.mmmZ". nullopt for
// anything else, including dates that do not exist (2026-02-30).
std::optional<UnixMillis> ParseUtcMillis(std::string_view text);

}  // namespace iraed

#endif  // IRAED_COMMON_TIME_FORMAT_H_
