// The rule-set version moves with the rule tables: changing any table's
// version without naming a new rule set fails here.
#include "grading/rule_set.h"

#include <gtest/gtest.h>

#include <string>

#include "grading/asco_irae.h"
#include "grading/crs.h"
#include "grading/ctcae_labs.h"
#include "grading/icans.h"

namespace iraed::grading {
namespace {

TEST(RuleSetTest, NamesTheRuleTableVersionsItWasCutFrom) {
  const std::string tables = std::string(kCtcaeRuleVersion) + " " +
                             kCrsRuleVersion + " " + kIcansRuleVersion + " " +
                             kAscoRuleVersion;
  // When a table's version changes, give the rule set a new name and record
  // the new list here.
  EXPECT_EQ(std::string(kRuleSetVersion), "iraed-rules-2");
  EXPECT_EQ(tables,
            "ctcae-5.0/iraed-2 astct-2019-crs/iraed-2 "
            "astct-2019-icans/iraed-2 asco-2021/iraed-2");
}

}  // namespace
}  // namespace iraed::grading
