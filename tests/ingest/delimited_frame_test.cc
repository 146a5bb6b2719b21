#include "ingest/delimited_frame.h"

#include <gtest/gtest.h>

namespace iraed::ingest {
namespace {

using Kind = FrameHeader::Kind;

std::string Framed(std::size_t payload_size) {
  std::string out;
  AppendDelimited(std::string(payload_size, 'x'), out);
  return out;
}

TEST(DelimitedFrameTest, EmptyBufferNeedsMore) {
  EXPECT_EQ(ParseFrameHeader("", 100).kind, Kind::kNeedMore);
}

TEST(DelimitedFrameTest, OneByteLengthBoundary) {
  // 127 fits one varint byte, 128 needs two.
  auto h = ParseFrameHeader(Framed(127), 1000);
  EXPECT_EQ(h.kind, Kind::kFrame);
  EXPECT_EQ(h.header_bytes, 1u);
  EXPECT_EQ(h.payload_bytes, 127u);
  h = ParseFrameHeader(Framed(128), 1000);
  EXPECT_EQ(h.kind, Kind::kFrame);
  EXPECT_EQ(h.header_bytes, 2u);
  EXPECT_EQ(h.payload_bytes, 128u);
}

TEST(DelimitedFrameTest, PartialHeaderAndPartialPayloadNeedMore) {
  std::string f = Framed(300);
  EXPECT_EQ(ParseFrameHeader(f.substr(0, 1), 1000).kind, Kind::kNeedMore);
  EXPECT_EQ(ParseFrameHeader(f.substr(0, f.size() - 1), 1000).kind,
            Kind::kNeedMore);
  EXPECT_EQ(ParseFrameHeader(f, 1000).kind, Kind::kFrame);
}

TEST(DelimitedFrameTest, LimitIsInclusive) {
  EXPECT_EQ(ParseFrameHeader(Framed(100), 100).kind, Kind::kFrame);
  auto h = ParseFrameHeader(Framed(101), 100);
  EXPECT_EQ(h.kind, Kind::kOversized);
  EXPECT_EQ(h.payload_bytes, 101u);
}

TEST(DelimitedFrameTest, OversizedIsKnownFromTheHeaderAlone) {
  std::string f = Framed(5000).substr(0, 2);
  EXPECT_EQ(ParseFrameHeader(f, 1000).kind, Kind::kOversized);
}

TEST(DelimitedFrameTest, ZeroLengthFrame) {
  auto h = ParseFrameHeader(std::string(1, '\0'), 100);
  EXPECT_EQ(h.kind, Kind::kFrame);
  EXPECT_EQ(h.payload_bytes, 0u);
}

TEST(DelimitedFrameTest, ElevenByteVarintIsMalformed) {
  std::string bad(11, '\x80');
  EXPECT_EQ(ParseFrameHeader(bad, 100).kind, Kind::kMalformed);
}

TEST(DelimitedFrameTest, TenthByteAboveOneIsMalformed) {
  std::string bad(9, '\xff');
  bad.push_back('\x02');
  EXPECT_EQ(ParseFrameHeader(bad, UINT64_MAX).kind, Kind::kMalformed);
}

TEST(DelimitedFrameTest, HugeValidVarintIsOversized) {
  std::string big(9, '\xff');
  big.push_back('\x01');
  EXPECT_EQ(ParseFrameHeader(big, 1 << 20).kind, Kind::kOversized);
}

TEST(DelimitedFrameTest, NonMinimalVarintIsAccepted) {
  // 0x85 0x00 encodes 5 with a redundant byte; protobuf readers accept it.
  std::string f = "\x85";
  f.push_back('\0');
  f += "hello";
  auto h = ParseFrameHeader(f, 100);
  EXPECT_EQ(h.kind, Kind::kFrame);
  EXPECT_EQ(h.header_bytes, 2u);
  EXPECT_EQ(h.payload_bytes, 5u);
}

TEST(DelimitedFrameTest, SecondFrameFollowsFirst) {
  std::string two = Framed(3) + Framed(200);
  auto h = ParseFrameHeader(two, 1000);
  ASSERT_EQ(h.kind, Kind::kFrame);
  auto rest = std::string_view(two).substr(h.header_bytes + h.payload_bytes);
  auto h2 = ParseFrameHeader(rest, 1000);
  EXPECT_EQ(h2.kind, Kind::kFrame);
  EXPECT_EQ(h2.payload_bytes, 200u);
}

}  // namespace
}  // namespace iraed::ingest
