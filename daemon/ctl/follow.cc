#include "ctl/follow.h"

#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>

#include "ctl/daemon_client.h"
#include "ctl/feed.h"

namespace iraed::ctl {

namespace {

std::atomic<bool> g_stop{false};

void OnSignal(int) { g_stop = true; }

// SIGINT and SIGTERM interrupt blocking reads and writes (no SA_RESTART),
// so that follow stops even when the notifier has stopped reading.
void InstallStopHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// "confirm 17" or "17" -> 17; nullopt otherwise.
std::optional<std::int64_t> ParseConfirmation(std::string line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
    line.pop_back();
  }
  const std::string prefix = "confirm ";
  if (line.rfind(prefix, 0) == 0) line = line.substr(prefix.size());
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), n);
  if (ec != std::errc() || end != line.data() + line.size() || n < 1) {
    return std::nullopt;
  }
  return n;
}

// Writes all of `text` to stdout; false when the reader went away or a
// stop was asked for.
bool WriteAll(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR && !g_stop) continue;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// True when whoever reads stdout has gone (a pipe's reader closed it), so
// that a follow whose notifier died does not linger.
bool ReaderGone() {
  pollfd p{STDOUT_FILENO, 0, 0};
  return ::poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)) != 0;
}

// The notifier's side: confirmation lines on stdin.
class Confirmations {
 public:
  Confirmations(const FollowOptions& o) : o_(o), open_(!o.once) {}

  // Reads what stdin holds, waiting up to `wait_ms` for it, and sends the
  // highest confirmation read (they are cumulative). Returns false when the
  // daemon cannot be reached: the caller stops, so the notifier starts again
  // from the last stored position.
  bool Poll(int wait_ms, std::int64_t sent) {
    if (!open_) {
      if (wait_ms > 0) ::usleep(static_cast<useconds_t>(wait_ms) * 1000);
      return true;
    }
    pollfd p{STDIN_FILENO, POLLIN, 0};
    const int r = ::poll(&p, 1, wait_ms);
    if (r <= 0) return true;
    char buf[4096];
    const ssize_t got = ::read(STDIN_FILENO, buf, sizeof buf);
    if (got < 0 && errno == EINTR) return true;
    if (got <= 0) {
      open_ = false;  // EOF: keep following, no more confirmations
      return true;
    }
    pending_.append(buf, static_cast<std::size_t>(got));
    std::int64_t highest = 0;
    for (std::size_t nl; (nl = pending_.find('\n')) != std::string::npos;) {
      auto n = ParseConfirmation(pending_.substr(0, nl));
      pending_.erase(0, nl + 1);
      if (!n) {
        std::cerr << "iraectl: ignored input line (expected 'confirm N')\n";
      } else if (*n > sent) {
        std::cerr << "iraectl: cannot confirm event " << *n
                  << ": not delivered yet (last written " << sent << ")\n";
      } else {
        highest = std::max(highest, *n);
      }
    }
    if (highest > confirmed_) {
      if (ConfirmDelivery(o_.connect, o_.consumer, highest) == 1) return false;
      confirmed_ = highest;
    }
    return true;
  }

 private:
  const FollowOptions& o_;
  bool open_;
  std::string pending_;  // a partial line
  std::int64_t confirmed_ = 0;
};

}  // namespace

int ConfirmDelivery(const std::string& connect, const std::string& consumer,
                    std::int64_t through_event) {
  iraed::v1::Envelope env;
  env.set_message_id(NewMessageId());
  env.set_source(CommandSource());
  auto* c = env.mutable_feed_confirmation();
  c->set_consumer(consumer);
  c->set_through_event(static_cast<std::uint64_t>(through_event));
  auto ack = SendToDaemon(connect, env);
  if (!ack.ok()) {
    std::cerr << "iraectl: confirmation of event " << through_event
              << " not stored: " << ack.status().message() << "\n";
    return 1;
  }
  if (!AckStored(*ack)) {
    std::cerr << "iraectl: confirmation of event " << through_event << " "
              << DescribeAck(*ack) << "\n";
    return ack->status() == iraed::v1::ACK_STATUS_REJECTED ? 3 : 1;
  }
  return 0;
}

int RunFollow(store::Database& db, const FollowOptions& o) {
  InstallStopHandlers();
  std::signal(SIGPIPE, SIG_IGN);  // a gone reader is a failed write
  auto stored = ConsumerPosition(db, o.consumer);
  if (!stored.ok()) {
    std::cerr << "iraectl: " << stored.status().message() << "\n";
    return 1;
  }
  std::int64_t sent = stored->value_or(0);  // the last event written
  if (!*stored) {
    // A new consumer gets the whole feed unless it asks for only what comes
    // next: nothing is skipped by default (a mistyped name repeats a feed,
    // it never loses one), and the choice is said.
    if (o.start == FollowOptions::Start::kNewest) {
      auto newest = NewestFeedEvent(db);
      if (!newest.ok()) {
        std::cerr << "iraectl: " << newest.status().message() << "\n";
        return 1;
      }
      if (*newest > 0) {
        const int s = ConfirmDelivery(o.connect, o.consumer, *newest);
        if (s != 0) return s;
        sent = *newest;
      }
    } else if (o.start == FollowOptions::Start::kUnset) {
      std::cerr << "iraectl: consumer '" << o.consumer
                << "' is new: starting at the oldest event (--start newest "
                   "skips what is already on the feed)\n";
    }
  }
  Confirmations confirmations(o);
  while (!g_stop) {
    auto events = ReadFeed(db, sent, 256);
    if (!events.ok()) {
      std::cerr << "iraectl: " << events.status().message() << "\n";
      return 1;
    }
    for (const FeedEvent& e : *events) {
      // Confirmations are read between events, so that neither side ever
      // waits on a full pipe while the other waits on it.
      if (!confirmations.Poll(0, sent)) return 1;
      if (g_stop ||
          !WriteAll((o.json ? FeedEventJson(e) : FeedEventText(e)) + "\n")) {
        return g_stop ? 0 : 1;
      }
      sent = e.id;
    }
    if (o.once && events->empty()) break;
    if (ReaderGone()) return 1;
    if (!confirmations.Poll(events->empty() ? o.poll_ms : 0, sent)) return 1;
  }
  return 0;
}

}  // namespace iraed::ctl
