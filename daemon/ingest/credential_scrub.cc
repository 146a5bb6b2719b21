#include "ingest/credential_scrub.h"

#include <google/protobuf/io/coded_stream.h>

#include <algorithm>
#include <cstdint>

namespace iraed::ingest {
namespace {

using google::protobuf::io::CodedInputStream;

// Skips the value of a field of `wire_type` whose tag was just read; false
// when the bytes do not hold one (or it is a group, unused by iraed.v1).
bool SkipValue(CodedInputStream& in, std::uint32_t wire_type) {
  std::uint64_t varint = 0;
  std::uint32_t fixed = 0;
  std::uint64_t fixed64 = 0;
  switch (wire_type) {
    case 0:
      return in.ReadVarint64(&varint);
    case 1:
      return in.ReadLittleEndian64(&fixed64);
    case 2: {
      std::uint32_t length = 0;
      return in.ReadVarint32(&length) &&
             in.Skip(static_cast<int>(std::min<std::uint32_t>(
                 length, static_cast<std::uint32_t>(INT32_MAX))));
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
    if (!SkipValue(in, tag & 7)) {
      // A token cut short: what is left may be part of it.
      if (token) {
        out.append(payload.substr(kept_to, start - kept_to));
        return out;
      }
      break;
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
