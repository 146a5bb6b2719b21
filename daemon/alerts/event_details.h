// File: alerts/event_details.h
//
// The `detail` of each alert_events kind and of the feed's audit entries,
// as types defined once. Key names are frozen like proto field numbers:
// stored details are read back by `iraectl audit verify`, `alerts follow`
// and `audit explain` and are covered by the audit chain, so a key is
// added, never renamed or retyped. Times are UTC text (common/time_format.h);
// absent optionals are absent keys. The schema refuses a detail that is not
// JSON (schema/0010_json_checks.sql).
#ifndef IRAED_ALERTS_EVENT_DETAILS_H_
#define IRAED_ALERTS_EVENT_DETAILS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "alerts/alert_policy.h"
#include "common/clock.h"

namespace iraed::alerts {

// "raised": the escalation policy in force when the alert was raised, or,
// for an alert raised before escalation existed (filled in by the schema
// upgrade), `backfilled` with the time it was raised.
struct RaisedDetail {
  std::optional<Escalation> escalation_policy;
  bool backfilled = false;
  std::optional<UnixMillis> raised_at;  // backfilled only
};

// "suppressed": the grade of the re-alert kept off the pager, and why.
struct SuppressedDetail {
  int grade = 0;
  std::string reason;
};

// "superseded": the alert of a higher grade that replaced this one.
struct SupersededDetail {
  std::int64_t by_alert = 0;
  int grade = 0;
};

// "acknowledged", "resolved": the state the action left, and the name the
// sender stated when it differs from the authenticated actor.
struct ActionDetail {
  std::string previous_state;
  std::optional<std::string> stated_by;
};

// "escalated": when the page fell due, why, and how many steps a daemon
// that was down skipped (absent when none).
struct EscalatedDetail {
  UnixMillis due_at = 0;
  std::string reason;  // "not acknowledged"
  int missed = 0;
};

// "consumer_stalled", "consumer_recovered": the notifier and its lag.
struct ConsumerLagDetail {
  std::string consumer;
  std::int64_t position = 0;
  std::int64_t newest_event = 0;
  std::int64_t lag_events = 0;
  std::int64_t lag_seconds = 0;
  std::int64_t max_lag_seconds = 0;
  std::optional<UnixMillis> oldest_unconfirmed_at;
};

// Audit entries "consumer_registered" and "delivery_confirmed": a
// notifier's position, the message that moved it, who sent it.
struct DeliveryDetail {
  std::string consumer;
  std::int64_t through_event = 0;
  std::int64_t message = 0;
  std::optional<std::string> actor;
};

// The stored text of each: compact JSON, keys in the order of the fields
// above (the order earlier releases wrote them; common/json.h keeps
// insertion order).
std::string DetailText(const RaisedDetail& d);
std::string DetailText(const SuppressedDetail& d);
std::string DetailText(const SupersededDetail& d);
std::string DetailText(const ActionDetail& d);
std::string DetailText(const EscalatedDetail& d);
std::string DetailText(const ConsumerLagDetail& d);
std::string DetailText(const DeliveryDetail& d);

// A stored "raised" detail read back; nullopt when `text` is not one
// (neither a policy nor the backfill marker).
std::optional<RaisedDetail> ReadRaisedDetail(std::string_view text);

}  // namespace iraed::alerts

#endif  // IRAED_ALERTS_EVENT_DETAILS_H_
