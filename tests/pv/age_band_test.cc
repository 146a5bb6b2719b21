// ICH E2B(R3) age groups (pv/age_band.h) at each boundary.
#include "pv/age_band.h"

#include <gtest/gtest.h>

namespace iraed::pv {
namespace {

// Days since 1970-01-01 of a few dates (checked by `date -d ... +%s`/86400).
constexpr std::int64_t k2026Dec04 = 20791;

TEST(AgeBandTest, Boundaries) {
  // Born 2026-11-06: 28 days old on 2026-12-04.
  EXPECT_EQ(AgeBand("2026-11-07", k2026Dec04), "neonate");     // 27 days
  EXPECT_EQ(AgeBand("2026-11-06", k2026Dec04), "infant");      // 28 days
  EXPECT_EQ(AgeBand("2026-12-04", k2026Dec04), "neonate");     // day of birth
  EXPECT_EQ(AgeBand("2024-12-05", k2026Dec04), "infant");      // 23 months
  EXPECT_EQ(AgeBand("2024-12-04", k2026Dec04), "child");       // 2 years
  EXPECT_EQ(AgeBand("2014-12-05", k2026Dec04), "child");       // 11 years
  EXPECT_EQ(AgeBand("2014-12-04", k2026Dec04), "adolescent");  // 12
  EXPECT_EQ(AgeBand("2008-12-05", k2026Dec04), "adolescent");  // 17
  EXPECT_EQ(AgeBand("2008-12-04", k2026Dec04), "adult");       // 18
  EXPECT_EQ(AgeBand("1961-12-05", k2026Dec04), "adult");       // 64
  EXPECT_EQ(AgeBand("1961-12-04", k2026Dec04), "elderly");     // 65
}

TEST(AgeBandTest, UnreadableOrFutureBirthDatesGiveNone) {
  EXPECT_FALSE(AgeBand("", k2026Dec04));
  EXPECT_FALSE(AgeBand("2026-02-30", k2026Dec04));
  EXPECT_FALSE(AgeBand("20261204", k2026Dec04));
  EXPECT_FALSE(AgeBand("2026-12-05", k2026Dec04));
}

}  // namespace
}  // namespace iraed::pv
