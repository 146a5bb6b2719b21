// File: common/raw_text.h
//
// A stored raw message for people (iraectl audit explain, the console's
// alert page): HL7 v2 text as it was sent, one segment a line; anything
// else (a protobuf frame) as hex. Pure.
#ifndef IRAED_COMMON_RAW_TEXT_H_
#define IRAED_COMMON_RAW_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace iraed {

struct RawLines {
  std::vector<std::string> lines;
  bool hex = false;  // the lines are hex digits, 32 bytes a line
};

// Text when no byte is below 0x20 but CR, LF and tab: each CR or LF ends a
// line (so CR LF leaves an empty line, as sent). Else hex, lowercase.
RawLines RawMessageLines(std::string_view raw);

}  // namespace iraed

#endif  // IRAED_COMMON_RAW_TEXT_H_
