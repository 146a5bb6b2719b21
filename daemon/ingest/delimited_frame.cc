#include "ingest/delimited_frame.h"

namespace iraed::ingest {

namespace {
constexpr std::size_t kMaxVarintBytes = 10;
}  // namespace

FrameHeader ParseFrameHeader(std::string_view buffered,
                             std::uint64_t max_frame_bytes) {
  FrameHeader h;
  std::uint64_t length = 0;
  std::size_t i = 0;
  for (;; ++i) {
    if (i == kMaxVarintBytes) {
      h.kind = FrameHeader::Kind::kMalformed;
      return h;
    }
    if (i == buffered.size()) {
      h.kind = FrameHeader::Kind::kNeedMore;
      return h;
    }
    const auto byte = static_cast<std::uint8_t>(buffered[i]);
    if (i == kMaxVarintBytes - 1 && byte > 1) {
      // The tenth byte may only hold bit 63.
      h.kind = FrameHeader::Kind::kMalformed;
      return h;
    }
    length |= static_cast<std::uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) break;
  }
  h.header_bytes = i + 1;
  h.payload_bytes = length;
  if (length > max_frame_bytes) {
    h.kind = FrameHeader::Kind::kOversized;
  } else if (buffered.size() - h.header_bytes < length) {
    h.kind = FrameHeader::Kind::kNeedMore;
  } else {
    h.kind = FrameHeader::Kind::kFrame;
  }
  return h;
}

void AppendDelimited(std::string_view payload, std::string& out) {
  std::uint64_t n = payload.size();
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7f) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
  out.append(payload);
}

}  // namespace iraed::ingest
