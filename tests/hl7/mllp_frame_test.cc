#include "hl7/mllp_frame.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace iraed::hl7 {
namespace {

using Kind = MllpScan::Kind;

std::string Frame(std::string_view payload) {
  std::string out;
  AppendMllpFrame(payload, out);
  return out;
}

const std::string kMsg =
    "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||X^^^^MR\r";

// What a connection does with the scanner: keeps the unconsumed bytes,
// appends what arrives, takes every complete frame.
struct Receiver {
  std::size_t max_payload = 1 << 20;
  std::string buffer;
  std::vector<std::string> frames;
  std::size_t junk = 0;
  Kind last = Kind::kNeedMore;

  void Feed(std::string_view bytes) {
    buffer.append(bytes);
    for (;;) {
      MllpScan s = ScanMllpFrame(buffer, max_payload);
      last = s.kind;
      junk += s.junk;
      if (s.kind == Kind::kFrame) {
        frames.emplace_back(s.payload);
        buffer.erase(0, s.consumed);
        continue;
      }
      if (s.kind == Kind::kNeedMore) buffer.erase(0, s.consumed);
      return;
    }
  }
};

TEST(MllpFrameTest, AppendFramesThePayload) {
  std::string out = "x";
  AppendMllpFrame("abc", out);
  EXPECT_EQ(out, std::string("x\x0b"
                             "abc\x1c\r"));
  EXPECT_EQ(kMllpStart, '\x0b');
  EXPECT_EQ(kMllpEnd1, '\x1c');
  EXPECT_EQ(kMllpEnd2, '\r');
}

TEST(MllpFrameTest, RoundTrip) {
  const std::string f = Frame(kMsg);
  MllpScan s = ScanMllpFrame(f, 1000);
  ASSERT_EQ(s.kind, Kind::kFrame);
  EXPECT_EQ(s.payload, kMsg);
  EXPECT_EQ(s.junk, 0u);
  EXPECT_EQ(s.consumed, f.size());
}

TEST(MllpFrameTest, EmptyBufferNeedsMore) {
  MllpScan s = ScanMllpFrame("", 100);
  EXPECT_EQ(s.kind, Kind::kNeedMore);
  EXPECT_EQ(s.junk, 0u);
  EXPECT_EQ(s.consumed, 0u);
}

TEST(MllpFrameTest, EmptyPayload) {
  const std::string f = Frame("");
  ASSERT_EQ(f.size(), 3u);
  MllpScan s = ScanMllpFrame(f, 100);
  ASSERT_EQ(s.kind, Kind::kFrame);
  EXPECT_TRUE(s.payload.empty());
  EXPECT_EQ(s.consumed, 3u);
}

TEST(MllpFrameTest, JunkBeforeTheStartByteIsCountedAndConsumed) {
  const std::string junk("\0\0\r\n\0garbage", 12);
  const std::string data = junk + Frame(kMsg);
  MllpScan s = ScanMllpFrame(data, 1000);
  ASSERT_EQ(s.kind, Kind::kFrame);
  EXPECT_EQ(s.junk, junk.size());
  EXPECT_EQ(s.payload, kMsg);
  EXPECT_EQ(s.consumed, data.size());
}

TEST(MllpFrameTest, OnlyJunkIsConsumed) {
  const std::string junk("\0\0\0\n", 4);
  MllpScan s = ScanMllpFrame(junk, 100);
  EXPECT_EQ(s.kind, Kind::kNeedMore);
  EXPECT_EQ(s.junk, 4u);
  EXPECT_EQ(s.consumed, 4u);
}

TEST(MllpFrameTest, JunkBeforeAnOpenFrameIsConsumedButNotTheFrame) {
  const std::string data = std::string("\0\0", 2) + "\x0b" + "MSH|^~";
  MllpScan s = ScanMllpFrame(data, 100);
  EXPECT_EQ(s.kind, Kind::kNeedMore);
  EXPECT_EQ(s.junk, 2u);
  EXPECT_EQ(s.consumed, 2u);
}

TEST(MllpFrameTest, PartialFrameNeedsMore) {
  const std::string f = Frame(kMsg);
  for (std::size_t n = 1; n < f.size(); ++n) {
    MllpScan s = ScanMllpFrame(std::string_view(f).substr(0, n), 1000);
    EXPECT_EQ(s.kind, Kind::kNeedMore) << n;
    EXPECT_EQ(s.consumed, 0u) << n;
    EXPECT_EQ(s.junk, 0u) << n;
  }
}

TEST(MllpFrameTest, FrameSplitAcrossReadsByteByByte) {
  std::string stream;
  stream.append("\0\0", 2);
  AppendMllpFrame(kMsg, stream);
  stream.append("\0", 1);
  AppendMllpFrame("second", stream);
  Receiver r;
  for (char c : stream) r.Feed(std::string_view(&c, 1));
  ASSERT_EQ(r.frames.size(), 2u);
  EXPECT_EQ(r.frames[0], kMsg);
  EXPECT_EQ(r.frames[1], "second");
  EXPECT_EQ(r.junk, 3u);
  EXPECT_TRUE(r.buffer.empty());
}

TEST(MllpFrameTest, FrameSplitBetweenTheTwoEndBytes) {
  const std::string f = Frame(kMsg);
  Receiver r;
  r.Feed(std::string_view(f).substr(0, f.size() - 1));  // up to FS
  EXPECT_TRUE(r.frames.empty());
  EXPECT_EQ(r.last, Kind::kNeedMore);
  r.Feed(std::string_view(f).substr(f.size() - 1));
  ASSERT_EQ(r.frames.size(), 1u);
  EXPECT_EQ(r.frames[0], kMsg);
}

TEST(MllpFrameTest, EverySplitPointGivesTheSameFrames) {
  std::string stream;
  AppendMllpFrame("one", stream);
  stream.append("\n", 1);
  AppendMllpFrame(kMsg, stream);
  AppendMllpFrame("", stream);
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    Receiver r;
    r.Feed(std::string_view(stream).substr(0, cut));
    r.Feed(std::string_view(stream).substr(cut));
    ASSERT_EQ(r.frames.size(), 3u) << cut;
    EXPECT_EQ(r.frames[0], "one");
    EXPECT_EQ(r.frames[1], kMsg);
    EXPECT_EQ(r.frames[2], "");
    EXPECT_EQ(r.junk, 1u);
  }
}

TEST(MllpFrameTest, SeveralFramesInOneBuffer) {
  std::string data;
  AppendMllpFrame("first", data);
  AppendMllpFrame("second", data);
  AppendMllpFrame("third", data);
  std::string_view rest(data);
  std::vector<std::string> got;
  while (!rest.empty()) {
    MllpScan s = ScanMllpFrame(rest, 100);
    ASSERT_EQ(s.kind, Kind::kFrame);
    got.emplace_back(s.payload);
    rest.remove_prefix(s.consumed);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"first", "second", "third"}));
}

TEST(MllpFrameTest, FsWithoutCrIsPartOfThePayload) {
  const std::string payload = std::string("ab\x1c") + "cd\x1c\x1c";
  const std::string f = Frame(payload);
  MllpScan s = ScanMllpFrame(f, 100);
  ASSERT_EQ(s.kind, Kind::kFrame);
  EXPECT_EQ(s.payload, payload);
  EXPECT_EQ(s.consumed, f.size());
  // CR without FS is ordinary payload too (HL7 segment ends).
  EXPECT_EQ(ScanMllpFrame(Frame("a\rb\r"), 100).payload, "a\rb\r");
}

TEST(MllpFrameTest, OversizedFrame) {
  // The limit is inclusive.
  MllpScan ok = ScanMllpFrame(Frame(std::string(10, 'x')), 10);
  EXPECT_EQ(ok.kind, Kind::kFrame);
  EXPECT_EQ(ok.payload.size(), 10u);
  MllpScan big = ScanMllpFrame(Frame(std::string(11, 'x')), 10);
  EXPECT_EQ(big.kind, Kind::kOversized);
  EXPECT_FALSE(big.problem.empty());
  // Known before the end arrives.
  MllpScan open = ScanMllpFrame("\x0b" + std::string(50, 'x'), 10);
  EXPECT_EQ(open.kind, Kind::kOversized);
  EXPECT_FALSE(open.problem.empty());
  // Exactly the limit without its end is still a frame in progress.
  EXPECT_EQ(ScanMllpFrame("\x0b" + std::string(10, 'x'), 10).kind,
            Kind::kNeedMore);
  EXPECT_EQ(ScanMllpFrame("\x0b" + std::string(10, 'x') + "\x1c", 10).kind,
            Kind::kNeedMore);
  // An FS not followed by CR past the limit: oversized.
  EXPECT_EQ(
      ScanMllpFrame("\x0b" + std::string(10, 'x') + "\x1c" + "y", 10).kind,
      Kind::kOversized);
}

TEST(MllpFrameTest, OversizedWhileGrowing) {
  Receiver r;
  r.max_payload = 100;
  r.Feed("\x0b");
  for (int i = 0; i < 20 && r.last == Kind::kNeedMore; ++i) {
    r.Feed(std::string(10, 'x'));
  }
  EXPECT_EQ(r.last, Kind::kOversized);
  EXPECT_TRUE(r.frames.empty());
}

TEST(MllpFrameTest, SecondStartByteInsideAFrameIsMalformed) {
  // Mirth #830: double-wrapped frames.
  std::string data = "\x0b\x0b" + kMsg + "\x1c\r\x1c\r";
  MllpScan s = ScanMllpFrame(data, 1000);
  EXPECT_EQ(s.kind, Kind::kMalformed);
  EXPECT_FALSE(s.problem.empty());
  // A lost end block: the next frame starts inside the first.
  std::string lost = "\x0b" + kMsg + "\x0b" + kMsg + "\x1c\r";
  EXPECT_EQ(ScanMllpFrame(lost, 1000).kind, Kind::kMalformed);
  // Even before the end has arrived.
  EXPECT_EQ(ScanMllpFrame("\x0b"
                          "abc\x0b",
                          1000)
                .kind,
            Kind::kMalformed);
}

TEST(MllpFrameTest, StartByteAfterACompleteFrameIsTheNextFrame) {
  std::string data = Frame("a") + "\x0b" + "partial";
  MllpScan s = ScanMllpFrame(data, 100);
  ASSERT_EQ(s.kind, Kind::kFrame);
  EXPECT_EQ(s.payload, "a");
  MllpScan next = ScanMllpFrame(std::string_view(data).substr(s.consumed), 100);
  EXPECT_EQ(next.kind, Kind::kNeedMore);
}

TEST(MllpFrameTest, BinaryPayloadRoundTrip) {
  std::string payload;
  for (int i = 0; i < 256; ++i) {
    const char c = static_cast<char>(i);
    if (c != kMllpStart) payload.push_back(c);
  }
  const std::string f = Frame(payload);
  MllpScan s = ScanMllpFrame(f, 1000);
  // 0x1C followed by 0x1D is payload; only 0x1C 0x0D ends the frame.
  ASSERT_EQ(s.kind, Kind::kFrame);
  EXPECT_EQ(s.payload, payload);
}

// Fed byte by byte with `scanned` passed back as `resume`, a frame is found
// exactly as in one piece, including an end block split between reads, and
// an oversized frame is still refused.
TEST(MllpFrameResumeTest, ResumingGivesTheSameFramesAndLimits) {
  const std::string frame =
      std::string("\x0b") + "MSH|^~\\&|A\rPID|1" + "\x1c" + "x" + "\x1c\x0d";
  std::string buffer = "\0\n";
  std::size_t resume = 0;
  bool found = false;
  for (char c : frame) {
    buffer.push_back(c);
    const MllpScan scan = ScanMllpFrame(buffer, 1024, resume);
    if (scan.kind == MllpScan::Kind::kFrame) {
      EXPECT_EQ(scan.payload, "MSH|^~\\&|A\rPID|1\x1cx");
      EXPECT_EQ(scan.consumed, buffer.size());
      found = true;
      break;
    }
    ASSERT_EQ(scan.kind, MllpScan::Kind::kNeedMore);
    buffer.erase(0, scan.consumed);  // junk, as the session drops it
    resume = scan.scanned;
    EXPECT_LE(resume, buffer.empty() ? 0 : buffer.size() - 1);
  }
  EXPECT_TRUE(found);
  buffer = "\x0b";
  resume = 0;
  MllpScan scan;
  for (int i = 0; i < 20; ++i) {
    buffer += "0123456789";
    scan = ScanMllpFrame(buffer, 100, resume);
    if (scan.kind != MllpScan::Kind::kNeedMore) break;
    resume = scan.scanned;
  }
  EXPECT_EQ(scan.kind, MllpScan::Kind::kOversized);
}

}  // namespace
}  // namespace iraed::hl7
