#include "console/live_feed.h"

#include <optional>

#include "common/logging.h"
#include "store/sqlite_db.h"

namespace iraed::console {

LiveFeed::LiveFeed(LiveFeedOptions options)
    : options_(std::move(options)), thread_([this] { Run(); }) {}

LiveFeed::~LiveFeed() { Stop(); }

void LiveFeed::Add(std::shared_ptr<http::EventStream> stream,
                   std::string session_token) {
  // The browser retries 3 s after losing the stream.
  stream->Send("retry: 3000\n: connected\n\n");
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) {
    stream->Close();
    return;
  }
  // One session holds at most kMaxStreamsPerSession: the oldest goes.
  std::size_t held = 0;
  for (auto it = watchers_.rbegin(); it != watchers_.rend(); ++it) {
    if (it->session_token == session_token && ++held >= kMaxStreamsPerSession) {
      it->stream->Close();
    }
  }
  std::erase_if(watchers_, [](const Watcher& w) { return !w.stream->open(); });
  watchers_.push_back(Watcher{std::move(stream), std::move(session_token)});
}

std::size_t LiveFeed::streams() const {
  std::lock_guard<std::mutex> lock(mu_);
  return watchers_.size();
}

void LiveFeed::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& w : watchers_) w.stream->Close();
  watchers_.clear();
}

void LiveFeed::Broadcast(const std::string& text, bool check_sessions) {
  std::vector<Watcher> watchers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    watchers = watchers_;
  }
  for (auto& w : watchers) {
    if (check_sessions && options_.signed_in &&
        !options_.signed_in(w.session_token)) {
      w.stream->Close();
      continue;
    }
    w.stream->Send(text);
  }
  std::lock_guard<std::mutex> lock(mu_);
  std::erase_if(watchers_, [](const Watcher& w) { return !w.stream->open(); });
}

void LiveFeed::Run() {
  auto log = Logger("console");
  std::optional<store::Database> db;
  std::int64_t seen = -1;  // the newest feed event already announced
  bool failing = false;
  auto next_ping = std::chrono::steady_clock::now() + options_.ping;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, options_.poll, [this] { return stopping_; });
      if (stopping_) return;
    }
    if (!db) {
      auto opened = store::Database::Open(options_.db_path,
                                          store::Database::Mode::kReadOnly);
      if (opened.ok()) {
        (void)opened->Exec("PRAGMA busy_timeout = 2000");
        db.emplace(std::move(opened).value());
      }
    }
    std::optional<std::int64_t> newest;
    if (db) {
      auto q = db->QueryInt("SELECT coalesce(max(id), 0) FROM alert_events");
      if (q.ok()) {
        newest = *q;
      } else {
        db.reset();
      }
    }
    if (!newest) {
      // The boards cannot be kept current: say so on every board.
      if (!failing) {
        log->error("console live updates: the alert feed cannot be read");
      }
      failing = true;
      readable_.store(false);
      Broadcast("event: trouble\ndata: {}\n\n", false);
    } else {
      if (failing) {
        log->info("console live updates: the alert feed reads again");
        Broadcast("event: recovered\ndata: {}\n\n", false);
      }
      failing = false;
      readable_.store(true);
      if (seen >= 0 && *newest != seen) {
        Broadcast("event: alert\ndata: {\"through\":" +
                      std::to_string(*newest) + "}\n\n",
                  false);
      }
      seen = *newest;
    }
    if (std::chrono::steady_clock::now() >= next_ping) {
      Broadcast(": ping\n\n", true);
      next_ping = std::chrono::steady_clock::now() + options_.ping;
    }
  }
}

}  // namespace iraed::console
