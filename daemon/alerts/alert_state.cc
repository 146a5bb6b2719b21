#include "alerts/alert_state.h"

namespace iraed::alerts {

std::string_view AlertStateName(AlertState s) {
  switch (s) {
    case AlertState::kOpen:
      return "open";
    case AlertState::kAcknowledged:
      return "acknowledged";
    case AlertState::kResolved:
      return "resolved";
    case AlertState::kSuperseded:
      return "superseded";
  }
  return "open";
}

std::optional<AlertState> AlertStateFromName(std::string_view name) {
  for (AlertState s : {AlertState::kOpen, AlertState::kAcknowledged,
                       AlertState::kResolved, AlertState::kSuperseded}) {
    if (AlertStateName(s) == name) return s;
  }
  return std::nullopt;
}

std::optional<AlertState> StateAfterEvent(std::string_view event_kind) {
  if (event_kind == "raised") return AlertState::kOpen;
  if (event_kind == "open") return std::nullopt;  // a state, not an event
  return AlertStateFromName(event_kind);
}

ActionOutcome DecideStaffAction(AlertState current, StaffAction action) {
  ActionOutcome out;
  if (current == AlertState::kResolved) {
    out.refusal = ActionRefusal::kAlreadyResolved;
  } else if (current == AlertState::kSuperseded) {
    out.refusal = ActionRefusal::kSuperseded;
  } else {
    out.next = action == StaffAction::kResolve ? AlertState::kResolved
                                               : AlertState::kAcknowledged;
  }
  out.next = out.refusal == ActionRefusal::kNone ? out.next : current;
  return out;
}

}  // namespace iraed::alerts
