#include "common/time_format.h"

#include <date/date.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>

namespace iraed {

std::string FormatUtcMillis(UnixMillis ms) {
  std::int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int millis = static_cast<int>(ms - secs * 1000);
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, millis);
  return buf;
}

std::optional<UnixMillis> ParseUtcMillis(std::string_view text) {
  // The three shapes, told apart by length: date::parse reads "%S" with
  // an optional fraction, so the length pins the exact form.
  const char* format = text.size() == 10   ? "%F"
                       : text.size() == 20 ? "%FT%TZ"
                       : text.size() == 24 ? "%FT%TZ"
                                           : nullptr;
  if (format == nullptr) return std::nullopt;
  if (text.size() == 24 && text[19] != '.') return std::nullopt;
  if (text.size() == 20 && text[19] != 'Z') return std::nullopt;
  std::istringstream in{std::string(text)};
  date::sys_time<std::chrono::milliseconds> t;
  in >> date::parse(format, t);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
    return std::nullopt;
  }
  return t.time_since_epoch().count();
}

}  // namespace iraed
