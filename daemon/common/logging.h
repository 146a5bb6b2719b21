// File: common/logging.h
//
// One named spdlog logger per component ("main", "config", "net", "store"),
// all writing to stderr in one line-oriented format:
//   2026-11-26T14:54:14.123Z info store: committed group messages=8 ms=0.41
// Messages carry key=value pairs after a short phrase.
//
// PRIVACY CONTRACT: nothing at info level or above may contain a patient
// identifier or message content. Log ids assigned by iraed (connection
// numbers, row ids), sizes and offsets instead.
#ifndef IRAED_COMMON_LOGGING_H_
#define IRAED_COMMON_LOGGING_H_

#include <spdlog/spdlog.h>

#include <memory>
#include <string_view>

#include "common/status.h"

namespace iraed {

// Returns the logger for `component`, creating it on first use with the
// current level. Thread-safe.
std::shared_ptr<spdlog::logger> Logger(std::string_view component);

// Sets the level of every logger, present and future. `level` is one of
// trace, debug, info, warn, error, critical, off.
Status SetLogLevel(std::string_view level);

// True when `level` names a level SetLogLevel accepts.
bool IsValidLogLevel(std::string_view level);

}  // namespace iraed

#endif  // IRAED_COMMON_LOGGING_H_
