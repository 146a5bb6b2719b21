// File: reports/reports.h
//
// The read-only reports of iraectl and of the console's role pages. Each opens
// nothing and writes nothing: it runs prepared SELECTs on a database opened
// read-only, so it is safe while the daemon runs (WAL lets readers and the
// writer proceed together).
#ifndef IRAED_REPORTS_REPORTS_H_
#define IRAED_REPORTS_REPORTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "reports/table.h"
#include "store/sqlite_db.h"

namespace iraed::reports {

struct MessageFilter {
  std::string outcome;     // "accepted", "duplicate", "rejected"; "" = all
  bool differing = false;  // only duplicates whose bytes differ from the
                           // accepted message with the same id
  // > 0: only among the newest this many messages (a bounded read on any
  // database: outcome has no index).
  std::int64_t newest_window = 0;
};

// The newest `limit` messages matching `filter`, newest first: id,
// received_at, protocol, peer, source, message_id, body_kind, outcome,
// reason, raw_size, duplicate_of.
Result<Table> MessagesReport(store::Database& db, std::int64_t limit,
                             const MessageFilter& filter = {});

// Drug and observation codes received but not mapped (schema 0008), most
// frequent first: kind, code_system, code, example_text, example_unit,
// count, first_seen, last_seen, first_message, last_message, mapped_at.
// Codes the configuration has mapped since are left out unless `all`.
Result<Table> UnmappedReport(store::Database& db, bool all);

// Patients by first appearance, newest first, with their observation count.
Result<Table> PatientsReport(store::Database& db, std::int64_t limit);

// The newest `limit` alerts, newest first, with the patient identifier.
Result<Table> AlertsReport(store::Database& db, std::int64_t limit);

// The newest `limit` findings, newest first (evidence as JSON text).
Result<Table> FindingsReport(store::Database& db, std::int64_t limit);

// One row per figure: schema version, row counts per table, messages per
// outcome (and duplicates whose content differs), data-quality records per
// issue, unmapped drug and observation codes (still unmapped), the newest
// feed event, and per feed consumer its position, lag (events and seconds,
// now) and whether it is marked stalled; first and last receive time.
Result<Table> StatsReport(store::Database& db);

// Per source and protocol, over the newest `window` messages (the newest
// first, by row id, so the read stays bounded on any database): how many
// were accepted, duplicates and rejected, and when the last one came
// (operations_reports.cc). Columns source, protocol, accepted, duplicate,
// rejected, last_received (UTC), last_received_ms.
Result<Table> FeedsReport(store::Database& db, std::int64_t window);

// Each notifier reading the alert feed (schema consumers), by name, at
// `now`: consumer, position, newest_event, lag_events, lag_seconds,
// last_progress (UTC), stalled (0/1: its latest consumer_stalled or
// consumer_recovered event).
Result<Table> ConsumersReport(store::Database& db, UnixMillis now);

// The newest `limit` data-quality records, newest first: id, recorded_at,
// issue, detail, message (row), source, message_id. Details never carry
// patient data (model::QualityNote), so operations may read them.
Result<Table> DataQualityReport(store::Database& db, std::int64_t limit);

// The pharmacovigilance export: reports/pv_export.h.

}  // namespace iraed::reports

#endif  // IRAED_REPORTS_REPORTS_H_
