#include "hl7/hl7_time.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <string>

namespace iraed::hl7 {
namespace {

// Reads `n` digits at `pos`; false if they are not all digits.
bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

}  // namespace

std::optional<Hl7Time> ParseHl7Time(std::string_view ts, const TimeZone& zone) {
  while (!ts.empty() && ts.back() == ' ') ts.remove_suffix(1);
  // The offset, if any, starts at the first + or - after the date.
  std::string_view offset;
  const std::size_t sign = ts.find_first_of("+-", 4);
  if (sign != std::string_view::npos) {
    offset = ts.substr(sign);
    ts = ts.substr(0, sign);
  }
  std::string_view fraction;
  if (const std::size_t dot = ts.find('.'); dot != std::string_view::npos) {
    fraction = ts.substr(dot + 1);
    ts = ts.substr(0, dot);
  }
  // YYYY, YYYYMM, YYYYMMDD, +HH, +MM, +SS.
  static const std::size_t kLengths[] = {4, 6, 8, 10, 12, 14};
  bool length_ok = false;
  for (std::size_t l : kLengths) length_ok = length_ok || ts.size() == l;
  if (!length_ok) return std::nullopt;
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  if (!Digits(ts, 0, 4, year)) return std::nullopt;
  if (ts.size() >= 6 && !Digits(ts, 4, 2, month)) return std::nullopt;
  if (ts.size() >= 8 && !Digits(ts, 6, 2, day)) return std::nullopt;
  if (ts.size() >= 10 && !Digits(ts, 8, 2, hour)) return std::nullopt;
  if (ts.size() >= 12 && !Digits(ts, 10, 2, minute)) return std::nullopt;
  if (ts.size() >= 14 && !Digits(ts, 12, 2, second)) return std::nullopt;
  if (year < 1800 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month) || hour > 23 || minute > 59 ||
      second > 59) {
    return std::nullopt;
  }
  int millis = 0;
  if (!fraction.empty()) {
    if (ts.size() != 14 || fraction.size() > 9) return std::nullopt;
    int scale = 100;
    for (char c : fraction) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      millis += (c - '0') * scale;
      scale /= 10;
    }
  }
  if (offset.empty()) {
    const TimeZone::Instant local = zone.ToInstant(
        LocalDateTime{year, month, day, hour, minute, second, millis});
    return Hl7Time{local.at, local.resolution};
  }
  int hh = 0, mm = 0;
  if (offset.size() != 5 || !Digits(offset, 1, 2, hh) ||
      !Digits(offset, 3, 2, mm) || hh > 14 || mm > 59) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const int sign_factor = offset[0] == '-' ? -1 : 1;
  const std::int64_t seconds = static_cast<std::int64_t>(timegm(&tm)) -
                               sign_factor * (std::int64_t{hh} * 3600 + std::int64_t{mm} * 60);
  return Hl7Time{seconds * 1000 + millis, TimeZone::Resolution::kUnique};
}

std::string FormatHl7Time(UnixMillis t) {
  const std::time_t s = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d.%03d+0000",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(t % 1000));
  return buf;
}

}  // namespace iraed::hl7
