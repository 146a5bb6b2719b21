// libFuzzer target: arbitrary bytes as a native-protocol stream. Every
// frame the framer finds goes through the Envelope decoder and validator,
// and each outcome through the Ack encoder, exactly as a session does. It
// must never crash, hang, leak or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/ack_encoder.h"
#include "ingest/delimited_frame.h"
#include "ingest/envelope_decoder.h"

namespace {
constexpr std::uint64_t kMaxFrame = 64 * 1024;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view stream(reinterpret_cast<const char*>(data), size);
  std::string acks;
  std::uint64_t frame_number = 1;
  while (!stream.empty()) {
    auto h = iraed::ingest::ParseFrameHeader(stream, kMaxFrame);
    if (h.kind != iraed::ingest::FrameHeader::Kind::kFrame) break;
    if (h.header_bytes + h.payload_bytes > stream.size()) __builtin_trap();
    auto decoded = iraed::ingest::DecodeEnvelope(
        stream.substr(h.header_bytes, h.payload_bytes));
    if (decoded.status.ok() != decoded.message.has_value()) __builtin_trap();
    iraed::model::Outcome outcome;
    outcome.disposition = decoded.status.ok()
                              ? iraed::model::Disposition::kAccepted
                              : iraed::model::Disposition::kRejected;
    outcome.reason = decoded.status.message();
    iraed::ingest::AppendAckFrame(decoded.message_id, outcome, frame_number++,
                                  acks);
    stream.remove_prefix(h.header_bytes + h.payload_bytes);
  }
  return 0;
}
