#include "hl7/hl7_time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "common/time_zone.h"

namespace iraed::hl7 {
namespace {

// Reads `ts` in `zone` (UTC by default) and returns the instant only.
class Hl7TimeTest : public ::testing::Test {
 protected:
  void UseZone(const char* name) {
    auto z = TimeZone::Named(name);
    ASSERT_TRUE(z.ok()) << z.status().ToString();
    zone_ = *z;
  }
  static bool HaveZone(const char* zone) { return TimeZone::Named(zone).ok(); }
  std::optional<UnixMillis> ParseHl7Time(std::string_view ts) const {
    auto t = hl7::ParseHl7Time(ts, zone_);
    if (!t) return std::nullopt;
    return t->at;
  }
  std::optional<Hl7Time> Full(std::string_view ts) const {
    return hl7::ParseHl7Time(ts, zone_);
  }

  TimeZone zone_ = TimeZone::Utc();
};

TEST_F(Hl7TimeTest, EveryPrecisionWithoutOffsetInUtc) {
  EXPECT_EQ(ParseHl7Time("2024"), 1704067200000);
  EXPECT_EQ(ParseHl7Time("202403"), 1709251200000);
  EXPECT_EQ(ParseHl7Time("20240315"), 1710460800000);
  EXPECT_EQ(ParseHl7Time("2024031514"), 1710511200000);
  EXPECT_EQ(ParseHl7Time("202403151430"), 1710513000000);
  EXPECT_EQ(ParseHl7Time("20240315143045"), 1710513045000);
  EXPECT_EQ(ParseHl7Time("20240315143045.1"), 1710513045100);
  EXPECT_EQ(ParseHl7Time("20240315143045.12"), 1710513045120);
  EXPECT_EQ(ParseHl7Time("20240315143045.123"), 1710513045123);
  // Beyond milliseconds: truncated.
  EXPECT_EQ(ParseHl7Time("20240315143045.1239"), 1710513045123);
  EXPECT_EQ(ParseHl7Time("20111220224447.3399"),
            ParseHl7Time("20111220224447").value() + 339);
}

TEST_F(Hl7TimeTest, Offsets) {
  // Values from the sample set (hl7-mllp.md 4.2).
  EXPECT_EQ(ParseHl7Time("20141006092900+0700"), 1412562540000);
  EXPECT_EQ(ParseHl7Time("201203141259-0215"), 1331738040000);
  EXPECT_EQ(ParseHl7Time("20110103143428-0800"), 1294094068000);
  EXPECT_EQ(ParseHl7Time("20240315143045+0000"), 1710513045000);
  EXPECT_EQ(ParseHl7Time("20240315143045-0000"), 1710513045000);
  // Fraction and offset together (mirth_oru_r01_v22_cbc_st_values.hl7).
  EXPECT_EQ(ParseHl7Time("20100604234724.085-0400"), 1275709644085);
  // Lower precisions with an offset.
  EXPECT_EQ(ParseHl7Time("20240315+0100"), 1710460800000 - 3600000);
  EXPECT_EQ(ParseHl7Time("2024+0000"), 1704067200000);
}

TEST_F(Hl7TimeTest, OffsetIsExactWhateverTheProcessZone) {
  if (!HaveZone("America/New_York")) GTEST_SKIP() << "no tz database";
  UseZone("America/New_York");
  EXPECT_EQ(ParseHl7Time("20141006092900+0700"), 1412562540000);
  EXPECT_EQ(ParseHl7Time("20110103143428-0800"), 1294094068000);
}

TEST_F(Hl7TimeTest, TrailingSpacesAreIgnored) {
  EXPECT_EQ(ParseHl7Time("20240315  "), 1710460800000);
}

TEST_F(Hl7TimeTest, InvalidDates) {
  EXPECT_EQ(ParseHl7Time("20240230"), std::nullopt);   // Feb 30
  EXPECT_EQ(ParseHl7Time("20230229"), std::nullopt);   // not a leap year
  EXPECT_EQ(ParseHl7Time("19000229"), std::nullopt);   // not a leap year
  EXPECT_EQ(ParseHl7Time("20240229"), 1709164800000);  // leap year
  EXPECT_EQ(ParseHl7Time("20000229"), 951782400000);   // leap year
  EXPECT_EQ(ParseHl7Time("202413"), std::nullopt);     // month 13
  EXPECT_EQ(ParseHl7Time("20241301"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("20240001"), std::nullopt);        // month 0
  EXPECT_EQ(ParseHl7Time("20240100"), std::nullopt);        // day 0
  EXPECT_EQ(ParseHl7Time("20240431"), std::nullopt);        // April 31
  EXPECT_EQ(ParseHl7Time("2024031524"), std::nullopt);      // hour 24
  EXPECT_EQ(ParseHl7Time("202403151260"), std::nullopt);    // minute 60
  EXPECT_EQ(ParseHl7Time("20240315125960"), std::nullopt);  // second 60
}

TEST_F(Hl7TimeTest, FreeTextAndMalformedValues) {
  EXPECT_EQ(ParseHl7Time("Aug 15, 1942"), std::nullopt);
  EXPECT_EQ(ParseHl7Time(""), std::nullopt);
  EXPECT_EQ(ParseHl7Time("   "), std::nullopt);
  EXPECT_EQ(ParseHl7Time("\"\""), std::nullopt);
  EXPECT_EQ(ParseHl7Time("202"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("20240"), std::nullopt);  // odd length
  EXPECT_EQ(ParseHl7Time("2024031"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("202403151430451"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("2024-03-15"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("2024-03-15T14:30:45Z"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("20240315T143045"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("2024031514304a"), std::nullopt);
  EXPECT_EQ(ParseHl7Time(" 20240315"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("20240315143045.x"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("202403151430.5"), std::nullopt);  // no seconds
  EXPECT_EQ(ParseHl7Time("20240315+07"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("20240315+07000"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("20240315+07a0"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("20240315+1500"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("20240315+0760"), std::nullopt);
  EXPECT_EQ(ParseHl7Time("-0500"), std::nullopt);
}

TEST_F(Hl7TimeTest, BeforeTheEpoch) {
  EXPECT_EQ(ParseHl7Time("19420815"), -864086400000);
  EXPECT_EQ(ParseHl7Time("196912312359"), -60000);
  EXPECT_EQ(ParseHl7Time("19691231235958"), -2000);
  EXPECT_EQ(ParseHl7Time("19691231235959+0000"), -1000);
}

// 1969-12-31T23:59:59 local is a real instant, one second before the
// epoch (mktime() used to return -1 for it, its error result).
TEST_F(Hl7TimeTest, LastSecondBeforeTheEpochWithoutOffset) {
  EXPECT_EQ(ParseHl7Time("19691231235959"), -1000);
  EXPECT_EQ(ParseHl7Time("19691231235959.5"), -500);
}

TEST_F(Hl7TimeTest, NamedZoneWinterAndSummer) {
  if (!HaveZone("Europe/Berlin")) GTEST_SKIP() << "no /usr/share/zoneinfo";
  UseZone("Europe/Berlin");
  // CET, UTC+1: 12:00 local is 11:00 UTC.
  EXPECT_EQ(ParseHl7Time("20240115120000"), 1705316400000);
  // CEST, UTC+2: 12:00 local is 10:00 UTC.
  EXPECT_EQ(ParseHl7Time("20240715120000"), 1721037600000);
  // A date is local midnight.
  EXPECT_EQ(ParseHl7Time("20240715"), 1721037600000 - 12 * 3600000);
  // An explicit offset wins over the zone.
  EXPECT_EQ(ParseHl7Time("20240715120000+0000"), 1721044800000);
}

TEST_F(Hl7TimeTest, ZoneWestOfUtc) {
  if (!HaveZone("America/New_York")) GTEST_SKIP() << "no /usr/share/zoneinfo";
  UseZone("America/New_York");
  EXPECT_EQ(ParseHl7Time("20240715120000"), 1721059200000);  // EDT, UTC-4
  EXPECT_EQ(ParseHl7Time("20240115120000"), 1705338000000);  // EST, UTC-5
}

TEST_F(Hl7TimeTest, ZoneIsPassedInNotTakenFromTheEnvironment) {
  if (!HaveZone("Europe/Berlin")) GTEST_SKIP() << "no tz database";
  // The process zone says Berlin; the zone passed in (UTC) decides.
  setenv("TZ", "Europe/Berlin", 1);
  tzset();
  EXPECT_EQ(ParseHl7Time("20240715120000"), 1721044800000);
  unsetenv("TZ");
  tzset();
}

// Europe/Berlin, 2026: clocks go forward on 29 March at 02:00 CET (02:00 to
// 03:00 does not exist) and back on 25 October at 03:00 CEST (02:00 to
// 03:00 happens twice).
class Hl7DaylightSavingTest : public Hl7TimeTest {
 protected:
  void SetUp() override {
    if (!HaveZone("Europe/Berlin")) GTEST_SKIP() << "no tz database";
    UseZone("Europe/Berlin");
  }
  void Expect(std::string_view ts, UnixMillis at, TimeZone::Resolution r) {
    auto t = Full(ts);
    ASSERT_TRUE(t.has_value()) << ts;
    EXPECT_EQ(t->at, at) << ts;
    EXPECT_EQ(t->resolution, r) << ts;
  }
  static constexpr auto kUnique = TimeZone::Resolution::kUnique;
};

TEST_F(Hl7DaylightSavingTest, NonexistentLocalTimeIsShiftedForwardAndSaidSo) {
  // 02:30 read with the offset before the change (CET, +01:00) is 01:30
  // UTC, which is 03:30 CEST: shifted forward by the gap.
  const auto shifted = TimeZone::Resolution::kNonexistentShifted;
  Expect("20260329023000", 1774747800000, shifted);  // 01:30:00Z
  Expect("20260329020000", 1774746000000, shifted);  // first skipped second
  // Just before and at the end of the gap are ordinary times.
  Expect("20260329015959", 1774745999000, kUnique);  // 00:59:59Z
  Expect("20260329030000", 1774746000000, kUnique);  // 01:00:00Z
}

TEST_F(Hl7DaylightSavingTest, AmbiguousLocalTimeTakesTheEarlierInstant) {
  // 02:30 happens at 00:30Z (CEST, +02:00) and again at 01:30Z (CET).
  Expect("20261025023000", 1792888200000,
         TimeZone::Resolution::kAmbiguousEarlier);
  Expect("20261025015959", 1792886399000, kUnique);  // 23:59:59Z before
  Expect("20261025030000", 1792893600000, kUnique);  // 02:00:00Z
  // An explicit offset is exact, never flagged.
  Expect("20261025023000+0100", 1792891800000, kUnique);
}

TEST_F(Hl7TimeTest, Format) {
  EXPECT_EQ(FormatHl7Time(0), "19700101000000.000+0000");
  EXPECT_EQ(FormatHl7Time(1710513045007), "20240315143045.007+0000");
  // What is formatted parses back to the same instant.
  EXPECT_EQ(ParseHl7Time(FormatHl7Time(1710513045007)), 1710513045007);
}

}  // namespace
}  // namespace iraed::hl7
