// File: ingest/envelope_decoder.h
//
// Turns the payload of one native-protocol frame into a validated
// model::Message, or into a rejection that says, for a person, which field is
// wrong and why. Pure: no I/O, no clock. Rejection reasons name fields and
// limits only, never field contents, so they may be logged and sent back.
#ifndef IRAED_INGEST_ENVELOPE_DECODER_H_
#define IRAED_INGEST_ENVELOPE_DECODER_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "model/message.h"

namespace iraed::ingest {

// Field limits of iraed.v1 (documented in proto/README.md).
inline constexpr std::size_t kMaxMessageIdBytes = 199;
inline constexpr std::size_t kMaxSourceBytes = 227;
inline constexpr std::size_t kMaxIdentifierBytes = 250;
inline constexpr std::size_t kMaxCodeBytes = 250;
inline constexpr std::size_t kMaxTextBytes = 65536;
inline constexpr std::size_t kMaxObservationsPerBatch = 10000;
inline constexpr std::size_t kMaxAlternateCodes = 16;
inline constexpr std::size_t kMaxNoteBytes = 4096;
inline constexpr std::size_t kMaxConsumerBytes = 64;
inline constexpr std::size_t kMaxAuthTokenBytes = 256;

struct DecodedFrame {
  // What could be read of the envelope, whether or not it is valid; used to
  // echo message_id in the Ack and to file a rejected message for audit.
  std::string message_id;
  std::string source;
  std::optional<UnixMillis> sent_at;
  std::string body_kind;  // BodyKindName, or "" when no body was read
  // Envelope.auth_token as sent ("" when none); a credential: never logged
  // or stored (ingest/credential_scrub.h).
  std::string auth_token;
  // OK, or kInvalidArgument with the reason.
  Status status;
  // Set exactly when status is OK.
  std::optional<model::Message> message;
};

DecodedFrame DecodeEnvelope(std::string_view payload);

}  // namespace iraed::ingest

#endif  // IRAED_INGEST_ENVELOPE_DECODER_H_
