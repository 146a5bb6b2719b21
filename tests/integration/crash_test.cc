// SIGKILL in the middle of a stream: every message that was ACCEPTED must be
// in the database, whole, after restart.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "integration/integration_fixture.h"

namespace iraed::testing {
namespace {

namespace pb = ::iraed::v1;

class CrashTest : public DaemonTest {};

TEST_F(CrashTest, EveryAcceptedMessageSurvivesSigkill) {
  std::mutex mu;
  std::set<std::string> accepted;
  for (int round = 0; round < 3; ++round) {
    StartDaemon();
    std::atomic<bool> stop{false};
    std::atomic<int> acks{0};
    std::vector<std::thread> senders;
    for (int t = 0; t < 4; ++t) {
      senders.emplace_back([&, t] {
        auto c = ProtoClient::Connect(daemon_->port());
        if (!c.ok()) return;
        // Pipelined: 8 frames in flight per connection.
        int sent = 0;
        auto id = [&](int n) {
          return "r" + std::to_string(round) + "-c" + std::to_string(t) + "-" +
                 std::to_string(n);
        };
        for (; sent < 8; ++sent) {
          if (!(*c)->Send(ObservationEnvelope(id(sent), "lab", "P", 10)).ok())
            return;
        }
        while (!stop) {
          auto ack = (*c)->ReadAck(std::chrono::seconds(5));
          if (!ack.ok()) return;  // killed
          if (ack->status() == pb::ACK_STATUS_ACCEPTED) {
            std::lock_guard<std::mutex> lock(mu);
            accepted.insert(ack->message_id());
          }
          ++acks;
          if (!(*c)->Send(ObservationEnvelope(id(sent++), "lab", "P", 10)).ok())
            return;
        }
      });
    }
    // Kill at a different point of the stream each round.
    while (acks < 200 + round * 150) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    daemon_->Kill();
    stop = true;
    for (auto& th : senders) th.join();
  }
  ASSERT_GT(accepted.size(), 500u);
  StartDaemon();  // recovery of the WAL happens here
  auto db = store::Database::Open(db_path(), store::Database::Mode::kReadOnly);
  ASSERT_TRUE(db.ok());
  auto q = db->Prepare(
      "SELECT count(o.id) FROM messages m LEFT JOIN observations o ON "
      "o.message = m.id WHERE m.source = 'lab' AND m.message_id = ?1 AND "
      "m.outcome = 'accepted'");
  ASSERT_TRUE(q.ok());
  int missing = 0;
  for (const std::string& id : accepted) {
    q->Reset();
    q->Bind(1, id);
    auto row = q->Step();
    ASSERT_TRUE(row.ok() && *row);
    if (q->ColumnInt(0) != 10) ++missing;
  }
  EXPECT_EQ(missing, 0) << "acknowledged messages lost or partial";
  auto integrity = db->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(integrity.ok());
  ASSERT_TRUE(*integrity->Step());
  EXPECT_EQ(integrity->ColumnText(0), "ok");
  // A resend of an accepted message after the crash is a duplicate.
  auto c = Connect();
  EXPECT_EQ(
      RoundTrip(*c, ObservationEnvelope(*accepted.begin(), "lab", "P", 10))
          .status(),
      pb::ACK_STATUS_DUPLICATE);
}

}  // namespace
}  // namespace iraed::testing
