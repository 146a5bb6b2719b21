// File: common/time_format.h
#ifndef IRAED_COMMON_TIME_FORMAT_H_
#define IRAED_COMMON_TIME_FORMAT_H_

#include <string>

#include "common/clock.h"

namespace iraed {

// ISO 8601 UTC with milliseconds: "2026-11-26T14:54:14.123Z".
std::string FormatUtcMillis(UnixMillis ms);

}  // namespace iraed

#endif  // IRAED_COMMON_TIME_FORMAT_H_
