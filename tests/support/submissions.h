// File: tests/support/submissions.h
//
// Submissions built the way the protobuf listener builds them.
#ifndef IRAED_TESTS_SUPPORT_SUBMISSIONS_H_
#define IRAED_TESTS_SUPPORT_SUBMISSIONS_H_

#include "ingest/proto_submission.h"
#include "iraed/v1/ingest.pb.h"

namespace iraed::testing {

inline constexpr UnixMillis kReceivedAt = 1790000100000;

inline model::Submission SubmissionFor(const iraed::v1::Envelope& env) {
  return ingest::BuildProtoSubmission(env.SerializeAsString(), "127.0.0.1:5000",
                                      kReceivedAt);
}

}  // namespace iraed::testing

#endif  // IRAED_TESTS_SUPPORT_SUBMISSIONS_H_
