// File: common/logging.h
//
// One named spdlog logger per component ("main", "config", "net", "store"),
// all writing to stderr, one line per event, in one of three formats
// (SetLogFormat):
//   text     2026-11-26T14:54:14.123Z info store: committed group messages=8
//   journal  <6>store: committed group messages=8
//            (sd-daemon(3) priority prefixes, which journald and syslog read:
//            trace/debug <7>, info <6>, notice <5>, warn <4>, error <3>,
//            critical <2>; journald adds the time)
//   json     {"time":"2026-11-26T14:54:14.123Z","level":"info","priority":6,
//             "component":"store","message":"committed group messages=8"}
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

enum class LogFormat { kText, kJournal, kJson };

// Parses "text", "journal", "json" or "auto"; auto is journal when stderr
// is connected to the journal (systemd's JOURNAL_STREAM names it), text
// otherwise.
Result<LogFormat> ParseLogFormat(std::string_view name);

// Sets the format of every logger, present and future.
void SetLogFormat(LogFormat format);

// Logs `message` at syslog's notice level (between info and warn): shown
// whenever info is, with priority <5> in the journal and "notice" in text
// and JSON. For events an operator may want to keep apart, such as the
// audit chain head (an external witness of the audit trail).
void LogNotice(std::string_view component, std::string_view message);

}  // namespace iraed

#endif  // IRAED_COMMON_LOGGING_H_
