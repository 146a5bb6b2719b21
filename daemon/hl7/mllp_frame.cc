#include "hl7/mllp_frame.h"

#include <algorithm>

namespace iraed::hl7 {

MllpScan ScanMllpFrame(std::string_view data, std::size_t max_payload,
                       std::size_t resume) {
  MllpScan scan;
  const std::size_t start = data.find(kMllpStart);
  if (start == std::string_view::npos) {
    scan.junk = data.size();
    scan.consumed = data.size();
    return scan;  // kNeedMore, everything so far was junk
  }
  scan.junk = start;
  const std::string_view rest = data.substr(start + 1);
  // Bytes examined before are not examined again (`resume` only applies to
  // a frame that starts at the beginning of `data`).
  std::size_t i = start == 0 ? std::min(resume, rest.size()) : 0;
  for (; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c == kMllpEnd1) {
      if (i + 1 == rest.size()) break;  // the CR may follow
      if (rest[i + 1] == kMllpEnd2) {
        scan.kind = MllpScan::Kind::kFrame;
        scan.payload = rest.substr(0, i);
        scan.consumed = start + 1 + i + 2;
        return scan;
      }
      // FS not followed by CR: part of the payload (lenient).
    } else if (c == kMllpStart) {
      scan.kind = MllpScan::Kind::kMalformed;
      scan.problem =
          "MLLP start block (0x0B) inside a frame: the previous frame never "
          "ended";
      return scan;
    }
    if (i >= max_payload) {
      scan.kind = MllpScan::Kind::kOversized;
      scan.problem = "frame exceeds the limit of " +
                     std::to_string(max_payload) + " bytes";
      return scan;
    }
  }
  scan.consumed = start;  // only the junk; the frame is still open
  scan.scanned = i;
  return scan;
}

void AppendMllpFrame(std::string_view payload, std::string& out) {
  out.push_back(kMllpStart);
  out.append(payload);
  out.push_back(kMllpEnd1);
  out.push_back(kMllpEnd2);
}

}  // namespace iraed::hl7
