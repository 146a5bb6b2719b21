// ICAHT from the counts the record holds (surveillance/icaht_assembly.h):
// units, the day graded through, the moment graded at, and the evidence.
#include "surveillance/icaht_assembly.h"

#include <gtest/gtest.h>

namespace iraed::surveillance {
namespace {

constexpr UnixMillis kInfusion = 1'790'000'000'000;  // 2026-09-21T14:13:20Z
constexpr UnixMillis kDay = 86'400'000;

NeutrophilCount Count(int day, double value, std::string unit = "10*9/L") {
  return {kInfusion + day * kDay, day, value, std::move(unit)};
}

TEST(IcahtAssemblyTest, CountsInEveryCountUnitAreCellsPerMicrolitre) {
  // 0.5 x 10^9/L, 500/uL and 0.5 K/uL are all 500/uL: severe (<= 500).
  const IcahtAssessment a =
      AssessIcaht({Count(0, 0.5), Count(1, 500, "/uL"), Count(2, 0.5, "K/uL"),
                   Count(3, 12, "%")},
                  grading::IcahtCounting::kCumulative);
  ASSERT_TRUE(a.early);
  EXPECT_EQ(a.early->grade.severe_days, 3);
  ASSERT_EQ(a.early->days.size(), 3u);
  EXPECT_EQ(a.early->days[1].anc_per_ul, 500);
  // The percentage is not a count: left out, and named.
  EXPECT_EQ(a.unusable_units, (std::vector<std::string>{"%"}));
  // Graded through the latest day with a count (2), as of that count.
  EXPECT_EQ(a.early->through_day, 2);
  EXPECT_EQ(a.early->at, kInfusion + 2 * kDay);
  EXPECT_TRUE(a.early->grade.provisional);
  EXPECT_FALSE(a.late);
}

TEST(IcahtAssemblyTest, TheLowestCountOfADayCounts) {
  const IcahtAssessment a =
      AssessIcaht({Count(4, 0.7), Count(4, 0.45), Count(4, 0.6)},
                  grading::IcahtCounting::kCumulative);
  ASSERT_TRUE(a.early);
  ASSERT_EQ(a.early->days.size(), 1u);
  EXPECT_EQ(a.early->days[0].anc_per_ul, 450);
  EXPECT_EQ(a.early->grade.severe_days, 1);
}

TEST(IcahtAssemblyTest, ACountAfterDayThirtyClosesTheEarlyWindow) {
  std::vector<NeutrophilCount> counts;
  for (int d = 0; d <= 20; ++d) counts.push_back(Count(d, 0.3));
  counts.push_back(Count(31, 1.2));
  counts.push_back(Count(45, 0.9));
  const IcahtAssessment a =
      AssessIcaht(counts, grading::IcahtCounting::kCumulative);
  ASSERT_TRUE(a.early);
  // Through day 30 and final, as of the first count after it; days 21-30
  // have no count and their neighbours disagree (0.3 and 1.2 at day 31 is
  // not in the early window): not counted, so still provisional.
  EXPECT_EQ(a.early->through_day, 30);
  EXPECT_EQ(a.early->at, kInfusion + 31 * kDay);
  EXPECT_EQ(a.early->grade.grade, 3);  // severe >= 14 days
  EXPECT_TRUE(a.early->grade.provisional);
  ASSERT_TRUE(a.late);
  EXPECT_EQ(a.late->grade.grade, 2);  // nadir 900 <= 1000
  EXPECT_FALSE(a.late->grade.provisional);
  EXPECT_EQ(a.late->at, kInfusion + 45 * kDay);
  EXPECT_EQ(a.late->through_day, 45);
}

// Counts twice a week after discharge: day 28 and day 32 both severe, so
// days 29 and 30 were too; the episode from day 0 never recovered (grade
// 4), and the grade is final.
TEST(IcahtAssemblyTest, TheFirstCountAfterDayThirtyIsANeighbourOfItsEdge) {
  std::vector<NeutrophilCount> counts;
  for (int d = 0; d <= 28; ++d) counts.push_back(Count(d, 0.2));
  counts.push_back(Count(32, 0.3));
  const IcahtAssessment a =
      AssessIcaht(counts, grading::IcahtCounting::kCumulative);
  ASSERT_TRUE(a.early);
  EXPECT_EQ(a.early->grade.grade, 4);
  EXPECT_TRUE(a.early->grade.never_recovered);
  EXPECT_FALSE(a.early->grade.provisional);
  EXPECT_EQ(a.early->grade.severe_days, 31);
  // The neighbour is not one of the early window's days.
  EXPECT_EQ(a.early->days.back().day, 28);
  // A count before the infusion's day is day 0's neighbour the same way.
  const IcahtAssessment b = AssessIcaht({Count(-1, 0.4), Count(1, 0.4)},
                                        grading::IcahtCounting::kCumulative);
  ASSERT_TRUE(b.early);
  EXPECT_EQ(b.early->grade.severe_days, 2);
  const IcahtAssessment c = AssessIcaht({Count(-1, 3.0), Count(1, 0.4)},
                                        grading::IcahtCounting::kCumulative);
  ASSERT_TRUE(c.early);
  EXPECT_EQ(c.early->grade.severe_days, 1);  // day 0 unknown
}

TEST(IcahtAssemblyTest, DaysOutsideZeroToOneHundredAreIgnored) {
  const IcahtAssessment a = AssessIcaht({Count(-1, 0.05), Count(101, 0.05)},
                                        grading::IcahtCounting::kCumulative);
  EXPECT_FALSE(a.early);
  EXPECT_FALSE(a.late);
}

TEST(IcahtAssemblyTest, EvidenceKeepsItsKeysInOrder) {
  const IcahtAssessment a =
      AssessIcaht({Count(0, 0.4), Count(1, 0.08, "10^9/L")},
                  grading::IcahtCounting::kCumulative);
  ASSERT_TRUE(a.early);
  const IcahtFindingEvidence e{
      TherapyRef{"car_t_infusion", "Kymriah", kInfusion}, true,
      grading::IcahtCounting::kCumulative, *a.early, a.unusable_units};
  EXPECT_EQ(
      DumpJson(ToJson(e)),
      R"j({"infusion":{"product":"Kymriah","at":"2026-09-21T14:13:20.000Z"},)j"
      R"j("window":"early","counting":"cumulative","through_day":1,)j"
      R"j("days":[{"day":0,"anc_per_ul":400},{"day":1,"anc_per_ul":80}],)j"
      R"j("severe_days":2,"profound_days":1,"never_recovered":false,)j"
      R"j("rule":"ANC <= 500/uL for 2 days (cumulative days)",)j"
      R"j("assumption":"day 1 of 30: a running minimum while the window is )j"
      R"j(open","verification":"partially verified: early ICAHT bands as )j"
      R"j(implemented in ICAHT-CODE, not the paper's own table; late ICAHT )j"
      R"j(nadir table PARTIAL","unusable_units":[]})j");
  EXPECT_EQ(IcahtWhat(true, *a.early),
            "Early ICAHT grade 1: ANC <= 500/uL for 2 days (cumulative days), "
            "day 1 after the infusion");
}

}  // namespace
}  // namespace iraed::surveillance
