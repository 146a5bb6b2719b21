// The rule-set version moves with the rule tables: changing any table's
// version without naming a new rule set fails here.
#include "grading/rule_set.h"

#include <gtest/gtest.h>

#include <string>

#include "grading/asco_irae.h"
#include "grading/car_hematotox.h"
#include "grading/crs.h"
#include "grading/ctcae6_labs.h"
#include "grading/ctcae_crs.h"
#include "grading/ctcae_labs.h"
#include "grading/icaht.h"
#include "grading/icans.h"

namespace iraed::grading {
namespace {

TEST(RuleSetTest, NamesTheRuleTableVersionsItWasCutFrom) {
  const std::string tables =
      std::string(kCtcaeRuleVersion) + " " + kCrsRuleVersion + " " +
      kIcansRuleVersion + " " + kAscoRuleVersion + " " +
      IcahtRuleVersion(IcahtCounting::kCumulative) + " " + kCtcae6RuleVersion +
      " " + kCtcaeCrsRuleVersion + " " + kHematotoxRuleVersion;
  // When a table's version changes, give the rule set a new name and record
  // the new list here.
  EXPECT_EQ(std::string(kRuleSetVersion), "iraed-rules-4");
  EXPECT_EQ(tables,
            "ctcae-5.0/iraed-4 astct-2019-crs/iraed-4 "
            "astct-2019-icans/iraed-3 asco-2021/iraed-2 "
            "icaht-2023-cumulative/iraed-1 ctcae-6.0/iraed-1 "
            "ctcae-5.0-crs/iraed-1 car-hematotox-2021/iraed-1");
  EXPECT_EQ(std::string(CrsRuleVersion(RuleSet::kRules3)),
            "astct-2019-crs/iraed-3");
  // Rule sets 2 and 3 still stamp the tables' version of their time.
  EXPECT_EQ(std::string(CtcaeRuleVersion(RuleSet::kRules3)),
            "ctcae-5.0/iraed-3");
  EXPECT_EQ(std::string(CtcaeRuleVersion(RuleSet::kRules2)),
            "ctcae-5.0/iraed-2");
  EXPECT_EQ(std::string(CrsRuleVersion(RuleSet::kRules2)),
            "astct-2019-crs/iraed-2");
  EXPECT_EQ(RuleSetName(kCurrentRuleSet), kRuleSetVersion);
}

TEST(RuleSetTest, ReplayTakesTheOlderRuleSetsThisBuildCarries) {
  EXPECT_EQ(RuleSetFromName("iraed-rules-4"), RuleSet::kRules4);
  EXPECT_EQ(RuleSetFromName("iraed-rules-3"), RuleSet::kRules3);
  EXPECT_EQ(RuleSetFromName("iraed-rules-2"), RuleSet::kRules2);
  // Rule set 1 graded late inputs differently and is not carried.
  EXPECT_EQ(RuleSetFromName("iraed-rules-1"), std::nullopt);
  EXPECT_EQ(RuleSetFromName("iraed-rules-5"), std::nullopt);
  EXPECT_EQ(RuleSetFromName("IRAED-RULES-3"), std::nullopt);
}

}  // namespace
}  // namespace iraed::grading
