// File: ctl/follow.h
//
// `iraectl alerts follow`: streams the alert feed to a notifier, from the
// consumer's confirmed position, in commit order, and forwards the
// notifier's confirmations to the daemon.
//
// PROTOCOL. Each feed event is written to stdout as one line (JSON with
// --json) and flushed. The notifier confirms delivery by writing a line
// "confirm N" (or just "N") to follow's stdin: every event up to and
// including N was delivered. follow sends a FeedConfirmation to the daemon
// and waits for its answer; only then is the position stored. A notifier
// that stops (or is killed) and starts again gets every event after the
// last position it confirmed: nothing skipped, nothing it confirmed
// repeated. Events it received but did not confirm come again.
//
// A consumer without a stored position starts at the oldest event, or at
// the newest with --start newest: by default nothing is skipped (a mistyped
// name repeats a feed, never loses one), and stderr says so.
// An explicit --start is stored (register_start) the moment it is chosen,
// also on an empty feed. follow waits on stdin and stdout together, so
// confirmations are stored as soon as they are written however much output
// is pending (neither side can block the other); SIGINT and SIGTERM stop it
// even while its output is full, after the confirmations already written
// to its stdin are stored.
#ifndef IRAED_CTL_FOLLOW_H_
#define IRAED_CTL_FOLLOW_H_

#include <string>

#include "store/sqlite_db.h"

namespace iraed::ctl {

struct FollowOptions {
  std::string consumer;
  std::string connect;  // the daemon, HOST:PORT
  bool json = false;
  // Print the events after the confirmed position and exit (no stdin).
  bool once = false;
  int poll_ms = 250;
  // Where a consumer without a stored position starts. kNewest stores the
  // newest event (0 on an empty feed) as its position at once (nothing
  // before now is sent); kOldest stores 0 at once and sends the whole feed;
  // kUnset sends the whole feed, with a notice on stderr, and stores
  // nothing until the first confirmation (reading a feed by hand does not
  // make a consumer whose silence would later count as a stall). Ignored
  // once a position is stored.
  enum class Start { kUnset, kNewest, kOldest };
  Start start = Start::kUnset;
};

// Runs until SIGINT/SIGTERM (or, with `once`, until the feed is drained).
// Returns the process exit status (ctl/exit_status.h): 0; 1 when the
// daemon cannot store a confirmation; 5 when it or the database cannot be
// reached.
int RunFollow(store::Database& db, const FollowOptions& options);

// Sends one FeedConfirmation; prints the outcome to stderr on failure.
// Returns the process exit status (ctl/exit_status.h: 0 stored, 5
// unreachable, 3 refused, 1 not stored).
int ConfirmDelivery(const std::string& connect, const std::string& consumer,
                    std::int64_t through_event);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_FOLLOW_H_
