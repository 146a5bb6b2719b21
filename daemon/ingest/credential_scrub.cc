#include "ingest/credential_scrub.h"

#include <google/protobuf/io/coded_stream.h>

#include <algorithm>
#include <cstdint>

namespace iraed::ingest {
namespace {

using google::protobuf::io::CodedInputStream;

// The text every token iraectl makes starts with (auth/api_tokens.h).
constexpr std::string_view kTokenPrefix = "iraed-";

// Skips the value of a field whose tag was just read, groups included
// (nested up to a depth); false when the bytes do not hold one.
bool SkipValue(CodedInputStream& in, std::uint32_t tag, int depth = 0) {
  std::uint64_t varint = 0;
  std::uint32_t fixed = 0;
  std::uint64_t fixed64 = 0;
  switch (tag & 7) {
    case 0:
      return in.ReadVarint64(&varint);
    case 1:
      return in.ReadLittleEndian64(&fixed64);
    case 2: {
      std::uint32_t length = 0;
      return in.ReadVarint32(&length) && length <= INT32_MAX &&
             in.Skip(static_cast<int>(length));
    }
    case 3: {  // a group: fields up to its end tag
      if (depth > 32) return false;
      for (;;) {
        const std::uint32_t inner = in.ReadTag();
        if (inner == 0) return false;
        if ((inner & 7) == 4) return (inner >> 3) == (tag >> 3);
        if (!SkipValue(in, inner, depth + 1)) return false;
      }
    }
    case 5:
      return in.ReadLittleEndian32(&fixed);
    default:
      return false;
  }
}

}  // namespace

std::string WithoutAuthToken(std::string_view payload) {
  std::string out;
  out.reserve(payload.size());
  CodedInputStream in(reinterpret_cast<const std::uint8_t*>(payload.data()),
                      static_cast<int>(payload.size()));
  in.SetTotalBytesLimit(INT32_MAX);
  std::size_t kept_to = 0;  // payload[0, kept_to) has been decided
  for (;;) {
    const std::size_t start = static_cast<std::size_t>(in.CurrentPosition());
    const std::uint32_t tag = in.ReadTag();
    if (tag == 0) break;
    const bool token =
        (tag >> 3) == static_cast<std::uint32_t>(kAuthTokenField);
    if (!SkipValue(in, tag)) {
      // Not wire format from `start` on (a corrupt frame, kept for audit):
      // a token cut short, or anything from a token's text on, is dropped.
      out.append(payload.substr(kept_to, start - kept_to));
      if (token) return out;
      std::string_view rest = payload.substr(start);
      const std::size_t at = rest.find(kTokenPrefix);
      out.append(rest.substr(0, at));
      return out;
    }
    const std::size_t end = static_cast<std::size_t>(in.CurrentPosition());
    if (token) {
      out.append(payload.substr(kept_to, start - kept_to));
      kept_to = end;
    }
  }
  out.append(payload.substr(kept_to));
  return out;
}

}  // namespace iraed::ingest
