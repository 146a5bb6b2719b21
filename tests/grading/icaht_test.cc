// ICAHT (grading/icaht.h) at every boundary: the thresholds (<=), the day
// counts of each band, unstable recoveries, missing days, the two counting
// methods, a severe episode that never recovers, the open window, and the
// late nadir table.
#include "grading/icaht.h"

#include <gtest/gtest.h>

#include <vector>

namespace iraed::grading {
namespace {

// A count on each day of [first, last].
void Fill(std::vector<AncDay>& days, int first, int last, double anc) {
  for (int d = first; d <= last; ++d) days.push_back({d, anc});
}

// Days 0..30 at `normal`, then the given stretch at `low`.
std::vector<AncDay> Course(int low_first, int low_last, double low,
                           double normal = 2000) {
  std::vector<AncDay> days;
  Fill(days, 0, 30, normal);
  for (AncDay& d : days) {
    if (d.day >= low_first && d.day <= low_last) d.anc_per_ul = low;
  }
  return days;
}

IcahtGrade Early(const std::vector<AncDay>& days, int through = 30,
                 IcahtCounting c = IcahtCounting::kCumulative) {
  return GradeEarlyIcaht(days, through, c);
}

TEST(IcahtTest, ThresholdsIncludeTheirValue) {
  EXPECT_EQ(Early(Course(5, 11, 500)).severe_days, 7);
  EXPECT_EQ(Early(Course(5, 11, 500.01)).severe_days, 0);
  EXPECT_EQ(Early(Course(5, 11, 499.99)).severe_days, 7);
  EXPECT_EQ(Early(Course(5, 11, 100)).profound_days, 7);
  EXPECT_EQ(Early(Course(5, 11, 100.01)).profound_days, 0);
  EXPECT_EQ(Early(Course(5, 11, 99.99)).profound_days, 7);
}

struct Band {
  int low_days;
  double anc;
  int grade;
};

class IcahtBandTest : public ::testing::TestWithParam<Band> {};

TEST_P(IcahtBandTest, DaysBelowGiveTheGrade) {
  const Band& b = GetParam();
  // From day 5, so that no episode starts on day 0-3.
  const IcahtGrade g = Early(Course(5, 5 + b.low_days - 1, b.anc));
  EXPECT_EQ(g.grade, b.grade) << g.rule;
  EXPECT_FALSE(g.provisional) << g.assumption;
}

INSTANTIATE_TEST_SUITE_P(Early, IcahtBandTest,
                         ::testing::Values(Band{0, 300, 0}, Band{1, 300, 1},
                                           Band{6, 300, 1}, Band{7, 300, 2},
                                           Band{13, 300, 2}, Band{14, 300, 3},
                                           Band{20, 300, 3},
                                           // profound days are severe days too
                                           Band{6, 50, 1}, Band{7, 50, 3},
                                           Band{13, 50, 3}, Band{14, 50, 4}));

TEST(IcahtTest, ARecoveryShorterThanThreeDaysCountsAsNeutropenic) {
  // Below on days 5-7 and 10-12; above on 8-9 (2 days): not stable.
  std::vector<AncDay> unstable = Course(5, 12, 300);
  unstable[8].anc_per_ul = unstable[9].anc_per_ul = 900;
  EXPECT_EQ(Early(unstable).severe_days, 8);
  EXPECT_EQ(Early(unstable).grade, 2);
  // Above on 8-10 (3 days): a stable recovery, its days do not count.
  std::vector<AncDay> stable = Course(5, 13, 300);
  stable[8].anc_per_ul = stable[9].anc_per_ul = stable[10].anc_per_ul = 900;
  EXPECT_EQ(Early(stable).severe_days, 6);
  EXPECT_EQ(Early(stable).grade, 1);
}

TEST(IcahtTest, AMissingDayCountsOnlyWhenItsNeighboursAgree) {
  std::vector<AncDay> days = Course(5, 11, 300);
  days.erase(days.begin() + 8);  // day 8, between two severe days
  const IcahtGrade between = Early(days);
  EXPECT_EQ(between.severe_days, 7);
  EXPECT_FALSE(between.provisional);
  // Day 12 missing after the last severe day (11) and before a normal one.
  std::vector<AncDay> edge = Course(5, 11, 300);
  edge.erase(edge.begin() + 12);
  const IcahtGrade g = Early(edge);
  EXPECT_EQ(g.severe_days, 7);
  EXPECT_TRUE(g.provisional);
  EXPECT_NE(g.assumption.find("not counted"), std::string::npos);
}

TEST(IcahtTest, CumulativeAndLongestEpisodeCountDifferently) {
  // Severe on 5-9 and 15-19, a stable recovery between.
  std::vector<AncDay> days = Course(5, 19, 300);
  for (int d = 10; d <= 14; ++d)
    days[static_cast<std::size_t>(d)].anc_per_ul = 900;
  EXPECT_EQ(Early(days).severe_days, 10);
  EXPECT_EQ(Early(days).grade, 2);
  const IcahtGrade longest = Early(days, 30, IcahtCounting::kLongestEpisode);
  EXPECT_EQ(longest.severe_days, 5);
  EXPECT_EQ(longest.grade, 1);
  EXPECT_NE(longest.rule.find("longest_episode"), std::string::npos);
  // An unreadable day joins two episodes across a gap of 1 day.
  std::vector<AncDay> gap = Course(5, 12, 300);
  gap.erase(gap.begin() + 9);  // day 9 missing ...
  gap[9].anc_per_ul = 900;     // ... and day 10 (now index 9) normal
  const IcahtGrade joined = Early(gap, 30, IcahtCounting::kLongestEpisode);
  EXPECT_EQ(joined.severe_days, 8);      // days 5-12 as one episode
  EXPECT_EQ(Early(gap).severe_days, 7);  // day 9 not counted, 10 filled
}

TEST(IcahtTest, AnEarlyEpisodeThatNeverRecoversIsGrade4) {
  const IcahtGrade g = Early(Course(3, 30, 300));
  EXPECT_TRUE(g.never_recovered);
  EXPECT_EQ(g.grade, 4);
  EXPECT_FALSE(g.provisional);
  // Starting on day 4 it is "only" severe for 27 days.
  EXPECT_EQ(Early(Course(4, 30, 300)).grade, 3);
  // Recovered on day 30: not "never".
  EXPECT_EQ(Early(Course(3, 29, 300)).grade, 3);
}

TEST(IcahtTest, BeforeDay30TheGradeIsARunningMinimum) {
  const IcahtGrade g = Early(Course(3, 30, 300), 12);
  EXPECT_EQ(g.severe_days, 10);
  EXPECT_EQ(g.grade, 2);
  EXPECT_TRUE(g.provisional);
  EXPECT_FALSE(g.never_recovered);
  EXPECT_NE(g.assumption.find("running minimum"), std::string::npos);
}

TEST(IcahtTest, OnlyDaysInTheWindowCountAndADayCountsWithItsLowestValue) {
  std::vector<AncDay> days = Course(5, 5, 300);
  days.push_back({5, 80});   // a second count on day 5, lower
  days.push_back({-2, 50});  // before the infusion
  days.push_back({31, 50});  // after the early window
  const IcahtGrade g = Early(days);
  EXPECT_EQ(g.severe_days, 1);
  EXPECT_EQ(g.profound_days, 1);
}

TEST(IcahtTest, LateIcahtIsGradedByTheNadir) {
  struct Case {
    double nadir;
    int grade;
  };
  for (const Case& c :
       {Case{1500.01, 0}, Case{1500, 1}, Case{1499.99, 1}, Case{1000.01, 1},
        Case{1000, 2}, Case{999.99, 2}, Case{500.01, 2}, Case{500, 3},
        Case{499.99, 3}, Case{100.01, 3}, Case{100, 4}, Case{99.99, 4}}) {
    auto g = GradeLateIcaht({{40, 3000}, {45, c.nadir}, {60, 2500}});
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(g->grade, c.grade) << c.nadir;
    EXPECT_FALSE(g->provisional);
    EXPECT_NE(g->rule.find("PARTIAL"), std::string::npos);
  }
  auto single = GradeLateIcaht({{45, 800}});
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(single->grade, 2);
  EXPECT_TRUE(single->provisional);
  EXPECT_FALSE(GradeLateIcaht({{30, 50}, {101, 50}}).has_value());
  // Days 31 and 100 are in the window.
  auto edges = GradeLateIcaht({{31, 400}, {100, 1200}});
  ASSERT_TRUE(edges.has_value());
  EXPECT_EQ(edges->grade, 3);
  EXPECT_FALSE(edges->provisional);
  EXPECT_EQ(edges->rule.find("the site's"), std::string::npos);
}

// Item 7 of issue 14: the PARTIAL late table is a site setting.
TEST(IcahtTest, LateTableIsASiteSetting) {
  LateIcahtBands b;
  b.grade1_at_or_below = 1800;
  b.grade2_at_or_below = 1200;
  for (const auto& [nadir, grade] : std::vector<std::pair<double, int>>{
           {1800.01, 0}, {1800, 1}, {1200.01, 1}, {1200, 2}, {1000, 2}}) {
    auto g = GradeLateIcaht({{40, 3000}, {45, nadir}}, b);
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(g->grade, grade) << nadir;
    EXPECT_NE(g->rule.find("the site's: <= 100 4, <= 500 3, <= 1200 2, "
                           "<= 1800 1"),
              std::string::npos)
        << g->rule;
  }
}

}  // namespace
}  // namespace iraed::grading
