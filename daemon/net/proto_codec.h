// File: net/proto_codec.h
//
// The native protocol (proto/README.md) as a FrameCodec: varint-delimited
// Envelopes in, one varint-delimited Ack out per frame, in frame order.
#ifndef IRAED_NET_PROTO_CODEC_H_
#define IRAED_NET_PROTO_CODEC_H_

#include <cstdint>

#include "net/frame_codec.h"

namespace iraed::net {

class ProtoCodec final : public FrameCodec {
 public:
  explicit ProtoCodec(std::uint32_t max_frame_bytes)
      : max_frame_bytes_(max_frame_bytes) {}

  FrameScan Scan(std::string_view data) override;
  DecodedFrame Decode(std::string_view payload, const std::string& peer,
                      UnixMillis now) override;
  DecodedFrame Reject(const FrameScan& scan, const std::string& peer,
                      UnixMillis now) override;
  std::size_t max_frame_buffer() const override;

 private:
  const std::uint32_t max_frame_bytes_;
};

}  // namespace iraed::net

#endif  // IRAED_NET_PROTO_CODEC_H_
