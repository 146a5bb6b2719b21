#include "config/config.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "server/command_line.h"
#include "support/daemon_process.h"

namespace iraed::server {
namespace {

using ::iraed::testing::TempDir;

std::string Write(const TempDir& dir, const std::string& text) {
  const std::string path = dir.File("iraed.conf");
  std::ofstream(path) << text;
  return path;
}

Status Load(const std::string& text, Config& c) {
  TempDir dir;
  return LoadConfigFile(Write(dir, text), c);
}

TEST(ConfigTest, ShippedConfigLoadsAndEqualsBuiltInDefaults) {
  Config from_file;
  Status s = LoadConfigFile(
      std::string(IRAED_SOURCE_DIR) + "/deploy/iraed.conf", from_file);
  ASSERT_TRUE(s.ok()) << s.ToString();
  Config d;
  EXPECT_EQ(from_file.db_path, d.db_path);
  EXPECT_EQ(from_file.synchronous, d.synchronous);
  EXPECT_EQ(from_file.max_group_messages, d.max_group_messages);
  EXPECT_EQ(from_file.queue_capacity, d.queue_capacity);
  EXPECT_EQ(from_file.queue_capacity_mib, d.queue_capacity_mib);
  EXPECT_EQ(from_file.checkpoint_wal_pages, d.checkpoint_wal_pages);
  EXPECT_EQ(from_file.cache_kib, d.cache_kib);
  for (const auto& [name, member] :
       {std::pair{"proto", &Config::proto_listener},
        std::pair{"mllp", &Config::mllp_listener},
        std::pair{"http", &Config::http_listener}}) {
    SCOPED_TRACE(name);
    const config::ListenerSettings& f = from_file.*member;
    const config::ListenerSettings& e = d.*member;
    EXPECT_EQ(f.listen, e.listen);
    EXPECT_EQ(f.max_connections, e.max_connections);
    EXPECT_EQ(f.tls, e.tls);
    EXPECT_EQ(f.max_frame_bytes, e.max_frame_bytes);
    EXPECT_EQ(f.max_in_flight_per_connection, e.max_in_flight_per_connection);
    EXPECT_EQ(f.frame_timeout_seconds, e.frame_timeout_seconds);
  }
  EXPECT_EQ(from_file.hl7.patient_id_type, d.hl7.patient_id_type);
  EXPECT_EQ(from_file.hl7.patient_id_authority, d.hl7.patient_id_authority);
  EXPECT_EQ(from_file.hl7.strict_patient_id, d.hl7.strict_patient_id);
  EXPECT_EQ(from_file.hl7.processing_ids, d.hl7.processing_ids);
  EXPECT_EQ(from_file.site_time_zone, d.site_time_zone);
  EXPECT_EQ(from_file.log_level, d.log_level);
  EXPECT_EQ(from_file.shutdown_grace_seconds, d.shutdown_grace_seconds);
  EXPECT_EQ(from_file.ready_file, d.ready_file);
  for (int grade = 1; grade <= 5; ++grade) {
    EXPECT_EQ(from_file.alerting.by_grade[grade], d.alerting.by_grade[grade])
        << "alerting.escalation grade " << grade;
  }
  EXPECT_EQ(from_file.alerting.realert_min_interval_ms,
            d.alerting.realert_min_interval_ms);
  EXPECT_EQ(from_file.grading.baseline_lookback_ms,
            d.grading.baseline_lookback_ms);
  EXPECT_EQ(from_file.grading.freshness_ms, d.grading.freshness_ms);
  EXPECT_EQ(from_file.grading.vasopressor_freshness_ms,
            d.grading.vasopressor_freshness_ms);
  EXPECT_EQ(from_file.grading.hypotension_systolic_below,
            d.grading.hypotension_systolic_below);
  EXPECT_EQ(from_file.grading.masking_ms, d.grading.masking_ms);
  EXPECT_EQ(from_file.grading.fever_masking.antipyretics,
            d.grading.fever_masking.antipyretics);
  EXPECT_EQ(from_file.grading.fever_masking.tocilizumab,
            d.grading.fever_masking.tocilizumab);
  EXPECT_EQ(from_file.grading.fever_masking.corticosteroids,
            d.grading.fever_masking.corticosteroids);
  EXPECT_EQ(from_file.grading.fever_masking.anakinra,
            d.grading.fever_masking.anakinra);
  EXPECT_EQ(from_file.grading.astct_window_ms, d.grading.astct_window_ms);
  EXPECT_EQ(from_file.grading.icaht_window_days, d.grading.icaht_window_days);
  EXPECT_EQ(from_file.grading.icaht_counting, d.grading.icaht_counting);
  EXPECT_EQ(from_file.grading.fn_anc_freshness_ms,
            d.grading.fn_anc_freshness_ms);
  EXPECT_EQ(from_file.grading.ctcae_alert_version,
            d.grading.ctcae_alert_version);
  EXPECT_EQ(from_file.auth, d.auth);
  EXPECT_TRUE(ValidateConfig(d, "defaults").ok());
}

TEST(ConfigTest, UnknownSettingNamesFileLineAndSetting) {
  TempDir dir;
  const std::string path = Write(dir, "storage {\n  pth: \"x.db\"\n}\n");
  Config c;
  Status s = LoadConfigFile(path, c);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind(path + ":2:", 0), 0u) << s.message();
  EXPECT_NE(s.message().find("pth"), std::string::npos);
}

TEST(ConfigTest, SyntaxErrorAndWrongTypeAreReported) {
  Config c;
  EXPECT_FALSE(Load("storage { path: ", c).ok());
  TempDir dir;
  const std::string path =
      Write(dir, "storage {\n  max_group_messages: \"many\"\n}\n");
  Status s = LoadConfigFile(path, c);
  ASSERT_FALSE(s.ok());
  // Points at line 2, column 23, where the value is.
  EXPECT_EQ(s.message().rfind(path + ":2:23:", 0), 0u) << s.message();
  s = Load("storage { synchronous: SOMETIMES }", c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("SOMETIMES"), std::string::npos);
}

TEST(ConfigTest, OutOfRangeValuesNameTheSetting) {
  struct Case {
    const char* text;
    const char* setting;
  };
  for (const Case& k : {
           Case{"storage { max_group_messages: 0 }",
                "storage.max_group_messages: 0 is out of range 1..100000"},
           Case{"storage { checkpoint_wal_pages: 99 }",
                "storage.checkpoint_wal_pages: 99"},
           Case{"proto_listener { max_frame_bytes: 63 }",
                "proto_listener.max_frame_bytes: 63"},
           Case{"proto_listener { listen: \"nowhere\" }",
                "proto_listener.listen: 'nowhere' is not HOST:PORT"},
           Case{"proto_listener { listen: \"\" }",
                "proto_listener.listen: required"},
           Case{"mllp_listener { listen: \"1.2.3.4:99999\" }",
                "mllp_listener.listen"},
           Case{"logging { level: \"loud\" }", "logging.level: 'loud'"},
           Case{"shutdown_grace_seconds: 0", "shutdown_grace_seconds: 0"},
           Case{"storage { path: \"\" }", "storage.path: required"},
       }) {
    Config c;
    Status s = Load(k.text, c);
    ASSERT_FALSE(s.ok()) << k.text;
    EXPECT_NE(s.message().find(k.setting), std::string::npos) << s.message();
  }
}

TEST(ConfigTest, BoundaryValuesAreAccepted) {
  Config c;
  ASSERT_TRUE(Load("storage { max_group_messages: 1 checkpoint_wal_pages: 100 }"
                   " proto_listener { max_frame_bytes: 64 }",
                   c)
                  .ok());
  EXPECT_EQ(c.max_group_messages, 1u);
  EXPECT_EQ(c.proto_listener.max_frame_bytes, 64u);
}

TEST(ConfigTest, FileOverridesOnlyWhatItSets) {
  Config c;
  ASSERT_TRUE(Load("storage { synchronous: NORMAL }", c).ok());
  EXPECT_EQ(c.synchronous, store::Synchronous::kNormal);
  EXPECT_EQ(c.db_path, Config().db_path);
}

TEST(CommandLineTest, ParsesBothOptionForms) {
  auto cl = ParseCommandLine(
      {"--db", "a.db", "--proto-listen=127.0.0.1:0", "--log-level", "debug"});
  ASSERT_TRUE(cl.ok());
  EXPECT_EQ(*cl->db_path, "a.db");
  EXPECT_EQ(*cl->proto_listen, "127.0.0.1:0");
  auto config = ResolveConfig(*cl);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->db_path, "a.db");
  EXPECT_EQ(config->log_level, "debug");
}

TEST(CommandLineTest, RejectsUnknownOptionsAndMissingValues) {
  EXPECT_NE(
      ParseCommandLine({"--verbose"}).status().message().find("--verbose"),
      std::string::npos);
  EXPECT_NE(ParseCommandLine({"--db"}).status().message().find("needs a value"),
            std::string::npos);
  EXPECT_FALSE(ParseCommandLine({"stray"}).ok());
}

TEST(CommandLineTest, OptionValuesAreValidatedWithTheirName) {
  auto cl = ParseCommandLine({"--proto-listen", "bogus"});
  ASSERT_TRUE(cl.ok());
  auto config = ResolveConfig(*cl);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message().rfind("--proto-listen", 0), 0u);
  cl = ParseCommandLine({"--synchronous", "sometimes"});
  EXPECT_EQ(ResolveConfig(*cl).status().message().rfind("--synchronous", 0),
            0u);
  cl = ParseCommandLine({"--log-level", "loud"});
  EXPECT_EQ(ResolveConfig(*cl).status().message().rfind("--log-level", 0), 0u);
}

TEST(CommandLineTest, OptionsOverrideTheFile) {
  TempDir dir;
  const std::string path =
      Write(dir, "storage { path: \"file.db\" synchronous: NORMAL }");
  auto cl = ParseCommandLine({"--config", path, "--db", "cli.db"});
  auto config = ResolveConfig(*cl);
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->db_path, "cli.db");
  EXPECT_EQ(config->synchronous, store::Synchronous::kNormal);
}

}  // namespace
}  // namespace iraed::server

namespace iraed::server {
namespace {

TEST(GradingConfigTest, SiteCodesLimitsAndCutoffsLoad) {
  Config c;
  ASSERT_TRUE(Load(R"(grading {
        baseline_lookback_days: 14
        code_map { system: "99LAB" code: "ALT" analyte: "alt" }
        default_limits { analyte: "alt" unit: "U/L" low: 7 high: 56 }
        troponin_mi_cutoffs { system: "LN" code: "10839-9" unit: "ng/mL"
                              value: 0.4 }
      })",
                   c)
                  .ok());
  EXPECT_EQ(c.grading.baseline_lookback_ms, 14LL * 24 * 3600 * 1000);
  EXPECT_EQ(c.grading.analytes.Find("99LAB", "ALT"), grading::Analyte::kAlt);
  EXPECT_EQ(c.grading.analytes.Find("LN", "1742-6"), grading::Analyte::kAlt);
  auto limits = c.grading.default_limits.at(
      {grading::Analyte::kAlt, grading::Unit::kUnitsPerL});
  EXPECT_EQ(*limits.high, 56);
  EXPECT_EQ(c.grading.mi_cutoffs.at({"LN", "10839-9"}).value, 0.4);
}

TEST(GradingConfigTest, CrsAndIcansSettingsLoad) {
  Config c;
  ASSERT_TRUE(Load(R"(grading {
        freshness { analyte: "body_temperature" minutes: 240 }
        freshness { analyte: "ice_score" minutes: 480 }
        vasopressor_freshness_minutes: 120
        hypotension_systolic_below_mm_hg: 0
        fever_masking { drug_class: "antipyretic" masks: false }
        fever_masking { drug_class: "tocilizumab" hours: 168 }
        astct_window_days: 0
        drugs { generic: "norepinephrine" drug_class: "vasopressor"
                names: "NOREPI DRIP" codes: "99PHARM|NE1" }
        drugs { generic: "sintilimab" drug_class: "checkpoint_inhibitor"
                target: "PD-1" }
      })",
                   c)
                  .ok());
  const grading::GradingOptions& g = c.grading;
  EXPECT_EQ(g.freshness_ms.at(grading::Analyte::kBodyTemperature),
            240 * grading::kMinuteMs);
  EXPECT_EQ(g.freshness_ms.at(grading::Analyte::kIceScore),
            480 * grading::kMinuteMs);
  // Untouched concepts keep their defaults.
  EXPECT_EQ(g.freshness_ms.at(grading::Analyte::kCerebralEdema),
            72 * grading::kHourMs);
  EXPECT_EQ(g.vasopressor_freshness_ms, 120 * grading::kMinuteMs);
  EXPECT_FALSE(g.hypotension_systolic_below.has_value());
  EXPECT_FALSE(g.fever_masking.antipyretics);
  EXPECT_TRUE(g.fever_masking.tocilizumab);
  EXPECT_EQ(g.masking_ms.at(grading::DrugClass::kTocilizumab),
            168 * grading::kHourMs);
  EXPECT_EQ(g.astct_window_ms, 0);
  auto by_code = g.drugs.Find("99pharm", "NE1", "");
  ASSERT_TRUE(by_code.has_value());
  EXPECT_EQ(by_code->generic, "norepinephrine");
  auto by_name = g.drugs.Find("", "", "norepi drip 8 mg");
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ(by_name->drug_class, grading::DrugClass::kVasopressor);
  auto site_ici = g.drugs.Find("", "", "Sintilimab");
  ASSERT_TRUE(site_ici.has_value());
  EXPECT_EQ(site_ici->target, grading::CheckpointTarget::kPd1);
  // The shipped catalogue is still there.
  EXPECT_TRUE(g.drugs.Find("", "", "Keytruda").has_value());
}

TEST(GradingConfigTest, CarTCytopeniaAndFebrileNeutropeniaSettingsLoad) {
  Config c;
  EXPECT_EQ(c.grading.icaht_window_days, 30);
  EXPECT_EQ(c.grading.icaht_counting, grading::IcahtCounting::kCumulative);
  EXPECT_EQ(c.grading.fn_anc_freshness_ms, 24 * grading::kHourMs);
  ASSERT_TRUE(Load(R"(grading {
        icaht_window_days: 21
        icaht_counting: "longest_episode"
        febrile_neutropenia_anc_freshness_hours: 12
      })",
                   c)
                  .ok());
  EXPECT_EQ(c.grading.icaht_window_days, 21);
  EXPECT_EQ(c.grading.icaht_counting, grading::IcahtCounting::kLongestEpisode);
  EXPECT_EQ(c.grading.fn_anc_freshness_ms, 12 * grading::kHourMs);
}

TEST(GradingConfigTest, HematotoxCutoffsAreSiteSettings) {
  Config c;
  EXPECT_EQ(c.grading.hematotox.platelets_no_points_above, 175);
  EXPECT_EQ(c.grading.hematotox.high_risk_from, 2);
  ASSERT_TRUE(Load(R"(grading { hematotox {
        anc_point_below: 1.0 ferritin_two_points_above: 1800
        high_risk_from: 3 } })",
                   c)
                  .ok());
  EXPECT_EQ(c.grading.hematotox.anc_point_below, 1.0);
  EXPECT_EQ(c.grading.hematotox.ferritin_two_points_above, 1800);
  EXPECT_EQ(c.grading.hematotox.high_risk_from, 3);
  EXPECT_EQ(c.grading.hematotox.crp_point_from, 3.0);  // default kept
  ASSERT_TRUE(
      Load(R"(grading { late_icaht { grade1_at_or_below: 1800 } })", c).ok());
  EXPECT_EQ(c.grading.late_icaht.grade1_at_or_below, 1800);
  EXPECT_EQ(c.grading.late_icaht.grade4_at_or_below, 100);
}

TEST(GradingConfigTest, TheCtcaeVersionThatPagesIsASiteSetting) {
  Config c;
  EXPECT_EQ(c.grading.ctcae_alert_version, grading::CtcaeVersion::kV5);
  EXPECT_EQ(c.grading.AlertingCtcae(), grading::CtcaeVersion::kV5);
  ASSERT_TRUE(Load(R"(grading { ctcae_alert_version: "6.0" })", c).ok());
  EXPECT_EQ(c.grading.ctcae_alert_version, grading::CtcaeVersion::kV6);
  EXPECT_EQ(c.grading.AlertingCtcae(), grading::CtcaeVersion::kV6);
  // Under a rule set before v6 existed, v5 pages whatever the setting.
  c.grading.rule_set = grading::RuleSet::kRules3;
  EXPECT_EQ(c.grading.AlertingCtcae(), grading::CtcaeVersion::kV5);
}

TEST(GradingConfigTest, BadGradingSettingsNameTheSetting) {
  for (const auto& [text, expected] :
       std::vector<std::pair<std::string, std::string>>{
           {"grading { baseline_lookback_days: 0 }",
            "grading.baseline_lookback_days: 0 is out of range"},
           {"grading { code_map { system: \"L\" code: \"X\" analyte: "
            "\"unobtainium\" } }",
            "grading.code_map[0].analyte: 'unobtainium'"},
           {"grading { code_map { system: \"L\" analyte: \"alt\" } }",
            "grading.code_map[0]: system and code are required"},
           {"grading { default_limits { analyte: \"alt\" unit: \"parsecs\" "
            "high: 1 } }",
            "grading.default_limits[0].unit: unit 'parsecs'"},
           {"grading { default_limits { analyte: \"alt\" unit: \"U/L\" } }",
            "grading.default_limits[0]: needs low and/or high"},
           {"grading { troponin_mi_cutoffs { system: \"LN\" code: \"1\" "
            "unit: \"ng/mL\" value: 0 } }",
            "grading.troponin_mi_cutoffs[0]: system, code and a positive"},
           {"grading { freshness { analyte: \"alt\" minutes: 60 } }",
            "grading.freshness[0].analyte: 'alt' is not a CRS or ICANS"},
           {"grading { freshness { analyte: \"ice_score\" minutes: 0 } }",
            "grading.freshness[0].minutes: 0 is out of range"},
           {"grading { vasopressor_freshness_minutes: 0 }",
            "grading.vasopressor_freshness_minutes: 0 is out of range"},
           {"grading { hypotension_systolic_below_mm_hg: -1 }",
            "grading.hypotension_systolic_below_mm_hg: must be 0..200"},
           {"grading { fever_masking { drug_class: \"vasopressor\" } }",
            "grading.fever_masking[0].drug_class: 'vasopressor' cannot mask"},
           {"grading { fever_masking { drug_class: \"antipyretic\" hours: "
            "0 } }",
            "grading.fever_masking[0].hours: 0 is out of range"},
           {"mllp_listener { max_frame_bytes: 10 }",
            "mllp_listener.max_frame_bytes: 10 is out of range"},
           {"mllp_listener { site_time_zone: \"Mars/Olympus\" }",
            "mllp_listener.site_time_zone: 'Mars/Olympus'"},
           {"mllp_listener { site_time_zone: \"../../etc/passwd\" }",
            "mllp_listener.site_time_zone"},
           {"mllp_listener { site_time_zone: \"/etc/localtime\" }",
            "mllp_listener.site_time_zone"},
           {"mllp_listener { default_charset: \"UNICODE UTF-16\" }",
            "mllp_listener.default_charset: 'UNICODE UTF-16' is not a "
            "character set iraed reads"},
           {"mllp_listener { default_charset: \"\" }",
            "mllp_listener.default_charset: ''"},
           {"grading { astct_window_days: 4000 }",
            "grading.astct_window_days: 4000 is out of range"},
           {"grading { icaht_window_days: 31 }",
            "grading.icaht_window_days: 31 is out of range"},
           {"grading { icaht_counting: \"weekly\" }",
            "grading.icaht_counting: 'weekly' is not cumulative or "
            "longest_episode"},
           {"grading { late_icaht { grade2_at_or_below: 400 } }",
            "grading.late_icaht: the limits must be numbers above 0 in "
            "increasing order"},
           {"grading { hematotox { crp_point_from: 0 } }",
            "grading.hematotox.crp_point_from: must be a number above 0"},
           {"grading { hematotox { anc_point_below: 1200 } }",
            "grading.hematotox.anc_point_below: must be a number above 0 "
            "and at most 50"},
           {"grading { hematotox { platelets_two_points_below: 200 } }",
            "grading.hematotox: platelets_two_points_below must not exceed"},
           {"grading { hematotox { high_risk_from: 8 } }",
            "grading.hematotox.high_risk_from: 8 is out of range"},
           {"grading { ctcae_alert_version: \"7.0\" }",
            "grading.ctcae_alert_version: '7.0' is not \"5.0\" or \"6.0\""},
           {"grading { febrile_neutropenia_anc_freshness_hours: 0 }",
            "grading.febrile_neutropenia_anc_freshness_hours: 0 is out of "
            "range"},
           {"grading { drugs { generic: \"x\" drug_class: \"potion\" } }",
            "grading.drugs[0].drug_class: 'potion' is not a drug class"},
           {"grading { drugs { drug_class: \"vasopressor\" } }",
            "grading.drugs[0].generic: required"},
           {"grading { drugs { generic: \"x\" drug_class: "
            "\"checkpoint_inhibitor\" target: \"PD-2\" } }",
            "grading.drugs[0].target: 'PD-2'"},
           {"grading { drugs { generic: \"x\" drug_class: \"vasopressor\" "
            "codes: \"NE1\" } }",
            "grading.drugs[0].codes[0]: 'NE1' is not SYSTEM|CODE"},
       }) {
    Config c;
    Status s = Load(text, c);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_NE(s.message().find(expected), std::string::npos) << s.message();
  }
}

TEST(ConfigTest, AlertingPolicyPerGrade) {
  Config c;
  ASSERT_TRUE(Load(R"(alerting {
      escalation { grade: 3 acknowledge_within_seconds: 60
                   repeat_every_seconds: 30 max_escalations: 2
                   route: "nurse" route: "fellow" }
      realert_min_interval_minutes: 0 })",
                   c)
                  .ok());
  const alerts::Escalation& e = c.alerting.by_grade[3];
  EXPECT_EQ(e.acknowledge_within_ms, 60000);
  EXPECT_EQ(e.repeat_every_ms, 30000);
  EXPECT_EQ(e.max_escalations, 2);
  EXPECT_EQ(e.route, (std::vector<std::string>{"nurse", "fellow"}));
  EXPECT_EQ(c.alerting.realert_min_interval_ms, 0);
  // Grades not named keep the defaults.
  EXPECT_EQ(c.alerting.by_grade[4], Config{}.alerting.by_grade[4]);
}

TEST(ConfigTest, BadAlertingSettingsAreNamed) {
  struct Case {
    const char* text;
    const char* expect;
  };
  for (const Case& k : {
           Case{"alerting { escalation { grade: 0 route: \"a\" } }",
                "alerting.escalation[0].grade"},
           Case{"alerting { escalation { grade: 6 route: \"a\" } }",
                "alerting.escalation[0].grade"},
           Case{"alerting { escalation { grade: 2 } }", "1 to 16 roles"},
           Case{"alerting { escalation { grade: 2 route: \"a\" } "
                "escalation { grade: 2 route: \"b\" } }",
                "given twice"},
           Case{"alerting { escalation { grade: 2 route: \"a\\nb\" } }",
                "without line breaks"},
           Case{"alerting { escalation { grade: 2 route: \"a\" "
                "acknowledge_within_seconds: 604801 } }",
                "acknowledge_within_seconds"},
           Case{"alerting { escalation { grade: 2 route: \"a\" "
                "max_escalations: 1001 } }",
                "max_escalations"},
           Case{"alerting { realert_min_interval_minutes: 10081 }",
                "realert_min_interval_minutes"},
       }) {
    Config c;
    Status s = Load(k.text, c);
    EXPECT_FALSE(s.ok()) << k.text;
    EXPECT_NE(s.message().find(k.expect), std::string::npos)
        << k.text << " -> " << s.message();
  }
}

TEST(ConfigTest, TlsSettingsAreCheckedAtLoad) {
  const std::string cases[][2] = {
      {"mllp_listener { tls { cert_file: \"/x.pem\" } }",
       "mllp_listener.tls: cert_file and key_file go together"},
      {"proto_listener { tls { client_certificates: \"required\" } }",
       "proto_listener.tls: client certificates need TLS"},
      {"mllp_listener { tls { cert_file: \"/x.pem\" key_file: \"/x.key\" "
       "client_certificates: \"sometimes\" } }",
       "mllp_listener.tls.client_certificates: 'sometimes' is not none, "
       "optional or required"},
      {"mllp_listener { tls { cert_file: \"/x.pem\" key_file: \"/x.key\" "
       "client_certificates: \"required\" } }",
       "client_certificates needs client_ca_file"},
      {"mllp_listener { tls { cert_file: \"/nonexistent/server.pem\" "
       "key_file: \"/nonexistent/server.key\" } }",
       "mllp_listener.tls: TLS certificate /nonexistent/server.pem"},
  };
  for (const auto& [text, expected] : cases) {
    Config c;
    Status s = Load(text, c);
    EXPECT_FALSE(s.ok()) << text;
    EXPECT_NE(s.message().find(expected), std::string::npos)
        << s.message() << " for " << text;
  }
}

TEST(ConfigTest, AuthSettingsLoadAndBadOnesAreNamed) {
  TempDir dir;
  const std::string tokens = dir.File("tokens");
  std::ofstream(tokens) << "rn.jones staff " << std::string(64, 'a')
                        << " 2026-12-03T08:00:00Z\n";
  Config c;
  Status s = Load("auth { mode: \"required\" tokens_file: \"" + tokens +
                      "\" certificate { subject: \"CN=pager,O=H\" roles: "
                      "\"notifier:pager\" } }",
                  c);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(c.auth.mode, auth::AuthMode::kRequired);
  EXPECT_EQ(c.auth.tokens_file, tokens);
  ASSERT_EQ(c.auth.certificate_rules.size(), 1u);
  EXPECT_EQ(c.auth.certificate_rules[0].subject, "CN=pager,O=H");
  EXPECT_EQ(c.auth.certificate_rules[0].roles.consumers.count("pager"), 1u);

  std::ofstream(dir.File("broken")) << "this is not a token line\n";
  const std::string cases[][2] = {
      {"auth { mode: \"sometimes\" }",
       "auth.mode: 'sometimes' is not auto, required or off"},
      {"auth { certificate { roles: \"staff\" } }",
       "auth.certificate[0].subject: required"},
      {"auth { certificate { subject: \"CN=x\" roles: \"root\" } }",
       "auth.certificate[0].roles: unknown role 'root'"},
      {"auth { tokens_file: \"" + dir.File("broken") + "\" }",
       "auth.tokens_file: " + dir.File("broken") + ":1: expected NAME"},
  };
  for (const auto& [text, expected] : cases) {
    Config bad;
    Status b = Load(text, bad);
    EXPECT_FALSE(b.ok()) << text;
    EXPECT_NE(b.message().find(expected), std::string::npos)
        << b.message() << " for " << text;
  }
}

TEST(ConfigTest, AuthAutoLooksAtEveryListener) {
  Config c;
  EXPECT_TRUE(AllListenersOnLoopback(c));  // the defaults
  c.mllp_listener.listen = "";
  c.http_listener.listen = "[::1]:9570";
  EXPECT_TRUE(AllListenersOnLoopback(c));
  c.mllp_listener.listen = "0.0.0.0:2575";
  EXPECT_FALSE(AllListenersOnLoopback(c));
  c.mllp_listener.listen = "";
  c.http_listener.listen = "10.1.2.3:9570";
  EXPECT_FALSE(AllListenersOnLoopback(c));
  c.http_listener.listen = "";
  c.proto_listener.listen = "[::]:7570";
  EXPECT_FALSE(AllListenersOnLoopback(c));
}

TEST(ConfigTest, ReloadKeepsRestartOnlySettingsAndTakesTheRest) {
  Config running;
  Config next;
  next.db_path = "elsewhere.db";
  next.mllp_listener.listen = "127.0.0.1:2576";
  next.mllp_listener.max_frame_bytes = 4096;
  next.http_listener.max_connections = 8;
  next.mllp_listener.tls.cert_file = "/renewed.pem";
  next.grading.baseline_lookback_ms = 1234;
  next.log_level = "debug";
  EXPECT_EQ(config::RestartOnlyChanges(running, next),
            (std::vector<std::string>{"storage.path", "mllp_listener.listen",
                                      "mllp_listener.max_frame_bytes",
                                      "http_listener.max_connections"}));
  const Config kept = config::KeepRestartOnly(running, next);
  EXPECT_EQ(kept.db_path, running.db_path);
  EXPECT_EQ(kept.mllp_listener.listen, running.mllp_listener.listen);
  EXPECT_EQ(kept.mllp_listener.max_frame_bytes,
            running.mllp_listener.max_frame_bytes);
  EXPECT_EQ(kept.http_listener.max_connections,
            running.http_listener.max_connections);
  // Certificates, policies and logging come from the new file.
  EXPECT_EQ(kept.mllp_listener.tls.cert_file, "/renewed.pem");
  EXPECT_EQ(kept.grading.baseline_lookback_ms, 1234);
  EXPECT_EQ(kept.log_level, "debug");
  EXPECT_TRUE(config::RestartOnlyChanges(running, kept).empty());
}

TEST(ConfigTest, ConsoleSettingsLoadAndBadOnesAreNamed) {
  TempDir dir;
  const std::string users = dir.File("users");
  std::ofstream(users) << "# no users yet\n";
  ::chmod(users.c_str(), 0600);
  Config c;
  Status s = Load("console { enabled: true users_file: \"" + users +
                      "\" idle_timeout_minutes: 30 lockout_failures: 3 "
                      "external_url: \"https://iraed.example:8443\" }",
                  c);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(c.console.enabled);
  EXPECT_EQ(c.console.users_file, users);
  EXPECT_EQ(c.console.idle_timeout_minutes, 30u);
  EXPECT_EQ(c.console.lockout_failures, 3u);
  EXPECT_EQ(c.console.lockout_minutes, 15u);
  EXPECT_EQ(c.console.external_url, "https://iraed.example:8443");

  std::ofstream(dir.File("broken")) << "rn.jones nurse notahash x\n";
  ::chmod(dir.File("broken").c_str(), 0600);
  const std::string cases[][2] = {
      {"console { enabled: true }",
       "console.users_file: required when the console is enabled"},
      {"console { enabled: true users_file: \"" + users +
           "\" } http_listener { listen: \"0.0.0.0:9570\" }",
       "http_listener is not on loopback and has no TLS"},
      {"console { enabled: true users_file: \"" + users +
           "\" } http_listener { listen: \"\" }",
       "the console is served on http_listener, which is off"},
      {"console { idle_timeout_minutes: 0 }", "console.idle_timeout_minutes"},
      {"console { session_max_hours: 25 }", "console.session_max_hours"},
      {"console { lockout_failures: 101 }", "console.lockout_failures"},
      {"console { external_url: \"https://x/board\" }",
       "console.external_url: 'https://x/board' must read like"},
      {"console { external_url: \"ftp://x\" }", "console.external_url"},
      {"console { users_file: \"" + dir.File("broken") + "\" }",
       "console.users_file: " + dir.File("broken") + ":1: the password hash"},
  };
  for (const auto& [text, expected] : cases) {
    Config bad;
    Status b = Load(text, bad);
    EXPECT_FALSE(b.ok()) << text;
    EXPECT_NE(b.message().find(expected), std::string::npos)
        << b.message() << " for " << text;
  }
}

}  // namespace
}  // namespace iraed::server
