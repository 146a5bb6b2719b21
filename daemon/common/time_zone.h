// File: common/time_zone.h
//
// A site's time zone, from the IANA database through Howard Hinnant's date
// library (Debian libhowardhinnant-date-dev, reading the system's tzdata).
// It is a value passed to whoever reads local times (the HL7 reader), never
// the process environment: iraed does not call setenv("TZ") or tzset().
//
// Local times that daylight saving makes ambiguous or impossible are
// resolved by one documented rule (README "Daylight saving"):
//   ambiguous (clocks went back, the hour happens twice): the earlier
//     instant, i.e. with the offset in force before the change;
//   non-existent (clocks went forward, the hour is skipped): shifted
//     forward by the length of the gap, i.e. read with the offset in force
//     before the change (02:30 in Europe/Berlin on the spring day is
//     03:30 CEST = 01:30 UTC);
// and the caller is told which happened, so it can leave a note.
#ifndef IRAED_COMMON_TIME_ZONE_H_
#define IRAED_COMMON_TIME_ZONE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"

namespace date {
class time_zone;
}

namespace iraed {

// A calendar date and wall-clock time without a zone.
struct LocalDateTime {
  int year = 1970, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0, millisecond = 0;
};

class TimeZone {
 public:
  enum class Resolution { kUnique, kAmbiguousEarlier, kNonexistentShifted };
  struct Instant {
    UnixMillis at = 0;
    Resolution resolution = Resolution::kUnique;
  };

  // An IANA zone ("Europe/Berlin"); InvalidArgument when the database does
  // not know it.
  static Result<TimeZone> Named(std::string_view iana_name);
  // The system's zone: $TZ when it names an IANA zone (":Europe/Berlin" or
  // "Europe/Berlin"), else /etc/localtime; NotFound when neither tells.
  static Result<TimeZone> System();
  // Coordinated Universal Time.
  static TimeZone Utc();

  // The instant of a local date and time in this zone, resolved by the rule
  // above. REQUIRES: a valid calendar date and time.
  Instant ToInstant(const LocalDateTime& local) const;

  // The local calendar day of an instant, as days since 1970-01-01 (so two
  // instants' difference is the number of calendar days between them at
  // the site: "day 1" after an infusion is the next calendar day, however
  // few hours later).
  std::int64_t LocalDayNumber(UnixMillis at) const;

  // An instant as ISO 8601 local time with its UTC offset, to the second:
  // "2026-12-01T23:59:59+01:00" ("+00:00" in UTC).
  std::string FormatLocal(UnixMillis at) const;

  // The IANA name ("Europe/Berlin", "Etc/UTC").
  std::string name() const;

 private:
  explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}
  const date::time_zone* zone_;  // owned by the date library's database
};

// A date or date-time as a command line gives it: "YYYY-MM-DD" (local
// midnight in `zone`), "YYYY-MM-DDTHH:MM[:SS[.mmm]]" followed by "Z", an
// offset "+HH:MM", "-HH:MM", "+HHMM" or "-HHMM" (that instant), or nothing
// (local time in `zone`, resolved by the rule above). nullopt for anything
// else, including dates and times that do not exist (2026-02-30, 24:00).
std::optional<UnixMillis> ParseInstant(std::string_view text,
                                       const TimeZone& zone);

}  // namespace iraed

#endif  // IRAED_COMMON_TIME_ZONE_H_
