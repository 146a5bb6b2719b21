#include "ingest/proto_submission.h"

#include "ingest/credential_scrub.h"
#include "ingest/envelope_decoder.h"

namespace iraed::ingest {

model::Submission BuildProtoSubmission(std::string_view payload,
                                       std::string peer, UnixMillis now) {
  DecodedFrame decoded = DecodeEnvelope(payload);
  model::Submission s;
  s.protocol = "protobuf";
  s.peer = std::move(peer);
  s.received_at = now;
  // The stored bytes never hold a credential: every frame is scrubbed
  // (a token may sit in a frame that does not decode, or be sent twice with
  // the last copy empty, so what the decoder read is no guide).
  s.raw = WithoutAuthToken(payload);
  s.raw_size = payload.size();
  s.auth_token = std::move(decoded.auth_token);
  s.message_id = std::move(decoded.message_id);
  s.source = std::move(decoded.source);
  s.body_kind = std::move(decoded.body_kind);
  s.sent_at = decoded.sent_at;
  s.rejection = std::move(decoded.status);
  s.message = std::move(decoded.message);
  return s;
}

model::Submission BuildFramingRejection(std::string_view header_bytes,
                                        std::uint64_t announced_size,
                                        std::string reason, std::string peer,
                                        UnixMillis now) {
  model::Submission s;
  s.protocol = "protobuf";
  s.peer = std::move(peer);
  s.received_at = now;
  s.raw.assign(header_bytes.data(), header_bytes.size());
  s.raw_size = announced_size;
  s.rejection = Status::InvalidArgument(std::move(reason));
  return s;
}

}  // namespace iraed::ingest
