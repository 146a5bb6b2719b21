#include "common/time_zone.h"

#include <date/tz.h>

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

std::string TimeZone::name() const {
  return zone_ ? zone_->name() : std::string("UTC");
}

}  // namespace iraed
