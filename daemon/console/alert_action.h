// File: console/alert_action.h
//
// An acknowledgement or resolution made on the console, as the submission
// the store files: the same AlertAction Envelope iraectl sends (one
// pipeline, one audit trail, the raw bytes kept), from source
// "iraed-console", with the message id "console-ALERT-VERB-NONCE" (a form
// shown once sends the same id and, without sent_at, the same bytes
// however often it is submitted: a double click is a DUPLICATE, applied
// once; the id names the alert and the action, so a nonce reused
// elsewhere is a new action), the actor "console:USER" (the console
// authenticated the user) and `by` the same.
#ifndef IRAED_CONSOLE_ALERT_ACTION_H_
#define IRAED_CONSOLE_ALERT_ACTION_H_

#include <cstdint>
#include <string>

#include "common/clock.h"
#include "model/submission.h"

namespace iraed::console {

inline constexpr std::string_view kConsoleSource = "iraed-console";

enum class ConsoleAction { kAcknowledge, kResolve };

// REQUIRES: `nonce` is 64 hex digits (the form's).
model::Submission BuildConsoleAction(std::int64_t alert_id,
                                     ConsoleAction action,
                                     const std::string& user,
                                     const std::string& note,
                                     const std::string& nonce,
                                     const std::string& peer, UnixMillis now);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_ALERT_ACTION_H_
