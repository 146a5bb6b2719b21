// Local calendar days of instants in a site's zone (ICAHT counts days from
// the CAR-T infusion by the site's calendar).
#include "common/time_zone.h"

#include <gtest/gtest.h>

#include "common/time_format.h"

namespace iraed {
namespace {

UnixMillis Utc(const char* text) { return *ParseUtcMillis(text); }

TEST(TimeZoneTest, LocalDayNumberFollowsTheSiteCalendarNotTwentyFourHours) {
  auto berlin = TimeZone::Named("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  // 2026-03-02 is day 20514 since 1970-01-01.
  EXPECT_EQ(berlin->LocalDayNumber(Utc("2026-03-02T12:00:00Z")), 20514);
  // 23:30 UTC on 1 March is already 2 March in Berlin (UTC+1).
  EXPECT_EQ(berlin->LocalDayNumber(Utc("2026-03-01T23:30:00Z")), 20514);
  EXPECT_EQ(berlin->LocalDayNumber(Utc("2026-03-01T22:59:59Z")), 20513);
  // An infusion at 14:00 and a count at 06:00 the next morning: one day
  // apart, although fewer than 24 hours passed.
  EXPECT_EQ(berlin->LocalDayNumber(Utc("2026-03-03T05:00:00Z")) -
                berlin->LocalDayNumber(Utc("2026-03-02T13:00:00Z")),
            1);
}

TEST(TimeZoneTest, LocalDayNumberInUtcAndBeforeTheEpoch) {
  const TimeZone utc = TimeZone::Utc();
  EXPECT_EQ(utc.LocalDayNumber(0), 0);
  EXPECT_EQ(utc.LocalDayNumber(86'400'000 - 1), 0);
  EXPECT_EQ(utc.LocalDayNumber(86'400'000), 1);
  EXPECT_EQ(utc.LocalDayNumber(-1), -1);  // 1969-12-31
}

TEST(TimeZoneTest, LocalDayNumberAcrossDaylightSaving) {
  auto berlin = TimeZone::Named("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  // 2026-03-29: clocks go forward at 01:00 UTC; the day still has one
  // number from its first to its last local minute.
  const std::int64_t day = berlin->LocalDayNumber(Utc("2026-03-29T00:00:00Z"));
  EXPECT_EQ(berlin->LocalDayNumber(Utc("2026-03-29T21:59:59Z")), day);
  EXPECT_EQ(berlin->LocalDayNumber(Utc("2026-03-29T22:00:00Z")), day + 1);
}

TEST(TimeZoneTest, FormatLocalWritesTheOffsetInForce) {
  auto berlin = TimeZone::Named("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  EXPECT_EQ(berlin->FormatLocal(Utc("2026-12-01T22:59:59.999Z")),
            "2026-12-01T23:59:59+01:00");
  EXPECT_EQ(berlin->FormatLocal(Utc("2026-07-01T22:00:00Z")),
            "2026-07-02T00:00:00+02:00");
  EXPECT_EQ(TimeZone::Utc().FormatLocal(0), "1970-01-01T00:00:00+00:00");
  auto ny = TimeZone::Named("America/New_York");
  ASSERT_TRUE(ny.ok());
  EXPECT_EQ(ny->FormatLocal(Utc("2026-12-01T12:00:00Z")),
            "2026-12-01T07:00:00-05:00");
  auto kolkata = TimeZone::Named("Asia/Kolkata");
  ASSERT_TRUE(kolkata.ok());
  EXPECT_EQ(kolkata->FormatLocal(Utc("2026-12-01T00:00:00Z")),
            "2026-12-01T05:30:00+05:30");
}

TEST(TimeZoneTest, ParseInstantTakesDatesLocalTimesAndOffsets) {
  auto berlin = TimeZone::Named("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  // A date is local midnight.
  EXPECT_EQ(ParseInstant("2026-12-01", *berlin), Utc("2026-11-30T23:00:00Z"));
  EXPECT_EQ(ParseInstant("2026-12-01", TimeZone::Utc()),
            Utc("2026-12-01T00:00:00Z"));
  // An offset or Z is that instant, whatever the zone.
  EXPECT_EQ(ParseInstant("2026-12-01T23:59:59+01:00", TimeZone::Utc()),
            Utc("2026-12-01T22:59:59Z"));
  EXPECT_EQ(ParseInstant("2026-12-01T23:59:59-0130", *berlin),
            Utc("2026-12-02T01:29:59Z"));
  EXPECT_EQ(ParseInstant("2026-12-01T10:00Z", *berlin),
            Utc("2026-12-01T10:00:00Z"));
  EXPECT_EQ(ParseInstant("2026-12-01T10:00:00.250Z", *berlin),
            Utc("2026-12-01T10:00:00.250Z"));
  // Without one, local time.
  EXPECT_EQ(ParseInstant("2026-07-01T12:00:00", *berlin),
            Utc("2026-07-01T10:00:00Z"));
  for (const char* bad :
       {"", "2026-12", "2026-02-30", "2026-12-01T24:00:00Z",
        "2026-12-01T10:60Z", "2026-12-01 10:00:00Z", "2026-12-01T10:00:00+1",
        "2026-12-01T10:00:00+24:00", "2026-12-01T10:00:00Zjunk", "yesterday",
        "2026-12-01T10"}) {
    EXPECT_FALSE(ParseInstant(bad, *berlin).has_value()) << bad;
  }
}

}  // namespace
}  // namespace iraed
