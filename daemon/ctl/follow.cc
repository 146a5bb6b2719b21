#include "ctl/follow.h"

#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

#include "ctl/daemon_client.h"
#include "ctl/feed.h"

namespace iraed::ctl {

namespace {

std::atomic<bool> g_stop{false};

void OnSignal(int) { g_stop = true; }

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
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  auto position = ConsumerPosition(db, o.consumer);
  if (!position.ok()) {
    std::cerr << "iraectl: " << position.status().message() << "\n";
    return 1;
  }
  std::int64_t sent = *position;  // the last event written to stdout
  bool stdin_open = !o.once;
  std::string pending;  // a partial stdin line
  int status = 0;
  while (!g_stop) {
    auto events = ReadFeed(db, sent, 256);
    if (!events.ok()) {
      std::cerr << "iraectl: " << events.status().message() << "\n";
      return 1;
    }
    for (const FeedEvent& e : *events) {
      const std::string line =
          (o.json ? FeedEventJson(e) : FeedEventText(e)) + "\n";
      if (std::fwrite(line.data(), 1, line.size(), stdout) != line.size() ||
          std::fflush(stdout) != 0) {
        return 1;  // the notifier went away
      }
      sent = e.id;
    }
    if (o.once && events->empty()) break;
    if (!events->empty() && events->size() == 256) continue;
    if (!stdin_open) {
      ::usleep(static_cast<useconds_t>(o.poll_ms) * 1000);
      continue;
    }
    pollfd p{STDIN_FILENO, POLLIN, 0};
    const int r = ::poll(&p, 1, o.poll_ms);
    if (r <= 0) continue;
    char buf[4096];
    const ssize_t got = ::read(STDIN_FILENO, buf, sizeof buf);
    if (got <= 0) {
      stdin_open = false;  // EOF: keep following, no more confirmations
      continue;
    }
    pending.append(buf, static_cast<std::size_t>(got));
    for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
      const std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      auto n = ParseConfirmation(line);
      if (!n) {
        std::cerr << "iraectl: ignored input line (expected 'confirm N')\n";
        continue;
      }
      if (*n > sent) {
        std::cerr << "iraectl: cannot confirm event " << *n
                  << ": not delivered yet (last written " << sent << ")\n";
        continue;
      }
      status = ConfirmDelivery(o.connect, o.consumer, *n);
      if (status == 1) {
        // The daemon is unreachable: stop, so the notifier restarts from
        // the last stored position instead of believing it confirmed.
        return 1;
      }
    }
  }
  return 0;
}

}  // namespace iraed::ctl
