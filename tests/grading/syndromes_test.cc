#include "grading/syndromes.h"

#include <gtest/gtest.h>

namespace iraed::grading {
namespace {

TEST(SyndromesTest, EveryTermBelongsToItsSyndrome) {
  EXPECT_EQ(SyndromeForTerm("Alanine aminotransferase increased"),
            Syndrome::kHepatitis);
  EXPECT_EQ(SyndromeForTerm("Blood bilirubin increased"), Syndrome::kHepatitis);
  EXPECT_EQ(SyndromeForTerm("Creatinine increased"), Syndrome::kNephritis);
  EXPECT_EQ(SyndromeForTerm("Cardiac troponin T increased"),
            Syndrome::kMyocarditis);
  EXPECT_EQ(SyndromeForTerm("Fever"), Syndrome::kFever);
  EXPECT_EQ(SyndromeForTerm("Diarrhea"), Syndrome::kColitis);
  EXPECT_EQ(SyndromeName(Syndrome::kColitis), "Colitis");
  EXPECT_FALSE(SyndromeForTerm("Alopecia").has_value());
  for (Syndrome s : {Syndrome::kHepatitis, Syndrome::kNephritis,
                     Syndrome::kCytopenia, Syndrome::kFever}) {
    for (std::string_view term : SyndromeTerms(s)) {
      EXPECT_EQ(SyndromeForTerm(term), s) << term;
    }
  }
  // The ASCO 2021 band (reference 10.3) last: on a tie a CTCAE term
  // decides and is named.
  EXPECT_EQ(SyndromeTerms(Syndrome::kHepatitis),
            (std::vector<std::string_view>{
                "Alanine aminotransferase increased",
                "Aspartate aminotransferase increased",
                "Blood bilirubin increased", "Hepatitis"}));
  EXPECT_EQ(SyndromeForTerm("Hepatitis"), Syndrome::kHepatitis);
}

TEST(SyndromesTest, ThresholdsAndActions) {
  EXPECT_EQ(DefaultAlertThreshold(Syndrome::kMyocarditis), 1);
  EXPECT_EQ(DefaultAlertThreshold(Syndrome::kHepatitis), 2);
  EXPECT_NE(SyndromeAction(Syndrome::kHepatitis, 3, true).find("ASCO21"),
            std::string::npos);
  EXPECT_NE(SyndromeAction(Syndrome::kNephritis, 2, true).find("KIDNEY-CMP"),
            std::string::npos);
  EXPECT_NE(SyndromeAction(Syndrome::kMyocarditis, 1, true).find("troponin"),
            std::string::npos);
  EXPECT_NE(
      SyndromeAction(Syndrome::kElectrolytes, 3, true).find("no guideline"),
      std::string::npos);
  EXPECT_EQ(SyndromeAction(Syndrome::kHepatitis, 0, true), "");
  // Colitis pages from grade 2 (ASCO21: grade 1 continues with
  // monitoring); grade 2 holds the checkpoint inhibitor with steroids.
  EXPECT_EQ(DefaultAlertThreshold(Syndrome::kColitis), 2);
  EXPECT_NE(
      SyndromeAction(Syndrome::kColitis, 1, true).find("monitor every 3 days"),
      std::string::npos);
  EXPECT_NE(SyndromeAction(Syndrome::kColitis, 2, true)
                .find("corticosteroids 1 "
                      "mg/kg/day"),
            std::string::npos);
  EXPECT_NE(SyndromeAction(Syndrome::kColitis, 3, true).find("UNVERIFIED"),
            std::string::npos);
}

TEST(SyndromesTest, NewElectrolyteTermsPageAsElectrolytes) {
  for (const char* term : {"Hypernatremia", "Hypercalcemia", "Hypermagnesemia",
                           "Acidosis", "Alkalosis"}) {
    EXPECT_EQ(SyndromeForTerm(term), Syndrome::kElectrolytes) << term;
  }
  for (const char* term : {"Leukocytosis", "Cholesterol high", "Hyperuricemia",
                           "CD4 lymphocytes decreased"}) {
    EXPECT_FALSE(SyndromeForTerm(term).has_value()) << term;
  }
}

TEST(SyndromesTest, FebrileNeutropeniaPagesFromGradeThree) {
  EXPECT_EQ(SyndromeForTerm("Febrile neutropenia"),
            Syndrome::kFebrileNeutropenia);
  EXPECT_EQ(SyndromeName(Syndrome::kFebrileNeutropenia), "Febrile neutropenia");
  EXPECT_EQ(DefaultAlertThreshold(Syndrome::kFebrileNeutropenia), 3);
  EXPECT_NE(SyndromeAction(Syndrome::kFebrileNeutropenia, 3, false)
                .find("emergency whatever its cause"),
            std::string::npos);
}

TEST(SyndromesTest, IcahtAndTheCarTPagingPolicy) {
  EXPECT_EQ(SyndromeForTerm("Early ICAHT"), Syndrome::kIcaht);
  EXPECT_FALSE(SyndromeForTerm("Late ICAHT").has_value());
  EXPECT_EQ(SyndromeName(Syndrome::kIcaht), "ICAHT");
  EXPECT_EQ(DefaultAlertThreshold(Syndrome::kIcaht), 3);
  EXPECT_NE(SyndromeAction(Syndrome::kIcaht, 3, false).find("early ICAHT"),
            std::string::npos);
  const SyndromePaging window =
      PagingOf(Syndrome::kCytopenia, PagingPolicy::kCarTCytopeniaWindow);
  // Grade 4 of the v5 term or of its v6 successor (ctcae_alert_version).
  EXPECT_EQ(window.terms, (std::vector<std::string_view>{
                              "Platelet count decreased", "Thrombocytopenia"}));
  EXPECT_EQ(window.threshold, 4);
  const SyndromePaging plain =
      PagingOf(Syndrome::kCytopenia, PagingPolicy::kDefault);
  EXPECT_EQ(plain.terms, SyndromeTerms(Syndrome::kCytopenia));
  EXPECT_EQ(plain.threshold, 2);
  // The policy changes nothing outside Cytopenia.
  const SyndromePaging hepatitis =
      PagingOf(Syndrome::kHepatitis, PagingPolicy::kCarTCytopeniaWindow);
  EXPECT_EQ(hepatitis.terms, SyndromeTerms(Syndrome::kHepatitis));
  EXPECT_EQ(hepatitis.threshold, 2);
  EXPECT_EQ(PagingPolicyName(PagingPolicy::kCarTCytopeniaWindow),
            "car_t_cytopenia_window");
  EXPECT_EQ(PagingPolicyText(PagingPolicy::kDefault), "");
}

TEST(SyndromesTest, AscoActionsOnlyAfterACheckpointInhibitor) {
  for (Syndrome s : {Syndrome::kHepatitis, Syndrome::kNephritis,
                     Syndrome::kColitis, Syndrome::kMyocarditis,
                     Syndrome::kHypothyroidism, Syndrome::kDiabetes}) {
    const std::string action = SyndromeAction(s, 2, false);
    EXPECT_EQ(action.find("Hold"), std::string::npos) << action;
    EXPECT_NE(action.find("do not apply"), std::string::npos) << action;
    EXPECT_NE(SyndromeAction(s, 2, true).find("checkpoint inhibitor"),
              std::string::npos)
        << SyndromeName(s);
  }
  // CRS and ICANS are CAR-T and bispecific syndromes: their action stands.
  EXPECT_NE(SyndromeAction(Syndrome::kCrs, 2, false).find("CAR-T"),
            std::string::npos);
  EXPECT_EQ(SyndromeAction(Syndrome::kHepatitis, 0, false), "");
}

}  // namespace
}  // namespace iraed::grading
