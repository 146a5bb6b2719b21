// CTCAE v5.0 febrile neutropenia (grading/febrile_neutropenia.h) at every
// boundary: ANC just below, at and above 1.0 x 10^9/L; a single temperature
// at and just above 38.3 Cel; a fever >= 38.0 Cel sustained for exactly one
// hour and just over.
#include "grading/febrile_neutropenia.h"

#include <gtest/gtest.h>

namespace iraed::grading {
namespace {

constexpr std::int64_t kAt = 1'800'000'000'000;
constexpr std::int64_t kMinute = 60'000;

std::vector<TemperatureReading> One(double celsius) { return {{kAt, celsius}}; }

int GradeOf(std::optional<double> anc,
            const std::vector<TemperatureReading>& t) {
  auto g = GradeFebrileNeutropenia(anc, t);
  return g ? g->grade : -1;  // -1: not gradable
}

TEST(FebrileNeutropeniaTest, AncBoundaryAtOnePointZero) {
  EXPECT_EQ(GradeOf(0.999, One(38.9)), 3);
  EXPECT_EQ(GradeOf(1.0, One(38.9)), 0);  // < 1000/mm3, not <=
  EXPECT_EQ(GradeOf(1.001, One(38.9)), 0);
  EXPECT_EQ(GradeOf(0.0, One(38.9)), 3);
}

TEST(FebrileNeutropeniaTest, SingleTemperatureAboveThirtyEightPointThree) {
  EXPECT_EQ(GradeOf(0.3, One(38.29)), 0);
  EXPECT_EQ(GradeOf(0.3, One(38.3)), 0);  // > 38.3, not >=
  EXPECT_EQ(GradeOf(0.3, One(38.31)), 3);
  // 38.3 reached through binary noise (38.0 + 0.3) is still 38.3.
  EXPECT_EQ(GradeOf(0.3, One(38.0 + 0.3)), 0);
}

TEST(FebrileNeutropeniaTest, SustainedFeverForMoreThanOneHour) {
  // 38.0 charted at -60 min and now: exactly one hour, not more.
  EXPECT_EQ(GradeOf(0.3, {{kAt - 60 * kMinute, 38.0}, {kAt, 38.0}}), 0);
  EXPECT_EQ(GradeOf(0.3, {{kAt - 60 * kMinute - 1, 38.0}, {kAt, 38.0}}), 3);
  EXPECT_EQ(GradeOf(0.3, {{kAt - 90 * kMinute, 38.2},
                          {kAt - 30 * kMinute, 38.1},
                          {kAt, 38.0}}),
            3);
  // A reading below 38.0 in between breaks the run.
  EXPECT_EQ(GradeOf(0.3, {{kAt - 90 * kMinute, 38.2},
                          {kAt - 30 * kMinute, 37.99},
                          {kAt, 38.0}}),
            0);
  // The current reading below 38.0: the fever is over.
  EXPECT_EQ(GradeOf(0.3, {{kAt - 90 * kMinute, 38.2}, {kAt, 37.99}}), 0);
  const auto g =
      GradeFebrileNeutropenia(0.4, {{kAt - 90 * kMinute, 38.2}, {kAt, 38.1}});
  ASSERT_TRUE(g);
  EXPECT_EQ(g->rule,
            "ANC 0.4 x 10^9/L (< 1.0) with a temperature >= 38.0 Cel "
            "sustained for more than 1 h (2 readings over 90 min)");
  EXPECT_EQ(g->decisive.size(), 2u);
}

// The episode lasts while the fever does: 38.6 then 38.2 half an hour
// later is the same fever, still grade 3; a reading below 38.0 ends it.
TEST(FebrileNeutropeniaTest, AFeverAbove38Point3LastsWhileTheFeverDoes) {
  const auto g =
      GradeFebrileNeutropenia(0.4, {{kAt - 30 * kMinute, 38.6}, {kAt, 38.2}});
  ASSERT_TRUE(g);
  EXPECT_EQ(g->grade, 3);
  EXPECT_EQ(g->rule,
            "ANC 0.4 x 10^9/L (< 1.0) with a temperature of 38.6 Cel (> 38.3), "
            "fever continuing");
  EXPECT_EQ(GradeOf(0.4, {{kAt - 60 * kMinute, 38.6},
                          {kAt - 30 * kMinute, 37.9},
                          {kAt, 38.2}}),
            0);
}

TEST(FebrileNeutropeniaTest, UnknownInputsNeverReadAsNormal) {
  EXPECT_EQ(GradeOf(std::nullopt, One(39.5)), -1);
  EXPECT_EQ(GradeOf(0.3, {}), -1);
  // A normal ANC is grade 0 whatever the temperature.
  EXPECT_EQ(GradeOf(2.0, {}), 0);
  const auto g = GradeFebrileNeutropenia(0.3, One(38.9));
  ASSERT_TRUE(g);
  EXPECT_EQ(g->rule,
            "ANC 0.3 x 10^9/L (< 1.0) with a temperature of 38.9 Cel (> 38.3)");
}

}  // namespace
}  // namespace iraed::grading
