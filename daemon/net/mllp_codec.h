// File: net/mllp_codec.h
//
// HL7 v2 over MLLP release 1 as a FrameCodec (hl7-mllp.md sections 1-2):
// frames <VT>..<FS><CR>, bytes outside frames discarded and counted, one
// HL7 message per frame, answered with the acknowledgements the message's
// MSH-15/16 ask for (hl7/ack_builder.h) once the store has decided. An
// oversized or broken frame is answered AE and the connection closed.
#ifndef IRAED_NET_MLLP_CODEC_H_
#define IRAED_NET_MLLP_CODEC_H_

#include <cstdint>

#include "hl7/hl7_reader.h"
#include "net/frame_codec.h"

namespace iraed::net {

class MllpCodec final : public FrameCodec {
 public:
  // `options` must outlive the codec.
  MllpCodec(std::uint32_t max_frame_bytes, const hl7::Hl7Options& options)
      : max_frame_bytes_(max_frame_bytes), options_(options) {}

  FrameScan Scan(std::string_view data) override;
  DecodedFrame Decode(std::string_view payload, const std::string& peer,
                      UnixMillis now) override;
  DecodedFrame Reject(const FrameScan& scan, const std::string& peer,
                      UnixMillis now) override;
  std::size_t max_frame_buffer() const override { return max_frame_bytes_ + 3; }

 private:
  const std::uint32_t max_frame_bytes_;
  const hl7::Hl7Options& options_;
  // Payload bytes of the open frame already examined (ScanMllpFrame).
  std::size_t scanned_ = 0;
};

}  // namespace iraed::net

#endif  // IRAED_NET_MLLP_CODEC_H_
