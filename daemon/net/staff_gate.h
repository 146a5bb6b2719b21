// File: net/staff_gate.h
//
// The listener's check of staff actions (AlertAction) and feed
// confirmations before they reach the store (README "Operating iraed",
// Staff identity): the submission gets its authenticated actor, or is
// refused with the reason and still stored, as rejected, for audit.
#ifndef IRAED_NET_STAFF_GATE_H_
#define IRAED_NET_STAFF_GATE_H_

#include <string>

#include "auth/staff_authenticator.h"
#include "model/submission.h"

namespace iraed::net {

// Decides `s` with `auth` (null: nothing is checked, the stated `by` names
// the actor) given the connection's verified client certificate subject
// ("" when none). Other bodies pass unchanged. The credential is cleared
// from `s` in every case.
void GateStaffAction(auth::StaffAuthenticator* auth,
                     const std::string& certificate_subject,
                     model::Submission& s);

}  // namespace iraed::net

#endif  // IRAED_NET_STAFF_GATE_H_
