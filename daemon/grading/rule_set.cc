#include "grading/rule_set.h"

namespace iraed::grading {

std::string_view RuleSetName(RuleSet r) {
  switch (r) {
    case RuleSet::kRules1:
      return "iraed-rules-1";
    case RuleSet::kRules2:
      return "iraed-rules-2";
    case RuleSet::kRules3:
      return "iraed-rules-3";
    case RuleSet::kRules4:
      return "iraed-rules-4";
  }
  return "iraed-rules-?";
}

std::optional<RuleSet> RuleSetFromName(std::string_view name) {
  for (RuleSet r : {RuleSet::kRules2, RuleSet::kRules3, RuleSet::kRules4}) {
    if (r >= kOldestReplayableRuleSet && name == RuleSetName(r)) return r;
  }
  return std::nullopt;
}

}  // namespace iraed::grading
