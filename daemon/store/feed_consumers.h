// File: store/feed_consumers.h
//
// How far each notifier (feed consumer) is behind in the alert feed, read
// from feed_consumers and alert_events. Used by the daemon's stall check
// (AlertLifecycle::CheckFeedHealth) and by iraectl stats, so both measure
// lag the same way.
#ifndef IRAED_STORE_FEED_CONSUMERS_H_
#define IRAED_STORE_FEED_CONSUMERS_H_

#include <string>
#include <vector>

#include "alerts/alert_policy.h"
#include "common/status.h"
#include "store/sqlite_db.h"

namespace iraed::store {

struct ConsumerRow {
  std::string name;
  alerts::ConsumerProgress progress;
};

// Every consumer with a stored position, by name. Read-only.
Result<std::vector<ConsumerRow>> ReadConsumerProgress(Database& db);

}  // namespace iraed::store

#endif  // IRAED_STORE_FEED_CONSUMERS_H_
