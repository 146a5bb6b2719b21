// File: net/frame_codec.h
//
// One wire protocol as a FramedSession sees it: how frames are found in the
// bytes of a connection, what the store gets for each, and how the answer
// is written once the store has decided. The native protocol
// (ProtoCodec) and HL7 v2 over MLLP (MllpCodec) implement it. A codec
// belongs to one connection and runs on the IO thread only.
#ifndef IRAED_NET_FRAME_CODEC_H_
#define IRAED_NET_FRAME_CODEC_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "model/disposition.h"
#include "model/submission.h"

namespace iraed::net {

// The answer owed for one frame, written when the outcomes of all its
// submissions are known.
class PendingReply {
 public:
  virtual ~PendingReply() = default;
  // Appends the framed answer (possibly nothing) to `out`; `outcomes` has
  // one entry per submission of the frame, in order.
  virtual void Append(const std::vector<model::Outcome>& outcomes,
                      std::uint64_t frame_number, UnixMillis now,
                      std::string& out) = 0;
};

// What one frame gives the store: usually one submission; an HL7 batch
// (FHS/BHS) gives one per message, possibly none.
struct DecodedFrame {
  std::vector<model::Submission> submissions;
  std::unique_ptr<PendingReply> reply;
};

struct FrameScan {
  enum class Kind { kNeedMore, kFrame, kOversized, kMalformed };
  Kind kind = Kind::kNeedMore;
  // Bytes before the frame that belong to no frame: consumed and counted.
  std::size_t junk = 0;
  std::string_view payload;  // kFrame
  std::size_t consumed = 0;  // kFrame: junk + the frame; else junk only
  // kOversized / kMalformed: what the sender is told (the connection then
  // closes), the size announced (0 when unknown) and the bytes kept raw.
  std::string problem;
  std::uint64_t announced = 0;
  std::string_view kept;
};

class FrameCodec {
 public:
  virtual ~FrameCodec() = default;
  virtual FrameScan Scan(std::string_view data) = 0;
  virtual DecodedFrame Decode(std::string_view payload, const std::string& peer,
                              UnixMillis now) = 0;
  // A frame that could not be delimited (oversized or malformed).
  virtual DecodedFrame Reject(const FrameScan& scan, const std::string& peer,
                              UnixMillis now) = 0;
  // The largest buffer a frame can need (payload limit plus framing).
  virtual std::size_t max_frame_buffer() const = 0;
};

}  // namespace iraed::net

#endif  // IRAED_NET_FRAME_CODEC_H_
