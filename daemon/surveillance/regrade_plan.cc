#include "surveillance/regrade_plan.h"

#include <algorithm>
#include <limits>
#include <set>

namespace iraed::surveillance {

std::optional<TherapySpan> TherapySpanOf(const AstctNotes& notes,
                                         std::int64_t astct_window_ms) {
  if (!notes.therapy_from) return std::nullopt;
  // Moments charted from the therapy to the end of its window (or, with no
  // window, without end) are graded as if their inputs arrived now.
  return TherapySpan{*notes.therapy_from - 1,
                     astct_window_ms > 0
                         ? *notes.therapy_to + astct_window_ms
                         : std::numeric_limits<UnixMillis>::max() / 2,
                     notes.therapy_withdrawn};
}

RegradeRange RangeToRegrade(const std::vector<GradingMoment>& own_sorted,
                            std::optional<UnixMillis> reach,
                            const std::optional<TherapySpan>& span) {
  RegradeRange r;
  r.after = span ? span->after : own_sorted.front().at;
  r.until = span ? span->until : own_sorted.back().at;
  if (!own_sorted.empty()) {
    r.after = std::min(r.after, own_sorted.front().at);
    r.until = std::max({r.until, own_sorted.back().at, reach.value_or(0)});
  }
  return r;
}

std::vector<GradingMoment> JoinStoredMoments(
    std::vector<GradingMoment> own, const std::vector<UnixMillis>& stored,
    const std::optional<TherapySpan>& span) {
  std::set<UnixMillis> known;
  for (const GradingMoment& m : own) known.insert(m.at);
  for (UnixMillis at : stored) {
    if (!known.insert(at).second) continue;
    GradingMoment m;
    m.at = at;
    m.revisit = true;
    m.therapy_withdrawn =
        span && span->withdrawn && at > span->after && at <= span->until;
    own.push_back(m);
  }
  std::stable_sort(own.begin(), own.end(),
                   [](const GradingMoment& a, const GradingMoment& b) {
                     return a.at < b.at;
                   });
  return own;
}

}  // namespace iraed::surveillance
