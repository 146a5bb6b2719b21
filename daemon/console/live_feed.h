// File: console/live_feed.h
//
// Live updates for the console's open boards: one thread watches the
// alert feed (the newest alert_events id, on its own read-only database
// connection, every `poll`) and, when it moves, sends every open event
// stream an "alert" event (data: {"through": ID}); the page then fetches
// its rows again. Every `ping` each stream gets a comment line, which
// keeps proxies from closing it and finds clients that went away, and a
// stream whose session has ended is closed (the page then finds itself
// signed out). After "trouble" (the feed cannot be read) comes
// "recovered" once it reads again. A session holds at most
// kMaxStreamsPerSession streams (a new one closes its oldest): a browser
// left with many tabs open cannot take every connection of the listener.
//
// Thread-safety: Add, streams and Stop may be called from any thread.
#ifndef IRAED_CONSOLE_LIVE_FEED_H_
#define IRAED_CONSOLE_LIVE_FEED_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/http_server.h"

namespace iraed::console {

inline constexpr std::size_t kMaxStreamsPerSession = 4;

struct LiveFeedOptions {
  std::string db_path;
  std::chrono::milliseconds poll{250};
  std::chrono::milliseconds ping{15000};
  // Whether the session of a stream is still signed in (not touching it).
  std::function<bool(const std::string& session_token)> signed_in;
};

class LiveFeed {
 public:
  explicit LiveFeed(LiveFeedOptions options);
  ~LiveFeed();  // Stop()
  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;

  void Add(std::shared_ptr<http::EventStream> stream,
           std::string session_token);
  std::size_t streams() const;
  // False while the alert feed cannot be read (after "trouble", until
  // "recovered").
  bool feed_readable() const { return readable_.load(); }
  // Closes every stream and joins the thread. Idempotent.
  void Stop();

 private:
  struct Watcher {
    std::shared_ptr<http::EventStream> stream;
    std::string session_token;
  };
  void Run();
  // Sends `text` to every open stream; drops closed ones.
  void Broadcast(const std::string& text, bool check_sessions);

  const LiveFeedOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Watcher> watchers_;
  bool stopping_ = false;
  std::atomic<bool> readable_{true};
  std::thread thread_;
};

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_LIVE_FEED_H_
