#include "ctl/follow.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <deque>
#include <iostream>
#include <string>

#include "ctl/daemon_client.h"
#include "ctl/exit_status.h"
#include "ctl/feed.h"

namespace iraed::ctl {

namespace {

std::atomic<bool> g_stop{false};

void OnSignal(int) { g_stop = true; }

// SIGINT and SIGTERM interrupt poll() (no SA_RESTART), so that follow stops
// even when the notifier has stopped reading.
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

// Sends a FeedConfirmation; returns the exit status (ctl/exit_status.h).
int SendConfirmation(const std::string& connect, const std::string& consumer,
                     std::int64_t through_event, bool register_start) {
  iraed::v1::Envelope env;
  env.set_message_id(NewMessageId());
  env.set_source(CommandSource());
  auto* c = env.mutable_feed_confirmation();
  c->set_consumer(consumer);
  c->set_through_event(static_cast<std::uint64_t>(through_event));
  c->set_register_start(register_start);
  const std::string what =
      register_start ? "start position " + std::to_string(through_event)
                     : "confirmation of event " + std::to_string(through_event);
  auto ack = SendToDaemon(connect, env);
  if (!ack.ok()) {
    std::cerr << "iraectl: " << what
              << " not stored: " << ack.status().message() << "\n";
    return kExitUnreachable;
  }
  if (!AckStored(*ack)) {
    std::cerr << "iraectl: " << what << " " << DescribeAck(*ack) << "\n";
    return ack->status() == iraed::v1::ACK_STATUS_REJECTED
               ? ExitStatusForRefusal(ack->refusal())
               : kExitFailed;
  }
  return kExitOk;
}

// CONCURRENCY. follow talks to two peers that must never wait on each
// other: the notifier (stdout: event lines; stdin: "confirm N") and the
// daemon (confirmations, one blocking round trip each). A notifier that
// writes confirmations while follow is blocked writing a backlog of events
// into a full pipe would see its confirmations sit unread, and a crash
// then repeats what it had confirmed. So one poll() loop waits on both
// pipes at once:
//
//            feed (SQLite, read-only)
//                 |  pages of events, only while little is pending
//                 v
//   +-----------------------------+   event lines   +----------+
//   | pending: bytes not yet      | --------------> | notifier |
//   | written, with the end of    |   (POLLOUT, at  |          |
//   | each event's line           |   most PIPE_BUF | stdin of |
//   +-----------------------------+   per write:    | follow   |
//        ^ written_ = last event    never blocks)   +----------+
//        |   wholly written                              |
//        |                        "confirm N" (POLLIN,   |
//   confirmations <------------------- read at once) ----+
//        | highest N <= written_, coalesced, sent at once
//        v
//      daemon (FeedConfirmation, stored before the next read)
//
// Confirmations are read and sent whenever stdin is readable, however much
// output is pending; output is written whenever stdout is writable. Before
// follow ends (stdin EOF, a signal, the reader gone, --once drained) it
// reads what stdin still holds and sends the highest confirmation.
class Follower {
 public:
  Follower(store::Database& db, const FollowOptions& o, std::int64_t from)
      : db_(db), o_(o), queued_(from), written_(from), stdin_open_(!o.once) {}

  // Returns the exit status.
  int Run() {
    for (;;) {
      if (g_stop) return Finish(0);
      // The feed is read while little is pending: more pages of a backlog,
      // or (once written out) whatever is new.
      if (pending_.size() < kRefillBelow &&
          (!feed_drained_ || pending_.empty())) {
        if (Status s = Fetch(); !s.ok()) {
          std::cerr << "iraectl: " << s.message() << "\n";
          return Finish(kExitUnreachable);
        }
      }
      if (o_.once && pending_.empty() && feed_drained_) return Finish(0);
      // A closed stdin is left out (fd -1): poll would report its hang-up
      // at once on every pass and the loop would spin.
      pollfd fds[2] = {{stdin_open_ ? STDIN_FILENO : -1, POLLIN, 0},
                       {STDOUT_FILENO, 0, 0}};
      if (!pending_.empty()) fds[1].events = POLLOUT;
      // Without pending output the feed is read again after poll_ms; with
      // it, wait until the notifier reads or confirms (or a signal).
      const int r = ::poll(fds, 2, pending_.empty() ? o_.poll_ms : -1);
      if (r < 0) {
        if (errno == EINTR) continue;  // a signal: g_stop says what to do
        return Finish(1);
      }
      if (fds[0].revents != 0 && !ReadConfirmations()) {
        return Finish(send_failure_);
      }
      if ((fds[1].revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) {
        return Finish(1);  // the reader went away
      }
      if ((fds[1].revents & POLLOUT) != 0 && !WriteSome()) return Finish(1);
      if (pending_.empty() && ReaderGone()) return Finish(1);
    }
  }

 private:
  static constexpr std::size_t kRefillBelow = std::size_t{64} * 1024;
  static constexpr int kPage = 256;

  // Appends the next page of events after the last one queued.
  Status Fetch() {
    auto events = ReadFeed(db_, queued_, kPage);
    if (!events.ok()) return events.status();
    for (const FeedEvent& e : *events) {
      pending_ += (o_.json ? FeedEventJson(e) : FeedEventText(e)) + "\n";
      ends_.push_back({e.id, offset_ + pending_.size()});
      queued_ = e.id;
    }
    feed_drained_ = events->size() < static_cast<std::size_t>(kPage);
    return Status::Ok();
  }

  // Writes at most PIPE_BUF bytes: a writable pipe takes them without
  // blocking. False when the reader went away.
  bool WriteSome() {
    const std::size_t n = std::min<std::size_t>(pending_.size(), PIPE_BUF);
    const ssize_t done = ::write(STDOUT_FILENO, pending_.data(), n);
    if (done < 0) return errno == EINTR || errno == EAGAIN;
    pending_.erase(0, static_cast<std::size_t>(done));
    offset_ += static_cast<std::size_t>(done);
    while (!ends_.empty() && ends_.front().second <= offset_) {
      written_ = ends_.front().first;
      ends_.pop_front();
    }
    return true;
  }

  // Reads what stdin holds and sends the highest confirmation at once.
  // False when the daemon could not store it.
  bool ReadConfirmations() {
    char buf[4096];
    const ssize_t got = ::read(STDIN_FILENO, buf, sizeof buf);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) return true;
    if (got <= 0) {         // EOF, or no stdin at all (closed): as before
      stdin_open_ = false;  // EOF: keep following, no more confirmations
      if (!partial_.empty()) {
        partial_ += '\n';  // a last line without its newline still counts
        Take();
      }
      return Send();
    }
    partial_.append(buf, static_cast<std::size_t>(got));
    Take();
    return Send();
  }

  // The complete lines of partial_ into highest_.
  void Take() {
    for (std::size_t nl; (nl = partial_.find('\n')) != std::string::npos;) {
      auto n = ParseConfirmation(partial_.substr(0, nl));
      partial_.erase(0, nl + 1);
      if (!n) {
        std::cerr << "iraectl: ignored input line (expected 'confirm N')\n";
      } else if (*n > written_) {
        std::cerr << "iraectl: cannot confirm event " << *n
                  << ": not delivered yet (last written " << written_ << ")\n";
      } else {
        highest_ = std::max(highest_, *n);
      }
    }
  }

  bool Send() {
    if (highest_ <= confirmed_) return true;
    send_failure_ = SendConfirmation(o_.connect, o_.consumer, highest_, false);
    if (send_failure_ != kExitOk) return false;
    confirmed_ = highest_;
    return true;
  }

  // Before ending: confirmations already written to stdin are not lost.
  int Finish(int status) {
    if (stdin_open_) {
      for (;;) {
        pollfd p{STDIN_FILENO, POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0 || (p.revents & POLLIN) == 0) break;
        char buf[4096];
        const ssize_t got = ::read(STDIN_FILENO, buf, sizeof buf);
        if (got <= 0) {
          if (!partial_.empty()) partial_ += '\n';
          break;
        }
        partial_.append(buf, static_cast<std::size_t>(got));
      }
      Take();
    }
    if (!Send()) return send_failure_;
    return status;
  }

  // True when whoever reads stdout has gone (a pipe's reader closed it),
  // so that a follow whose notifier died does not linger.
  static bool ReaderGone() {
    pollfd p{STDOUT_FILENO, 0, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP)) != 0;
  }

  store::Database& db_;
  const FollowOptions& o_;
  std::string pending_;     // event lines not yet written
  std::size_t offset_ = 0;  // bytes written so far
  // (event id, offset just past its line) for the lines in pending_.
  std::deque<std::pair<std::int64_t, std::size_t>> ends_;
  std::int64_t queued_;   // the last event read from the feed
  std::int64_t written_;  // the last event wholly written to stdout
  bool feed_drained_ = false;
  bool stdin_open_;
  std::string partial_;         // an incomplete confirmation line
  std::int64_t highest_ = 0;    // the highest valid confirmation read
  std::int64_t confirmed_ = 0;  // the highest the daemon stored
  int send_failure_ = kExitOk;  // the exit status of the last failed send
};

}  // namespace

int ConfirmDelivery(const std::string& connect, const std::string& consumer,
                    std::int64_t through_event) {
  return SendConfirmation(connect, consumer, through_event, false);
}

int RunFollow(store::Database& db, const FollowOptions& o) {
  InstallStopHandlers();
  std::signal(SIGPIPE, SIG_IGN);  // a gone reader is a failed write
  auto stored = ConsumerPosition(db, o.consumer);
  if (!stored.ok()) {
    std::cerr << "iraectl: " << stored.status().message() << "\n";
    return kExitUnreachable;
  }
  std::int64_t from = stored->value_or(0);
  if (!*stored) {
    // A new consumer gets the whole feed unless it asks for only what comes
    // next: nothing is skipped by default (a mistyped name repeats a feed,
    // it never loses one), and the choice is said. An explicit --start is
    // stored at once, also on an empty feed, so that a restart after alerts
    // were raised skips none of them.
    if (o.start == FollowOptions::Start::kNewest) {
      auto newest = NewestFeedEvent(db);
      if (!newest.ok()) {
        std::cerr << "iraectl: " << newest.status().message() << "\n";
        return kExitUnreachable;
      }
      from = *newest;
    } else if (o.start == FollowOptions::Start::kUnset) {
      std::cerr << "iraectl: consumer '" << o.consumer
                << "' is new: starting at the oldest event (--start newest "
                   "skips what is already on the feed)\n";
    }
    if (o.start != FollowOptions::Start::kUnset) {
      const int s = SendConfirmation(o.connect, o.consumer, from, true);
      if (s != 0) return s;
      // Another follow of the same consumer may have registered first:
      // start from what is stored.
      auto now_stored = ConsumerPosition(db, o.consumer);
      if (now_stored.ok() && *now_stored) from = **now_stored;
    }
  }
  Follower follower(db, o, from);
  return follower.Run();
}

}  // namespace iraed::ctl
