// File: ingest/ack_encoder.h
//
// Builds the length-delimited iraed.v1.Ack frame for one outcome.
#ifndef IRAED_INGEST_ACK_ENCODER_H_
#define IRAED_INGEST_ACK_ENCODER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "model/disposition.h"

namespace iraed::ingest {

// Appends to `out` the varint length and the serialized Ack.
void AppendAckFrame(std::string_view message_id, const model::Outcome& outcome,
                    std::uint64_t frame_number, std::string& out);

}  // namespace iraed::ingest

#endif  // IRAED_INGEST_ACK_ENCODER_H_
