// File: alerts/alert_policy.h
//
// What happens to an alert after it is raised: when it escalates, to whom,
// and when a new alert is held back (suppressed) or replaces older ones
// (supersedes). Pure: no I/O; every time is passed in.
//
// None of this is clinical grading: the reference gives no escalation
// timings or re-alert intervals. They are site policy (config `alerting {}`,
// deploy/iraed.conf), with the defaults below, which iraed ships as a
// starting point for a site's paging rules.
#ifndef IRAED_ALERTS_ALERT_POLICY_H_
#define IRAED_ALERTS_ALERT_POLICY_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json_fwd.h"

namespace iraed::alerts {

// Escalation of an alert of one grade while nobody acknowledges it.
// Escalation k (1, 2, ...) is due at
//   raised_at + acknowledge_within_ms + (k - 1) * repeat_every_ms
// and goes to route[min(k, route.size() - 1)]; route[0] is whom the alert
// itself goes to. An alert keeps the Escalation in force when it was raised.
struct Escalation {
  std::int64_t acknowledge_within_ms = 0;  // 0: never escalates
  std::int64_t repeat_every_ms = 0;        // 0: escalates once
  int max_escalations = 0;                 // 0: until acknowledged
  std::vector<std::string> route;          // at least one role

  bool operator==(const Escalation&) const = default;
};

struct AlertPolicy {
  // Index = grade; [0] is unused (grade 0 never alerts).
  std::array<Escalation, 6> by_grade;
  // A new alert at a grade no higher than an alert of the same patient and
  // syndrome that is still open or acknowledged, and was raised less than
  // this long ago, is suppressed (recorded, not sent). 0: never.
  std::int64_t realert_min_interval_ms = 0;
  // A feed consumer (notifier) that has kept events waiting (ConsumerLag)
  // longer than this is stalled: paging through it has stopped. 0: never.
  std::int64_t consumer_max_lag_ms = 300000;
  // Per consumer name, overriding consumer_max_lag_ms (0: never stalled).
  std::map<std::string, std::int64_t, std::less<>> consumer_max_lag_by_name;

  // iraed's shipped policy (site policy, not from the clinical reference):
  // grade 1 never escalates; grade 2 after 60 min, every 30 min, 3 times;
  // grade 3 after 15 min, every 15 min, 4 times; grades 4 and 5 after
  // 5 min, every 5 min, 6 times. Route: primary nurse, charge nurse,
  // oncology fellow on call, attending oncologist. Re-alert interval 24 h.
  // A consumer is stalled after 5 minutes without confirming an event.
  static AlertPolicy Defaults();

  // The maximum lag of the consumer `name` (0: never stalled).
  std::int64_t MaxLagFor(std::string_view name) const;
};

struct EscalationStep {
  int number = 0;  // 1 for the first escalation
  UnixMillis due_at = 0;
  std::string role;
};

// The escalation after `done` escalations of an alert raised at
// `raised_at`, or nullopt when the policy has no further one.
std::optional<EscalationStep> NextEscalation(const Escalation& e,
                                             UnixMillis raised_at, int done);

// The policy as JSON, recorded with each alert for the audit trail:
// {"acknowledge_within_ms":N,"repeat_every_ms":N,"max_escalations":N,
//  "route":["role", ...]}.
Json EscalationToJson(const Escalation& e);
// EscalationToJson as text.
std::string EscalationJson(const Escalation& e);
// The policy EscalationToJson wrote; nullopt when `j` is not one.
std::optional<Escalation> EscalationFromJson(const Json& j);

// A notifier's progress through the alert feed at a moment.
struct ConsumerProgress {
  std::int64_t position = 0;      // confirmed through this event id
  std::int64_t newest_event = 0;  // the feed's newest event id
  // When the first event after `position` was recorded; nullopt when the
  // consumer has confirmed everything.
  std::optional<UnixMillis> oldest_unconfirmed_at;
  // When the consumer last moved its position or registered its start;
  // nullopt when unknown.
  std::optional<UnixMillis> last_progress_at;
  // Whether its latest consumer_stalled / consumer_recovered event says
  // stalled.
  bool stalled = false;
};

struct ConsumerLag {
  std::int64_t events = 0;  // events after the confirmed position
  // How long the consumer has left them waiting: since the oldest of them
  // was recorded, or since the consumer last registered or moved on,
  // whichever is later (a consumer that starts on an old feed, or drains a
  // backlog, is not late at once).
  std::int64_t ms = 0;
};

// The lag at `now` (never negative).
ConsumerLag LagOf(const ConsumerProgress& p, UnixMillis now);

enum class ConsumerChange { kNone, kStalled, kRecovered };

// What to record at `now`: kStalled when its lag (LagOf) is longer than
// `max_lag_ms` (strictly) and the consumer is not yet
// marked stalled; kRecovered when a stalled consumer's lag is back to at
// most `max_lag_ms`. With max_lag_ms 0 a consumer is never stalled (and a
// stalled one recovers).
ConsumerChange DecideConsumerChange(const ConsumerProgress& p, UnixMillis now,
                                    std::int64_t max_lag_ms);

// An alert of the same patient and syndrome that is open or acknowledged.
struct ActiveAlert {
  std::int64_t id = 0;
  int grade = 0;
  UnixMillis raised_at = 0;
};

struct RaiseDecision {
  // Set: do not raise; the alert that already covers it.
  std::optional<std::int64_t> suppressed_by;
  std::string reason;  // for a suppression: which rule, for a person
  // The active alerts the new one replaces (grade no higher than its own).
  std::vector<std::int64_t> supersedes;
};

// Whether an alert at `grade`, due at `now`, is raised or suppressed, given
// the patient's active alerts of the same syndrome. A grade above every
// active alert is always raised.
RaiseDecision DecideRaise(const AlertPolicy& policy, int grade, UnixMillis now,
                          std::span<const ActiveAlert> active);

}  // namespace iraed::alerts

#endif  // IRAED_ALERTS_ALERT_POLICY_H_
