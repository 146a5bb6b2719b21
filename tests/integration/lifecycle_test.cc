// Start-up, configuration errors, graceful and hurried shutdown of the real
// daemon process.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "integration/integration_fixture.h"
#include "support/mllp_client.h"

namespace iraed::testing {
namespace {

namespace pb = ::iraed::v1;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(CommandLineProcessTest, HelpAndVersion) {
  auto help = RunCommand({IRAED_BINARY, "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* option : {"--config", "--db", "--proto-listen",
                             "--mllp-listen", "--ready-file", "--log-level"}) {
    EXPECT_NE(help.out.find(option), std::string::npos) << option;
  }
  auto version = RunCommand({IRAED_BINARY, "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("iraed ", 0), 0u);
}

TEST(CommandLineProcessTest, BadConfigStopsStartUpWithAClearMessage) {
  TempDir dir;
  const std::string conf = dir.File("bad.conf");
  std::ofstream(conf) << "storage {\n  max_group_messages: 0\n}\n";
  auto r = RunCommand({IRAED_BINARY, "--config", conf, "--db", dir.File("x.db"),
                       "--ready-file", dir.File("ready")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(conf), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("storage.max_group_messages"), std::string::npos);
  // Nothing was started: no database, no ready file.
  EXPECT_FALSE(std::filesystem::exists(dir.File("x.db")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("ready")));
}

TEST(CommandLineProcessTest, UnknownOptionIsAUsageError) {
  auto r = RunCommand({IRAED_BINARY, "--frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--frobnicate"), std::string::npos);
}

class LifecycleTest : public DaemonTest {};

TEST_F(LifecycleTest, PortInUseFailsStartUp) {
  StartDaemon();
  TempDir other;
  auto r =
      RunCommand({IRAED_BINARY, "--db", other.File("x.db"), "--proto-listen",
                  "127.0.0.1:" + std::to_string(daemon_->port())});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot listen"), std::string::npos) << r.err;
}

// One daemon per database (two would run two escalation clocks and answer
// AA side by side): the second exits 2 before touching the database, naming
// the first; readers are not affected.
TEST_F(LifecycleTest, SecondDaemonOnTheSameDatabaseExitsTwoNamingTheFirst) {
  StartDaemon();
  auto c = Connect();
  ASSERT_EQ(RoundTrip(*c, ObservationEnvelope("m-1", "lab", "P1", 1)).status(),
            pb::ACK_STATUS_ACCEPTED);
  const std::string pid = "pid " + std::to_string(daemon_->pid());
  auto second = RunCommand({IRAED_BINARY, "--db", db_path(), "--proto-listen",
                            "127.0.0.1:0", "--mllp-listen", "127.0.0.1:0",
                            "--ready-file", dir_.File("ready-2")});
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.err.find("another iraed (" + pid + ")"), std::string::npos)
      << second.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.File("ready-2")));
  // The same file under another name (a symbolic link to its folder).
  std::filesystem::create_directory_symlink(dir_.path(), dir_.File("alias"));
  auto aliased = RunCommand({IRAED_BINARY, "--db",
                             dir_.File("alias") + "/iraed.db", "--proto-listen",
                             "127.0.0.1:0", "--mllp-listen", "127.0.0.1:0"});
  EXPECT_EQ(aliased.exit_code, 2);
  EXPECT_NE(aliased.err.find(pid), std::string::npos) << aliased.err;
  // The first never noticed, and readers are not affected.
  EXPECT_EQ(RoundTrip(*c, ObservationEnvelope("m-2", "lab", "P1", 1)).status(),
            pb::ACK_STATUS_ACCEPTED);
  auto stats = RunCommand({IRAECTL_BINARY, "--db", db_path(), "stats"});
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  // Once it stops (or crashes), the next one starts.
  daemon_->Kill();
  StartDaemon();
  c = Connect();
  EXPECT_EQ(RoundTrip(*c, ObservationEnvelope("m-3", "lab", "P1", 1)).status(),
            pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(
      std::filesystem::status(db_path() + ".lock").permissions() &
          std::filesystem::perms::all,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST_F(LifecycleTest, SighupReloadsAndNeverStopsTheDaemon) {
  StartDaemon();
  daemon_->Signal(SIGHUP);
  auto c = Connect();
  EXPECT_EQ(RoundTrip(*c, ObservationEnvelope("m-1", "lab", "P1", 1)).status(),
            pb::ACK_STATUS_ACCEPTED);
  EXPECT_FALSE(daemon_->WaitExit(milliseconds(200)).has_value());
  for (int i = 0;
       i < 300 && daemon_->Log().find("SIGHUP: configuration "
                                      "reloaded") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(milliseconds(100));
  }
  EXPECT_NE(daemon_->Log().find("SIGHUP: configuration reloaded"),
            std::string::npos)
      << daemon_->Log();
  EXPECT_EQ(daemon_->Terminate(), 0);
}

TEST_F(LifecycleTest, UnopenableDatabaseFailsStartUp) {
  std::filesystem::create_directories(dir_.File("adir"));
  auto r = RunCommand({IRAED_BINARY, "--db", dir_.File("adir"),
                       "--proto-listen", "127.0.0.1:0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("start-up failed"), std::string::npos) << r.err;
}

TEST_F(LifecycleTest, ReadyFileReportsThePortAndIsRemovedAtExit) {
  StartDaemon({"--mllp-listen", ""});  // MLLP turned off
  const std::string ready = ReadFile(dir_.File("ready.json"));
  EXPECT_NE(ready.find("\"proto_port\":" + std::to_string(daemon_->port())),
            std::string::npos);
  EXPECT_NE(ready.find("\"mllp_port\":null"), std::string::npos);
  EXPECT_EQ(daemon_->Terminate(), 0);
  EXPECT_FALSE(std::filesystem::exists(dir_.File("ready.json")));
}

TEST_F(LifecycleTest, MllpListenerIsReportedAndDrainsAtShutdown) {
  StartDaemon({"--mllp-listen", "127.0.0.1:0"});
  ASSERT_NE(daemon_->mllp_port(), 0);
  EXPECT_NE(daemon_->Log().find("HL7 v2 MLLP listener on 127.0.0.1:"),
            std::string::npos);
  // An idle MLLP connection does not keep the daemon from stopping.
  auto idle = MllpClient::Connect(daemon_->mllp_port());
  ASSERT_TRUE(idle.ok());
  EXPECT_EQ(daemon_->Terminate(), 0);
  EXPECT_TRUE((*idle)->WaitForClose(std::chrono::seconds(5)));
}

// Holds SQLite's write lock from the test, so the daemon's next commit waits
// (up to its 5 s busy timeout).
class WriteLock {
 public:
  explicit WriteLock(const std::string& path) {
    auto db =
        store::Database::Open(path, store::Database::Mode::kReadWriteCreate);
    EXPECT_TRUE(db.ok());
    db_.emplace(std::move(db).value());
    EXPECT_TRUE(db_->Exec("BEGIN IMMEDIATE").ok());
  }
  void Release() {
    if (db_) {
      EXPECT_TRUE(db_->Exec("COMMIT").ok());
    }
    db_.reset();
  }
  ~WriteLock() { Release(); }

 private:
  std::optional<store::Database> db_;
};

TEST_F(LifecycleTest, SigtermFinishesCommitsAndAcksInFlight) {
  StartDaemon();
  auto c = Connect();
  WriteLock lock(db_path());
  ASSERT_TRUE(c->Send(ObservationEnvelope("inflight", "lab", "P1", 10)).ok());
  std::this_thread::sleep_for(milliseconds(200));
  daemon_->Signal(SIGTERM);
  // Still draining: the commit is blocked behind our lock.
  EXPECT_FALSE(daemon_->WaitExit(milliseconds(500)).has_value());
  lock.Release();
  auto ack = c->ReadAck();
  ASSERT_TRUE(ack.ok()) << ack.status().ToString();
  EXPECT_EQ(ack->status(), pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(daemon_->WaitExit(seconds(20)), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 10);
  EXPECT_NE(daemon_->Log().find("stopped cleanly"), std::string::npos);
}

TEST_F(LifecycleTest, SigtermStopsAcceptingNewConnections) {
  StartDaemon();
  const auto port = daemon_->port();
  EXPECT_EQ(daemon_->Terminate(), 0);
  EXPECT_FALSE(ProtoClient::Connect(port).ok());
}

TEST_F(LifecycleTest, SecondSignalExitsAtOnce) {
  StartDaemon();
  auto c = Connect();
  WriteLock lock(db_path());
  ASSERT_TRUE(c->Send(ObservationEnvelope("stuck", "lab", "P1", 1)).ok());
  std::this_thread::sleep_for(milliseconds(200));
  daemon_->Signal(SIGTERM);
  EXPECT_FALSE(daemon_->WaitExit(milliseconds(300)).has_value());
  daemon_->Signal(SIGINT);
  // Well before the 5 s busy timeout could have released the commit.
  EXPECT_EQ(daemon_->WaitExit(milliseconds(2000)), 1);
  lock.Release();
  // Nothing was acknowledged, and the database is intact.
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='accepted'"), 0);
}

TEST_F(LifecycleTest, LockedDatabaseAnswersUnavailableAndRecovers) {
  StartDaemon();
  auto c = Connect();
  {
    WriteLock lock(db_path());
    auto ack = RoundTrip(*c, ObservationEnvelope("busy", "lab", "P1", 1));
    EXPECT_EQ(ack.status(), pb::ACK_STATUS_UNAVAILABLE);
    EXPECT_NE(ack.reason().find("resend"), std::string::npos);
  }
  EXPECT_EQ(RoundTrip(*c, ObservationEnvelope("busy", "lab", "P1", 1)).status(),
            pb::ACK_STATUS_ACCEPTED);
  const std::string log = daemon_->Log();
  EXPECT_NE(log.find("storage failure"), std::string::npos);
  EXPECT_NE(log.find("storage recovered"), std::string::npos);
}

TEST_F(LifecycleTest, RunningOutOfDescriptorsDoesNotSpinOrStop) {
  auto d = DaemonProcess::Start(dir_.path(), {"--db", db_path()},
                                {"/usr/bin/prlimit", "--nofile=40:40", "--"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  daemon_ = std::move(d).value();
  std::vector<std::unique_ptr<ProtoClient>> flood;
  for (int i = 0; i < 60; ++i) {
    auto c = ProtoClient::Connect(daemon_->port());  // the backlog takes them
    if (c.ok()) flood.push_back(std::move(c).value());
  }
  std::this_thread::sleep_for(milliseconds(1000));
  flood.clear();
  std::this_thread::sleep_for(milliseconds(300));
  auto c = Connect();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(
      RoundTrip(*c, ObservationEnvelope("after", "lab", "P1", 1)).status(),
      pb::ACK_STATUS_ACCEPTED);
  const std::string log = daemon_->Log();
  std::size_t failures = 0;
  for (auto at = log.find("accept failed"); at != std::string::npos;
       at = log.find("accept failed", at + 1)) {
    ++failures;
  }
  EXPECT_GT(failures, 0u) << "the descriptor limit was never reached";
  EXPECT_LT(failures, 40u) << "accept errors were retried in a busy loop";
}

}  // namespace
}  // namespace iraed::testing
