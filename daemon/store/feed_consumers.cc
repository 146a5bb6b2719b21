#include "store/feed_consumers.h"

namespace iraed::store {

Result<std::vector<ConsumerRow>> ReadConsumerProgress(Database& db) {
  // The stall state is the kind of the consumer's latest system event
  // (index alert_events_system).
  ASSIGN_OR_RETURN(Statement q, db.Prepare(R"sql(
      SELECT c.name, c.position,
             (SELECT coalesce(max(id), 0) FROM alert_events),
             (SELECT e.at_ms FROM alert_events e WHERE e.id > c.position
              ORDER BY e.id LIMIT 1),
             (SELECT s.kind FROM alert_events s
              WHERE s.alert IS NULL AND s.actor = c.name
              ORDER BY s.id DESC LIMIT 1) = 'consumer_stalled',
             c.updated_at_ms
      FROM feed_consumers c ORDER BY c.name)sql"));
  std::vector<ConsumerRow> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ConsumerRow c;
    c.name = q.ColumnText(0);
    c.progress.position = q.ColumnInt(1);
    c.progress.newest_event = q.ColumnInt(2);
    if (!q.ColumnIsNull(3)) c.progress.oldest_unconfirmed_at = q.ColumnInt(3);
    c.progress.stalled = !q.ColumnIsNull(4) && q.ColumnInt(4) != 0;
    c.progress.last_progress_at = q.ColumnInt(5);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace iraed::store
