// ASTCT 2019 CRS (LEE-CRS), every domain boundary.
#include "grading/crs.h"

#include <gtest/gtest.h>

namespace iraed::grading {
namespace {

CrsInputs Febrile(double t = 38.5) {
  CrsInputs in;
  in.temperature_c = t;
  in.hypotension = false;
  in.oxygen_device = OxygenDevice::kNone;
  return in;
}

TEST(CrsTest, FeverThresholdIs38Inclusive) {
  EXPECT_EQ(GradeCrs(Febrile(37.9)).grade, 0);
  EXPECT_EQ(GradeCrs(Febrile(38.0)).grade, 1);
  EXPECT_EQ(GradeCrs(Febrile(38.1)).grade, 1);
}

// Reference 10.4: ASTCT counts only fever "not attributable to any other
// cause"; a charted other cause takes the fever out, whatever the support,
// while masking still holds a CRS already there.
TEST(CrsTest, FeverWithAnotherDocumentedCauseIsNotCrs) {
  CrsInputs in = Febrile(39.2);
  in.vasopressors_excluding_vasopressin = 1;
  in.fever_other_cause = true;
  const CrsGrade g = GradeCrs(in);
  EXPECT_EQ(g.grade, 0);
  EXPECT_EQ(g.reason,
            "fever 39.2 Cel attributed to another documented cause: not CRS "
            "fever");
  in.fever_other_cause = false;
  EXPECT_EQ(GradeCrs(in).grade, 3);
  EXPECT_EQ(GradeCrs(in).assumption,
            "fever not attributable to another cause (charted)");
  in.fever_other_cause.reset();
  EXPECT_EQ(GradeCrs(in).assumption, "fever not attributable to another cause");
  in.fever_other_cause = true;
  in.fever_masked = true;
  EXPECT_EQ(GradeCrs(in).grade, 3);
}

TEST(CrsTest, NoTemperatureIsNoCrsUnlessMasked) {
  CrsInputs in;
  in.vasopressors_excluding_vasopressin = 1;
  EXPECT_EQ(GradeCrs(in).grade, 0);
  in.fever_masked = true;  // tocilizumab given: fever no longer required
  EXPECT_EQ(GradeCrs(in).grade, 3);
}

TEST(CrsTest, MaskedFeverWithoutOrganSupportHoldsGradeOneProvisionally) {
  CrsInputs in;
  in.fever_masked = true;
  in.temperature_c = 37.0;
  const CrsGrade g = GradeCrs(in);
  EXPECT_EQ(g.grade, 1);
  EXPECT_TRUE(g.provisional);
  EXPECT_NE(g.assumption.find("masked"), std::string::npos);
}

TEST(CrsTest, UnmaskedAfebrileIsGradeZeroWhateverTheSupport) {
  CrsInputs in;
  in.temperature_c = 37.9;
  in.oxygen_device = OxygenDevice::kNonRebreather;
  in.vasopressors_excluding_vasopressin = 2;
  EXPECT_EQ(GradeCrs(in).grade, 0);
}

TEST(CrsTest, HypotensionDomain) {
  CrsInputs in = Febrile();
  in.hypotension = true;
  EXPECT_EQ(GradeCrs(in).grade, 2);
  in.vasopressors_excluding_vasopressin = 1;
  EXPECT_EQ(GradeCrs(in).grade, 3);
  in.vasopressin_running = true;  // "with or without vasopressin"
  EXPECT_EQ(GradeCrs(in).grade, 3);
  in.vasopressors_excluding_vasopressin = 2;
  EXPECT_EQ(GradeCrs(in).grade, 4);
}

TEST(CrsTest, VasopressinAloneCountsAsAVasopressor) {
  CrsInputs in = Febrile();
  in.vasopressin_running = true;
  EXPECT_EQ(GradeCrs(in).grade, 3);
}

TEST(CrsTest, LowFlowBoundaryIsSixLitresInclusive) {
  CrsInputs in = Febrile();
  in.oxygen_device = OxygenDevice::kNasalCannula;
  in.oxygen_flow_l_min = 5.9;
  EXPECT_EQ(GradeCrs(in).grade, 2);
  in.oxygen_flow_l_min = 6.0;
  EXPECT_EQ(GradeCrs(in).grade, 2);
  in.oxygen_flow_l_min = 6.1;
  EXPECT_EQ(GradeCrs(in).grade, 3);
  in.oxygen_flow_l_min = 6.5;
  EXPECT_EQ(GradeCrs(in).grade, 3);
}

TEST(CrsTest, OxygenDevices) {
  struct Case {
    OxygenDevice device;
    int grade;
  };
  for (const Case& c :
       {Case{OxygenDevice::kNone, 1}, Case{OxygenDevice::kBlowBy, 2},
        Case{OxygenDevice::kHighFlowNasalCannula, 3},
        Case{OxygenDevice::kFacemask, 3}, Case{OxygenDevice::kNonRebreather, 3},
        Case{OxygenDevice::kVenturiMask, 3}, Case{OxygenDevice::kCpap, 4},
        Case{OxygenDevice::kBipap, 4},
        Case{OxygenDevice::kMechanicalVentilation, 4}}) {
    CrsInputs in = Febrile();
    in.oxygen_device = c.device;
    EXPECT_EQ(GradeCrs(in).grade, c.grade) << static_cast<int>(c.device);
  }
}

TEST(CrsTest, NasalCannulaWithoutFlowIsProvisionalLowFlow) {
  CrsInputs in = Febrile();
  in.oxygen_device = OxygenDevice::kNasalCannula;
  CrsGrade g = GradeCrs(in);
  EXPECT_EQ(g.grade, 2);
  EXPECT_TRUE(g.provisional);
  EXPECT_NE(g.assumption.find("low-flow"), std::string::npos);
}

TEST(CrsTest, MoreSevereDomainWins) {
  // LEE-CRS footnote example: one vasopressor and low-flow cannula = 3.
  CrsInputs in = Febrile();
  in.vasopressors_excluding_vasopressin = 1;
  in.oxygen_device = OxygenDevice::kNasalCannula;
  in.oxygen_flow_l_min = 2;
  EXPECT_EQ(GradeCrs(in).grade, 3);
  in.oxygen_device = OxygenDevice::kBipap;
  EXPECT_EQ(GradeCrs(in).grade, 4);
  EXPECT_NE(GradeCrs(in).reason.find("positive-pressure"), std::string::npos);
}

}  // namespace
}  // namespace iraed::grading
