// File: ingest/proto_submission.h
//
// Turns one received native-protocol frame into what the store files:
// pure, used by the listener and by iraectl replay alike.
#ifndef IRAED_INGEST_PROTO_SUBMISSION_H_
#define IRAED_INGEST_PROTO_SUBMISSION_H_

#include <string>
#include <string_view>

#include "common/clock.h"
#include "model/submission.h"

namespace iraed::ingest {

// Decodes `payload` (an Envelope) and returns the submission: valid, or
// carrying the rejection reason, always with the raw bytes.
model::Submission BuildProtoSubmission(std::string_view payload,
                                       std::string peer, UnixMillis now);

// A frame that could not be framed at all (oversized or a bad length): kept
// with the bytes of its header and the announced length.
model::Submission BuildFramingRejection(std::string_view header_bytes,
                                        std::uint64_t announced_size,
                                        std::string reason, std::string peer,
                                        UnixMillis now);

}  // namespace iraed::ingest

#endif  // IRAED_INGEST_PROTO_SUBMISSION_H_
