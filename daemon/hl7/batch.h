// File: hl7/batch.h
//
// HL7 v2 batches inside one MLLP frame (hl7-mllp.md section 2.2): an
// optional FHS file header, BHS batch header(s), the messages (each from
// its MSH to the next MSH or trailer), BTS/FTS trailers; missing trailers
// are tolerated. The answer, as the standard allows (option a), is one
// batch of the acknowledgements of every message, in the sender's
// delimiters: [FHS] BHS <ACKs> BTS [FTS]. Pure.
#ifndef IRAED_HL7_BATCH_H_
#define IRAED_HL7_BATCH_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"

namespace iraed::hl7 {

struct Hl7Batch {
  bool file = false;        // an FHS header was sent
  std::string_view header;  // the first FHS or BHS segment
  std::vector<std::string_view> messages;
};

// nullopt when `payload` is a plain message (does not start with FHS/BHS).
std::optional<Hl7Batch> SplitBatch(std::string_view payload);

// The response batch around `acks` (each one ACK message ending in CR).
std::string BatchResponse(const Hl7Batch& batch,
                          const std::vector<std::string>& acks,
                          std::string_view control_id, UnixMillis now);

}  // namespace iraed::hl7

#endif  // IRAED_HL7_BATCH_H_
