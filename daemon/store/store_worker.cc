#include "store/store_worker.h"

#include <chrono>

#include "common/logging.h"

namespace iraed::store {

namespace {
// The writer checkpoints by itself when the WAL reaches this multiple of the
// checkpointer's threshold (the checkpointer cannot make the WAL restart
// while the writer never pauses), which bounds the WAL file.
constexpr int kWriterCheckpointFactor = 4;
}  // namespace

Result<std::unique_ptr<StoreWorker>> StoreWorker::Start(
    const WorkerOptions& opts) {
  ASSIGN_OR_RETURN(std::unique_ptr<MessageStore> store,
                   MessageStore::Open(opts.store));
  auto worker =
      std::unique_ptr<StoreWorker>(new StoreWorker(std::move(store), opts));
  if (opts.checkpoint_wal_pages > 0) {
    sqlite3_wal_hook(worker->store_->db().get(), &StoreWorker::OnWalCommit,
                     worker.get());
    worker->checkpointer_ =
        std::thread([w = worker.get()] { w->RunCheckpointer(); });
  }
  worker->LogAuditWitness("at open");
  worker->next_witness_ =
      std::chrono::steady_clock::now() + opts.audit_witness_interval;
  worker->worker_ = std::thread([w = worker.get()] { w->Run(); });
  return worker;
}

StoreWorker::StoreWorker(std::unique_ptr<MessageStore> store,
                         const WorkerOptions& opts)
    : opts_(opts), store_(std::move(store)), log_(Logger("store")) {
  Beat();
}

StoreWorker::~StoreWorker() { Stop(); }

void StoreWorker::Submit(model::Submission s, Callback done) {
  bool stopping = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping = stopping_;
    const std::uint64_t bytes = s.raw.size();
    if (!stopping && queue_.size() < opts_.queue_capacity &&
        (queue_.empty() ||
         queued_bytes_ + bytes <= opts_.queue_capacity_bytes)) {
      queued_bytes_ += bytes;
      queue_.push_back(Item{std::move(s), std::move(done), nullptr});
      work_cv_.notify_one();
      return;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    CountAnswer(s.protocol, model::Disposition::kUnavailable);
  }
  model::Outcome refused;
  refused.disposition = model::Disposition::kUnavailable;
  refused.reason = stopping ? "server is shutting down; resend later"
                            : "server busy: store queue full; resend later";
  done(std::move(refused));
}

void StoreWorker::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  checkpoint_cv_.notify_all();
  if (worker_.joinable()) worker_.join();
  if (checkpointer_.joinable()) checkpointer_.join();
  if (store_) {
    LogAuditWitness("at shutdown");
    sqlite3_wal_hook(store_->db().get(), nullptr, nullptr);
    store_.reset();  // closing the last connection checkpoints the WAL
    Logger("store")->info("database closed");
  }
}

WorkerCounters StoreWorker::counters() const {
  std::lock_guard<std::mutex> lock(mu_);
  WorkerCounters c = counters_;
  c.queue_depth = queue_.size();
  return c;
}

void StoreWorker::Reconfigure(StoreOptions opts,
                              std::function<void(Status)> done) {
  QueueTask([opts = std::move(opts)](
                MessageStore& store) { return store.Reconfigure(opts); },
            std::move(done));
}

void StoreWorker::RecordAccess(std::string kind, std::string detail,
                               UnixMillis at,
                               std::function<void(Status)> done) {
  QueueTask(
      [kind = std::move(kind), detail = std::move(detail), at](
          MessageStore& store) { return store.RecordAccess(kind, detail, at); },
      std::move(done));
}

void StoreWorker::QueueTask(std::function<Status(MessageStore&)> run,
                            std::function<void(Status)> done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      Item item;
      item.task = std::make_shared<Task>(Task{std::move(run), std::move(done)});
      queue_.push_back(std::move(item));
      work_cv_.notify_one();
      return;
    }
  }
  done(Status::Unavailable("the store is stopping"));
}

void BucketCounts::Observe(double v) {
  std::size_t i = 0;
  while (i < bounds.size() && v > bounds[i]) ++i;
  ++counts[i];
  sum += v;
  ++total;
}

void StoreWorker::CountAnswer(const std::string& protocol,
                              model::Disposition outcome) {
  ++counters_.answered[{protocol, std::string(model::ToString(outcome))}];
}

void StoreWorker::Beat() {
  heartbeat_ns_.store(std::chrono::steady_clock::now().time_since_epoch() /
                          std::chrono::nanoseconds(1),
                      std::memory_order_relaxed);
}

std::chrono::steady_clock::duration StoreWorker::SinceHeartbeat() const {
  const std::chrono::nanoseconds last(
      heartbeat_ns_.load(std::memory_order_relaxed));
  return std::chrono::steady_clock::now().time_since_epoch() - last;
}

void StoreWorker::Run() {
  std::deque<Item> group;
  auto next_escalation_check = std::chrono::steady_clock::now();
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait_until(lock, next_escalation_check,
                          [this] { return stopping_ || !queue_.empty(); });
      Beat();
      if (stopping_ && queue_.empty()) return;  // stopping and drained
      if (!queue_.empty() && queue_.front().task) {
        // A task in its place: what was queued before it is filed.
        std::shared_ptr<Task> task = std::move(queue_.front().task);
        queue_.pop_front();
        lock.unlock();
        task->done(task->run(*store_));
        continue;
      }
      const std::size_t n = std::min(queue_.size(), opts_.max_group_messages);
      for (std::size_t i = 0; i < n; ++i) {
        if (queue_.front().task) break;  // the group ends before a task
        queued_bytes_ -= queue_.front().submission.raw.size();
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    if (!group.empty()) {
      CommitGroup(group);
      group.clear();
      Beat();
    }
    // Alert escalations, at most once per interval, between groups.
    if (std::chrono::steady_clock::now() >= next_escalation_check) {
      RunEscalations();
      if (std::chrono::steady_clock::now() >= next_witness_) {
        LogAuditWitness("periodic");
        next_witness_ =
            std::chrono::steady_clock::now() + opts_.audit_witness_interval;
      }
      Beat();
      next_escalation_check =
          std::chrono::steady_clock::now() + opts_.escalation_check_interval;
    }
  }
}

void StoreWorker::RunEscalations() {
  const UnixMillis now = opts_.clock->NowMillis();
  // Independent checks: a failing escalation must not stop the check that
  // paging itself works, nor the other way round.
  Status s = store_->RunEscalations(now);
  if (Status f = store_->RunFeedHealth(now); s.ok()) s = f;
  // Tried again at the next interval: an escalation is late, never lost.
  // Logged once per failure spell, not every second.
  if (!s.ok() && !escalations_failing_) {
    log_->error(
        "alert escalation and feed check failed, retrying every {} ms: {}",
        opts_.escalation_check_interval.count(), s.ToString());
  } else if (s.ok() && escalations_failing_) {
    log_->info("alert escalation and feed check recovered");
  }
  escalations_failing_ = !s.ok();
}

void StoreWorker::LogAuditWitness(std::string_view when) {
  auto head = ReadAuditHead(store_->db());
  if (!head.ok()) {
    log_->warn("cannot read the audit chain head: {}",
               head.status().ToString());
    return;
  }
  if (!head->has_value()) return;  // an empty trail
  const AuditHead& h = **head;
  LogNotice("audit", "audit chain head (" + std::string(when) +
                         "): entry=" + std::to_string(h.id) +
                         " sha256=" + h.entry_sha256 + " mac=" +
                         (h.entry_mac.empty() ? "none" : h.entry_mac));
}

void StoreWorker::FailGroup(std::deque<Item>& group, const Status& why) {
  store_->Rollback();
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++counters_.groups_failed;
    for (const Item& item : group) {
      CountAnswer(item.submission.protocol, model::Disposition::kUnavailable);
    }
  }
  if (!degraded_) {
    degraded_ = true;
    {
      std::lock_guard<std::mutex> lock(mu_);
      counters_.degraded = true;
    }
    disk_was_full_ = false;
    failures_while_degraded_ = 0;
    log_->error("storage failure, answering UNAVAILABLE until it recovers: {}",
                why.ToString());
  }
  ++failures_while_degraded_;
  if (why.code() == StatusCode::kResourceExhausted) disk_was_full_ = true;
  for (Item& item : group) {
    item.done(model::Outcome{model::Disposition::kUnavailable,
                             "storage unavailable; resend later", 0});
  }
}

void StoreWorker::CommitGroup(std::deque<Item>& group) {
  const auto started = std::chrono::steady_clock::now();
  if (Status s = store_->Begin(); !s.ok()) return FailGroup(group, s);
  std::vector<model::Outcome> outcomes;
  outcomes.reserve(group.size());
  for (Item& item : group) {
    auto outcome = store_->Apply(item.submission);
    if (!outcome.ok()) return FailGroup(group, outcome.status());
    outcomes.push_back(std::move(outcome).value());
  }
  if (Status s = store_->Commit(); !s.ok()) return FailGroup(group, s);
  if (degraded_) {
    degraded_ = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      counters_.degraded = false;
    }
    log_->warn("storage recovered after {} failed groups",
               failures_while_degraded_);
    if (disk_was_full_) {
      // Give the WAL's space back at once and keep the WAL small from now
      // on, so the space an operator freed is not refilled by the WAL.
      std::lock_guard<std::mutex> lock(mu_);
      low_space_ = true;
      truncate_wanted_ = true;
      checkpoint_cv_.notify_one();
      log_->warn(
          "the disk was full: the WAL is checkpointed and truncated now, and "
          "checkpointed every {} pages until restart (instead of {})",
          kLowSpaceWalPages, opts_.checkpoint_wal_pages);
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++counters_.groups_committed;
    counters_.messages_committed += group.size();
    counters_.largest_group =
        std::max<std::uint64_t>(counters_.largest_group, group.size());
    counters_.commit_seconds.Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                      started)
            .count());
    counters_.group_messages.Observe(static_cast<double>(group.size()));
    for (std::size_t i = 0; i < group.size(); ++i) {
      const model::Submission& s = group[i].submission;
      CountAnswer(s.protocol, outcomes[i].disposition);
      auto& last = counters_.last_stored_by_source;
      if (!s.source.empty() &&
          (last.size() < kMaxTrackedSources || last.count(s.source))) {
        last[s.source] = std::max(last[s.source], s.received_at);
      }
    }
  }
  const auto elapsed = std::chrono::duration<double, std::milli>(
      std::chrono::steady_clock::now() - started);
  log_->debug("committed group messages={} ms={:.3f}", group.size(),
              elapsed.count());
  for (std::size_t i = 0; i < group.size(); ++i) {
    group[i].done(std::move(outcomes[i]));
  }
}

int StoreWorker::OnWalCommit(void* self, sqlite3* db, const char* name,
                             int pages) {
  auto* w = static_cast<StoreWorker*>(self);
  int threshold = static_cast<int>(w->opts_.checkpoint_wal_pages);
  {
    std::lock_guard<std::mutex> lock(w->mu_);
    if (w->low_space_) {
      threshold = std::min(threshold, static_cast<int>(kLowSpaceWalPages));
    }
  }
  if (pages >= threshold * kWriterCheckpointFactor) {
    // Runs on the writer thread right after its commit: copies every frame,
    // so the next transaction restarts the WAL from the beginning.
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                              nullptr);
    std::lock_guard<std::mutex> lock(w->mu_);
    ++w->counters_.checkpoints;
  } else if (pages >= threshold) {
    std::lock_guard<std::mutex> lock(w->mu_);
    if (!w->checkpoint_wanted_) {
      w->checkpoint_wanted_ = true;
      w->checkpoint_cv_.notify_one();
    }
  }
  return SQLITE_OK;
}

void StoreWorker::RunCheckpointer() {
  auto db = Database::Open(opts_.store.path, Database::Mode::kReadWriteCreate,
                           opts_.store.vfs);
  if (!db.ok()) {
    Logger("store")->error("checkpointer cannot open the database: {}",
                           db.status().ToString());
    return;
  }
  (void)db->Exec("PRAGMA busy_timeout = 1000");
  (void)db->Exec("PRAGMA synchronous = " +
                 std::string(ToString(opts_.store.synchronous)));
  for (;;) {
    bool truncate = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      // A TRUNCATE that readers kept from finishing is retried each second.
      checkpoint_cv_.wait_for(lock, std::chrono::seconds(1), [this] {
        return stopping_ || checkpoint_wanted_ || truncate_wanted_;
      });
      if (stopping_) return;
      if (!checkpoint_wanted_ && !truncate_wanted_) continue;
      checkpoint_wanted_ = false;
      truncate = truncate_wanted_;
    }
    int log_frames = 0;
    int copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(
        db->get(), nullptr,
        truncate ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE,
        &log_frames, &copied);
    if (rc != SQLITE_OK) {
      Logger("store")->debug(
          "checkpoint failed: {}",
          SqliteStatus(rc, "checkpoint", db->get()).ToString());
      if (truncate) {
        // Readers kept it from finishing: try again in a second, not at
        // once (each attempt holds the write lock while it waits, and a
        // tight retry would starve the writer).
        std::unique_lock<std::mutex> lock(mu_);
        checkpoint_cv_.wait_for(lock, std::chrono::seconds(1),
                                [this] { return stopping_; });
      }
      continue;
    }
    if (truncate) {
      Logger("store")->info("WAL checkpointed ({} frames) and truncated",
                            copied);
    }
    std::lock_guard<std::mutex> lock(mu_);
    ++counters_.checkpoints;
    if (truncate) {
      truncate_wanted_ = false;
      ++counters_.wal_truncations;
    }
  }
}

}  // namespace iraed::store
