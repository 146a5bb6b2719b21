// The pure part of re-grading CRS and ICANS (surveillance/regrade_plan.h):
// the therapy span, the range of stored moments a message bears on, and
// how stored moments join the message's own, at every edge.
#include "surveillance/regrade_plan.h"

#include <gtest/gtest.h>

namespace iraed::surveillance {
namespace {

constexpr UnixMillis kT = 1'800'000'000'000;
constexpr std::int64_t kDay = 24LL * 3600 * 1000;

GradingMoment Own(UnixMillis at, std::int64_t row = 0) {
  GradingMoment m;
  m.at = at;
  if (row != 0) m.observation_row = row;
  return m;
}

TEST(RegradePlanTest, NoTherapyStoredNoSpan) {
  EXPECT_FALSE(TherapySpanOf(AstctNotes{}, 28 * kDay));
}

TEST(RegradePlanTest, SpanRunsFromJustBeforeTheTherapyToTheEndOfItsWindow) {
  AstctNotes notes;
  notes.therapy_from = kT;
  notes.therapy_to = kT + kDay;
  auto span = TherapySpanOf(notes, 28 * kDay);
  ASSERT_TRUE(span);
  EXPECT_EQ(span->after, kT - 1);  // the infusion's own moment counts
  EXPECT_EQ(span->until, kT + kDay + 28 * kDay);
  EXPECT_FALSE(span->withdrawn);
  notes.therapy_withdrawn = true;
  EXPECT_TRUE(TherapySpanOf(notes, 28 * kDay)->withdrawn);
  // No window: no end.
  EXPECT_GT(TherapySpanOf(notes, 0)->until, kT + 100000 * kDay);
}

TEST(RegradePlanTest, RangeCoversOwnMomentsAndTheirReach) {
  const std::vector<GradingMoment> own = {Own(kT), Own(kT + 10)};
  RegradeRange r = RangeToRegrade(own, std::nullopt, std::nullopt);
  EXPECT_EQ(r.after, kT);
  EXPECT_EQ(r.until, kT + 10);
  r = RangeToRegrade(own, kT + 500, std::nullopt);
  EXPECT_EQ(r.until, kT + 500);
  // A reach short of the last moment does not shorten the range.
  r = RangeToRegrade(own, kT + 5, std::nullopt);
  EXPECT_EQ(r.until, kT + 10);
}

TEST(RegradePlanTest, RangeWithASpanIsTheWiderOfBoth) {
  const TherapySpan span{kT - 100, kT + 100, false};
  RegradeRange r = RangeToRegrade({}, std::nullopt, span);
  EXPECT_EQ(r.after, kT - 100);
  EXPECT_EQ(r.until, kT + 100);
  r = RangeToRegrade({Own(kT - 200), Own(kT + 50)}, kT + 300, span);
  EXPECT_EQ(r.after, kT - 200);
  EXPECT_EQ(r.until, kT + 300);
}

TEST(RegradePlanTest, StoredMomentsJoinInTimeOrderOnceAsRevisits) {
  std::vector<GradingMoment> joined =
      JoinStoredMoments({Own(kT, 7), Own(kT + 20, 8)},
                        {kT - 5, kT, kT + 10, kT + 10}, std::nullopt);
  ASSERT_EQ(joined.size(), 4u);
  EXPECT_EQ(joined[0].at, kT - 5);
  EXPECT_TRUE(joined[0].revisit);
  EXPECT_EQ(joined[1].at, kT);  // the message's own, not a revisit
  EXPECT_FALSE(joined[1].revisit);
  EXPECT_EQ(joined[1].observation_row, 7);
  EXPECT_EQ(joined[2].at, kT + 10);
  EXPECT_TRUE(joined[2].revisit);
  EXPECT_EQ(joined[3].at, kT + 20);
  for (const GradingMoment& m : joined) EXPECT_FALSE(m.therapy_withdrawn);
}

TEST(RegradePlanTest, AWithdrawnTherapyMarksTheStoredMomentsInsideItsSpan) {
  const TherapySpan span{kT, kT + 100, true};
  std::vector<GradingMoment> joined =
      JoinStoredMoments({}, {kT, kT + 1, kT + 100, kT + 101}, span);
  ASSERT_EQ(joined.size(), 4u);
  EXPECT_FALSE(joined[0].therapy_withdrawn);  // at `after`: outside
  EXPECT_TRUE(joined[1].therapy_withdrawn);   // just inside
  EXPECT_TRUE(joined[2].therapy_withdrawn);   // at `until`: inside
  EXPECT_FALSE(joined[3].therapy_withdrawn);  // just outside
}

}  // namespace
}  // namespace iraed::surveillance
