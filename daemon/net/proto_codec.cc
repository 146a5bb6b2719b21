#include "net/proto_codec.h"

#include <algorithm>

#include "ingest/ack_encoder.h"
#include "ingest/delimited_frame.h"
#include "ingest/proto_submission.h"

namespace iraed::net {
namespace {

constexpr std::size_t kMaxHeaderBytes = 10;

class ProtoReply final : public PendingReply {
 public:
  explicit ProtoReply(std::string message_id)
      : message_id_(std::move(message_id)) {}
  void Append(const std::vector<model::Outcome>& outcomes,
              std::uint64_t frame_number, UnixMillis,
              std::string& out) override {
    ingest::AppendAckFrame(message_id_, outcomes.front(), frame_number, out);
  }

 private:
  const std::string message_id_;
};

}  // namespace

FrameScan ProtoCodec::Scan(std::string_view data) {
  FrameScan scan;
  const auto h = ingest::ParseFrameHeader(data, max_frame_bytes_);
  switch (h.kind) {
    case ingest::FrameHeader::Kind::kNeedMore:
      break;
    case ingest::FrameHeader::Kind::kFrame:
      scan.kind = FrameScan::Kind::kFrame;
      scan.payload = data.substr(h.header_bytes, h.payload_bytes);
      scan.consumed = h.header_bytes + h.payload_bytes;
      break;
    case ingest::FrameHeader::Kind::kOversized:
      scan.kind = FrameScan::Kind::kOversized;
      scan.announced = h.payload_bytes;
      scan.problem = "frame of " + std::to_string(h.payload_bytes) +
                     " bytes exceeds the limit of " +
                     std::to_string(max_frame_bytes_) +
                     " bytes; connection closed";
      scan.kept = data.substr(0, std::min(data.size(), kMaxHeaderBytes));
      break;
    case ingest::FrameHeader::Kind::kMalformed:
      scan.kind = FrameScan::Kind::kMalformed;
      scan.problem =
          "frame length is not a valid varint (more than 10 bytes); "
          "connection closed";
      scan.kept = data.substr(0, std::min(data.size(), kMaxHeaderBytes));
      break;
  }
  return scan;
}

DecodedFrame ProtoCodec::Decode(std::string_view payload,
                                const std::string& peer, UnixMillis now) {
  DecodedFrame frame;
  frame.submissions.push_back(ingest::BuildProtoSubmission(payload, peer, now));
  frame.reply =
      std::make_unique<ProtoReply>(frame.submissions.front().message_id);
  return frame;
}

DecodedFrame ProtoCodec::Reject(const FrameScan& scan, const std::string& peer,
                                UnixMillis now) {
  DecodedFrame frame;
  frame.submissions.push_back(ingest::BuildFramingRejection(
      scan.kept, scan.announced, scan.problem, peer, now));
  frame.reply = std::make_unique<ProtoReply>("");
  return frame;
}

std::size_t ProtoCodec::max_frame_buffer() const {
  return max_frame_bytes_ + kMaxHeaderBytes;
}

}  // namespace iraed::net
