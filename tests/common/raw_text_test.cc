#include "common/raw_text.h"

#include <gtest/gtest.h>

namespace iraed {
namespace {

using Lines = std::vector<std::string>;

TEST(RawTextTest, Hl7TextOneSegmentALine) {
  const RawLines r = RawMessageLines("MSH|^~\\&|A\rPID|1\tx\r");
  EXPECT_FALSE(r.hex);
  EXPECT_EQ(r.lines, (Lines{"MSH|^~\\&|A", "PID|1\tx", ""}));
  // CR LF ends two lines, as sent; nothing is one empty line.
  EXPECT_EQ(RawMessageLines("A\r\nB").lines, (Lines{"A", "", "B"}));
  EXPECT_EQ(RawMessageLines("").lines, (Lines{""}));
}

TEST(RawTextTest, OtherControlBytesMakeHexOf32BytesALine) {
  const std::string frame = std::string(
                                "\x0a\x03"
                                "abc",
                                5) +
                            std::string(30, 'z');
  const RawLines r = RawMessageLines(frame);
  EXPECT_TRUE(r.hex);
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0].size(), 64u);
  EXPECT_EQ(r.lines[0].substr(0, 10), "0a03616263");
  EXPECT_EQ(r.lines[1], "7a7a7a");  // bytes 33 to 35
  EXPECT_TRUE(RawMessageLines(std::string(1, '\0')).hex);
  EXPECT_TRUE(RawMessageLines("\x1b[2J").hex);  // no terminal escapes
}

}  // namespace
}  // namespace iraed
