// The shipped code map (grading/analytes.h): every LOINC code of
// clinical-grading.md section 7, in mass and molar forms, under each name
// LOINC goes by; the recognised-but-ungraded quantities never reach grading.
#include "grading/analytes.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "grading/clinical_states.h"
#include "grading/ctcae_labs.h"

namespace iraed::grading {
namespace {

struct Shipped {
  const char* loinc;
  Analyte analyte;
};

class ShippedCodeTest : public testing::TestWithParam<Shipped> {};

TEST_P(ShippedCodeTest, IsFoundUnderEveryLoincSystemName) {
  const AnalyteCatalog c = AnalyteCatalog::Defaults();
  for (const char* system :
       {"LN", "LOINC", "http://loinc.org", "urn:oid:2.16.840.1.113883.6.1"}) {
    EXPECT_EQ(c.Find(system, GetParam().loinc), GetParam().analyte)
        << system << "|" << GetParam().loinc;
  }
  EXPECT_FALSE(c.Find("L", GetParam().loinc).has_value());  // a local code
}

// The 2026-12 addendum of section 7.
INSTANTIATE_TEST_SUITE_P(
    Addendum, ShippedCodeTest,
    testing::Values(Shipped{"17861-6", Analyte::kCalcium},
                    Shipped{"2000-8", Analyte::kCalcium},
                    Shipped{"1994-3", Analyte::kCalciumIonized},
                    Shipped{"19123-9", Analyte::kMagnesium},
                    Shipped{"2601-3", Analyte::kMagnesium},
                    Shipped{"14749-6", Analyte::kGlucose},
                    Shipped{"1558-6", Analyte::kGlucoseFasting},
                    Shipped{"14771-0", Analyte::kGlucoseFasting},
                    Shipped{"14631-6", Analyte::kBilirubinTotal},
                    Shipped{"6301-6", Analyte::kInr}));

// The rest of the section 7 table that iraed records without grading.
INSTANTIATE_TEST_SUITE_P(
    Recognised, ShippedCodeTest,
    testing::Values(Shipped{"1988-5", Analyte::kCrp},
                    Shipped{"2276-4", Analyte::kFerritin},
                    Shipped{"2532-0", Analyte::kLdh},
                    Shipped{"8867-4", Analyte::kHeartRate},
                    Shipped{"9279-1", Analyte::kRespiratoryRate},
                    Shipped{"2708-6", Analyte::kSpo2},
                    Shipped{"59408-5", Analyte::kSpo2},
                    Shipped{"8462-4", Analyte::kDiastolicBp},
                    Shipped{"3024-7", Analyte::kFreeT4},
                    Shipped{"14920-3", Analyte::kFreeT4},
                    Shipped{"2143-6", Analyte::kCortisol},
                    Shipped{"5902-2", Analyte::kProthrombinTime},
                    Shipped{"3150-0", Analyte::kInspiredOxygen}));

TEST(AnalyteCatalogTest, UnverifiedCodesAreNotShipped) {
  const AnalyteCatalog c = AnalyteCatalog::Defaults();
  EXPECT_FALSE(c.Find("LN", "89579-7").has_value());  // hs-TnI
  EXPECT_FALSE(c.Find("LN", "26881-3").has_value());  // IL-6
  EXPECT_FALSE(c.Find("LN", "85354-9").has_value());  // the BP panel
}

TEST(AnalyteCatalogTest, RecordedOnlyAnalytesAreNeverGraded) {
  for (Analyte a :
       {Analyte::kCrp, Analyte::kFerritin, Analyte::kHeartRate,
        Analyte::kRespiratoryRate, Analyte::kSpo2, Analyte::kDiastolicBp,
        Analyte::kFreeT4, Analyte::kCortisol, Analyte::kProthrombinTime}) {
    const std::string name(AnalyteName(a));
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(AnalyteFromName(name), a) << name;
    EXPECT_FALSE(IsGraded(a)) << name;
    EXPECT_FALSE(IsCtcaeLab(a)) << name;
    EXPECT_FALSE(IsAstctInput(a)) << name;
    LabInput in;
    in.analyte = a;
    in.value = 100;
    const LabGrading g = GradeCtcaeLab(in);
    EXPECT_TRUE(g.grades.empty()) << name;
  }
  for (Analyte a : {Analyte::kAlt, Analyte::kTsh, Analyte::kGlucoseFasting,
                    Analyte::kSedation, Analyte::kBodyTemperature}) {
    EXPECT_TRUE(IsGraded(a)) << AnalyteName(a);
  }
  // LDH, recorded only before, is a CTCAE lab from iraed-rules-3.
  EXPECT_TRUE(IsCtcaeLab(Analyte::kLdh));
}

// Reference 10.4: "fever with another documented cause" is shipped under
// the IRAED code system, a CRS input and a graded concept.
TEST(AnalytesTest, FeverOtherCauseIsAnIraedCrsInput) {
  const AnalyteCatalog c = AnalyteCatalog::Defaults();
  EXPECT_EQ(c.Find("IRAED", "FEVER-OTHER-CAUSE"), Analyte::kFeverOtherCause);
  EXPECT_EQ(AnalyteName(Analyte::kFeverOtherCause), "fever_other_cause");
  EXPECT_EQ(AnalyteFromName("fever_other_cause"), Analyte::kFeverOtherCause);
  EXPECT_TRUE(IsCrsInput(Analyte::kFeverOtherCause));
  EXPECT_TRUE(IsGraded(Analyte::kFeverOtherCause));
  EXPECT_FALSE(IsCtcaeLab(Analyte::kFeverOtherCause));
}

// Codes beyond the reference's section 7, each verified in two public code
// bases (analytes.cc), for admiral's other v5 terms.
TEST(AnalyteCatalogTest, AdmiralV5TermCodesAreShipped) {
  const AnalyteCatalog c = AnalyteCatalog::Defaults();
  for (const auto& [code, analyte] :
       std::vector<std::pair<std::string, Analyte>>{
           {"2093-3", Analyte::kCholesterol},
           {"14647-2", Analyte::kCholesterol},
           {"2571-8", Analyte::kTriglycerides},
           {"14927-8", Analyte::kTriglycerides},
           {"3084-1", Analyte::kUrate},
           {"14933-6", Analyte::kUrate},
           {"24467-3", Analyte::kCd4},
           {"2744-1", Analyte::kPh},
           {"11558-4", Analyte::kPh},
           {"4542-7", Analyte::kHaptoglobin}}) {
    EXPECT_EQ(c.Find("LN", code), analyte) << code;
    EXPECT_TRUE(IsCtcaeLab(analyte)) << code;
  }
  // Venous pH is not graded against the arterial cut-offs by default.
  EXPECT_FALSE(c.Find("LN", "2746-6").has_value());
}

}  // namespace
}  // namespace iraed::grading
