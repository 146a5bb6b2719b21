// CTCAE v5.0 CRS as the second scale beside ASTCT (reference 10.6), every
// domain boundary; written from the reference and grading/ctcae_crs.h.
#include "grading/ctcae_crs.h"

#include <gtest/gtest.h>

namespace iraed::grading {
namespace {

CrsInputs Febrile() {
  CrsInputs in;
  in.temperature_c = 38.6;
  return in;
}

TEST(CtcaeCrsTest, NoCrsByAstctIsGradeZero) {
  CrsInputs in = Febrile();
  in.vasopressors_excluding_vasopressin = 2;
  EXPECT_EQ(GradeCtcaeCrs(in, 0).grade, 0);
}

TEST(CtcaeCrsTest, FeverAloneIsGradeOne) {
  const CtcaeCrsGrade g = GradeCtcaeCrs(Febrile(), 1);
  EXPECT_EQ(g.grade, 1);
  EXPECT_FALSE(g.provisional);
  CrsInputs in = Febrile();
  in.oxygen_device = OxygenDevice::kNone;  // room air
  in.hypotension = false;
  EXPECT_EQ(GradeCtcaeCrs(in, 1).grade, 1);
}

TEST(CtcaeCrsTest, HypotensionDomain) {
  CrsInputs in = Febrile();
  in.hypotension = true;
  EXPECT_EQ(GradeCtcaeCrs(in, 2).grade, 2);  // responding to fluids
  in.vasopressin_running = true;
  EXPECT_EQ(GradeCtcaeCrs(in, 3).grade, 3);  // one pressor
  in.vasopressin_running = false;
  in.vasopressors_excluding_vasopressin = 1;
  EXPECT_EQ(GradeCtcaeCrs(in, 3).grade, 3);
  in.vasopressin_running = true;  // two pressors
  CtcaeCrsGrade g = GradeCtcaeCrs(in, 3);
  EXPECT_EQ(g.grade, 4);
  EXPECT_TRUE(g.provisional);
  in.vasopressin_running = false;
  in.vasopressors_excluding_vasopressin = 2;
  EXPECT_EQ(GradeCtcaeCrs(in, 4).grade, 4);
}

TEST(CtcaeCrsTest, HypoxiaByInspiredOxygenFraction) {
  CrsInputs in = Febrile();
  in.oxygen_device = OxygenDevice::kFacemask;
  in.fio2_percent = 39.9;
  EXPECT_EQ(GradeCtcaeCrs(in, 3).grade, 2);  // FiO2 never moves ASTCT
  in.fio2_percent = 40;
  EXPECT_EQ(GradeCtcaeCrs(in, 3).grade, 3);
  in.fio2_percent = 40.1;
  EXPECT_EQ(GradeCtcaeCrs(in, 3).grade, 3);
  in.oxygen_device = OxygenDevice::kNasalCannula;
  in.oxygen_flow_l_min = 2;
  in.fio2_percent = 28;
  const CtcaeCrsGrade g = GradeCtcaeCrs(in, 2);
  EXPECT_EQ(g.grade, 2);
  EXPECT_FALSE(g.provisional);
}

TEST(CtcaeCrsTest, OxygenWithoutFio2IsTheWorstCase) {
  CrsInputs in = Febrile();
  in.oxygen_device = OxygenDevice::kNasalCannula;
  in.oxygen_flow_l_min = 2;
  const CtcaeCrsGrade g = GradeCtcaeCrs(in, 2);
  EXPECT_EQ(g.grade, 3);
  EXPECT_TRUE(g.provisional);
  EXPECT_NE(g.assumption.find("grade 2 if below"), std::string::npos);
  // A cannula charted at 0 L/min gives no oxygen.
  in.oxygen_flow_l_min = 0;
  EXPECT_EQ(GradeCtcaeCrs(in, 1).grade, 1);
  // One pressor already makes it 3: the FiO2 assumption does not decide.
  in.oxygen_flow_l_min = 2;
  in.vasopressors_excluding_vasopressin = 1;
  EXPECT_FALSE(GradeCtcaeCrs(in, 3).provisional);
}

TEST(CtcaeCrsTest, RoomAirFractionAndAFractionWithoutADevice) {
  CrsInputs in = Febrile();
  in.oxygen_device = OxygenDevice::kFacemask;
  in.fio2_percent = 21;  // room air whatever the device says
  EXPECT_EQ(GradeCtcaeCrs(in, 3).grade, 1);
  in.fio2_percent = 21.1;
  EXPECT_EQ(GradeCtcaeCrs(in, 3).grade, 2);
  in.oxygen_device.reset();  // no device charted: the fraction tells
  in.fio2_percent = 45;
  EXPECT_EQ(GradeCtcaeCrs(in, 1).grade, 3);
  in.fio2_percent = 30;
  EXPECT_EQ(GradeCtcaeCrs(in, 1).grade, 2);
  in.oxygen_device = OxygenDevice::kNone;  // charted room air
  EXPECT_EQ(GradeCtcaeCrs(in, 1).grade, 1);
}

TEST(CtcaeCrsTest, PositivePressureIsGradeFourProvisional) {
  for (OxygenDevice d : {OxygenDevice::kCpap, OxygenDevice::kBipap,
                         OxygenDevice::kMechanicalVentilation}) {
    CrsInputs in = Febrile();
    in.oxygen_device = d;
    in.fio2_percent = 30;
    const CtcaeCrsGrade g = GradeCtcaeCrs(in, 4);
    EXPECT_EQ(g.grade, 4);
    EXPECT_TRUE(g.provisional);
    EXPECT_NE(g.assumption.find("life-threatening"), std::string::npos);
  }
}

}  // namespace
}  // namespace iraed::grading
