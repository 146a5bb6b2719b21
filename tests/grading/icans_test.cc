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

// Reference 10.5: children under 12 by CAPD (0-32) instead of ICE.
IcansInputs Child(std::optional<int> capd,
                  std::optional<Consciousness> c = std::nullopt) {
  IcansInputs in;
  in.age_group = IcansAgeGroup::kUnder12;
  in.capd_score = capd;
  in.consciousness = c;
  return in;
}

TEST(IcansTest, CapdBandsForChildrenUnderTwelve) {
  EXPECT_EQ(GradeIcans(Child(0, Consciousness::kAlert)).grade, 0);
  EXPECT_EQ(GradeIcans(Child(1, Consciousness::kAlert)).grade, 1);
  EXPECT_EQ(GradeIcans(Child(8, Consciousness::kAwakensSpontaneously)).grade,
            1);
  EXPECT_EQ(GradeIcans(Child(1, Consciousness::kAwakensToVoice)).grade, 2);
  EXPECT_EQ(GradeIcans(Child(8, Consciousness::kAwakensToVoice)).grade, 2);
  EXPECT_EQ(GradeIcans(Child(9, Consciousness::kAlert)).grade, 3);
  EXPECT_EQ(GradeIcans(Child(32, Consciousness::kAlert)).grade, 3);
  // Unable to perform CAPD because unarousable: grade 4.
  EXPECT_EQ(GradeIcans(Child(std::nullopt, Consciousness::kUnarousable)).grade,
            4);
  const IcansGrade g = GradeIcans(Child(9, Consciousness::kAlert));
  EXPECT_NE(g.reason.find("CAPD 9 (under 12)"), std::string::npos) << g.reason;
  EXPECT_FALSE(g.provisional);
}

TEST(IcansTest, CapdOneToEightWithoutConsciousnessIsTheWorstCase) {
  const IcansGrade g = GradeIcans(Child(5));
  EXPECT_EQ(g.grade, 2);
  EXPECT_TRUE(g.provisional);
  EXPECT_NE(g.assumption.find("grade 1 if the child is alert"),
            std::string::npos)
      << g.assumption;
}

TEST(IcansTest, IceIsNotUsedUnderTwelveAndIsFromTwelveOrUnknownAge) {
  IcansInputs in = Child(std::nullopt, Consciousness::kAlert);
  in.ice_score = 2;  // ICE 2 would be grade 3
  IcansGrade g = GradeIcans(in);
  EXPECT_EQ(g.grade, 0);
  EXPECT_NE(g.reason.find("ICE not used under 12"), std::string::npos);
  in.capd_score = 12;  // a CAPD of 12 ignored from 12 years
  for (IcansAgeGroup a :
       {IcansAgeGroup::kTwelveOrOver, IcansAgeGroup::kUnknown}) {
    in.age_group = a;
    g = GradeIcans(in);
    EXPECT_EQ(g.grade, 3);
    EXPECT_NE(g.reason.find("CAPD not used from 12 or with the age unknown"),
              std::string::npos)
        << g.reason;
  }
}

TEST(IcansTest, RuleVersionByRuleSet) {
  EXPECT_STREQ(IcansRuleVersion(RuleSet::kRules4), kIcansRuleVersion);
  EXPECT_STREQ(IcansRuleVersion(RuleSet::kRules3), "astct-2019-icans/iraed-2");
}

}  // namespace
}  // namespace iraed::grading
