// ASTCT 2019 ICANS (LEE-ICANS), every ICE band boundary and domain.
#include "grading/icans.h"

#include <gtest/gtest.h>

namespace iraed::grading {
namespace {

std::optional<int> Ice(int score) {
  IcansInputs in;
  in.ice_score = score;
  in.consciousness = Consciousness::kAlert;
  return GradeIcans(in).grade;
}

TEST(IcansTest, IceBands) {
  EXPECT_EQ(Ice(10), 0);
  EXPECT_EQ(Ice(9), 1);
  EXPECT_EQ(Ice(7), 1);
  EXPECT_EQ(Ice(6), 2);
  EXPECT_EQ(Ice(3), 2);
  EXPECT_EQ(Ice(2), 3);
  EXPECT_EQ(Ice(0), 3);  // awake with global aphasia
}

TEST(IcansTest, IceZeroBecauseUnarousableIsGradeFour) {
  IcansInputs in;
  in.ice_score = 0;
  in.consciousness = Consciousness::kUnarousable;
  EXPECT_EQ(GradeIcans(in).grade, 4);
}

TEST(IcansTest, ConsciousnessDomain) {
  struct Case {
    Consciousness c;
    int grade;
  };
  for (const Case& k : {Case{Consciousness::kAlert, 0},
                        Case{Consciousness::kAwakensSpontaneously, 1},
                        Case{Consciousness::kAwakensToVoice, 2},
                        Case{Consciousness::kAwakensToTactile, 3},
                        Case{Consciousness::kUnarousable, 4}}) {
    IcansInputs in;
    in.consciousness = k.c;
    EXPECT_EQ(GradeIcans(in).grade, k.grade);
  }
}

TEST(IcansTest, SeizureMotorAndEdemaDomains) {
  IcansInputs in;
  in.ice_score = 8;  // grade 1 alone
  in.seizure = Seizure::kRapidlyResolving;
  EXPECT_EQ(GradeIcans(in).grade, 3);
  in.seizure = Seizure::kProlongedOrRepetitive;
  EXPECT_EQ(GradeIcans(in).grade, 4);
  in.seizure = Seizure::kNone;
  in.deep_focal_motor_weakness = true;
  EXPECT_EQ(GradeIcans(in).grade, 4);
  in.deep_focal_motor_weakness = false;
  in.cerebral_edema = CerebralEdema::kFocal;
  EXPECT_EQ(GradeIcans(in).grade, 3);
  in.cerebral_edema = CerebralEdema::kDiffuse;
  EXPECT_EQ(GradeIcans(in).grade, 4);
}

TEST(IcansTest, MostSevereDomainWins) {
  // LEE-ICANS example: ICE 3 with a generalized seizure is grade 3.
  IcansInputs in;
  in.ice_score = 3;
  in.seizure = Seizure::kRapidlyResolving;
  EXPECT_EQ(GradeIcans(in).grade, 3);
}

TEST(IcansTest, SedatedPatientIsNotGradedOnIceOrConsciousness) {
  IcansInputs in;
  in.sedated = true;
  in.ice_score = 0;
  in.consciousness = Consciousness::kUnarousable;
  EXPECT_FALSE(GradeIcans(in).grade.has_value());
  in.seizure = Seizure::kNone;  // absence of a seizure is not "no ICANS"
  EXPECT_FALSE(GradeIcans(in).grade.has_value());
  in.seizure = Seizure::kProlongedOrRepetitive;  // still counts
  EXPECT_EQ(GradeIcans(in).grade, 4);
}

TEST(IcansTest, NothingKnownIsNotGradable) {
  EXPECT_FALSE(GradeIcans(IcansInputs{}).grade.has_value());
}

}  // namespace
}  // namespace iraed::grading
