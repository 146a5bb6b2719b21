// The stored text of the audit trail's rules_loaded and config_loaded
// details is frozen (hashed into the chain, read by auditors): checked
// against the exact text earlier releases wrote, keys in that order.
#include "store/audit_details.h"

#include <gtest/gtest.h>

namespace iraed::store {
namespace {

TEST(AuditDetailsTest, RulesLoadedKeepsItsStoredText) {
  const RulesLoadedDetail d{9,
                            "iraed-rules-2",
                            "ctcae-5.0/iraed-2",
                            "astct-2019-crs/iraed-2",
                            "astct-2019-icans/iraed-2",
                            "asco-2021/iraed-2",
                            "",
                            "",
                            "",
                            "",
                            ""};
  EXPECT_EQ(
      DetailText(d),
      R"({"schema_version":9,"rule_set":"iraed-rules-2","rules":)"
      R"({"ctcae":"ctcae-5.0/iraed-2","astct_crs":"astct-2019-crs/iraed-2",)"
      R"("astct_icans":"astct-2019-icans/iraed-2","asco":"asco-2021/iraed-2"}})");
}

TEST(AuditDetailsTest, RulesLoadedNamesIcahtFromRuleSetThree) {
  const RulesLoadedDetail d{10,
                            "iraed-rules-3",
                            "ctcae-5.0/iraed-2",
                            "astct-2019-crs/iraed-2",
                            "astct-2019-icans/iraed-2",
                            "asco-2021/iraed-2",
                            "icaht-2023-cumulative/iraed-1",
                            "",
                            "",
                            "",
                            ""};
  EXPECT_EQ(
      DetailText(d),
      R"({"schema_version":10,"rule_set":"iraed-rules-3","rules":)"
      R"({"ctcae":"ctcae-5.0/iraed-2","astct_crs":"astct-2019-crs/iraed-2",)"
      R"("astct_icans":"astct-2019-icans/iraed-2","asco":"asco-2021/iraed-2",)"
      R"("icaht":"icaht-2023-cumulative/iraed-1"}})");
}

TEST(AuditDetailsTest, RulesLoadedNamesCtcae6AndTheAlertingVersionFromFour) {
  const RulesLoadedDetail d{11,
                            "iraed-rules-4",
                            "ctcae-5.0/iraed-3",
                            "astct-2019-crs/iraed-3",
                            "astct-2019-icans/iraed-2",
                            "asco-2021/iraed-2",
                            "icaht-2023-cumulative/iraed-1",
                            "ctcae-6.0/iraed-1",
                            "ctcae-5.0-crs/iraed-1",
                            "car-hematotox-2021/iraed-1",
                            "6.0"};
  EXPECT_EQ(
      DetailText(d),
      R"({"schema_version":11,"rule_set":"iraed-rules-4","rules":)"
      R"({"ctcae":"ctcae-5.0/iraed-3","astct_crs":"astct-2019-crs/iraed-3",)"
      R"("astct_icans":"astct-2019-icans/iraed-2","asco":"asco-2021/iraed-2",)"
      R"("icaht":"icaht-2023-cumulative/iraed-1","ctcae6":"ctcae-6.0/iraed-1",)"
      R"("ctcae_crs":"ctcae-5.0-crs/iraed-1",)"
      R"("hematotox":"car-hematotox-2021/iraed-1"},)"
      R"("ctcae_alert_version":"6.0"})");
}

TEST(AuditDetailsTest, ConfigLoadedKeepsItsStoredText) {
  ConfigLoadedDetail d;
  d.config_file = "/etc/iraed/iraed.conf";
  d.config_sha256 = "ab12";
  d.config_text = "ready_file: \"x\"\n";
  d.realert_min_interval_ms = 3600000;
  alerts::Escalation e;
  e.acknowledge_within_ms = 600000;
  e.route = {"charge nurse"};
  d.escalation = {alerts::Escalation{}, e};
  d.consumer_max_lag_ms = 300000;
  d.consumer_max_lag_ms_by_name = {{"pager", 60000}};
  EXPECT_EQ(
      DetailText(d),
      R"({"config_file":"/etc/iraed/iraed.conf","config_sha256":"ab12",)"
      R"("config_text":"ready_file: \"x\"\n","realert_min_interval_ms":3600000,)"
      R"("escalation":[{"acknowledge_within_ms":0,"repeat_every_ms":0,)"
      R"("max_escalations":0,"route":[]},{"acknowledge_within_ms":600000,)"
      R"("repeat_every_ms":0,"max_escalations":0,"route":["charge nurse"]}],)"
      R"("consumer_max_lag_ms":300000,"consumer_max_lag_ms_by_name":)"
      R"({"pager":60000},"audit_key_fingerprint":null})");
  d.audit_key_fingerprint = "0123456789abcdef";
  EXPECT_NE(DetailText(d).find(R"("audit_key_fingerprint":"0123456789abcdef")"),
            std::string::npos);
}

}  // namespace
}  // namespace iraed::store
