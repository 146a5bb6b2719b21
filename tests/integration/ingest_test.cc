// The native protocol end to end: real daemon, real socket, real SQLite file.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "integration/integration_fixture.h"

namespace iraed::testing {
namespace {

namespace pb = ::iraed::v1;

class IngestTest : public DaemonTest {
 protected:
  void SetUp() override { StartDaemon(); }
};

TEST_F(IngestTest, AcceptedMessageIsStoredBeforeItsAck) {
  auto c = Connect();
  auto ack = RoundTrip(*c, ObservationEnvelope("m-1", "lab", "P1", 10));
  EXPECT_EQ(ack.status(), pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(ack.message_id(), "m-1");
  EXPECT_EQ(ack.frame_number(), 1u);
  EXPECT_TRUE(ack.reason().empty());
  // The ack came after the commit, so a fresh reader sees every row.
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 10);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='accepted' "
                  "AND source='lab' AND message_id='m-1' AND "
                  "protocol='protobuf' AND body_kind='observations'"),
            1);
}

TEST_F(IngestTest, DuplicateIsAnsweredAndNotApplied) {
  auto c = Connect();
  auto env = ObservationEnvelope("m-1", "lab", "P1", 10);
  EXPECT_EQ(RoundTrip(*c, env).status(), pb::ACK_STATUS_ACCEPTED);
  auto other = Connect();
  EXPECT_EQ(RoundTrip(*other, env).status(), pb::ACK_STATUS_DUPLICATE);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 10);
  EXPECT_EQ(Count("SELECT count(*) FROM messages"), 2);
}

TEST_F(IngestTest, InvalidMessageIsRejectedWithAReasonAndKept) {
  auto c = Connect();
  auto env = ObservationEnvelope("m-bad", "lab", "SECRET-MRN", 3);
  env.mutable_observations()->mutable_observations(2)->set_unit(
      std::string(300, 'u'));
  auto ack = RoundTrip(*c, env);
  EXPECT_EQ(ack.status(), pb::ACK_STATUS_REJECTED);
  EXPECT_EQ(ack.refusal(), pb::REFUSAL_INVALID);
  EXPECT_EQ(ack.message_id(), "m-bad");
  EXPECT_EQ(ack.reason(),
            "observations.observations[2].unit: longer than 250 bytes");
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='rejected' "
                  "AND message_id='m-bad' AND length(raw)=raw_size"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 0);
  // The connection stays usable after a rejection.
  EXPECT_EQ(RoundTrip(*c, ObservationEnvelope("m-2", "lab", "P1", 1)).status(),
            pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(daemon_->Log().find("SECRET-MRN"), std::string::npos);
}

TEST_F(IngestTest, UndecodableFrameIsRejectedAndTheStreamGoesOn) {
  auto c = Connect();
  ASSERT_TRUE(c->SendRaw(Frame(std::string_view("\x0a\x05\xff\xfe", 4))).ok());
  auto ack = c->ReadAck();
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->status(), pb::ACK_STATUS_REJECTED);
  EXPECT_EQ(ack->refusal(), pb::REFUSAL_INVALID);
  EXPECT_TRUE(ack->message_id().empty());
  EXPECT_EQ(ack->frame_number(), 1u);
  EXPECT_NE(ack->reason().find("not a valid iraed.v1.Envelope"),
            std::string::npos);
  EXPECT_EQ(RoundTrip(*c, ObservationEnvelope("m-2", "lab", "P1", 1)).status(),
            pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='rejected' AND "
                  "raw_size=4"),
            1);
}

TEST_F(IngestTest, AcksComeInFrameOrderWhenPipelined) {
  auto c = Connect();
  std::string burst;
  constexpr int kFrames = 300;
  for (int i = 0; i < kFrames; ++i) {
    auto env = ObservationEnvelope("p-" + std::to_string(i), "lab",
                                   "P" + std::to_string(i % 7), 3);
    if (i % 10 == 0) env.set_source("");  // some rejections in between
    burst += Frame(env);
  }
  ASSERT_TRUE(c->SendRaw(burst).ok());
  for (int i = 0; i < kFrames; ++i) {
    auto ack = c->ReadAck();
    ASSERT_TRUE(ack.ok()) << i << ": " << ack.status().ToString();
    EXPECT_EQ(ack->frame_number(), static_cast<std::uint64_t>(i + 1));
    EXPECT_EQ(ack->message_id(), "p-" + std::to_string(i));
    EXPECT_EQ(ack->status(),
              i % 10 == 0 ? pb::ACK_STATUS_REJECTED : pb::ACK_STATUS_ACCEPTED);
  }
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='accepted'"),
            kFrames - kFrames / 10);
}

TEST_F(IngestTest, FrameSplitAcrossWritesIsReassembled) {
  auto c = Connect();
  std::string frame = Frame(ObservationEnvelope("split", "lab", "P1", 20));
  for (char byte : frame) {
    ASSERT_TRUE(c->SendRaw(std::string_view(&byte, 1)).ok());
  }
  auto ack = c->ReadAck();
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->status(), pb::ACK_STATUS_ACCEPTED);
}

TEST_F(IngestTest, OversizedFrameIsRejectedAndTheConnectionClosed) {
  auto c = Connect();
  // Announce 2 MiB (limit 1 MiB) and send only the first bytes.
  std::string header = "\x80\x80\x80\x01";  // 2^21
  ASSERT_TRUE(c->SendRaw(header + std::string(1000, 'x')).ok());
  auto ack = c->ReadAck();
  ASSERT_TRUE(ack.ok()) << ack.status().ToString();
  EXPECT_EQ(ack->status(), pb::ACK_STATUS_REJECTED);
  EXPECT_NE(ack->reason().find("exceeds the limit of 1048576"),
            std::string::npos);
  EXPECT_TRUE(c->WaitForClose(std::chrono::seconds(10)));
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='rejected' AND "
                  "raw_size=2097152"),
            1);
  // Other connections are unaffected.
  auto other = Connect();
  EXPECT_EQ(
      RoundTrip(*other, ObservationEnvelope("m", "lab", "P1", 1)).status(),
      pb::ACK_STATUS_ACCEPTED);
}

TEST_F(IngestTest, MalformedLengthIsRejectedAndTheConnectionClosed) {
  auto c = Connect();
  ASSERT_TRUE(c->SendRaw(std::string(12, '\xff')).ok());
  auto ack = c->ReadAck();
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->status(), pb::ACK_STATUS_REJECTED);
  EXPECT_NE(ack->reason().find("varint"), std::string::npos);
  EXPECT_TRUE(c->WaitForClose(std::chrono::seconds(10)));
}

TEST_F(IngestTest, TruncatedFrameIsNeitherAckedNorStored) {
  {
    auto c = Connect();
    std::string frame = Frame(ObservationEnvelope("cut", "lab", "P1", 5));
    ASSERT_TRUE(c->SendRaw(frame.substr(0, frame.size() / 2)).ok());
  }  // closes mid-frame
  auto c = Connect();
  EXPECT_EQ(
      RoundTrip(*c, ObservationEnvelope("after", "lab", "P1", 1)).status(),
      pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE message_id='cut'"), 0);
}

TEST_F(IngestTest, HalfClosedClientStillGetsItsAcks) {
  auto c = Connect();
  std::string burst;
  for (int i = 0; i < 20; ++i) {
    burst +=
        Frame(ObservationEnvelope("h-" + std::to_string(i), "lab", "P", 1));
  }
  ASSERT_TRUE(c->SendRaw(burst).ok());
  c->ShutdownWrite();
  for (int i = 0; i < 20; ++i) {
    auto ack = c->ReadAck();
    ASSERT_TRUE(ack.ok()) << i;
    EXPECT_EQ(ack->status(), pb::ACK_STATUS_ACCEPTED);
  }
  EXPECT_TRUE(c->WaitForClose(std::chrono::seconds(10)));
}

TEST_F(IngestTest, ManyConcurrentConnectionsAllGetTheirAcks) {
  constexpr int kConnections = 16;
  constexpr int kEach = 40;
  std::vector<std::thread> threads;
  std::atomic<int> accepted{0};
  for (int t = 0; t < kConnections; ++t) {
    threads.emplace_back([&, t] {
      auto c = ProtoClient::Connect(daemon_->port());
      if (!c.ok()) return;
      for (int i = 0; i < kEach; ++i) {
        auto env = ObservationEnvelope(
            "c" + std::to_string(t) + "-" + std::to_string(i), "lab",
            "P" + std::to_string(t), 10);
        if (!(*c)->Send(env).ok()) return;
        auto ack = (*c)->ReadAck();
        if (ack.ok() && ack->status() == pb::ACK_STATUS_ACCEPTED) ++accepted;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(accepted.load(), kConnections * kEach);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"),
            kConnections * kEach * 10);
}

class FrameTimeoutTest : public DaemonTest {};

TEST_F(FrameTimeoutTest, StalledFrameClosesOnlyItsConnection) {
  const std::string conf = dir_.File("short.conf");
  std::ofstream(conf) << "proto_listener { frame_timeout_seconds: 1 }\n";
  StartDaemon({"--config", conf});
  // Idle connections never time out. The idle one connects first, so by
  // the time the stalled frame's timeout closes its connection the idle one
  // has been idle longer than a frame may take: were idle connections
  // timed, it would be closed already (no sleep needed to show it is not).
  auto idle = Connect();
  auto stalled = Connect();
  std::string frame = Frame(ObservationEnvelope("slow", "lab", "P1", 5));
  ASSERT_TRUE(stalled->SendRaw(frame.substr(0, 10)).ok());
  EXPECT_TRUE(stalled->WaitForClose(std::chrono::seconds(10)));
  EXPECT_EQ(
      RoundTrip(*idle, ObservationEnvelope("idle", "lab", "P1", 1)).status(),
      pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE message_id='slow'"), 0);
}

// The kind of refusal travels beside the reason, for programs (iraectl's
// exit status); an accepted message carries none.
TEST_F(IngestTest, ARefusalSaysWhatKindItIs) {
  auto c = Connect();
  auto ok = RoundTrip(*c, ObservationEnvelope("m-1", "lab", "P1", 1));
  EXPECT_EQ(ok.status(), pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(ok.refusal(), pb::REFUSAL_UNSPECIFIED);
  pb::Envelope action;
  action.set_message_id("ack-99");
  action.set_source("ward");
  action.mutable_alert_action()->set_alert_id(99);
  action.mutable_alert_action()->set_kind(pb::ALERT_ACTION_KIND_ACKNOWLEDGE);
  action.mutable_alert_action()->set_by("rn.jones");
  auto missing = RoundTrip(*c, action);
  EXPECT_EQ(missing.status(), pb::ACK_STATUS_REJECTED);
  EXPECT_EQ(missing.refusal(), pb::REFUSAL_NOT_FOUND) << missing.reason();
  action.set_message_id("confirm-far");
  action.mutable_feed_confirmation()->set_consumer("pager");
  action.mutable_feed_confirmation()->set_through_event(1000);
  auto beyond = RoundTrip(*c, action);
  EXPECT_EQ(beyond.status(), pb::ACK_STATUS_REJECTED);
  EXPECT_EQ(beyond.refusal(), pb::REFUSAL_NOT_ALLOWED_NOW) << beyond.reason();
}

}  // namespace
}  // namespace iraed::testing
