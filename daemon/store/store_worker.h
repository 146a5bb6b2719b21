// File: store/store_worker.h
//
// The one thread that owns the database. Listeners Submit() received frames
// from any thread; the worker takes every submission waiting (up to
// max_group_messages), files them in ONE transaction, commits once, and only
// then calls each submission's callback with its outcome: LevelDB's group
// commit, so throughput grows with the number of concurrent senders while
// every positive outcome still means "durably committed" (see the
// durability contract in message_store.h).
//
// If a group's commit fails (disk full, I/O error) every submission of the
// group gets kUnavailable, nothing of it is stored, the failure is logged
// once, and the worker carries on with the next group; the first successful
// commit afterwards logs the recovery.
//
// Between groups, at most once per escalation_check_interval, the worker
// writes the alert escalations due (MessageStore::RunEscalations) and checks
// that notifiers keep up with the feed (MessageStore::RunFeedHealth).
//
// A second thread checkpoints the WAL into the database file on its own
// connection, so the writer does not pay for checkpoints on large databases.
//
// After a full disk (a commit failed with SQLITE_FULL) the first successful
// commit has the checkpointer copy the whole WAL into the database and
// truncate it to zero bytes (SQLITE_CHECKPOINT_TRUNCATE), and from then on
// until restart the WAL is checkpointed every kLowSpaceWalPages pages
// instead of checkpoint_wal_pages: with the default 4000 pages (16 MiB) a
// WAL would otherwise refill the few megabytes an operator freed within
// about a hundred messages and wedge the daemon again.
//
// Thread-safety: Submit(), Stop() and counters() may be called from any
// thread.
#ifndef IRAED_STORE_STORE_WORKER_H_
#define IRAED_STORE_STORE_WORKER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/logging.h"
#include "common/status.h"
#include "model/disposition.h"
#include "model/submission.h"
#include "model/submission_sink.h"
#include "store/message_store.h"

namespace iraed::store {

struct WorkerOptions {
  StoreOptions store;
  std::size_t max_group_messages = 512;
  std::size_t queue_capacity = 100000;
  // Raw bytes waiting, summed; beyond this submissions are refused too, so a
  // burst of large frames cannot exhaust memory.
  std::uint64_t queue_capacity_bytes = 256u << 20;
  // WAL pages that wake the checkpointer; 0 leaves SQLite's automatic
  // checkpoints (on the writer) in charge.
  std::uint32_t checkpoint_wal_pages = 4000;
  // How often the worker writes the alert escalations due (between groups),
  // and the clock that says what is due. Tests substitute both.
  std::chrono::milliseconds escalation_check_interval{1000};
  const Clock* clock = &RealClock();
  // How often the audit chain head (entry id, hash, MAC) is logged at
  // notice level, as an external witness in the journal; also logged at
  // open and at Stop().
  std::chrono::seconds audit_witness_interval{900};
};

// A histogram of observations in fixed buckets (metrics): counts[i] holds
// the observations <= bounds[i] and above the bound before; the last count
// is those above every bound.
struct BucketCounts {
  std::vector<double> bounds;
  std::vector<std::uint64_t> counts;  // bounds.size() + 1
  double sum = 0;
  std::uint64_t total = 0;
  void Observe(double v);
};

struct WorkerCounters {
  std::uint64_t groups_committed = 0;
  std::uint64_t groups_failed = 0;
  std::uint64_t messages_committed = 0;
  std::uint64_t largest_group = 0;
  std::uint64_t checkpoints = 0;
  std::uint64_t wal_truncations = 0;  // TRUNCATE checkpoints after a full disk
  bool degraded = false;        // the last group failed: answering UNAVAILABLE
  std::size_t queue_depth = 0;  // submissions waiting for the worker
  // Messages answered, by protocol and outcome (accepted, duplicate,
  // rejected, unavailable).
  std::map<std::pair<std::string, std::string>, std::uint64_t> answered;
  // When a message of each source (MSH-3^MSH-4, Envelope.source) was last
  // stored, in this run; at most kMaxTrackedSources sources.
  std::map<std::string, UnixMillis> last_stored_by_source;
  // Seconds from BEGIN to COMMIT of each committed group, and its size.
  BucketCounts commit_seconds{{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                               0.1, 0.25, 0.5, 1, 2.5, 5, 10},
                              std::vector<std::uint64_t>(15, 0)};
  BucketCounts group_messages{{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024},
                              std::vector<std::uint64_t>(12, 0)};
};

// Sources tracked in WorkerCounters::last_stored_by_source (a sender
// inventing sources cannot grow it without bound).
inline constexpr std::size_t kMaxTrackedSources = 1000;

// The WAL threshold (pages) once the disk has been full in this run.
inline constexpr std::uint32_t kLowSpaceWalPages = 100;

class StoreWorker : public model::SubmissionSink {
 public:
  // Called exactly once per submission, on the worker thread (or on the
  // caller's thread when the submission is refused at once). Must not block.
  using Callback = model::SubmissionSink::Callback;

  // Opens the store (creating and migrating the database) and starts the
  // threads. Fails without starting anything when the database cannot be
  // opened.
  static Result<std::unique_ptr<StoreWorker>> Start(const WorkerOptions& opts);

  StoreWorker(const StoreWorker&) = delete;
  StoreWorker& operator=(const StoreWorker&) = delete;
  // Stops (see Stop()).
  ~StoreWorker() override;

  // Queues `s`. When the queue is full or the worker is stopping, `done` is
  // called at once with kUnavailable.
  void Submit(model::Submission s, Callback done) override;

  // Files and commits everything already queued, then stops the threads and
  // closes the database. Later Submit() calls are refused. Idempotent.
  void Stop();

  WorkerCounters counters() const;

  // Applies a configuration reload on the worker thread, between groups
  // (MessageStore::Reconfigure: only its grading, alerting, audit_key and
  // config_detail are used), and calls `done` there with the outcome.
  // Messages queued before are filed under the old configuration, those
  // after under the new one.
  void Reconfigure(StoreOptions opts, std::function<void(Status)> done);

  // How long ago the worker thread last made progress (woke up, committed
  // a group or ran its escalation check). It wakes at least once per
  // escalation_check_interval, so a much older heartbeat means the writer
  // is wedged (e.g. a hung fsync): the systemd watchdog is fed only while
  // it is fresh (server/service_manager.h).
  std::chrono::steady_clock::duration SinceHeartbeat() const;

  // Chains an access event of the nurse console (who signed in, who saw
  // which patient) into the audit trail in its own transaction, on the
  // worker thread between groups (MessageStore::RecordAccess), and calls
  // `done` there with the outcome: OK means the entry is committed.
  void RecordAccess(std::string kind, std::string detail, UnixMillis at,
                    std::function<void(Status)> done);

 private:
  // Work for the worker thread in its place in the queue, between groups
  // (a configuration reload, an access entry for the audit trail).
  struct Task {
    std::function<Status(MessageStore&)> run;
    std::function<void(Status)> done;
  };
  // A submission, or a task in its place in the queue.
  struct Item {
    model::Submission submission;
    Callback done;
    std::shared_ptr<Task> task;
  };
  // Queues a task; when stopping, calls `done` at once with kUnavailable.
  void QueueTask(std::function<Status(MessageStore&)> run,
                 std::function<void(Status)> done);
  StoreWorker(std::unique_ptr<MessageStore> store, const WorkerOptions& opts);
  void Run();
  void CommitGroup(std::deque<Item>& group);
  void FailGroup(std::deque<Item>& group, const Status& why);
  void RunCheckpointer();
  void RunEscalations();
  void Beat();
  // Counts `outcome` for `protocol` (REQUIRES: mu_ held).
  void CountAnswer(const std::string& protocol, model::Disposition outcome);
  // Logs the audit chain head at notice level (`when` says why).
  void LogAuditWitness(std::string_view when);
  static int OnWalCommit(void* self, sqlite3* db, const char* name, int pages);

  // Constant after construction.
  const WorkerOptions opts_;
  std::unique_ptr<MessageStore> store_;  // used by the worker thread only

  // Protected by mu_.
  mutable std::mutex mu_;
  std::condition_variable work_cv_;
  std::deque<Item> queue_;
  std::uint64_t queued_bytes_ = 0;
  bool stopping_ = false;
  bool checkpoint_wanted_ = false;
  bool truncate_wanted_ = false;  // a TRUNCATE checkpoint, after a full disk
  bool low_space_ = false;        // the disk was full in this run
  std::condition_variable checkpoint_cv_;
  WorkerCounters counters_;

  // Worker thread only.
  const std::shared_ptr<spdlog::logger> log_;
  bool degraded_ = false;
  bool disk_was_full_ = false;  // in the current degraded spell
  bool escalations_failing_ = false;
  std::chrono::steady_clock::time_point next_witness_;
  std::uint64_t failures_while_degraded_ = 0;

  // steady_clock nanoseconds of the worker's last progress.
  std::atomic<std::int64_t> heartbeat_ns_{0};

  std::thread worker_;
  std::thread checkpointer_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_STORE_WORKER_H_
