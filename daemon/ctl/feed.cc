#include "ctl/feed.h"

#include "common/json.h"

namespace iraed::ctl {

Result<std::vector<FeedEvent>> ReadFeed(store::Database& db, std::int64_t after,
                                        int limit) {
  ASSIGN_OR_RETURN(store::Statement q, db.Prepare(R"sql(
      SELECT e.id, e.kind, e.at, e.alert,
             p.assigning_authority || '^' || p.identifier,
             a.syndrome, a.grade, a.summary, a.action, a.provisional,
             s.state, e.actor, e.note, e.escalation, e.related_alert,
             e.detail
      FROM alert_events e
      LEFT JOIN alerts a ON a.id = e.alert
      LEFT JOIN patients p ON p.id = a.patient_id
      LEFT JOIN alert_status s ON s.alert = e.alert
      WHERE e.id > ?1 ORDER BY e.id LIMIT ?2)sql"));
  q.Bind(1, after).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<FeedEvent> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    FeedEvent e;
    e.id = q.ColumnInt(0);
    e.kind = q.ColumnText(1);
    e.at = q.ColumnText(2);
    e.alert = q.ColumnIsNull(3) ? 0 : q.ColumnInt(3);
    e.patient = q.ColumnText(4);
    e.syndrome = q.ColumnText(5);
    e.grade = static_cast<int>(q.ColumnInt(6));
    e.summary = q.ColumnText(7);
    e.action = q.ColumnText(8);
    e.provisional = q.ColumnInt(9) != 0;
    e.state = q.ColumnText(10);
    e.actor = q.ColumnText(11);
    e.note = q.ColumnText(12);
    if (!q.ColumnIsNull(13)) e.escalation = q.ColumnInt(13);
    if (!q.ColumnIsNull(14)) e.related_alert = q.ColumnInt(14);
    e.detail = q.ColumnText(15);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::optional<std::int64_t>> ConsumerPosition(
    store::Database& db, const std::string& consumer) {
  ASSIGN_OR_RETURN(
      store::Statement q,
      db.Prepare("SELECT position FROM feed_consumers WHERE name = ?1"));
  q.Bind(1, consumer);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(q.ColumnInt(0));
}

Result<std::int64_t> NewestFeedEvent(store::Database& db) {
  return db.QueryInt("SELECT coalesce(max(id), 0) FROM alert_events");
}

std::string FeedEventJson(const FeedEvent& e) {
  auto detail = ParseJson(e.detail.empty() ? "{}" : e.detail);
  if (e.alert == 0) {
    // A system event about paging itself: no alert, no patient.
    Json j = {
        {"event", e.id}, {"kind", e.kind}, {"at", e.at}, {"consumer", e.actor}};
    if (detail.ok() && detail->is_object()) {
      for (const char* key : {"lag_events", "lag_seconds", "max_lag_seconds"}) {
        if (detail->contains(key)) j[key] = (*detail)[key];
      }
    }
    j["detail"] = detail.ok() ? *detail : Json(e.detail);
    return DumpJson(j);
  }
  Json j = Json::object();
  j["event"] = e.id;
  j["kind"] = e.kind;
  j["at"] = e.at;
  j["alert"] = e.alert;
  j["patient"] = e.patient;
  j["syndrome"] = e.syndrome;
  j["grade"] = e.grade;
  j["state"] = e.state;
  j["summary"] = e.summary;
  j["action"] = e.action;
  j["provisional"] = e.provisional;
  if (!e.actor.empty()) j["actor"] = e.actor;
  if (!e.note.empty()) j["note"] = e.note;
  if (e.escalation) j["escalation"] = *e.escalation;
  if (e.related_alert) j["related_alert"] = *e.related_alert;
  j["detail"] = detail.ok() ? *detail : Json(e.detail);
  return DumpJson(j);
}

std::string FeedEventText(const FeedEvent& e) {
  if (e.alert == 0) {
    auto detail = ParseJson(e.detail);
    const auto number = [&detail](const char* key) {
      return detail.ok() && detail->is_object() && detail->contains(key)
                 ? DumpJson((*detail)[key])
                 : std::string("?");
    };
    return "#" + std::to_string(e.id) + " " + e.at + " " + e.kind +
           " consumer '" + e.actor + "': " + number("lag_events") +
           " event(s) unconfirmed, the oldest for " + number("lag_seconds") +
           " s (maximum " + number("max_lag_seconds") + " s)";
  }
  std::string out = "#" + std::to_string(e.id) + " " + e.at + " " + e.kind +
                    " alert " + std::to_string(e.alert) + " [" + e.patient +
                    "] " + e.syndrome + " grade " + std::to_string(e.grade);
  if (e.kind == "escalated" && e.escalation) {
    out += ": escalation " + std::to_string(*e.escalation) + " to " + e.actor;
  } else if (e.kind == "raised") {
    out += ": " + e.summary + " | " + e.action +
           (e.actor.empty() ? "" : " | to " + e.actor);
  } else if (e.kind == "acknowledged" || e.kind == "resolved") {
    out += " by " + e.actor + (e.note.empty() ? "" : ": " + e.note);
  } else if (e.kind == "superseded" && e.related_alert) {
    out += " by alert " + std::to_string(*e.related_alert);
  } else if (e.kind == "suppressed") {
    out += ": a new alert was held back " + e.detail;
  }
  return out;
}

}  // namespace iraed::ctl
