#include "common/time_format.h"

#include <date/date.h>

#include <chrono>
#include <cstdio>
#include <ctime>

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

namespace {

// The number in text[pos, pos + len), all digits; nullopt otherwise.
std::optional<int> Digits(std::string_view text, std::size_t pos,
                          std::size_t len) {
  int value = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<UnixMillis> ParseUtcMillis(std::string_view text) {
  // The three shapes, told apart by their length and separators.
  const bool date_only = text.size() == 10;
  const bool seconds = text.size() == 20 && text[19] == 'Z';
  const bool millis = text.size() == 24 && text[19] == '.' && text[23] == 'Z';
  if (!date_only && !seconds && !millis) return std::nullopt;
  if (text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!date_only && (text[10] != 'T' || text[13] != ':' || text[16] != ':')) {
    return std::nullopt;
  }
  const auto y = Digits(text, 0, 4), mo = Digits(text, 5, 2),
             d = Digits(text, 8, 2);
  const auto h = date_only ? 0 : Digits(text, 11, 2);
  const auto mi = date_only ? 0 : Digits(text, 14, 2);
  const auto sec = date_only ? 0 : Digits(text, 17, 2);
  const auto ms = millis ? Digits(text, 20, 3) : 0;
  if (!y || !mo || !d || !h || !mi || !sec || !ms) return std::nullopt;
  // A calendar date that exists (date::year_month_day::ok: no 2026-02-30).
  const date::year_month_day ymd{date::year{*y},
                                 date::month{static_cast<unsigned>(*mo)},
                                 date::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok() || *h > 23 || *mi > 59 || *sec > 59) return std::nullopt;
  const auto t = date::sys_days{ymd} + std::chrono::hours{*h} +
                 std::chrono::minutes{*mi} + std::chrono::seconds{*sec} +
                 std::chrono::milliseconds{*ms};
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             t.time_since_epoch())
      .count();
}

}  // namespace iraed
