// File: alerts/alert_state.h
//
// An alert's state and the staff actions that move it. Pure.
//
//   open --acknowledge--> acknowledged --resolve--> resolved
//   open --resolve--> resolved       acknowledged --acknowledge--> acknowledged
//   open | acknowledged --(a higher grade of the same syndrome)--> superseded
//
// Only an open alert escalates. A resolved or superseded alert takes no
// staff action: the refusal says why (a superseded one names the alert to
// act on instead, which the store looks up).
//
// Storage names are frozen (alert_status.state, and the feed event kinds
// that set a state: 'raised' for open, the others by their name): existing
// databases are read, verified and replayed by them.
#ifndef IRAED_ALERTS_ALERT_STATE_H_
#define IRAED_ALERTS_ALERT_STATE_H_

#include <optional>
#include <string_view>

namespace iraed::alerts {

enum class AlertState { kOpen, kAcknowledged, kResolved, kSuperseded };

// "open", "acknowledged", "resolved", "superseded".
std::string_view AlertStateName(AlertState s);
std::optional<AlertState> AlertStateFromName(std::string_view name);

// The state a feed event leaves its alert in ('raised' -> open,
// 'acknowledged', 'resolved', 'superseded'); nullopt for events that do
// not change it (escalated, suppressed, consumer events).
std::optional<AlertState> StateAfterEvent(std::string_view event_kind);

enum class StaffAction { kAcknowledge, kResolve };

enum class ActionRefusal { kNone, kAlreadyResolved, kSuperseded };

struct ActionOutcome {
  ActionRefusal refusal = ActionRefusal::kNone;
  AlertState next = AlertState::kOpen;  // when not refused
};

// What `action` does to an alert in state `current`.
ActionOutcome DecideStaffAction(AlertState current, StaffAction action);

// Whether an alert in state `s` escalates while nobody acknowledges it.
inline bool Escalates(AlertState s) { return s == AlertState::kOpen; }

}  // namespace iraed::alerts

#endif  // IRAED_ALERTS_ALERT_STATE_H_
