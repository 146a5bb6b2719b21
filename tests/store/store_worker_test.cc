#include "store/store_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "support/daemon_process.h"
#include "support/proto_client.h"
#include "support/sql_count.h"
#include "support/submissions.h"

namespace iraed::store {
namespace {

using ::iraed::testing::ObservationEnvelope;
using ::iraed::testing::SubmissionFor;
using ::iraed::testing::TempDir;

// Collects outcomes delivered on the worker thread.
class Outcomes {
 public:
  StoreWorker::Callback Slot(std::size_t i) {
    return [this, i](model::Outcome o) {
      std::lock_guard<std::mutex> lock(mu_);
      got_.at(i).push_back(std::move(o));
      ++delivered_;
      cv_.notify_all();
    };
  }
  explicit Outcomes(std::size_t n) : got_(n) {}
  void WaitFor(std::size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    ASSERT_TRUE(cv_.wait_for(lock, std::chrono::seconds(60),
                             [&] { return delivered_ >= n; }));
  }
  std::vector<std::vector<model::Outcome>> got() {
    std::lock_guard<std::mutex> lock(mu_);
    return got_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::vector<model::Outcome>> got_;
  std::size_t delivered_ = 0;
};

WorkerOptions Options(const TempDir& dir) {
  WorkerOptions o;
  o.store.path = dir.File("iraed.db");
  o.checkpoint_wal_pages = 100;  // exercise the checkpointer
  return o;
}

using ::iraed::testing::QueryCount;

TEST(StoreWorkerTest, ConcurrentSubmittersAreGroupCommitted) {
  TempDir dir;
  auto worker = StoreWorker::Start(Options(dir));
  ASSERT_TRUE(worker.ok()) << worker.status().ToString();
  constexpr int kThreads = 8;
  constexpr int kPerThread = 200;
  Outcomes outcomes(kThreads * kPerThread);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const int n = t * kPerThread + i;
        (*worker)->Submit(SubmissionFor(ObservationEnvelope(
                              "m-" + std::to_string(n), "lab",
                              "P" + std::to_string(n % 50), 10)),
                          outcomes.Slot(n));
      }
    });
  }
  for (auto& th : threads) th.join();
  outcomes.WaitFor(kThreads * kPerThread);
  for (const auto& per_message : outcomes.got()) {
    ASSERT_EQ(per_message.size(), 1u);  // exactly one callback each
    EXPECT_EQ(per_message[0].disposition, model::Disposition::kAccepted);
  }
  const auto c = (*worker)->counters();
  EXPECT_EQ(c.messages_committed, kThreads * kPerThread);
  EXPECT_GT(c.largest_group, 1u) << "no group commit happened";
  EXPECT_LT(c.groups_committed, c.messages_committed);
  (*worker)->Stop();
  EXPECT_EQ(
      QueryCount(dir.File("iraed.db"), "SELECT count(*) FROM observations"),
      kThreads * kPerThread * 10);
}

TEST(StoreWorkerTest, StopCommitsWhatIsQueued) {
  TempDir dir;
  auto worker = StoreWorker::Start(Options(dir));
  ASSERT_TRUE(worker.ok());
  Outcomes outcomes(100);
  for (int i = 0; i < 100; ++i) {
    (*worker)->Submit(SubmissionFor(ObservationEnvelope(
                          "m-" + std::to_string(i), "lab", "P1", 2)),
                      outcomes.Slot(i));
  }
  (*worker)->Stop();
  outcomes.WaitFor(100);
  for (const auto& o : outcomes.got()) {
    EXPECT_EQ(o.at(0).disposition, model::Disposition::kAccepted);
  }
  EXPECT_EQ(QueryCount(dir.File("iraed.db"), "SELECT count(*) FROM messages"),
            100);
}

TEST(StoreWorkerTest, SubmitAfterStopIsRefusedAsUnavailable) {
  TempDir dir;
  auto worker = StoreWorker::Start(Options(dir));
  ASSERT_TRUE(worker.ok());
  (*worker)->Stop();
  Outcomes outcomes(1);
  (*worker)->Submit(SubmissionFor(ObservationEnvelope("m", "lab", "P1", 1)),
                    outcomes.Slot(0));
  outcomes.WaitFor(1);
  EXPECT_EQ(outcomes.got()[0][0].disposition, model::Disposition::kUnavailable);
  EXPECT_NE(outcomes.got()[0][0].reason.find("shutting down"),
            std::string::npos);
}

TEST(StoreWorkerTest, FullQueueAnswersUnavailableAtOnce) {
  TempDir dir;
  WorkerOptions o = Options(dir);
  o.queue_capacity = 1;
  auto worker = StoreWorker::Start(o);
  ASSERT_TRUE(worker.ok());
  // Hold the write lock so the worker cannot drain the queue quickly.
  auto blocker = Database::Open(o.store.path, Database::Mode::kReadWriteCreate);
  ASSERT_TRUE(blocker.ok());
  ASSERT_TRUE(blocker->Exec("BEGIN IMMEDIATE").ok());
  constexpr int kN = 20;
  Outcomes outcomes(kN);
  for (int i = 0; i < kN; ++i) {
    (*worker)->Submit(SubmissionFor(ObservationEnvelope(
                          "m-" + std::to_string(i), "lab", "P1", 1)),
                      outcomes.Slot(i));
  }
  ASSERT_TRUE(blocker->Exec("COMMIT").ok());
  outcomes.WaitFor(kN);
  int busy = 0;
  for (const auto& got : outcomes.got()) {
    if (got[0].disposition == model::Disposition::kUnavailable &&
        got[0].reason.find("queue full") != std::string::npos) {
      ++busy;
    }
  }
  EXPECT_GT(busy, 0);
}

TEST(StoreWorkerTest, QueuedBytesAreBounded) {
  TempDir dir;
  WorkerOptions o = Options(dir);
  auto one = SubmissionFor(ObservationEnvelope("m", "lab", "P1", 50));
  o.queue_capacity_bytes = one.raw.size() * 3;  // three messages fit
  auto worker = StoreWorker::Start(o);
  ASSERT_TRUE(worker.ok());
  auto blocker = Database::Open(o.store.path, Database::Mode::kReadWriteCreate);
  ASSERT_TRUE(blocker.ok());
  ASSERT_TRUE(blocker->Exec("BEGIN IMMEDIATE").ok());
  constexpr int kN = 12;
  Outcomes outcomes(kN);
  for (int i = 0; i < kN; ++i) {
    (*worker)->Submit(SubmissionFor(ObservationEnvelope(
                          "m-" + std::to_string(i), "lab", "P1", 50)),
                      outcomes.Slot(i));
  }
  ASSERT_TRUE(blocker->Exec("COMMIT").ok());
  outcomes.WaitFor(kN);
  int accepted = 0;
  int busy = 0;
  for (const auto& got : outcomes.got()) {
    if (got[0].disposition == model::Disposition::kAccepted) ++accepted;
    if (got[0].reason.find("queue full") != std::string::npos) ++busy;
  }
  // At most the group the worker took before blocking (<= 3 messages'
  // bytes) plus three more queued behind it were let in.
  EXPECT_GT(busy, 0);
  EXPECT_EQ(accepted + busy, kN);
  EXPECT_LE(accepted, 6);
}

}  // namespace
}  // namespace iraed::store
