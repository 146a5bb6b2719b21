// File: model/disposition.h
//
// What became of one received message; the answer its sender gets, in any
// protocol (protobuf Ack status; later HL7 AA/AE/AR).
#ifndef IRAED_MODEL_DISPOSITION_H_
#define IRAED_MODEL_DISPOSITION_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace iraed::model {

enum class Disposition {
  kAccepted,     // committed durably with everything derived from it
  kDuplicate,    // same (source, message_id) already accepted; not re-applied
  kRejected,     // invalid; stored raw with the reason; do not resend as is
  kUnavailable,  // not stored (storage trouble, overload); resend later
};

struct Outcome {
  Disposition disposition = Disposition::kUnavailable;
  std::string reason;            // for a person; never patient identifiers
  std::int64_t message_row = 0;  // messages.id when stored, else 0
  // For kRejected: the kind of refusal (kInvalidArgument, kNotFound,
  // kFailedPrecondition, kPermissionDenied, kInternal for "could not be
  // stored"); kOk when not said.
  StatusCode refusal = StatusCode::kOk;
};

std::string_view ToString(Disposition d);

}  // namespace iraed::model

#endif  // IRAED_MODEL_DISPOSITION_H_
