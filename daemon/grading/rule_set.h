// File: grading/rule_set.h
//
// The version of iraed's grading rules as a whole: the name `iraectl replay
// --rules` takes and the daemon records, with each table's version, in its
// `rules_loaded` audit entry at every start.
// It changes whenever any rule table's version changes (grading/*.h
// k*RuleVersion); tests/grading/rule_set_test.cc holds the two together.
//
// A build grades with its own rule set and can still grade with the older
// ones it lists (kKnownRuleSets), so that `replay --rules` reproduces a
// database recorded under an earlier release: every rule added since is
// switched on by RuleSet >= the rule set that introduced it.
#ifndef IRAED_GRADING_RULE_SET_H_
#define IRAED_GRADING_RULE_SET_H_

#include <optional>
#include <string_view>

namespace iraed::grading {

// The rule sets this build can grade with, oldest first.
enum class RuleSet {
  // First rule set.
  kRules1 = 1,
  // CRS and ICANS grade again the stored moments a late input bears on
  // (astct-2019-*/iraed-2), and a late lab result has the next stored
  // result of its code graded again; CTCAE Diarrhea from stool frequency
  // with the ASCO colitis actions (ctcae-5.0/iraed-2, asco-2021/iraed-2).
  kRules2 = 2,
  // The decisions of reference section 10: cytopenias after CAR-T by
  // EHA/EBMT ICAHT 2023 with the CAR-T paging policy (10.1,
  // icaht-2023-*/iraed-1); febrile neutropenia for every monitored patient
  // (10.2, ctcae-5.0-febrile-neutropenia/iraed-1); the Hepatitis alert as
  // the higher of CTCAE and the ASCO 2021 band (10.3); a fever with another
  // documented cause is not CRS fever (10.4).
  kRules3 = 3,
  // CTCAE v6.0 beside v5 (ctcae-6.0/iraed-1): every lab term admiral
  // grades under v6, as grading system "CTCAE 6.0" in the same
  // transaction; the site setting ctcae_alert_version picks the version
  // whose findings page.
  kRules4 = 4,
};

inline constexpr RuleSet kCurrentRuleSet = RuleSet::kRules4;
inline constexpr const char* kRuleSetVersion = "iraed-rules-4";
// The oldest rule set this build still grades with (replay --rules).
inline constexpr RuleSet kOldestReplayableRuleSet = RuleSet::kRules2;

// "iraed-rules-N" of a rule set, and back (nullopt: not one this build
// can grade with).
std::string_view RuleSetName(RuleSet r);
std::optional<RuleSet> RuleSetFromName(std::string_view name);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_RULE_SET_H_
