// File: ctl/reports.h
//
// The read-only reports of iraectl. Each opens nothing and writes nothing:
// it runs prepared SELECTs on a database opened read-only, so it is safe
// while the daemon runs (WAL lets readers and the writer proceed together).
#ifndef IRAED_CTL_REPORTS_H_
#define IRAED_CTL_REPORTS_H_

#include <cstdint>

#include "common/status.h"
#include "ctl/table.h"
#include "store/sqlite_db.h"

namespace iraed::ctl {

// The newest `limit` messages, newest first: id, received_at, protocol,
// peer, source, message_id, body_kind, outcome, reason, raw_size.
Result<Table> MessagesReport(store::Database& db, std::int64_t limit);

// Patients by first appearance, newest first, with their observation count.
Result<Table> PatientsReport(store::Database& db, std::int64_t limit);

// The newest `limit` alerts, newest first, with the patient identifier.
Result<Table> AlertsReport(store::Database& db, std::int64_t limit);

// The newest `limit` findings, newest first (evidence as JSON text).
Result<Table> FindingsReport(store::Database& db, std::int64_t limit);

// One row per figure: schema version, row counts per table, messages per
// outcome, first and last receive time.
Result<Table> StatsReport(store::Database& db);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_REPORTS_H_
