#include "server/config.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(from_file.proto_listen, d.proto_listen);
  EXPECT_EQ(from_file.max_frame_bytes, d.max_frame_bytes);
  EXPECT_EQ(from_file.max_in_flight_per_connection,
            d.max_in_flight_per_connection);
  EXPECT_EQ(from_file.frame_timeout_seconds, d.frame_timeout_seconds);
  EXPECT_EQ(from_file.max_connections, d.max_connections);
  EXPECT_EQ(from_file.mllp_listen, d.mllp_listen);
  EXPECT_EQ(from_file.log_level, d.log_level);
  EXPECT_EQ(from_file.shutdown_grace_seconds, d.shutdown_grace_seconds);
  EXPECT_EQ(from_file.ready_file, d.ready_file);
  EXPECT_EQ(from_file.grading.baseline_lookback_ms,
            d.grading.baseline_lookback_ms);
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
  EXPECT_EQ(c.max_frame_bytes, 64u);
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
       }) {
    Config c;
    Status s = Load(text, c);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_NE(s.message().find(expected), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace iraed::server
