#include "alerts/event_details.h"

#include "common/json.h"
#include "common/time_format.h"

namespace iraed::alerts {

std::string DetailText(const RaisedDetail& d) {
  Json j = Json::object();
  if (d.escalation_policy) {
    j["escalation_policy"] = EscalationToJson(*d.escalation_policy);
  }
  if (d.backfilled) j["backfilled"] = true;
  if (d.raised_at) j["raised_at"] = FormatUtcMillis(*d.raised_at);
  return DumpJson(j);
}

std::string DetailText(const SuppressedDetail& d) {
  return DumpJson({{"grade", d.grade}, {"reason", d.reason}});
}

std::string DetailText(const SupersededDetail& d) {
  return DumpJson({{"by_alert", d.by_alert}, {"grade", d.grade}});
}

std::string DetailText(const ActionDetail& d) {
  Json j = {{"previous_state", d.previous_state}};
  if (d.stated_by) j["stated_by"] = *d.stated_by;
  return DumpJson(j);
}

std::string DetailText(const EscalatedDetail& d) {
  Json j = {{"due_at", FormatUtcMillis(d.due_at)}, {"reason", d.reason}};
  if (d.missed > 0) j["missed"] = d.missed;
  return DumpJson(j);
}

std::string DetailText(const ConsumerLagDetail& d) {
  Json j = {
      {"consumer", d.consumer},         {"position", d.position},
      {"newest_event", d.newest_event}, {"lag_events", d.lag_events},
      {"lag_seconds", d.lag_seconds},   {"max_lag_seconds", d.max_lag_seconds}};
  if (d.oldest_unconfirmed_at) {
    j["oldest_unconfirmed_at"] = FormatUtcMillis(*d.oldest_unconfirmed_at);
  }
  return DumpJson(j);
}

std::string DetailText(const DeliveryDetail& d) {
  Json j = {{"consumer", d.consumer},
            {"through_event", d.through_event},
            {"message", d.message}};
  if (d.actor) j["actor"] = *d.actor;
  return DumpJson(j);
}

std::optional<RaisedDetail> ReadRaisedDetail(std::string_view text) {
  auto j = ParseJson(text);
  if (!j.ok() || !j->is_object()) return std::nullopt;
  RaisedDetail d;
  if (auto b = j->find("backfilled"); b != j->end() && b->is_boolean()) {
    d.backfilled = b->get<bool>();
  }
  if (auto p = j->find("escalation_policy"); p != j->end()) {
    d.escalation_policy = EscalationFromJson(*p);
    if (!d.escalation_policy) return std::nullopt;
  }
  if (auto at = j->find("raised_at"); at != j->end() && at->is_string()) {
    d.raised_at = ParseUtcMillis(at->get<std::string>());
  }
  if (!d.escalation_policy && !d.backfilled) return std::nullopt;
  return d;
}

}  // namespace iraed::alerts
