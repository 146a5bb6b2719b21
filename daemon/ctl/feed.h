// File: ctl/feed.h
//
// Reading the alert feed (alert_events, in commit order) for notifiers:
// each event with the alert it concerns and the patient, as a JSON line or
// a line of text. Read-only.
#ifndef IRAED_CTL_FEED_H_
#define IRAED_CTL_FEED_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/sqlite_db.h"

namespace iraed::ctl {

struct FeedEvent {
  std::int64_t id = 0;     // the feed position
  std::string kind;        // raised | escalated | acknowledged | resolved |
                           // superseded | suppressed; consumer_stalled |
                           // consumer_recovered (system events)
  std::string at;          // ISO 8601 UTC
  std::int64_t alert = 0;  // 0 for a system event (actor: the consumer)
  std::string patient;     // "AUTHORITY^ID"
  std::string syndrome;
  int grade = 0;  // the alert's grade
  std::string summary;
  std::string action;
  bool provisional = false;
  std::string state;  // the alert's state now
  std::string actor;  // who acted, or the role paged
  std::string note;
  std::optional<std::int64_t> escalation;
  std::optional<std::int64_t> related_alert;
  std::string detail;  // JSON
};

// The events after position `after`, oldest first, at most `limit`.
Result<std::vector<FeedEvent>> ReadFeed(store::Database& db, std::int64_t after,
                                        int limit);

// The consumer's confirmed position; nullopt when it has none yet.
Result<std::optional<std::int64_t>> ConsumerPosition(
    store::Database& db, const std::string& consumer);

// The id of the newest feed event (0 when the feed is empty).
Result<std::int64_t> NewestFeedEvent(store::Database& db);

// One line, without the newline. A system event (alert 0) is written as
// {"event", "kind", "at", "consumer", "lag_events", "lag_seconds",
//  "max_lag_seconds", "detail"}: no alert, patient or grade.
std::string FeedEventJson(const FeedEvent& e);
std::string FeedEventText(const FeedEvent& e);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_FEED_H_
