// File: console/alert_detail.h
//
// One alert explained for a person (what `iraectl audit explain` gives, as
// a page): the alert and its patient, what it asks of staff, its history
// (raised, escalated, acknowledged, resolved: when, by whom, the note),
// each finding behind it with the observation it came from and the
// evidence the rule used (values, thresholds, baseline, therapy and day,
// supportive care), and the raw messages, shown on demand.
#ifndef IRAED_CONSOLE_ALERT_DETAIL_H_
#define IRAED_CONSOLE_ALERT_DETAIL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "common/time_zone.h"
#include "store/sqlite_db.h"

namespace iraed::console {

struct AlertEventRow {
  std::string kind;
  UnixMillis at = 0;
  std::string actor;
  std::string note;
  std::optional<std::int64_t> escalation;
};

struct FindingRow {
  std::int64_t id = 0;
  std::string term;
  std::string grading_system;
  int grade = 0;
  int previous_grade = 0;
  std::string observed_at;  // ISO 8601 UTC as stored
  std::string rule_version;
  bool provisional = false;
  std::string evidence;     // JSON
  std::string observation;  // "LN|1742-6 ALT = 250 U/L (final)", or ""
  std::int64_t message = 0;
};

struct RawMessage {
  std::int64_t id = 0;
  std::string protocol;
  std::string source;
  std::string message_id;
  UnixMillis received_at = 0;
  std::string raw;
};

struct AlertDetail {
  std::int64_t id = 0;
  std::string patient_authority;
  std::string patient_identifier;
  std::string patient_name;  // "" when no feed gave one
  std::string ward;          // likewise
  std::string bed;
  std::string syndrome;
  int grade = 0;
  int previous_grade = 0;
  UnixMillis raised_ms = 0;
  std::string observed_at;
  std::string summary;
  std::string action;
  bool provisional = false;
  std::string rule_version;
  std::string state;  // open | acknowledged | resolved | superseded
  int escalations = 0;
  std::vector<AlertEventRow> events;
  std::vector<FindingRow> findings;
  std::vector<RawMessage> messages;
};

// NotFound when there is no such alert.
Result<AlertDetail> ReadAlertDetail(store::Database& db, std::int64_t id);

// What the viewer may do on the page.
struct DetailActions {
  bool may_act = false;   // nurse or physician
  std::string csrf;       // the session's token
  std::string nonce_ack;  // one per form: a double click is one action
  std::string nonce_resolve;
  std::string notice;  // the outcome of the last action, "" for none
  bool notice_is_error = false;
};

// The page's <main> content. Pure.
std::string RenderAlertDetail(const AlertDetail& a, const DetailActions& act,
                              UnixMillis now, const TimeZone& zone);

// Evidence JSON as nested description lists (keys in words); text that is
// not JSON is shown as it is.
std::string RenderEvidence(const std::string& json_text);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_ALERT_DETAIL_H_
