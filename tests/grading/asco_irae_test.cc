// ASCO 2021 hepatitis and nephritis grades at every boundary.
#include "grading/asco_irae.h"

#include <gtest/gtest.h>

namespace iraed::grading {
namespace {

int Hepatitis(std::optional<UlnValue> ast, std::optional<UlnValue> alt,
              std::optional<UlnValue> bili) {
  auto g = GradeAscoHepatitis(ast, alt, bili);
  return g ? g->grade : -1;
}

TEST(AscoHepatitisTest, TransaminaseBands) {
  auto alt = [](double v) {
    return Hepatitis(std::nullopt, UlnValue{v, 40}, std::nullopt);
  };
  EXPECT_EQ(alt(40), 0);
  EXPECT_EQ(alt(40.1), 1);
  EXPECT_EQ(alt(120), 1);  // 3.0 x ULN
  EXPECT_EQ(alt(120.1), 2);
  EXPECT_EQ(alt(200), 2);  // 5.0 x ULN: "> 3.0 - <= 5"
  EXPECT_EQ(alt(200.1), 3);
  EXPECT_EQ(alt(800), 3);  // 20 x ULN
  EXPECT_EQ(alt(800.1), 4);
}

TEST(AscoHepatitisTest, BilirubinBandsAtFloatingPointTraps) {
  auto bili = [](double v) {
    return Hepatitis(std::nullopt, std::nullopt, UlnValue{v, 1.2});
  };
  EXPECT_EQ(bili(1.2), 0);
  EXPECT_EQ(bili(1.8), 1);  // exactly 1.5 x 1.2
  EXPECT_EQ(bili(1.81), 2);
  EXPECT_EQ(bili(3.6), 2);  // exactly 3 x 1.2
  EXPECT_EQ(bili(3.61), 3);
  EXPECT_EQ(bili(12.0), 3);
  EXPECT_EQ(bili(12.01), 4);
}

TEST(AscoHepatitisTest, WorstAnalyteWinsAndNothingKnownIsNoGrade) {
  EXPECT_EQ(Hepatitis(UlnValue{130, 40}, UlnValue{50, 40}, UlnValue{1, 1.2}),
            2);
  EXPECT_EQ(Hepatitis(std::nullopt, std::nullopt, std::nullopt), -1);
}

int Nephritis(double v, std::optional<double> base, Unit u = Unit::kMgPerDl) {
  auto g = GradeAscoNephritis(v, base, u);
  return g ? g->grade : -1;
}

TEST(AscoNephritisTest, BaselineMultiples) {
  EXPECT_EQ(Nephritis(0.8, 0.7), 0);
  EXPECT_EQ(Nephritis(1.05, 0.7), 1);  // exactly 1.5 x 0.7 (and rise 0.35)
  EXPECT_EQ(Nephritis(1.4, 0.7), 1);   // 2.0 x
  EXPECT_EQ(Nephritis(1.41, 0.7), 2);
  EXPECT_EQ(Nephritis(2.1, 0.7), 2);  // exactly 3 x 0.7
  EXPECT_EQ(Nephritis(2.11, 0.7), 3);
  EXPECT_EQ(Nephritis(4.19, 0.7), 3);
  EXPECT_EQ(Nephritis(4.2, 0.7), 4);  // >= 6 x
}

TEST(AscoNephritisTest, AbsoluteRiseAndCeiling) {
  EXPECT_EQ(Nephritis(1.3, 1.0), 0);   // rise exactly 0.3
  EXPECT_EQ(Nephritis(1.31, 1.0), 1);  // rise > 0.3 mg/dL
  EXPECT_EQ(Nephritis(4.0, 1.5), 2);   // 2.67 x, not above 4.0
  EXPECT_EQ(Nephritis(4.01, 1.5), 3);  // > 4.0 mg/dL
}

TEST(AscoNephritisTest, MicromolarThresholdsAreConverted) {
  // 0.3 mg/dL = 26.52 umol/L; 4.0 mg/dL = 353.6 umol/L (x 88.4).
  EXPECT_EQ(Nephritis(100 + 26.52, 100, Unit::kUmolPerL), 0);
  EXPECT_EQ(Nephritis(100 + 26.53, 100, Unit::kUmolPerL), 1);
  EXPECT_EQ(Nephritis(353.6, 150, Unit::kUmolPerL), 2);
  EXPECT_EQ(Nephritis(353.7, 150, Unit::kUmolPerL), 3);
}

TEST(AscoNephritisTest, NeedsBaselineAndKnownUnit) {
  EXPECT_EQ(Nephritis(2.0, std::nullopt), -1);
  EXPECT_EQ(Nephritis(2.0, 1.0, Unit::kGPerL), -1);
}

TEST(AscoActionTest, EveryGradeHasItsSourcedText) {
  for (int g = 1; g <= 4; ++g) {
    EXPECT_NE(AscoAction(IraeSyndrome::kHepatitis, g).find("ASCO21"),
              std::string::npos);
    EXPECT_NE(AscoAction(IraeSyndrome::kNephritis, g).find("KIDNEY-CMP"),
              std::string::npos);
  }
  EXPECT_EQ(AscoAction(IraeSyndrome::kHepatitis, 0), "");
  EXPECT_NE(AscoAction(IraeSyndrome::kNephritis, 3).find("discontinue"),
            std::string::npos);
}

}  // namespace
}  // namespace iraed::grading
