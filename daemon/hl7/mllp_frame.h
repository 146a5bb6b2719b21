// File: hl7/mllp_frame.h
//
// MLLP release 1 framing (hl7-mllp.md section 1.1): a frame is
// <VT 0x0B> payload <FS 0x1C><CR 0x0D>. Pure.
//
// ScanMllpFrame looks at the unconsumed bytes of a connection:
//   - bytes before a start byte (NULs between frames, stray newlines) are
//     junk: counted in `junk` and consumed;
//   - a complete frame gives its payload;
//   - a payload that has grown past `max_payload` without its end is
//     oversized (the caller answers and closes; the rest is not read);
//   - a second start byte before the end is a framing error (a sender
//     that double-wraps or lost an end block).
// A frame still open reports how much of its payload was examined
// (`scanned`); passing that back as `resume` with the same frame start
// makes each byte examined once however many reads a large frame takes.
#ifndef IRAED_HL7_MLLP_FRAME_H_
#define IRAED_HL7_MLLP_FRAME_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace iraed::hl7 {

inline constexpr char kMllpStart = 0x0B;
inline constexpr char kMllpEnd1 = 0x1C;
inline constexpr char kMllpEnd2 = 0x0D;

struct MllpScan {
  enum class Kind { kNeedMore, kFrame, kOversized, kMalformed };
  Kind kind = Kind::kNeedMore;
  std::size_t junk = 0;      // bytes before the start byte, consumed
  std::string_view payload;  // kFrame: between the start and end bytes
  std::size_t consumed = 0;  // kFrame: junk + the whole frame
  // kNeedMore with a frame open: payload bytes examined so far.
  std::size_t scanned = 0;
  // kOversized / kMalformed: what to tell the sender.
  std::string problem;
};

MllpScan ScanMllpFrame(std::string_view data, std::size_t max_payload,
                       std::size_t resume = 0);

// <VT> payload <FS><CR>, appended to `out`.
void AppendMllpFrame(std::string_view payload, std::string& out);

}  // namespace iraed::hl7

#endif  // IRAED_HL7_MLLP_FRAME_H_
