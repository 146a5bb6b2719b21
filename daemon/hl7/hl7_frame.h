// File: hl7/hl7_frame.h
//
// One MLLP payload (a message, or a batch of them) read into what the
// store files: pure, used by the MLLP listener (net/mllp_codec.h) and by
// iraectl replay alike.
#ifndef IRAED_HL7_HL7_FRAME_H_
#define IRAED_HL7_HL7_FRAME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "hl7/batch.h"
#include "hl7/hl7_reader.h"
#include "model/submission.h"

namespace iraed::hl7 {

struct Hl7Frame {
  // One per message, in order, each with its own raw bytes.
  std::vector<model::Submission> submissions;
  // What each message's acknowledgement echoes (same order).
  std::vector<AckContext> acks;
  // Set when the payload was a batch (FHS/BHS): its messages are answered
  // by one batch. Views into the payload.
  std::optional<Hl7Batch> batch;
};

Hl7Frame ReadHl7Frame(std::string_view payload, const std::string& peer,
                      UnixMillis now, const Hl7Options& options);

// The submission of one message read: `raw` is what is stored,
// `raw_size` the bytes received. A message answered with an error is
// filed as rejected with the ERR text.
model::Submission Hl7Submission(const Hl7Reading& r, std::string_view raw,
                                std::uint64_t raw_size, const std::string& peer,
                                UnixMillis now);

}  // namespace iraed::hl7

#endif  // IRAED_HL7_HL7_FRAME_H_
