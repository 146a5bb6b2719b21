// ASCO 2018 (ASCO18-CCJM) primary hypothyroidism and ICI-associated diabetes,
// every threshold just below, at and just above, against reference
// clinical-grading.md section 6 and the reading documented in
// grading/asco_irae.h.
#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "grading/asco_irae.h"
#include "grading/units.h"

namespace iraed::grading {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

struct Expect {
  int grade;
  bool provisional;
};

// Checks a grade and that an assumption is given exactly when provisional.
void ExpectGrade(const std::optional<SyndromeGrade>& g, Expect e) {
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->grade, e.grade) << g->reason;
  EXPECT_EQ(g->provisional, e.provisional) << g->reason;
  EXPECT_EQ(g->assumption.empty(), !g->provisional) << g->assumption;
  EXPECT_FALSE(g->reason.empty());
}

Unit Parsed(std::string_view spelling) {
  const std::optional<Unit> u = ParseUnit(spelling);
  EXPECT_TRUE(u.has_value()) << spelling;
  return u.value_or(Unit::kNone);
}

// ---------------------------------------------------------------------------
// Primary hypothyroidism: G1 TSH > 4.5 and < 10 mIU/L, asymptomatic; G2
// symptomatic or TSH persistently > 10 mIU/L.

std::optional<SyndromeGrade> Tsh(double v, bool earlier_above_10 = false) {
  return GradeAscoHypothyroidism(v, Unit::kMilliIuPerL, earlier_above_10);
}

TEST(AscoEndocrineTest, HypothyroidismGradeOneBoundaries) {
  ExpectGrade(Tsh(1.2), {0, false});
  ExpectGrade(Tsh(4.49999), {0, false});
  ExpectGrade(Tsh(4.5), {0, false});  // "> 4.5"
  ExpectGrade(Tsh(4.50001), {1, true});
  ExpectGrade(Tsh(7), {1, true});  // assumed asymptomatic
  ExpectGrade(Tsh(9.9999), {1, true});
  ExpectGrade(Tsh(10), {1, true});  // exactly 10 is not "> 10"
}

TEST(AscoEndocrineTest, HypothyroidismGradeTwoNeedsPersistence) {
  ExpectGrade(Tsh(10.0001), {2, true});
  ExpectGrade(Tsh(10.0001, true), {2, false});
  ExpectGrade(Tsh(45), {2, true});
  ExpectGrade(Tsh(45, true), {2, false});
  // An earlier TSH > 10 does not raise a current value that is not > 10.
  ExpectGrade(Tsh(10, true), {1, true});
  ExpectGrade(Tsh(4.5, true), {0, false});
  ExpectGrade(Tsh(6, true), {1, true});
}

TEST(AscoEndocrineTest, HypothyroidismNeverValueGradesThreeOrFour) {
  for (double v : {100.0, 500.0, 1e6}) {
    auto g = Tsh(v, true);
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(g->grade, 2) << v;
  }
}

TEST(AscoEndocrineTest, HypothyroidismUnitSpellings) {
  for (std::string_view u :
       {"m[IU]/L", "uIU/mL", "mIU/L", "u[IU]/mL", "\xc2\xb5IU/mL", "miu/l"}) {
    SCOPED_TRACE(std::string(u));
    ExpectGrade(GradeAscoHypothyroidism(10.0001, Parsed(u), false), {2, true});
    ExpectGrade(GradeAscoHypothyroidism(4.5, Parsed(u), false), {0, false});
  }
}

TEST(AscoEndocrineTest, HypothyroidismOtherUnitsAreNotGraded) {
  for (Unit u : {Unit::kNone, Unit::kUnitsPerL, Unit::kMgPerDl, Unit::kMmolPerL,
                 Unit::kNgPerMl, Unit::kNgPerL, Unit::kPercent}) {
    EXPECT_FALSE(GradeAscoHypothyroidism(12, u, false).has_value())
        << UnitName(u);
    EXPECT_FALSE(GradeAscoHypothyroidism(12, u, true).has_value())
        << UnitName(u);
  }
  // "IU/L" is U/L: a thousand times m[IU]/L, never read as it.
  EXPECT_FALSE(GradeAscoHypothyroidism(12, Parsed("IU/L"), false).has_value());
  EXPECT_FALSE(GradeAscoHypothyroidism(12, Parsed("ng/mL"), false).has_value());
}

TEST(AscoEndocrineTest, HypothyroidismNonFiniteIsNotGraded) {
  EXPECT_FALSE(Tsh(kNaN).has_value());
  EXPECT_FALSE(Tsh(kNaN, true).has_value());
  EXPECT_FALSE(Tsh(kInf).has_value());
  EXPECT_FALSE(Tsh(-kInf).has_value());
}

TEST(AscoEndocrineTest, HypothyroidismReasonNamesTheValue) {
  auto g = Tsh(12.5);
  ASSERT_TRUE(g.has_value());
  EXPECT_NE(g->reason.find("TSH"), std::string::npos) << g->reason;
  EXPECT_NE(g->reason.find("12.5"), std::string::npos) << g->reason;
}

// ---------------------------------------------------------------------------
// ICI-associated diabetes: fasting glucose G1 (ULN, 160] mg/dL; G2 (160,
// 250]; (250, 500] at least 2, provisional; > 500 grade 3, provisional.

constexpr double kUlnMg = 99;

std::optional<SyndromeGrade> Fasting(double v,
                                     std::optional<double> uln = kUlnMg) {
  return GradeAscoDiabetes(v, Unit::kMgPerDl, true, uln);
}

std::optional<SyndromeGrade> Random(double v,
                                    std::optional<double> uln = kUlnMg) {
  return GradeAscoDiabetes(v, Unit::kMgPerDl, false, uln);
}

TEST(AscoEndocrineTest, DiabetesFastingMgPerDlBoundaries) {
  ExpectGrade(Fasting(80), {0, false});
  ExpectGrade(Fasting(98.9999), {0, false});
  ExpectGrade(Fasting(99), {0, false});  // at ULN
  ExpectGrade(Fasting(99.0001), {1, false});
  ExpectGrade(Fasting(159.9999), {1, false});
  ExpectGrade(Fasting(160), {1, false});
  ExpectGrade(Fasting(160.0001), {2, false});
  ExpectGrade(Fasting(200), {2, false});
  ExpectGrade(Fasting(249.9999), {2, false});
  ExpectGrade(Fasting(250), {2, false});
  ExpectGrade(Fasting(250.0001), {2, true});  // no band in the reference
  ExpectGrade(Fasting(400), {2, true});
  ExpectGrade(Fasting(500), {2, true});
  ExpectGrade(Fasting(500.0001), {3, true});  // grade 4 if life-threatening
  ExpectGrade(Fasting(900), {3, true});
}

TEST(AscoEndocrineTest, DiabetesUlnIsTheGradeOneFloor) {
  ExpectGrade(Fasting(105, 110), {0, false});
  ExpectGrade(Fasting(110, 110), {0, false});
  ExpectGrade(Fasting(110.0001, 110), {1, false});
  ExpectGrade(Fasting(100.5, 100), {1, false});
}

TEST(AscoEndocrineTest, DiabetesFastingWithoutUlnOnlyAbove160) {
  EXPECT_FALSE(Fasting(80, std::nullopt).has_value());
  EXPECT_FALSE(Fasting(159.9999, std::nullopt).has_value());
  EXPECT_FALSE(Fasting(160, std::nullopt).has_value());
  EXPECT_FALSE(Fasting(120, kNaN).has_value());
  EXPECT_FALSE(Fasting(120, kInf).has_value());
  ExpectGrade(Fasting(160.0001, std::nullopt), {2, false});
  ExpectGrade(Fasting(250, std::nullopt), {2, false});
  ExpectGrade(Fasting(250.0001, std::nullopt), {2, true});
  ExpectGrade(Fasting(500.0001, std::nullopt), {3, true});
}

TEST(AscoEndocrineTest, DiabetesNonFastingOnlyAbove500) {
  for (double v :
       {80.0, 99.0001, 160.0, 160.0001, 250.0, 250.0001, 499.9999, 500.0}) {
    EXPECT_FALSE(Random(v).has_value()) << v;
    EXPECT_FALSE(Random(v, std::nullopt).has_value()) << v;
  }
  ExpectGrade(Random(500.0001), {3, true});
  ExpectGrade(Random(500.0001, std::nullopt), {3, true});
  ExpectGrade(Random(750), {3, true});
}

TEST(AscoEndocrineTest, DiabetesNeverValueGradesFour) {
  for (bool fasting : {true, false}) {
    auto g = GradeAscoDiabetes(5000, Unit::kMgPerDl, fasting, kUlnMg);
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(g->grade, 3);
    EXPECT_TRUE(g->provisional);
  }
}

// SI-TAB: glucose mg/dL x 0.05551 = mmol/L; the thresholds are converted.
constexpr double kUlnMmol = 5.5;

std::optional<SyndromeGrade> FastingMmol(double v,
                                         std::optional<double> uln = kUlnMmol) {
  return GradeAscoDiabetes(v, Unit::kMmolPerL, true, uln);
}

TEST(AscoEndocrineTest, DiabetesMmolPerLThresholdsAreConverted) {
  ExpectGrade(FastingMmol(5.5), {0, false});
  ExpectGrade(FastingMmol(5.5001), {1, false});
  // 160 x 0.05551 = 8.8816, both as a literal and as computed in doubles.
  ExpectGrade(FastingMmol(8.8816), {1, false});
  ExpectGrade(FastingMmol(160 * 0.05551), {1, false});
  ExpectGrade(FastingMmol(8.8815), {1, false});
  ExpectGrade(FastingMmol(8.8817), {2, false});
  ExpectGrade(FastingMmol(8.88160001), {2, false});
  // 250 x 0.05551 = 13.8775.
  ExpectGrade(FastingMmol(13.8775), {2, false});
  ExpectGrade(FastingMmol(250 * 0.05551), {2, false});
  ExpectGrade(FastingMmol(13.8776), {2, true});
  // 500 x 0.05551 = 27.755.
  ExpectGrade(FastingMmol(27.755), {2, true});
  ExpectGrade(FastingMmol(500 * 0.05551), {2, true});
  ExpectGrade(FastingMmol(27.7551), {3, true});
}

TEST(AscoEndocrineTest, DiabetesMmolComparesAtTwelveSignificantDigits) {
  // Beyond 12 significant digits a value equals the threshold (exact.h).
  ExpectGrade(FastingMmol(8.8816000000001), {1, false});
  ExpectGrade(FastingMmol(8.881599999999), {1, false});
  ExpectGrade(FastingMmol(8.88160000001), {2, false});
}

TEST(AscoEndocrineTest, DiabetesMmolWithoutUlnAndNonFasting) {
  EXPECT_FALSE(FastingMmol(8.8816, std::nullopt).has_value());
  ExpectGrade(FastingMmol(8.8817, std::nullopt), {2, false});
  EXPECT_FALSE(
      GradeAscoDiabetes(27.755, Unit::kMmolPerL, false, kUlnMmol).has_value());
  ExpectGrade(GradeAscoDiabetes(27.7551, Unit::kMmolPerL, false, kUlnMmol),
              {3, true});
}

TEST(AscoEndocrineTest, DiabetesUnitSpellings) {
  for (std::string_view u : {"mg/dL", "mg/dl", "MG/DL"}) {
    SCOPED_TRACE(std::string(u));
    ExpectGrade(GradeAscoDiabetes(160.0001, Parsed(u), true, kUlnMg),
                {2, false});
  }
  for (std::string_view u : {"mmol/L", "mmol/l"}) {
    SCOPED_TRACE(std::string(u));
    ExpectGrade(GradeAscoDiabetes(8.8817, Parsed(u), true, kUlnMmol),
                {2, false});
  }
}

TEST(AscoEndocrineTest, DiabetesOtherUnitsAreNotGraded) {
  for (Unit u : {Unit::kNone, Unit::kMgPerL, Unit::kUmolPerL, Unit::kGPerL,
                 Unit::kGPerDl, Unit::kMeqPerL, Unit::kMilliIuPerL}) {
    EXPECT_FALSE(GradeAscoDiabetes(600, u, true, kUlnMg).has_value())
        << UnitName(u);
    EXPECT_FALSE(GradeAscoDiabetes(600, u, false, kUlnMg).has_value())
        << UnitName(u);
  }
}

TEST(AscoEndocrineTest, DiabetesNonFiniteIsNotGraded) {
  for (bool fasting : {true, false}) {
    EXPECT_FALSE(
        GradeAscoDiabetes(kNaN, Unit::kMgPerDl, fasting, kUlnMg).has_value());
    EXPECT_FALSE(
        GradeAscoDiabetes(kInf, Unit::kMgPerDl, fasting, kUlnMg).has_value());
    EXPECT_FALSE(GradeAscoDiabetes(kNaN, Unit::kMmolPerL, fasting, kUlnMmol)
                     .has_value());
  }
}

// ---------------------------------------------------------------------------
// Actions

TEST(AscoEndocrineTest, ActionsNameTheirSource) {
  for (IraeSyndrome s :
       {IraeSyndrome::kHypothyroidism, IraeSyndrome::kDiabetes}) {
    EXPECT_EQ(AscoAction(s, 0), "");
    for (int g = 1; g <= 4; ++g) {
      const std::string a = AscoAction(s, g);
      EXPECT_FALSE(a.empty()) << g;
      EXPECT_NE(a.find("ASCO18-CCJM"), std::string::npos) << g << ": " << a;
    }
  }
}

TEST(AscoEndocrineTest, ActionsFollowTheReference) {
  // G1 continue ICI (both rows).
  EXPECT_NE(AscoAction(IraeSyndrome::kHypothyroidism, 1).find("Continue"),
            std::string::npos);
  EXPECT_NE(AscoAction(IraeSyndrome::kDiabetes, 1).find("Continue"),
            std::string::npos);
  // Hypothyroidism G2 levothyroxine; G3-4 hold, admit.
  EXPECT_NE(AscoAction(IraeSyndrome::kHypothyroidism, 2).find("evothyroxine"),
            std::string::npos);
  EXPECT_NE(AscoAction(IraeSyndrome::kHypothyroidism, 3).find("admit"),
            std::string::npos);
  EXPECT_EQ(AscoAction(IraeSyndrome::kHypothyroidism, 3),
            AscoAction(IraeSyndrome::kHypothyroidism, 4));
  // Diabetes G2 insulin and endocrine consult; G3-4 hold, admit, insulin.
  const std::string d2 = AscoAction(IraeSyndrome::kDiabetes, 2);
  EXPECT_NE(d2.find("insulin"), std::string::npos) << d2;
  EXPECT_NE(d2.find("endocrine"), std::string::npos) << d2;
  const std::string d3 = AscoAction(IraeSyndrome::kDiabetes, 3);
  EXPECT_NE(d3.find("admit"), std::string::npos) << d3;
  EXPECT_NE(d3.find("insulin"), std::string::npos) << d3;
  EXPECT_EQ(d3, AscoAction(IraeSyndrome::kDiabetes, 4));
}

}  // namespace
}  // namespace iraed::grading
