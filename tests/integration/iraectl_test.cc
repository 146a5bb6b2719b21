// iraectl against a database written by the real daemon.
#include <gtest/gtest.h>

#include "integration/integration_fixture.h"

namespace iraed::testing {
namespace {

namespace pb = ::iraed::v1;

class IraectlTest : public DaemonTest {
 protected:
  void SetUp() override {
    StartDaemon();
    auto c = Connect();
    RoundTrip(*c, ObservationEnvelope("m-1", "lab", "MRN-77", 4));
    RoundTrip(*c, ObservationEnvelope("m-1", "lab", "MRN-77", 4));
    auto bad = ObservationEnvelope("m-2", "lab", "MRN-77", 1);
    bad.clear_source();
    RoundTrip(*c, bad);
  }

  CommandResult Ctl(std::vector<std::string> args) {
    std::vector<std::string> argv = {IRAECTL_BINARY, "--db", db_path()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }
};

TEST_F(IraectlTest, MessagesShowOutcomesNewestFirst) {
  auto r = Ctl({"messages"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rejected = r.out.find("rejected");
  auto duplicate = r.out.find("duplicate");
  auto accepted = r.out.find("accepted");
  ASSERT_NE(rejected, std::string::npos) << r.out;
  EXPECT_LT(rejected, duplicate);
  EXPECT_LT(duplicate, accepted);
  EXPECT_NE(r.out.find("source: required"), std::string::npos);
}

TEST_F(IraectlTest, JsonOutputIsMachineReadable) {
  auto r = Ctl({"--json", "--limit", "1", "messages"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("[\n  {\"id\": 3, ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"outcome\": \"rejected\""), std::string::npos);
  EXPECT_EQ(r.out.find("\"id\": 2"), std::string::npos);  // limit 1
}

TEST_F(IraectlTest, PatientsAndStats) {
  auto p = Ctl({"patients"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_NE(p.out.find("MRN-77"), std::string::npos);
  auto s = Ctl({"--json", "stats"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("{\"figure\": \"observations\", \"value\": 4}"),
            std::string::npos)
      << s.out;
  EXPECT_NE(s.out.find("{\"figure\": \"messages_duplicate\", \"value\": 1}"),
            std::string::npos);
}

TEST_F(IraectlTest, BadUsageAndMissingDatabase) {
  EXPECT_EQ(Ctl({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(Ctl({}).exit_code, 2);
  EXPECT_EQ(RunCommand({IRAECTL_BINARY, "stats"}).exit_code, 2);
  auto missing =
      RunCommand({IRAECTL_BINARY, "--db", dir_.File("nope.db"), "stats"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(RunCommand({IRAECTL_BINARY, "--help"}).exit_code, 0);
}

}  // namespace
}  // namespace iraed::testing
