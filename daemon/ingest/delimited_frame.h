// File: ingest/delimited_frame.h
//
// Framing of the native protocol: each frame is a protobuf base-128 varint
// length followed by that many bytes (the stock "delimited" stream format).
// Pure: bytes in, a verdict out; the caller owns the buffer.
#ifndef IRAED_INGEST_DELIMITED_FRAME_H_
#define IRAED_INGEST_DELIMITED_FRAME_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace iraed::ingest {

struct FrameHeader {
  enum class Kind {
    kNeedMore,   // the buffer ends inside the header or the payload
    kFrame,      // a whole frame: header_bytes + payload_bytes are buffered
    kOversized,  // announced payload_bytes > max_frame_bytes
    kMalformed,  // the length is not a varint of at most 10 bytes
  };
  Kind kind = Kind::kNeedMore;
  std::size_t header_bytes = 0;     // valid for kFrame and kOversized
  std::uint64_t payload_bytes = 0;  // valid for kFrame and kOversized
};

// Looks at the start of `buffered` for one frame. Never reads past its end.
// A frame of length 0 is a (empty) kFrame; the decoder then rejects it.
FrameHeader ParseFrameHeader(std::string_view buffered,
                             std::uint64_t max_frame_bytes);

// Appends the varint length of `payload` and the payload to `out`.
void AppendDelimited(std::string_view payload, std::string& out);

}  // namespace iraed::ingest

#endif  // IRAED_INGEST_DELIMITED_FRAME_H_
