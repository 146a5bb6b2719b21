// File: model/submission.h
//
// What a listener hands the store for one received frame: the raw bytes, who
// sent them, and what the decoder made of them.
#ifndef IRAED_MODEL_SUBMISSION_H_
#define IRAED_MODEL_SUBMISSION_H_

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "model/message.h"

namespace iraed::model {

struct Submission {
  std::string protocol;  // "protobuf"
  std::string peer;      // "127.0.0.1:51234"
  UnixMillis received_at = 0;
  std::string raw;             // the frame payload; empty when oversized
  std::uint64_t raw_size = 0;  // the announced payload length
  // Read from the frame as far as possible, valid or not.
  std::string message_id;
  std::string source;
  std::string body_kind;
  std::optional<UnixMillis> sent_at;
  // Not OK: the frame is filed as rejected with this reason.
  Status rejection;
  // Set exactly when rejection is OK.
  std::optional<Message> message;
  // The API token the frame carried (a credential: checked by the listener,
  // then cleared; never stored or logged).
  std::string auth_token;
  // Who sent a staff action or feed confirmation, as authenticated by the
  // listener ("token:NAME", "cert:SUBJECT"); "" when not authenticated
  // (auth off), and the action's stated `by` names the actor.
  std::string actor;
};

}  // namespace iraed::model

#endif  // IRAED_MODEL_SUBMISSION_H_
