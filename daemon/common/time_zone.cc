#include "common/time_zone.h"

#include <date/tz.h>

#include <cstdio>
#include <cstdlib>
#include <exception>

namespace iraed {

Result<TimeZone> TimeZone::Named(std::string_view iana_name) {
  try {
    return TimeZone(date::locate_zone(iana_name));
  } catch (const std::exception&) {
    return Status::InvalidArgument("'" + std::string(iana_name) +
                                   "' is not a time zone of the IANA "
                                   "database (e.g. Europe/Berlin)");
  }
}

Result<TimeZone> TimeZone::System() {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
    std::string_view name(tz);
    if (name.front() == ':') name.remove_prefix(1);
    if (auto zone = Named(name); zone.ok()) return zone;
  }
  try {
    return TimeZone(date::current_zone());
  } catch (const std::exception& e) {
    return Status::NotFound(std::string("the system's time zone is unknown: ") +
                            e.what());
  }
}

TimeZone TimeZone::Utc() {
  // "Etc/UTC" is in every tzdata; Named cannot fail on it in practice, but
  // a broken tzdata must not crash the daemon: it is then reported by
  // Named for the site's zone at start-up.
  try {
    return TimeZone(date::locate_zone("Etc/UTC"));
  } catch (const std::exception&) {
    return TimeZone(nullptr);
  }
}

TimeZone::Instant TimeZone::ToInstant(const LocalDateTime& l) const {
  using namespace std::chrono;
  const date::local_days day{date::year{l.year} / l.month / l.day};
  const date::local_time<milliseconds> local =
      day + hours{l.hour} + minutes{l.minute} + seconds{l.second} +
      milliseconds{l.millisecond};
  Instant out;
  if (zone_ == nullptr) {  // no tzdata at all: UTC
    out.at = local.time_since_epoch().count();
    return out;
  }
  const date::local_info info = zone_->get_info(local);
  // `first` is the period before a change: its offset gives the earlier
  // instant of an ambiguous time and shifts a skipped one forward by the
  // gap.
  const seconds offset = info.first.offset;
  out.at = (local.time_since_epoch() - offset).count();
  if (info.result == date::local_info::ambiguous) {
    out.resolution = Resolution::kAmbiguousEarlier;
  } else if (info.result == date::local_info::nonexistent) {
    out.resolution = Resolution::kNonexistentShifted;
  }
  return out;
}

std::int64_t TimeZone::LocalDayNumber(UnixMillis at) const {
  using namespace std::chrono;
  const sys_time<milliseconds> instant{milliseconds{at}};
  const date::local_time<milliseconds> local =
      zone_ == nullptr
          ? date::local_time<milliseconds>{instant.time_since_epoch()}
          : zone_->to_local(instant);
  return floor<days>(local).time_since_epoch().count();
}

std::string TimeZone::FormatLocal(UnixMillis at) const {
  using namespace std::chrono;
  const sys_time<milliseconds> instant{milliseconds{at}};
  const seconds offset =
      zone_ == nullptr ? seconds{0} : zone_->get_info(instant).offset;
  const auto local = floor<seconds>(instant) + offset;
  const date::sys_days day = floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<seconds> hms{local - day};
  const std::int64_t off_min = offset.count() / 60;
  const std::int64_t abs_min = off_min < 0 ? -off_min : off_min;
  char buf[64];
  std::snprintf(
      buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d",
      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
      static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
      static_cast<int>(hms.minutes().count()),
      static_cast<int>(hms.seconds().count()), off_min < 0 ? '-' : '+',
      static_cast<int>(abs_min / 60), static_cast<int>(abs_min % 60));
  return buf;
}

std::string TimeZone::name() const {
  return zone_ ? zone_->name() : std::string("UTC");
}

namespace {

// The number in text[pos, pos + len), all digits; nullopt otherwise.
std::optional<int> Digits(std::string_view text, std::size_t pos,
                          std::size_t len) {
  if (pos + len > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// "Z", "+HH:MM", "-HH:MM", "+HHMM", "-HHMM" as minutes east of UTC.
std::optional<int> OffsetMinutes(std::string_view text) {
  if (text == "Z") return 0;
  if (text.size() != 5 && text.size() != 6) return std::nullopt;
  if (text[0] != '+' && text[0] != '-') return std::nullopt;
  if (text.size() == 6 && text[3] != ':') return std::nullopt;
  const auto h = Digits(text, 1, 2);
  const auto m = Digits(text, text.size() - 2, 2);
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  const int minutes = *h * 60 + *m;
  return text[0] == '-' ? -minutes : minutes;
}

// "HH:MM[:SS[.mmm]]" into `l`; the rest of `text` (the zone) into `rest`.
bool ReadClock(std::string_view text, LocalDateTime& l,
               std::string_view& rest) {
  const auto h = Digits(text, 0, 2), mi = Digits(text, 3, 2);
  if (!h || !mi || text.size() < 5 || text[2] != ':') return false;
  l.hour = *h;
  l.minute = *mi;
  std::size_t pos = 5;
  if (pos < text.size() && text[pos] == ':') {
    const auto s = Digits(text, pos + 1, 2);
    if (!s) return false;
    l.second = *s;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      const auto ms = Digits(text, pos + 1, 3);
      if (!ms) return false;
      l.millisecond = *ms;
      pos += 4;
    }
  }
  rest = text.substr(pos);
  return l.hour <= 23 && l.minute <= 59 && l.second <= 59;
}

}  // namespace

std::optional<UnixMillis> ParseInstant(std::string_view text,
                                       const TimeZone& zone) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto y = Digits(text, 0, 4), mo = Digits(text, 5, 2),
             d = Digits(text, 8, 2);
  if (!y || !mo || !d) return std::nullopt;
  const date::year_month_day ymd{date::year{*y},
                                 date::month{static_cast<unsigned>(*mo)},
                                 date::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  LocalDateTime l{*y, *mo, *d};
  std::string_view rest;
  if (text.size() > 10) {
    if (text[10] != 'T' || !ReadClock(text.substr(11), l, rest)) {
      return std::nullopt;
    }
  }
  if (rest.empty()) return zone.ToInstant(l).at;
  const std::optional<int> offset = OffsetMinutes(rest);
  if (!offset) return std::nullopt;
  return TimeZone::Utc().ToInstant(l).at -
         static_cast<std::int64_t>(*offset) * 60 * 1000;
}

}  // namespace iraed
