// Adverse-event episodes from findings (pv/episodes.h): onset, worst grade,
// end after the configured days back at baseline, outcome, at every
// boundary.
#include "pv/episodes.h"

#include <gtest/gtest.h>

#include <vector>

namespace iraed::pv {
namespace {

constexpr UnixMillis kHour = 60LL * 60 * 1000;
constexpr UnixMillis kDay = 24 * kHour;
constexpr UnixMillis kStart = 1'790'000'000'000;  // the first dose

struct Course {
  std::vector<GradePoint> points;
  std::int64_t next_id = 1;
  Course& At(UnixMillis at, int grade, bool provisional = false) {
    points.push_back({next_id++, at, grade, provisional});
    return *this;
  }
};

std::vector<Episode> Derive(
    const Course& c, UnixMillis as_of, int end_after_days = 3,
    std::optional<UnixMillis> death = std::nullopt,
    std::optional<UnixMillis> monitoring_end = std::nullopt) {
  SeriesContext context;
  context.therapy_start = kStart;
  context.as_of = as_of;
  context.death = death;
  context.monitoring_end = monitoring_end;
  EpisodeRules rules;
  rules.end_after_days = end_after_days;
  return DeriveEpisodes(c.points, context, rules);
}

TEST(EpisodesTest, RisesImprovesRelapsesAndResolvesAsOneEpisode) {
  Course c;
  c.At(kStart + 7 * kDay, 1)
      .At(kStart + 9 * kDay, 2)
      .At(kStart + 11 * kDay, 3)
      .At(kStart + 14 * kDay, 1)   // improves
      .At(kStart + 16 * kDay, 3)   // relapses
      .At(kStart + 21 * kDay, 0);  // resolves
  const auto episodes = Derive(c, kStart + 40 * kDay);
  ASSERT_EQ(episodes.size(), 1u);
  const Episode& e = episodes[0];
  EXPECT_EQ(e.baseline_grade, 0);
  EXPECT_EQ(e.onset, kStart + 7 * kDay);
  EXPECT_EQ(e.onset_grade, 1);
  EXPECT_EQ(e.worst_grade, 3);
  EXPECT_EQ(e.worst_at, kStart + 11 * kDay);  // first reached
  ASSERT_TRUE(e.end.has_value());
  EXPECT_EQ(*e.end, kStart + 21 * kDay);
  EXPECT_EQ(e.outcome, Outcome::kRecovered);
  EXPECT_EQ(e.finding_ids, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_FALSE(e.provisional);
  EXPECT_EQ(e.last_grade, 0);
}

TEST(EpisodesTest, ARelapseJustBeforeTheWindowContinuesAtItStartsANewOne) {
  for (const auto& [gap, episodes_expected] :
       std::vector<std::pair<UnixMillis, std::size_t>>{
           {3 * kDay - 1, 1}, {3 * kDay, 2}, {3 * kDay + 1, 2}}) {
    Course c;
    c.At(kStart + kDay, 2)
        .At(kStart + 2 * kDay, 0)
        .At(kStart + 2 * kDay + gap, 2);
    const auto episodes = Derive(c, kStart + 30 * kDay);
    ASSERT_EQ(episodes.size(), episodes_expected) << gap;
    if (episodes_expected == 2) {
      EXPECT_EQ(*episodes[0].end, kStart + 2 * kDay);
      EXPECT_EQ(episodes[0].outcome, Outcome::kRecovered);
      EXPECT_EQ(episodes[1].onset, kStart + 2 * kDay + gap);
      EXPECT_EQ(episodes[1].finding_ids, (std::vector<std::int64_t>{3}));
    } else {
      EXPECT_FALSE(episodes[0].end.has_value());
      EXPECT_EQ(episodes[0].outcome, Outcome::kOngoing);  // back at worst
    }
  }
}

TEST(EpisodesTest, BackAtBaselineIsRecoveringUntilTheWindowHasPassed) {
  Course c;
  c.At(kStart + kDay, 3).At(kStart + 5 * kDay, 0);
  const UnixMillis back = kStart + 5 * kDay;
  auto below = Derive(c, back + 3 * kDay - 1);
  ASSERT_EQ(below.size(), 1u);
  EXPECT_EQ(below[0].outcome, Outcome::kRecovering);
  EXPECT_FALSE(below[0].end.has_value());
  for (UnixMillis as_of : {back + 3 * kDay, back + 3 * kDay + 1}) {
    auto at = Derive(c, as_of);
    ASSERT_EQ(at.size(), 1u);
    EXPECT_EQ(at[0].outcome, Outcome::kRecovered);
    EXPECT_EQ(*at[0].end, back);
  }
}

TEST(EpisodesTest, ZeroDaysEndsAtTheFirstReturnToBaseline) {
  Course c;
  c.At(kStart + kDay, 2).At(kStart + 2 * kDay, 0).At(kStart + 2 * kDay + 1, 2);
  const auto episodes = Derive(c, kStart + 2 * kDay + 1, 0);
  ASSERT_EQ(episodes.size(), 2u);
  EXPECT_EQ(*episodes[0].end, kStart + 2 * kDay);
  EXPECT_EQ(episodes[1].outcome, Outcome::kOngoing);
}

TEST(EpisodesTest, ImprovingButNotBackIsRecoveringAtWorstIsOngoing) {
  Course c;
  c.At(kStart + kDay, 3);
  EXPECT_EQ(Derive(c, kStart + 10 * kDay)[0].outcome, Outcome::kOngoing);
  c.At(kStart + 2 * kDay, 2);
  const auto episodes = Derive(c, kStart + 10 * kDay);
  EXPECT_EQ(episodes[0].outcome, Outcome::kRecovering);
  EXPECT_EQ(episodes[0].last_grade, 2);
}

TEST(EpisodesTest, BaselineGradeAtTheFirstDoseRaisesTheBar) {
  Course c;
  c.At(kStart - kDay, 1)     // before therapy: baseline 1
      .At(kStart, 1)         // at the dose itself: still baseline
      .At(kStart + kDay, 1)  // not above baseline: no episode
      .At(kStart + 2 * kDay, 2)
      .At(kStart + 3 * kDay, 1);  // back to baseline, not 0
  const auto episodes = Derive(c, kStart + 20 * kDay);
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].baseline_grade, 1);
  EXPECT_EQ(episodes[0].onset, kStart + 2 * kDay);
  EXPECT_EQ(*episodes[0].end, kStart + 3 * kDay);
  EXPECT_EQ(episodes[0].outcome, Outcome::kRecovered);
}

TEST(EpisodesTest, AGradeAtTheDoseTimeIsBaselineOneJustAfterIsOnset) {
  Course at;
  at.At(kStart, 2);
  EXPECT_TRUE(Derive(at, kStart + kDay).empty());
  Course after;
  after.At(kStart + 1, 2);
  ASSERT_EQ(Derive(after, kStart + kDay).size(), 1u);
}

TEST(EpisodesTest, GradeZeroNeverOpensAnEpisode) {
  Course c;
  c.At(kStart + kDay, 0).At(kStart + 2 * kDay, 0);
  EXPECT_TRUE(Derive(c, kStart + 9 * kDay).empty());
}

TEST(EpisodesTest, FindingsAfterAsOfAreNotRead) {
  Course c;
  c.At(kStart + kDay, 2).At(kStart + 2 * kDay, 4);
  auto episodes = Derive(c, kStart + 2 * kDay - 1);
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].worst_grade, 2);
  episodes = Derive(c, kStart + 2 * kDay);
  EXPECT_EQ(episodes[0].worst_grade, 4);
}

TEST(EpisodesTest, ProvisionalWhenAnyFindingWas) {
  Course c;
  c.At(kStart + kDay, 2)
      .At(kStart + 2 * kDay, 3, true)
      .At(kStart + 3 * kDay, 2);
  EXPECT_TRUE(Derive(c, kStart + 9 * kDay)[0].provisional);
}

TEST(EpisodesTest, OpenAtDeathIsFatalBackAtBaselineIsRecovered) {
  Course c;
  c.At(kStart + kDay, 3).At(kStart + 2 * kDay, 4);
  const UnixMillis death = kStart + 3 * kDay;
  auto fatal = Derive(c, kStart + 30 * kDay, 3, death);
  ASSERT_EQ(fatal.size(), 1u);
  EXPECT_EQ(fatal[0].outcome, Outcome::kFatal);
  EXPECT_EQ(*fatal[0].end, death);
  // A death after the period's end is not known yet.
  auto alive = Derive(c, death - 1, 3, death);
  EXPECT_EQ(alive[0].outcome, Outcome::kOngoing);

  Course back;
  back.At(kStart + kDay, 3).At(kStart + 2 * kDay, 0).At(death + 1, 3);
  auto recovered = Derive(back, kStart + 30 * kDay, 3, death);
  ASSERT_EQ(recovered.size(), 1u);  // nothing after the death is read
  EXPECT_EQ(recovered[0].outcome, Outcome::kRecovered);
  EXPECT_EQ(*recovered[0].end, kStart + 2 * kDay);
}

TEST(EpisodesTest, TheLastFindingOfAnInstantHolds) {
  // A withdrawn result: its finding is followed, at the same instant, by
  // the one restoring the grade before it. No adverse event.
  Course withdrawn;
  withdrawn.At(kStart + kDay, 3).At(kStart + kDay, 0);
  EXPECT_TRUE(Derive(withdrawn, kStart + 9 * kDay).empty());
  // A corrected result: the correction's grade is the grade.
  Course corrected;
  corrected.At(kStart + kDay, 3).At(kStart + kDay, 1);
  auto episodes = Derive(corrected, kStart + 9 * kDay);
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].worst_grade, 1);
  EXPECT_EQ(episodes[0].outcome, Outcome::kOngoing);
  EXPECT_EQ(episodes[0].finding_ids, (std::vector<std::int64_t>{2}));
  // At the therapy start too: the baseline is the last finding there.
  Course baseline;
  baseline.At(kStart, 2).At(kStart, 0).At(kStart + kDay, 1);
  episodes = Derive(baseline, kStart + 9 * kDay);
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].baseline_grade, 0);
}

TEST(EpisodesTest, MonitoringEndClosesAnOpenEpisodeAsUnknown) {
  const UnixMillis stop = kStart + 30 * kDay;
  Course open;
  open.At(kStart + kDay, 2);
  // Before the monitoring end: ongoing; at and after it: unknown.
  EXPECT_EQ(Derive(open, stop - 1, 3, std::nullopt, stop)[0].outcome,
            Outcome::kOngoing);
  for (UnixMillis as_of : {stop, stop + 1}) {
    auto episodes = Derive(open, as_of, 3, std::nullopt, stop);
    ASSERT_EQ(episodes.size(), 1u);
    EXPECT_EQ(episodes[0].outcome, Outcome::kUnknown);
    EXPECT_EQ(*episodes[0].end, stop);
  }
  // Back at baseline when monitoring ends: recovered at the return, even
  // inside the window (it can no longer relapse).
  Course back;
  back.At(kStart + kDay, 2).At(stop - kDay, 0);
  auto episodes = Derive(back, stop + 60 * kDay, 3, std::nullopt, stop);
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].outcome, Outcome::kRecovered);
  EXPECT_EQ(*episodes[0].end, stop - kDay);
  // A finding after the monitoring end is not read.
  Course late;
  late.At(kStart + kDay, 2).At(stop + 1, 4);
  EXPECT_EQ(Derive(late, stop + kDay, 3, std::nullopt, stop)[0].worst_grade, 2);
}

TEST(EpisodesTest, ADeathAfterTheMonitoringEndIsNotFatal) {
  const UnixMillis stop = kStart + 30 * kDay;
  Course c;
  c.At(kStart + 3 * kDay, 2);
  // Died on day 200: monitoring had ended on day 30 with grade 2.
  auto later = Derive(c, kStart + 300 * kDay, 3, kStart + 200 * kDay, stop);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].outcome, Outcome::kUnknown);
  EXPECT_EQ(*later[0].end, stop);
  // Died on day 20, inside monitoring: fatal.
  auto inside = Derive(c, kStart + 300 * kDay, 3, kStart + 20 * kDay, stop);
  EXPECT_EQ(inside[0].outcome, Outcome::kFatal);
  EXPECT_EQ(*inside[0].end, kStart + 20 * kDay);
  // Died at the monitoring end itself: monitoring ended first (not fatal).
  auto same = Derive(c, kStart + 300 * kDay, 3, stop, stop);
  EXPECT_EQ(same[0].outcome, Outcome::kUnknown);
}

TEST(EpisodesTest, DeathAtTheInstantOfAFindingReadsIt) {
  Course c;
  c.At(kStart + kDay, 2).At(kStart + 2 * kDay, 4);
  const UnixMillis death = kStart + 2 * kDay;
  auto episodes = Derive(c, death, 3, death);  // as of the death itself
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes[0].worst_grade, 4);
  EXPECT_EQ(episodes[0].outcome, Outcome::kFatal);
  EXPECT_EQ(*episodes[0].end, death);
}

TEST(EpisodesTest, OutcomeNames) {
  EXPECT_EQ(OutcomeName(Outcome::kRecovered), "recovered");
  EXPECT_EQ(OutcomeName(Outcome::kRecovering), "recovering");
  EXPECT_EQ(OutcomeName(Outcome::kOngoing), "ongoing");
  EXPECT_EQ(OutcomeName(Outcome::kFatal), "fatal");
  EXPECT_EQ(OutcomeName(Outcome::kUnknown), "unknown");
}

}  // namespace
}  // namespace iraed::pv
