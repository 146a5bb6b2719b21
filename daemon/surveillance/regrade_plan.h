// File: surveillance/regrade_plan.h
//
// The pure part of re-grading CRS and ICANS for one message
// (store/astct_grading_step.h tells the whole rule): which span an
// effector therapy stored by the message bears on, which range of stored
// moments the message's own moments bear on, and how the stored moments
// found there join the message's own for grading.
#ifndef IRAED_SURVEILLANCE_REGRADE_PLAN_H_
#define IRAED_SURVEILLANCE_REGRADE_PLAN_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "common/clock.h"
#include "surveillance/message_work.h"

namespace iraed::surveillance {

// The stored moments an effector therapy stored by this message bears on:
// (after, until]; `withdrawn`: it was entered in error.
struct TherapySpan {
  UnixMillis after = 0;
  UnixMillis until = 0;
  bool withdrawn = false;
};

// The span of the therapies in `notes`: from just before the earliest to
// the end of the CRS/ICANS window after the latest (`astct_window_ms`; 0:
// without end). nullopt when the message stored none.
std::optional<TherapySpan> TherapySpanOf(const AstctNotes& notes,
                                         std::int64_t astct_window_ms);

// The stored moments to grade again: (after, until].
struct RegradeRange {
  UnixMillis after = 0;
  UnixMillis until = 0;
};

// From the message's own moments (sorted by time; may be empty only with
// a span), how far its inputs reach, and the therapy span.
RegradeRange RangeToRegrade(const std::vector<GradingMoment>& own_sorted,
                            std::optional<UnixMillis> reach,
                            const std::optional<TherapySpan>& span);

// The message's own moments joined by the stored ones, in time order (a
// stable sort: the message's own first at equal times). A stored moment
// the message has already is not added again; one added is a revisit, and
// a therapy withdrawal's when it lies in a withdrawn span.
std::vector<GradingMoment> JoinStoredMoments(
    std::vector<GradingMoment> own, const std::vector<UnixMillis>& stored,
    const std::optional<TherapySpan>& span);

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_REGRADE_PLAN_H_
