// File: grading/rule_set.h
//
// The version of iraed's grading rules as a whole: the name `iraectl replay
// --rules` takes and the daemon records, with each table's version, in its
// `rules_loaded` audit entry at every start.
// It changes whenever any rule table's version changes (grading/*.h
// k*RuleVersion); tests/grading/rule_set_test.cc holds the two together.
#ifndef IRAED_GRADING_RULE_SET_H_
#define IRAED_GRADING_RULE_SET_H_

namespace iraed::grading {

// iraed-rules-1: first rule set. iraed-rules-2: CRS and ICANS grade again
// the stored moments a late input bears on (astct-2019-*/iraed-2), and a
// late lab result has the next stored result of its code graded again;
// CTCAE Diarrhea from stool frequency with the ASCO colitis actions
// (ctcae-5.0/iraed-2, asco-2021/iraed-2).
inline constexpr const char* kRuleSetVersion = "iraed-rules-2";

}  // namespace iraed::grading

#endif  // IRAED_GRADING_RULE_SET_H_
