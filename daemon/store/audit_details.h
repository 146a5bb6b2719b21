// File: store/audit_details.h
//
// The `detail` of the audit trail's start and reload entries, as types.
// Key names and their order are frozen like proto field numbers: the
// detail is hashed into the chain and read by auditors (`iraectl audit`),
// so a key is added, never renamed, retyped or moved. The feed's entries
// (consumer_registered, delivery_confirmed) are alerts/event_details.h.
#ifndef IRAED_STORE_AUDIT_DETAILS_H_
#define IRAED_STORE_AUDIT_DETAILS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alerts/alert_policy.h"

namespace iraed::store {

// "rules_loaded": the schema and the rule-set versions that grade from now
// on: {"schema_version", "rule_set", "rules": {"ctcae", "astct_crs",
// "astct_icans", "asco", "icaht", "ctcae6", "ctcae_crs", "hematotox"},
// "ctcae_alert_version"} ("icaht" only when set: rule sets from
// iraed-rules-3; the others after it from iraed-rules-4).
struct RulesLoadedDetail {
  int schema_version = 0;
  std::string rule_set;
  std::string ctcae;
  std::string astct_crs;
  std::string astct_icans;
  std::string asco;
  std::string icaht;      // with its counting method; "" before iraed-rules-3
  std::string ctcae6;     // "" before iraed-rules-4
  std::string ctcae_crs;  // the CTCAE CRS scale; "" before iraed-rules-4
  std::string hematotox;  // CAR-HEMATOTOX; "" before iraed-rules-4
  std::string ctcae_alert_version;  // "5.0" or "6.0"; "" before rules-4
};

// "config_loaded": the configuration file (name, SHA-256, text) and the
// alerting policy in force: re-alert interval, escalation per grade 1..5,
// consumer lag limits; and the fingerprint of the audit key (null without
// one; never the key).
struct ConfigLoadedDetail {
  std::string config_file;
  std::string config_sha256;
  std::string config_text;
  std::int64_t realert_min_interval_ms = 0;
  std::vector<alerts::Escalation> escalation;  // grades 1..5
  std::int64_t consumer_max_lag_ms = 0;
  std::map<std::string, std::int64_t, std::less<>> consumer_max_lag_ms_by_name;
  std::optional<std::string> audit_key_fingerprint;
};

std::string DetailText(const RulesLoadedDetail& d);
std::string DetailText(const ConfigLoadedDetail& d);

}  // namespace iraed::store

#endif  // IRAED_STORE_AUDIT_DETAILS_H_
