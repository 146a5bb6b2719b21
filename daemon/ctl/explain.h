// File: ctl/explain.h
//
// `iraectl audit explain ALERT_ID`: the provenance of one alert, for a
// person: the alert; each finding behind it with its grading system, rule
// version and evidence (the values, thresholds, baseline, therapy and day,
// supportive-care inputs the rule used); the observation each finding came
// from and the raw message that carried it (the HL7 text as received, or a
// hex dump of a protobuf frame); and the audit-trail entries of all of them
// with their hashes. Read-only.
#ifndef IRAED_CTL_EXPLAIN_H_
#define IRAED_CTL_EXPLAIN_H_

#include <cstdint>
#include <string>

#include "common/status.h"
#include "store/sqlite_db.h"

namespace iraed::ctl {

Result<std::string> ExplainAlert(store::Database& db, std::int64_t alert_id);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_EXPLAIN_H_
