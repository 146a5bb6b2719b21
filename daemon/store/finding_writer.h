// File: store/finding_writer.h
//
// Writes findings and raises alerts, for every grading step of the store
// thread (CTCAE labs, ASCO syndromes, ASTCT CRS and ICANS), inside the group
// transaction of the message that caused them.
//
// Alerts (schema/README.md): after all steps saw one message, the findings
// it wrote are rolled up into at most one alert per syndrome
// (alerts/syndrome_roll_up.h, pure: this writer only reads each member
// term's grade before the message); AlertLifecycle then raises each or
// records it as suppressed (re-alert rule). What the message wrote and
// muted travels in its surveillance::MessageWork, never in the writer.
#ifndef IRAED_STORE_FINDING_WRITER_H_
#define IRAED_STORE_FINDING_WRITER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alerts/syndrome_roll_up.h"
#include "common/clock.h"
#include "common/status.h"
#include "grading/ctcae6_labs.h"
#include "grading/syndromes.h"
#include "store/alert_lifecycle.h"
#include "store/audit_log.h"
#include "store/sqlite_db.h"
#include "surveillance/message_work.h"

namespace iraed::store {

class FindingWriter {
 public:
  struct Finding {
    std::int64_t patient_row = 0;
    std::int64_t message_row = 0;
    std::optional<std::int64_t> observation_row;  // NULL when none decided
    std::string term;
    std::string meddra;  // empty: NULL
    std::string system;  // "CTCAE 5.0", "ASTCT 2019", "ASCO 2021"
    std::string rule_version;
    int grade = 0;
    int previous_grade = 0;
    bool provisional = false;
    UnixMillis observed_at = 0;
    UnixMillis recorded_at = 0;
    std::string evidence;  // JSON
    // For the alert summary: "ALT 250 U/L (3.0, 5.0] x ULN" and
    // "day 2 after nivolumab".
    std::string what;
    std::string therapy;
    // A checkpoint inhibitor dose is on record at or before the observation:
    // the ASCO irAE actions apply to the alert (grading/syndromes.h).
    bool after_checkpoint_inhibitor = false;
    // The site paging policy that applied (grading/syndromes.h).
    grading::PagingPolicy paging = grading::PagingPolicy::kDefault;
    // False for a finding of the CTCAE version that does not drive alerts
    // at the site (grading::CtcaeFindingPages): written, never rolled up.
    bool drives_alerts = true;
  };

  // Prepares the statements on `db`; `db`, `audit` and `lifecycle` must
  // outlive the writer. Every finding written gets its audit entry; alerts
  // are raised (or suppressed) through `lifecycle`.
  // `alerting`: the CTCAE version whose findings page (the grade of a
  // term before a message is read from its findings only, where both
  // versions share the term's name).
  static Result<std::unique_ptr<FindingWriter>> Prepare(
      Database& db, AuditLog& audit, AlertLifecycle& lifecycle,
      grading::CtcaeVersion alerting = grading::CtcaeVersion::kV5);
  ~FindingWriter();

  // The patient's grade for `term` in force at `at`: the latest finding
  // observed at or before it; 0 when there is none. `system` (a grading
  // system, "CTCAE 6.0") narrows it to that system's findings: CTCAE 5.0
  // and 6.0 share most term names; "" reads any.
  Result<int> GradeAt(std::int64_t patient_row, std::string_view term,
                      UnixMillis at, std::string_view system = {});
  // The finding in force for `term` at `at` (the one GradeAt reads);
  // nullopt when there is none.
  struct InForce {
    std::int64_t id = 0;
    int grade = 0;
    bool provisional = false;
    UnixMillis observed_at = 0;
  };
  Result<std::optional<InForce>> InForceAt(std::int64_t patient_row,
                                           std::string_view term, UnixMillis at,
                                           std::string_view system = {});
  // The id of the finding in force for `term` at `at` (the one GradeAt
  // reads); nullopt when there is none.
  Result<std::optional<std::int64_t>> FindingIdAt(std::int64_t patient_row,
                                                  std::string_view term,
                                                  UnixMillis at,
                                                  std::string_view system = {});

  // The evidence text of finding `id` ("" when there is none).
  Result<std::string> EvidenceOf(std::int64_t id);

  // Appends the audit entry of the data_quality row a step just inserted
  // (the connection's last insert).
  Status AuditDataQuality(UnixMillis at) {
    return audit_.AppendRow("data_quality", "data_quality",
                            db_.LastInsertRowId(), at);
  }

  // Inserts a finding and adds it to work.findings for the message's
  // alerts.
  Result<std::int64_t> Write(surveillance::MessageWork& work, const Finding& f);

  // Raises the alerts of work's message (see above): its findings and
  // muted syndromes are taken out of `work`.
  Status RaiseAlerts(surveillance::MessageWork& work);

 private:
  struct Statements;
  FindingWriter(Database& db, AuditLog& audit, AlertLifecycle& lifecycle,
                grading::CtcaeVersion alerting, std::unique_ptr<Statements> st);

  Database& db_;
  AuditLog& audit_;
  AlertLifecycle& lifecycle_;
  const grading::CtcaeVersion alerting_;
  std::unique_ptr<Statements> st_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_FINDING_WRITER_H_
