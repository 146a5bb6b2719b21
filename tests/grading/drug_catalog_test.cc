#include "grading/drug_catalog.h"

#include <gtest/gtest.h>

namespace iraed::grading {
namespace {

std::optional<Drug> ByName(std::string_view name) {
  static const DrugCatalog catalog = DrugCatalog::Defaults();
  return catalog.Find("", "", name);
}

TEST(DrugCatalogTest, GenericAndBrandNamesAnyCase) {
  EXPECT_EQ(ByName("Pembrolizumab")->target, CheckpointTarget::kPd1);
  EXPECT_EQ(ByName("KEYTRUDA")->generic, "pembrolizumab");
  EXPECT_EQ(ByName("Imfinzi")->target, CheckpointTarget::kPdL1);
  EXPECT_EQ(ByName("ipilimumab")->target, CheckpointTarget::kCtla4);
  EXPECT_EQ(ByName("Yescarta")->drug_class, DrugClass::kCarT);
  EXPECT_EQ(ByName("axicabtagene-ciloleucel")->drug_class, DrugClass::kCarT);
  EXPECT_EQ(ByName("Tecvayli")->drug_class, DrugClass::kBispecificTCellEngager);
  EXPECT_EQ(ByName("Actemra")->drug_class, DrugClass::kTocilizumab);
  EXPECT_EQ(ByName("Solu-Medrol")->drug_class, DrugClass::kCorticosteroid);
  EXPECT_EQ(ByName("paracetamol")->drug_class, DrugClass::kAntipyretic);
}

TEST(DrugCatalogTest, NamesWithDoseTextMatch) {
  EXPECT_EQ(ByName("Norepinephrine bitartrate 4 mg/250 mL")->generic,
            "norepinephrine");
  EXPECT_EQ(ByName("tocilizumab 400 mg in NS 100 mL")->generic, "tocilizumab");
  EXPECT_EQ(ByName("Levophed")->drug_class, DrugClass::kVasopressor);
}

TEST(DrugCatalogTest, VasopressinIsApartFromOtherVasopressors) {
  EXPECT_EQ(ByName("vasopressin")->drug_class, DrugClass::kVasopressin);
  EXPECT_EQ(ByName("epinephrine")->drug_class, DrugClass::kVasopressor);
  EXPECT_EQ(ByName("norepinephrine")->generic, "norepinephrine");
}

TEST(DrugCatalogTest, SimilarNamesDoNotCollide) {
  EXPECT_EQ(ByName("prednisolone")->generic, "prednisolone");
  EXPECT_EQ(ByName("prednisone")->generic, "prednisone");
  EXPECT_FALSE(ByName("saline").has_value());
  EXPECT_FALSE(ByName("").has_value());
}

TEST(DrugCatalogTest, SiteCodesAndNamesExtendTheCatalogue) {
  DrugCatalog c = DrugCatalog::Defaults();
  c.AddCode("LOCAL-PHARM", "PEMBRO-200",
            Drug{"pembrolizumab", DrugClass::kCheckpointInhibitor,
                 CheckpointTarget::kPd1});
  EXPECT_EQ(c.Find("local-pharm", "PEMBRO-200", "")->generic, "pembrolizumab");
  EXPECT_FALSE(c.Find("LOCAL-PHARM", "999", "").has_value());
  c.AddName("NorAd", Drug{"norepinephrine", DrugClass::kVasopressor});
  EXPECT_EQ(c.Find("", "", "norad infusion")->generic, "norepinephrine");
}

TEST(FeverMaskingPolicyTest, DefaultsAndOverrides) {
  FeverMaskingPolicy p;
  EXPECT_TRUE(p.Masks(DrugClass::kAntipyretic));
  EXPECT_TRUE(p.Masks(DrugClass::kTocilizumab));
  EXPECT_TRUE(p.Masks(DrugClass::kCorticosteroid));
  EXPECT_FALSE(p.Masks(DrugClass::kVasopressor));
  p.antipyretics = false;
  EXPECT_FALSE(p.Masks(DrugClass::kAntipyretic));
}

TEST(CheckpointTargetTest, OneEnumWithItsStorageNamesBothWays) {
  for (CheckpointTarget t : {CheckpointTarget::kNone, CheckpointTarget::kPd1,
                             CheckpointTarget::kPdL1, CheckpointTarget::kCtla4,
                             CheckpointTarget::kLag3}) {
    EXPECT_EQ(CheckpointTargetFromName(CheckpointTargetName(t)), t);
  }
  EXPECT_EQ(CheckpointTargetName(CheckpointTarget::kPdL1), "PD-L1");
  EXPECT_EQ(CheckpointTargetName(CheckpointTarget::kNone), "");
  EXPECT_FALSE(CheckpointTargetFromName("PD1").has_value());
  EXPECT_FALSE(CheckpointTargetFromName("pd-1").has_value());
}

}  // namespace
}  // namespace iraed::grading
