// File: ctl/reports.h
//
// The read-only reports of iraectl. Each opens nothing and writes nothing:
// it runs prepared SELECTs on a database opened read-only, so it is safe
// while the daemon runs (WAL lets readers and the writer proceed together).
#ifndef IRAED_CTL_REPORTS_H_
#define IRAED_CTL_REPORTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "common/status.h"
#include "ctl/table.h"
#include "grading/ctcae6_labs.h"
#include "store/sqlite_db.h"

namespace iraed::ctl {

struct MessageFilter {
  std::string outcome;     // "accepted", "duplicate", "rejected"; "" = all
  bool differing = false;  // only duplicates whose bytes differ from the
                           // accepted message with the same id
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

// Findings observed in [from_ms, to_ms) for pharmacovigilance: CTCAE term,
// MedDRA code, grade and previous grade, grading system and rule version,
// onset, therapy kind and product, day since infusion or last dose, serious
// (grade >= 3), provisional. With a non-empty `pseudonym_key` the patient
// is replaced by a keyed pseudonym, HMAC-SHA256(key, "authority|id")
// truncated to 128 bits ("PSN-" + 32 hex digits): stable across exports
// with the same key, not reversible without it; the assigning authority is
// then left out too.
//
// CAR-HEMATOTOX rows are a risk score, not an adverse event: not exported.
// `ctcae`: the CTCAE version whose rows are exported (CTCAE 5.0 and 6.0
// findings of the same result would count one adverse event twice);
// findings of other grading systems are always exported, and so are the
// v5 terms iraed grades only by v5 (grading::Ctcae5TermWithoutV6Successor)
// in a 6.0 export, and the CTCAE 5.0 CRS scale in every export. nullopt:
// every row.
Result<Table> FindingsExport(
    store::Database& db, std::int64_t from_ms, std::int64_t to_ms,
    const std::string& pseudonym_key,
    std::optional<grading::CtcaeVersion> ctcae = grading::CtcaeVersion::kV5);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_REPORTS_H_
