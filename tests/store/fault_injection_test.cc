// Storage failures (disk full, I/O errors) through a fault-injecting SQLite
// VFS: the worker answers UNAVAILABLE, stores nothing it did not answer
// positively, keeps running, and recovers when the disk does.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "server/service_manager.h"
#include "store/store_worker.h"
#include "support/daemon_process.h"
#include "support/fault_vfs.h"
#include "support/proto_client.h"
#include "support/sql_count.h"
#include "support/submissions.h"
#include "support/wait_for.h"

namespace iraed::store {
namespace {

using ::iraed::testing::FaultSwitches;
using ::iraed::testing::InstallFaultVfs;
using ::iraed::testing::kFaultVfsName;
using ::iraed::testing::ObservationEnvelope;
using ::iraed::testing::SubmissionFor;
using ::iraed::testing::TempDir;

class FaultInjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    switches_ = &InstallFaultVfs();
    switches_->write_error = 0;
    switches_->sync_error = 0;
    WorkerOptions o;
    o.store.path = dir_.File("iraed.db");
    o.store.vfs = kFaultVfsName;
    o.checkpoint_wal_pages = 0;
    auto w = StoreWorker::Start(o);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    worker_ = std::move(w).value();
  }

  void TearDown() override {
    switches_->write_error = 0;
    switches_->sync_error = 0;
    switches_->sync_delay_ms = 0;
    worker_->Stop();
  }

  // Submits one message and waits for its outcome.
  model::Outcome Send(const std::string& id) {
    std::mutex mu;
    std::condition_variable cv;
    std::optional<model::Outcome> got;
    worker_->Submit(SubmissionFor(ObservationEnvelope(id, "lab", "P1", 10)),
                    [&](model::Outcome o) {
                      std::lock_guard<std::mutex> lock(mu);
                      got = std::move(o);
                      cv.notify_all();
                    });
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return got.has_value(); });
    return *got;
  }

  std::int64_t Count(const std::string& sql) {
    return ::iraed::testing::QueryCount(dir_.File("iraed.db"), sql);
  }

  TempDir dir_;
  FaultSwitches* switches_ = nullptr;
  std::unique_ptr<StoreWorker> worker_;
};

TEST_F(FaultInjectionTest, DiskFullAnswersUnavailableAndRecovers) {
  EXPECT_EQ(Send("before").disposition, model::Disposition::kAccepted);
  switches_->write_error = SQLITE_FULL;
  for (int i = 0; i < 3; ++i) {
    auto o = Send("during-" + std::to_string(i));
    EXPECT_EQ(o.disposition, model::Disposition::kUnavailable);
    EXPECT_NE(o.reason.find("resend"), std::string::npos);
  }
  EXPECT_GT(switches_->writes_failed.load(), 0);
  switches_->write_error = 0;
  EXPECT_EQ(Send("after").disposition, model::Disposition::kAccepted);
  // What was refused was not stored; it is accepted when resent.
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE message_id LIKE "
                  "'during-%'"),
            0);
  EXPECT_EQ(Send("during-0").disposition, model::Disposition::kAccepted);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 30);
  EXPECT_EQ(worker_->counters().groups_failed, 3u);
}

// After a full disk the WAL gives its space back at once (TRUNCATE) and
// stays small from then on, so the space freed is not refilled by the WAL
// and the daemon does not wedge again (issue 11).
TEST(FaultInjectionWalTest, AfterAFullDiskTheWalIsTruncatedAndKeptSmall) {
  FaultSwitches& switches = InstallFaultVfs();
  switches.write_error = 0;
  TempDir dir;
  WorkerOptions o;
  o.store.path = dir.File("iraed.db");
  o.store.vfs = kFaultVfsName;
  o.checkpoint_wal_pages = 4000;  // the shipped default (16 MiB)
  auto w = StoreWorker::Start(o);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  std::unique_ptr<StoreWorker> worker = std::move(w).value();
  auto send = [&worker](const std::string& id) {
    std::mutex mu;
    std::condition_variable cv;
    std::optional<model::Outcome> got;
    worker->Submit(SubmissionFor(ObservationEnvelope(id, "lab", "P1", 10)),
                   [&](model::Outcome out) {
                     std::lock_guard<std::mutex> lock(mu);
                     got = std::move(out);
                     cv.notify_all();
                   });
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return got.has_value(); });
    return got->disposition;
  };
  const std::string wal = dir.File("iraed.db-wal");
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(send("a" + std::to_string(i)), model::Disposition::kAccepted);
  }
  const auto wal_before = std::filesystem::file_size(wal);
  EXPECT_GT(wal_before, 100u * 4096);  // below the checkpoint threshold
  switches.write_error = SQLITE_FULL;
  EXPECT_EQ(send("full"), model::Disposition::kUnavailable);
  switches.write_error = 0;
  EXPECT_EQ(send("full"), model::Disposition::kAccepted);
  for (int i = 0; i < 200 && worker->counters().wal_truncations == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_EQ(worker->counters().wal_truncations, 1u);
  EXPECT_LT(std::filesystem::file_size(wal), wal_before);
  // From now on the WAL is checkpointed every kLowSpaceWalPages pages.
  std::uintmax_t largest = 0;
  for (int i = 0; i < 300; ++i) {
    ASSERT_EQ(send("b" + std::to_string(i)), model::Disposition::kAccepted);
    largest = std::max(largest, std::filesystem::file_size(wal));
  }
  EXPECT_LT(largest, wal_before) << "largest WAL " << largest;
  worker->Stop();
}

TEST_F(FaultInjectionTest, FsyncFailureIsNeverAcknowledged) {
  switches_->sync_error = SQLITE_IOERR_FSYNC;
  auto o = Send("unsynced");
  EXPECT_EQ(o.disposition, model::Disposition::kUnavailable);
  EXPECT_GT(switches_->syncs_failed.load(), 0);
  switches_->sync_error = 0;
  EXPECT_EQ(Send("synced").disposition, model::Disposition::kAccepted);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE "
                  "message_id='unsynced'"),
            0);
}

TEST_F(FaultInjectionTest, WriteErrorMidStreamKeepsTheWorkerAlive) {
  for (int round = 0; round < 5; ++round) {
    switches_->write_error = SQLITE_IOERR_WRITE;
    EXPECT_EQ(Send("x" + std::to_string(round)).disposition,
              model::Disposition::kUnavailable);
    switches_->write_error = 0;
    EXPECT_EQ(Send("y" + std::to_string(round)).disposition,
              model::Disposition::kAccepted);
  }
  EXPECT_EQ(Count("SELECT count(*) FROM messages"), 5);
}

TEST_F(FaultInjectionTest, AHungDiskStopsTheHeartbeatThatFeedsTheWatchdog) {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  using testing::WaitFor;
  // Idle, the worker wakes once per escalation interval (1 s): a heartbeat
  // newer than the start of the wait shows it.
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(WaitFor(
      [&] {
        return worker_->SinceHeartbeat() <
               std::chrono::steady_clock::now() - start;
      },
      seconds(10)));
  EXPECT_TRUE(
      ::iraed::server::StoreIsAlive(worker_->SinceHeartbeat(), seconds(4)));
  // A commit whose fsync hangs for 3 s: the heartbeat ages meanwhile, past
  // what an idle worker ever reaches (1 s) and half a 2 s watchdog.
  switches_->sync_delay_ms = 3000;
  std::thread sender([this] {
    EXPECT_EQ(Send("hung").disposition, model::Disposition::kAccepted);
  });
  EXPECT_TRUE(
      WaitFor([&] { return worker_->SinceHeartbeat() >= milliseconds(1500); },
              seconds(10)));
  EXPECT_FALSE(
      ::iraed::server::StoreIsAlive(worker_->SinceHeartbeat(), seconds(2)));
  switches_->sync_delay_ms = 0;
  sender.join();
  // Once the disk answers, the heartbeat is fresh again.
  EXPECT_TRUE(WaitFor(
      [&] {
        return ::iraed::server::StoreIsAlive(worker_->SinceHeartbeat(),
                                             seconds(2));
      },
      seconds(10)));
}

}  // namespace
}  // namespace iraed::store
