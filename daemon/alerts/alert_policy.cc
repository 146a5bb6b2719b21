#include "alerts/alert_policy.h"

#include <algorithm>

#include "common/json.h"

namespace iraed::alerts {

namespace {

constexpr std::int64_t kMinute = 60LL * 1000;

Escalation Make(std::int64_t within_min, std::int64_t every_min, int max) {
  return Escalation{within_min * kMinute,
                    every_min * kMinute,
                    max,
                    {"primary nurse", "charge nurse", "oncology fellow on call",
                     "attending oncologist"}};
}

}  // namespace

AlertPolicy AlertPolicy::Defaults() {
  AlertPolicy p;
  p.by_grade[1] = Make(0, 0, 0);
  p.by_grade[2] = Make(60, 30, 3);
  p.by_grade[3] = Make(15, 15, 4);
  p.by_grade[4] = Make(5, 5, 6);
  p.by_grade[5] = Make(5, 5, 6);
  p.by_grade[0] = p.by_grade[1];
  p.realert_min_interval_ms = std::int64_t{24} * 60 * kMinute;
  p.consumer_max_lag_ms = 5 * kMinute;
  return p;
}

std::optional<EscalationStep> NextEscalation(const Escalation& e,
                                             UnixMillis raised_at, int done) {
  if (e.acknowledge_within_ms <= 0 || done < 0) return std::nullopt;
  if (done >= 1 && e.repeat_every_ms <= 0) return std::nullopt;
  if (e.max_escalations > 0 && done >= e.max_escalations) return std::nullopt;
  EscalationStep step;
  step.number = done + 1;
  step.due_at = raised_at + e.acknowledge_within_ms +
                static_cast<std::int64_t>(done) * e.repeat_every_ms;
  if (!e.route.empty()) {
    step.role = e.route[std::min<std::size_t>(
        static_cast<std::size_t>(done) + 1, e.route.size() - 1)];
  }
  return step;
}

Json EscalationToJson(const Escalation& e) {
  Json j = Json::object();
  j["acknowledge_within_ms"] = e.acknowledge_within_ms;
  j["repeat_every_ms"] = e.repeat_every_ms;
  j["max_escalations"] = e.max_escalations;
  j["route"] = e.route;
  return j;
}

std::string EscalationJson(const Escalation& e) {
  return DumpJson(EscalationToJson(e));
}

std::optional<Escalation> EscalationFromJson(const Json& j) {
  if (!j.is_object() || j.size() != 4) return std::nullopt;
  const auto integer = [&j](const char* key) -> std::optional<std::int64_t> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
  };
  const auto within = integer("acknowledge_within_ms");
  const auto every = integer("repeat_every_ms");
  const auto max = integer("max_escalations");
  auto route = j.find("route");
  if (!within || !every || !max || route == j.end() || !route->is_array()) {
    return std::nullopt;
  }
  Escalation e;
  e.acknowledge_within_ms = *within;
  e.repeat_every_ms = *every;
  e.max_escalations = static_cast<int>(*max);
  for (const Json& role : *route) {
    if (!role.is_string()) return std::nullopt;
    e.route.push_back(role.get<std::string>());
  }
  return e;
}

std::int64_t AlertPolicy::MaxLagFor(std::string_view name) const {
  auto it = consumer_max_lag_by_name.find(name);
  return it == consumer_max_lag_by_name.end() ? consumer_max_lag_ms
                                              : it->second;
}

ConsumerLag LagOf(const ConsumerProgress& p, UnixMillis now) {
  ConsumerLag lag;
  lag.events = std::max<std::int64_t>(0, p.newest_event - p.position);
  if (lag.events > 0 && p.oldest_unconfirmed_at) {
    UnixMillis waiting_since = *p.oldest_unconfirmed_at;
    if (p.last_progress_at) {
      waiting_since = std::max(waiting_since, *p.last_progress_at);
    }
    lag.ms = std::max<std::int64_t>(0, now - waiting_since);
  }
  return lag;
}

ConsumerChange DecideConsumerChange(const ConsumerProgress& p, UnixMillis now,
                                    std::int64_t max_lag_ms) {
  const bool late = max_lag_ms > 0 && LagOf(p, now).ms > max_lag_ms;
  if (late && !p.stalled) return ConsumerChange::kStalled;
  if (!late && p.stalled) return ConsumerChange::kRecovered;
  return ConsumerChange::kNone;
}

RaiseDecision DecideRaise(const AlertPolicy& policy, int grade, UnixMillis now,
                          std::span<const ActiveAlert> active) {
  RaiseDecision d;
  // The newest active alert at this grade or above, raised within the
  // re-alert interval, already tells the nurse.
  const ActiveAlert* covering = nullptr;
  if (policy.realert_min_interval_ms > 0) {
    for (const ActiveAlert& a : active) {
      if (a.grade >= grade &&
          now - a.raised_at < policy.realert_min_interval_ms &&
          (!covering || a.raised_at > covering->raised_at ||
           (a.raised_at == covering->raised_at && a.id > covering->id))) {
        covering = &a;
      }
    }
  }
  if (covering) {
    d.suppressed_by = covering->id;
    d.reason = "alert " + std::to_string(covering->id) + " (grade " +
               std::to_string(covering->grade) +
               ") for the same syndrome is still active and was raised less "
               "than the re-alert interval (" +
               std::to_string(policy.realert_min_interval_ms / kMinute) +
               " min) ago";
    return d;
  }
  for (const ActiveAlert& a : active) {
    if (a.grade <= grade) d.supersedes.push_back(a.id);
  }
  return d;
}

}  // namespace iraed::alerts
