#include "store/audit_details.h"

#include "common/json.h"

namespace iraed::store {

std::string DetailText(const RulesLoadedDetail& d) {
  Json j = Json::object();
  j["schema_version"] = d.schema_version;
  j["rule_set"] = d.rule_set;
  j["rules"] = {{"ctcae", d.ctcae},
                {"astct_crs", d.astct_crs},
                {"astct_icans", d.astct_icans},
                {"asco", d.asco}};
  if (!d.icaht.empty()) j["rules"]["icaht"] = d.icaht;
  if (!d.ctcae6.empty()) j["rules"]["ctcae6"] = d.ctcae6;
  if (!d.ctcae_crs.empty()) j["rules"]["ctcae_crs"] = d.ctcae_crs;
  if (!d.hematotox.empty()) j["rules"]["hematotox"] = d.hematotox;
  if (!d.ctcae_alert_version.empty()) {
    j["ctcae_alert_version"] = d.ctcae_alert_version;
  }
  return DumpJson(j);
}

std::string DetailText(const ConfigLoadedDetail& d) {
  Json j = Json::object();
  j["config_file"] = d.config_file;
  j["config_sha256"] = d.config_sha256;
  j["config_text"] = d.config_text;
  j["realert_min_interval_ms"] = d.realert_min_interval_ms;
  Json escalation = Json::array();
  for (const alerts::Escalation& e : d.escalation) {
    escalation.push_back(alerts::EscalationToJson(e));
  }
  j["escalation"] = std::move(escalation);
  j["consumer_max_lag_ms"] = d.consumer_max_lag_ms;
  j["consumer_max_lag_ms_by_name"] = d.consumer_max_lag_ms_by_name;
  j["audit_key_fingerprint"] =
      d.audit_key_fingerprint ? Json(*d.audit_key_fingerprint) : Json(nullptr);
  return DumpJson(j);
}

}  // namespace iraed::store
