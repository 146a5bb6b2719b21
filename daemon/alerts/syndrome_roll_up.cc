#include "alerts/syndrome_roll_up.h"

#include <algorithm>

#include "common/time_format.h"

namespace iraed::alerts {

std::vector<grading::Syndrome> TouchedSyndromes(
    std::span<const MessageFinding> findings,
    std::span<const grading::Syndrome> muted) {
  std::vector<grading::Syndrome> touched;
  for (const MessageFinding& f : findings) {
    auto s = grading::SyndromeForTerm(f.term);
    if (s && std::find(touched.begin(), touched.end(), *s) == touched.end() &&
        std::find(muted.begin(), muted.end(), *s) == muted.end()) {
      touched.push_back(*s);
    }
  }
  return touched;
}

bool PagesUnderItsPolicy(grading::Syndrome syndrome, const MessageFinding& f) {
  if (f.paging == grading::PagingPolicy::kDefault) return true;
  const grading::SyndromePaging own = grading::PagingOf(syndrome, f.paging);
  return std::find(own.terms.begin(), own.terms.end(), f.term) !=
         own.terms.end();
}

grading::PagingPolicy PolicyOf(grading::Syndrome syndrome,
                               std::span<const MessageFinding> findings) {
  const MessageFinding* newest = nullptr;
  for (const MessageFinding& f : findings) {
    if (grading::SyndromeForTerm(f.term) != syndrome) continue;
    if (!newest || f.observed_at >= newest->observed_at) newest = &f;
  }
  return newest ? newest->paging : grading::PagingPolicy::kDefault;
}

std::optional<SyndromeAlert> RollUp(grading::Syndrome syndrome,
                                    std::span<const MessageFinding> findings,
                                    const GradesBefore& grades_before,
                                    const SilencedTerms& silenced) {
  const grading::PagingPolicy policy = PolicyOf(syndrome, findings);
  const grading::SyndromePaging paging = grading::PagingOf(syndrome, policy);
  int before = 0;
  int after = 0;
  const MessageFinding* decisive = nullptr;
  for (std::string_view term : paging.terms) {
    auto it = grades_before.find(term);
    const int term_before = it == grades_before.end() ? 0 : it->second;
    const bool quiet = silenced.find(term) != silenced.end();
    if (!quiet) before = std::max(before, term_before);
    const MessageFinding* newest = nullptr;
    for (const MessageFinding& f : findings) {
      if (f.term != term || !PagesUnderItsPolicy(syndrome, f)) continue;
      if (!newest || f.observed_at >= newest->observed_at) newest = &f;
    }
    // A term whose grade before paged nobody counts only when it rises.
    if (quiet && (!newest || newest->grade <= term_before)) continue;
    const int term_after = newest ? newest->grade : term_before;
    if (term_after > after) {
      after = term_after;
      decisive = newest;
    } else if (newest && !decisive && term_after == after) {
      decisive = newest;
    }
  }
  if (after <= before || after < paging.threshold || decisive == nullptr) {
    return std::nullopt;
  }
  SyndromeAlert a;
  a.syndrome = syndrome;
  a.grade = after;
  a.previous_grade = before;
  for (const MessageFinding& f : findings) {
    if (grading::SyndromeForTerm(f.term) != syndrome) continue;
    a.finding_ids.push_back(f.id);
    a.provisional = a.provisional || (f.provisional && f.grade == after &&
                                      PagesUnderItsPolicy(syndrome, f));
  }
  const MessageFinding& d = *decisive;
  a.observed_at = d.observed_at;
  a.summary =
      std::string(grading::SyndromeName(syndrome)) + " grade " +
      std::to_string(after) + " (was " + std::to_string(before) +
      "): " + d.what + "; observed " + FormatUtcMillis(d.observed_at) +
      (d.therapy.empty() ? "" : ", " + d.therapy) +
      (a.provisional ? "; provisional (assumption in the finding)" : "") +
      (policy == grading::PagingPolicy::kDefault
           ? ""
           : "; " + std::string(grading::PagingPolicyText(policy)));
  a.action =
      grading::SyndromeAction(syndrome, after, d.after_checkpoint_inhibitor);
  a.rule_version = d.rule_version;
  return a;
}

}  // namespace iraed::alerts
