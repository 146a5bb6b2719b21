// File: grading/rule_set.h
//
// The version of iraed's grading rules as a whole: the name `iraectl replay
// --rules` takes and the daemon records in its `rules_loaded` audit entry.
// It changes whenever any rule table's version changes (grading/*.h
// k*RuleVersion); tests/grading/rule_set_test.cc holds the two together.
#ifndef IRAED_GRADING_RULE_SET_H_
#define IRAED_GRADING_RULE_SET_H_

namespace iraed::grading {

inline constexpr const char* kRuleSetVersion = "iraed-rules-1";

}  // namespace iraed::grading

#endif  // IRAED_GRADING_RULE_SET_H_
