// File: alerts/escalation_schedule.h
//
// When an unacknowledged alert escalates, computed from the policy it was
// raised under (alerts/alert_policy.h). Pure; used by the store thread
// (which pages) and by `iraectl audit verify` (which recomputes the stored
// schedule), so the two cannot disagree.
#ifndef IRAED_ALERTS_ESCALATION_SCHEDULE_H_
#define IRAED_ALERTS_ESCALATION_SCHEDULE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/alert_policy.h"
#include "alerts/alert_state.h"
#include "common/clock.h"

namespace iraed::alerts {

// What to page at `now` for an alert raised at `raised_at` with `done`
// escalations so far. Steps that fell due while nobody could page (the
// daemon was down) are not paged one by one, a burst of pages to the top
// role: only the latest step due is, and the others are counted as missed.
struct EscalationCatchUp {
  std::optional<EscalationStep> page;  // nullopt: nothing due
  int missed = 0;                      // due steps before `page`
  int done = 0;                        // escalations done after paging
  std::optional<UnixMillis> next_due;  // nullopt: no further escalation
};
EscalationCatchUp CatchUpEscalation(const Escalation& policy,
                                    UnixMillis raised_at, int done,
                                    UnixMillis now);

// The next escalation time an alert in `state` has scheduled (the stored
// alert_status.next_escalation_ms): only an open alert escalates.
std::optional<UnixMillis> ScheduledEscalation(AlertState state,
                                              const Escalation& policy,
                                              UnixMillis raised_at, int done);

// A route as stored (alert_status.route): roles one per line.
std::string RouteToText(const std::vector<std::string>& route);
std::vector<std::string> RouteFromText(std::string_view text);

}  // namespace iraed::alerts

#endif  // IRAED_ALERTS_ESCALATION_SCHEDULE_H_
