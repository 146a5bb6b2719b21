// File: alerts/syndrome_roll_up.h
//
// Which alerts one message's findings raise. Pure.
//
// Each syndrome (grading/syndromes.h) touched by the message's findings,
// and not muted for the message, is compared before and after it: its
// grade is the highest current grade of its member terms, before from the
// patient's record without this message's findings, after with each term's
// newest finding of the message. One alert candidate is made when that grade
// rose to at least the syndrome's alert threshold, however many of its
// terms moved (no alert storm). It carries the deciding finding (the
// newest finding of the highest term; the first such term on a tie), its
// text and therapy, the action the grade implies, every finding of the
// message that belongs to the syndrome, and "provisional" when a
// provisional finding holds the new grade. The caller (store/
// AlertLifecycle) then raises it or records it as suppressed.
//
// The syndrome's member terms and alert threshold are those of the paging
// policy its newest finding of the message was graded under
// (grading::PagingOf): in a CAR-T patient's cytopenia window only the
// platelet count, at grade 4, pages for Cytopenia; the alert's summary
// then names the policy. A finding whose own policy excludes its term
// never counts (a message mixing days inside and after the window).
#ifndef IRAED_ALERTS_SYNDROME_ROLL_UP_H_
#define IRAED_ALERTS_SYNDROME_ROLL_UP_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "common/clock.h"
#include "grading/syndromes.h"

namespace iraed::alerts {

// A finding the message wrote.
struct MessageFinding {
  std::int64_t id = 0;
  std::string term;
  int grade = 0;
  bool provisional = false;
  UnixMillis observed_at = 0;
  std::string what;     // "ALT 250 U/L (3.0, 5.0] x ULN"
  std::string therapy;  // "day 2 after nivolumab", or ""
  std::string rule_version;
  // A checkpoint-inhibitor dose is on record at or before the observation:
  // the ASCO irAE actions apply.
  bool after_checkpoint_inhibitor = false;
  // The site paging policy that applied to the finding.
  grading::PagingPolicy paging = grading::PagingPolicy::kDefault;
};

struct SyndromeAlert {
  grading::Syndrome syndrome;
  int grade = 0;
  int previous_grade = 0;
  UnixMillis observed_at = 0;  // of the deciding finding
  std::string summary;
  std::string action;
  std::vector<std::int64_t> finding_ids;
  bool provisional = false;
  std::string rule_version;  // of the deciding finding
};

// The syndromes the findings touch, minus `muted`, in the order first
// touched.
std::vector<grading::Syndrome> TouchedSyndromes(
    std::span<const MessageFinding> findings,
    std::span<const grading::Syndrome> muted);

// The patient's grade of a term before the message (0 when none).
using GradesBefore = std::map<std::string, int, std::less<>>;

// Whether `f` can move its syndrome's alert under its own paging policy
// (a neutrophil finding in a CAR-T window cannot): a finding that cannot is
// recorded and counts neither for the message's grade nor, later, for the
// grade before (store/FindingWriter reads it so).
bool PagesUnderItsPolicy(grading::Syndrome syndrome, const MessageFinding& f);

// The policy of the message's newest finding of `syndrome` (kDefault when
// it has none).
grading::PagingPolicy PolicyOf(grading::Syndrome syndrome,
                               std::span<const MessageFinding> findings);

// Terms whose grade before the message was written under a policy that
// kept them from paging (a neutropenia in a CAR-T window): that grade is not
// one a page rises from (reference 10.1: after the window normal alerting
// resumes), and the term moves the syndrome only when it rises above it.
using SilencedTerms = std::set<std::string, std::less<>>;

// The alert `findings` raise for `syndrome`, or nullopt (see above).
// `grades_before` holds (at least) the grades of PagingOf(syndrome,
// PolicyOf(syndrome, findings)).terms.
std::optional<SyndromeAlert> RollUp(grading::Syndrome syndrome,
                                    std::span<const MessageFinding> findings,
                                    const GradesBefore& grades_before,
                                    const SilencedTerms& silenced = {});

}  // namespace iraed::alerts

#endif  // IRAED_ALERTS_SYNDROME_ROLL_UP_H_
