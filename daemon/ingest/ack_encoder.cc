#include "ingest/ack_encoder.h"

#include "ingest/delimited_frame.h"
#include "iraed/v1/ingest.pb.h"

namespace iraed::ingest {
namespace {

iraed::v1::AckStatus ToWire(model::Disposition d) {
  switch (d) {
    case model::Disposition::kAccepted:
      return iraed::v1::ACK_STATUS_ACCEPTED;
    case model::Disposition::kDuplicate:
      return iraed::v1::ACK_STATUS_DUPLICATE;
    case model::Disposition::kRejected:
      return iraed::v1::ACK_STATUS_REJECTED;
    case model::Disposition::kUnavailable:
      return iraed::v1::ACK_STATUS_UNAVAILABLE;
  }
  return iraed::v1::ACK_STATUS_UNAVAILABLE;
}

iraed::v1::Refusal ToWire(StatusCode refusal) {
  switch (refusal) {
    case StatusCode::kInvalidArgument:
      return iraed::v1::REFUSAL_INVALID;
    case StatusCode::kNotFound:
      return iraed::v1::REFUSAL_NOT_FOUND;
    case StatusCode::kFailedPrecondition:
      return iraed::v1::REFUSAL_NOT_ALLOWED_NOW;
    case StatusCode::kPermissionDenied:
      return iraed::v1::REFUSAL_PERMISSION_DENIED;
    case StatusCode::kInternal:
      return iraed::v1::REFUSAL_NOT_STORABLE;
    default:
      return iraed::v1::REFUSAL_UNSPECIFIED;
  }
}

}  // namespace

void AppendAckFrame(std::string_view message_id, const model::Outcome& outcome,
                    std::uint64_t frame_number, std::string& out) {
  iraed::v1::Ack ack;
  // message_id was read from a parsed Envelope, so it is valid UTF-8.
  ack.set_message_id(std::string(message_id));
  ack.set_status(ToWire(outcome.disposition));
  ack.set_reason(outcome.reason);
  ack.set_frame_number(frame_number);
  if (outcome.disposition == model::Disposition::kRejected) {
    ack.set_refusal(ToWire(outcome.refusal));
  }
  AppendDelimited(ack.SerializeAsString(), out);
}

}  // namespace iraed::ingest
