// The reports of the console's operations page (reports/reports.h):
// feeds by source and the newest data-quality records.
#include <string>

#include "alerts/alert_policy.h"
#include "common/time_format.h"
#include "reports/reports.h"
#include "store/feed_consumers.h"

namespace iraed::reports {

Result<Table> FeedsReport(store::Database& db, std::int64_t window) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT coalesce(source, ''), protocol,
             sum(outcome = 'accepted'), sum(outcome = 'duplicate'),
             sum(outcome = 'rejected'), max(received_at_ms)
      FROM messages
      WHERE id > (SELECT coalesce(max(id), 0) FROM messages) - ?1
      GROUP BY 1, 2 ORDER BY max(received_at_ms) DESC)sql"));
  q.Bind(1, window);
  Table t;
  t.columns = {"source",   "protocol",      "accepted",        "duplicate",
               "rejected", "last_received", "last_received_ms"};
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    t.rows.push_back({Cell::Text(q.ColumnText(0)), Cell::Text(q.ColumnText(1)),
                      Cell::Number(q.ColumnInt(2)),
                      Cell::Number(q.ColumnInt(3)),
                      Cell::Number(q.ColumnInt(4)),
                      Cell::Text(FormatUtcMillis(q.ColumnInt(5))),
                      Cell::Number(q.ColumnInt(5))});
  }
  return t;
}

Result<Table> ConsumersReport(store::Database& db, UnixMillis now) {
  ASSIGN_OR_RETURN(std::vector<store::ConsumerRow> consumers,
                   store::ReadConsumerProgress(db));
  Table t;
  t.columns = {"consumer",    "position",      "newest_event", "lag_events",
               "lag_seconds", "last_progress", "stalled"};
  for (const store::ConsumerRow& c : consumers) {
    const alerts::ConsumerLag lag = alerts::LagOf(c.progress, now);
    t.rows.push_back(
        {Cell::Text(c.name), Cell::Number(c.progress.position),
         Cell::Number(c.progress.newest_event), Cell::Number(lag.events),
         Cell::Number(lag.ms / 1000),
         c.progress.last_progress_at
             ? Cell::Text(FormatUtcMillis(*c.progress.last_progress_at))
             : Cell::Null(),
         Cell::Number(c.progress.stalled ? 1 : 0)});
  }
  return t;
}

Result<Table> DataQualityReport(store::Database& db, std::int64_t limit) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT d.id, d.recorded_at_ms, d.issue, d.detail, d.message,
             m.source, m.message_id
      FROM data_quality d JOIN messages m ON m.id = d.message
      ORDER BY d.id DESC LIMIT ?1)sql"));
  q.Bind(1, limit);
  Table t;
  t.columns = {"id",      "recorded_at", "issue",     "detail",
               "message", "source",      "message_id"};
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    t.rows.push_back({Cell::Number(q.ColumnInt(0)),
                      Cell::Text(FormatUtcMillis(q.ColumnInt(1))),
                      Cell::Text(q.ColumnText(2)), Cell::Text(q.ColumnText(3)),
                      Cell::Number(q.ColumnInt(4)), Cell::Text(q.ColumnText(5)),
                      Cell::Text(q.ColumnText(6))});
  }
  return t;
}

}  // namespace iraed::reports
