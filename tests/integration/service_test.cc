// iraed as a hospital service (issue 12), against the real daemon and
// iraectl: patient data at rest is readable by its owner only; systemd's
// notification protocol over a real datagram socket.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "common/json.h"
#include "integration/integration_fixture.h"

namespace iraed::testing {
namespace {

namespace pb = ::iraed::v1;

unsigned ModeOf(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return 07777;  // missing: never 0600
  return st.st_mode & 07777;
}

// Sets a umask for the scope (children inherit it).
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
  ~ScopedUmask() { ::umask(old_); }

 private:
  mode_t old_;
};

// A systemd notification socket: collects the datagrams iraed sends.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    path.copy(addr.sun_path, sizeof addr.sun_path - 1);
    bound_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    timeval tv{0, 200 * 1000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~NotifySocket() { ::close(fd_); }
  bool bound() const { return bound_; }
  const std::string& path() const { return path_; }

  // Reads datagrams until one contains `what` (true) or `seconds` pass.
  bool WaitFor(const std::string& what, int seconds = 30) {
    for (int i = 0; i < seconds * 5; ++i) {
      char buf[4096];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) continue;
      received_.emplace_back(buf, static_cast<std::size_t>(n));
      if (received_.back().find(what) != std::string::npos) return true;
    }
    return false;
  }
  std::string All() const {
    std::string all;
    for (const auto& r : received_) all += r + "|";
    return all;
  }

 private:
  std::string path_;
  int fd_ = -1;
  bool bound_ = false;
  std::vector<std::string> received_;
};

class ServiceTest : public DaemonTest {
 protected:
  CommandResult Ctl(std::vector<std::string> args) {
    std::vector<std::string> argv = {IRAECTL_BINARY, "--db", db_path()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  // Writes the config file the daemon reads (at start and on SIGHUP).
  std::string WriteConfig(const std::string& text) {
    const std::string path = dir_.File("iraed.conf");
    std::ofstream(path, std::ios::trunc) << text;
    return path;
  }

  // A nivolumab patient with an ALT of 250 U/L (grade 2): one alert.
  void RaiseAlertFor(ProtoClient& c, const std::string& patient) {
    auto dose = TherapyEnvelope("dose-" + patient, patient,
                                pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE,
                                "nivolumab", 1789000000);
    ASSERT_EQ(RoundTrip(c, dose).status(), pb::ACK_STATUS_ACCEPTED);
    auto alt = ObservationEnvelope("alt-" + patient, "lab", patient, 1);
    alt.mutable_observations()->mutable_observations(0)->set_numeric(250);
    ASSERT_EQ(RoundTrip(c, alt).status(), pb::ACK_STATUS_ACCEPTED);
  }

  // Waits (up to 60 s) until the daemon's log holds `text`.
  bool WaitForLog(const std::string& text) {
    for (int i = 0; i < 600; ++i) {
      if (daemon_->Log().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  bool WaitForCount(const std::string& sql, std::int64_t n) {
    for (int i = 0; i < 600; ++i) {
      if (Count(sql) >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // SQL counting the escalations of `patient`'s alerts.
  static std::string EscalationsOf(const std::string& patient) {
    return "SELECT count(*) FROM alert_events e JOIN alerts a ON a.id = "
           "e.alert JOIN patients p ON p.id = a.patient_id WHERE e.kind = "
           "'escalated' AND p.identifier = '" +
           patient + "'";
  }

  static std::int64_t Occurrences(const std::string& text,
                                  const std::string& what) {
    std::int64_t n = 0;
    for (auto at = text.find(what); at != std::string::npos;
         at = text.find(what, at + 1)) {
      ++n;
    }
    return n;
  }
};

TEST_F(ServiceTest, PatientDataIsOwnerOnlyUnderAPermissiveUmask) {
  ScopedUmask permissive(0);
  db_path_ = dir_.File("state/site/iraed.db");  // folders made by iraed
  StartDaemon();
  auto c = Connect();
  auto obs = ObservationEnvelope("m1", "lab", "P1", 1);
  ASSERT_EQ(RoundTrip(*c, obs).status(), pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(ModeOf(db_path()), 0600u);
  EXPECT_EQ(ModeOf(db_path() + "-wal"), 0600u);
  EXPECT_EQ(ModeOf(db_path() + "-shm"), 0600u);
  EXPECT_EQ(ModeOf(db_path() + ".lock"), 0600u);
  EXPECT_EQ(ModeOf(dir_.File("state")), 0700u);
  EXPECT_EQ(ModeOf(dir_.File("state/site")), 0700u);

  auto backup = Ctl({"backup", dir_.File("backup.db")});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_EQ(ModeOf(dir_.File("backup.db")), 0600u);
  // An export file, even one that existed world-readable before.
  { std::ofstream(dir_.File("export.csv")) << "old"; }
  ::chmod(dir_.File("export.csv").c_str(), 0666);
  auto exported = Ctl({"export", "--from", "2000-01-01", "--to", "2100-01-01",
                       "--output", dir_.File("export.csv")});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(ModeOf(dir_.File("export.csv")), 0600u);
  std::ifstream in(dir_.File("export.csv"));
  std::string header;
  std::getline(in, header);
  EXPECT_NE(header.find("patient"), std::string::npos) << header;
}

TEST_F(ServiceTest, AnExistingSharedDatabaseIsTightenedAndLogged) {
  StartDaemon();
  ASSERT_EQ(daemon_->Terminate(), 0);
  ::chmod(db_path().c_str(), 0644);
  StartDaemon();
  EXPECT_EQ(ModeOf(db_path()), 0600u);
  const std::string log = daemon_->Log();
  EXPECT_NE(log.find("was mode 0644: others could read patient data; now "
                     "0600"),
            std::string::npos)
      << log;
}

TEST_F(ServiceTest, TellsSystemdWhenReadyAliveAndStopping) {
  NotifySocket notify(dir_.File("notify.sock"));
  ASSERT_TRUE(notify.bound());
  ::setenv("NOTIFY_SOCKET", notify.path().c_str(), 1);
  ::setenv("WATCHDOG_USEC", "400000", 1);  // 0.4 s: fed every 0.1 s
  StartDaemon();
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  ASSERT_TRUE(notify.WaitFor("READY=1")) << notify.All();
  EXPECT_NE(notify.All().find("STATUS=serving: protobuf on 127.0.0.1:"),
            std::string::npos)
      << notify.All();
  ASSERT_TRUE(notify.WaitFor("WATCHDOG=1")) << notify.All();
  ASSERT_TRUE(notify.WaitFor("WATCHDOG=1")) << notify.All();
  // The status line follows what is stored.
  auto c = Connect();
  ASSERT_EQ(RoundTrip(*c, ObservationEnvelope("m1", "lab", "P1", 1)).status(),
            pb::ACK_STATUS_ACCEPTED);
  EXPECT_TRUE(notify.WaitFor("1 messages stored since start")) << notify.All();
  daemon_->Signal(SIGTERM);
  EXPECT_TRUE(notify.WaitFor("STOPPING=1")) << notify.All();
  EXPECT_EQ(daemon_->WaitExit(std::chrono::seconds(30)), 0);
}

TEST_F(ServiceTest, LogsInJournalAndJsonFormats) {
  StartDaemon({"--log-format", "journal"});
  ASSERT_EQ(daemon_->Terminate(), 0);
  std::istringstream journal(daemon_->Log());
  int lines = 0;
  for (std::string line; std::getline(journal, line);) {
    if (line.empty()) continue;
    ++lines;
    ASSERT_TRUE(line.size() > 3 && line[0] == '<' && line[2] == '>' &&
                line[1] >= '2' && line[1] <= '7')
        << line;
  }
  EXPECT_GT(lines, 2);
  EXPECT_NE(daemon_->Log().find("<6>main: ready"), std::string::npos);

  StartDaemon({"--log-format", "json"});
  ASSERT_EQ(daemon_->Terminate(), 0);
  std::istringstream json(daemon_->Log());
  bool ready = false;
  for (std::string line; std::getline(json, line);) {
    if (line.empty() || line[0] != '{') continue;  // the journal run above
    auto j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(j.is_object()) << line;
    for (const char* key :
         {"time", "level", "priority", "component", "message"}) {
      EXPECT_TRUE(j.contains(key)) << key << " in " << line;
    }
    if (j.value("message", "") == "ready") {
      ready = true;
      EXPECT_EQ(j.value("level", ""), "info");
      EXPECT_EQ(j.value("priority", 0), 6);
      EXPECT_EQ(j.value("component", ""), "main");
    }
  }
  EXPECT_TRUE(ready) << daemon_->Log();
  // A format iraed does not know stops start-up with exit status 2.
  auto bad = RunCommand({IRAED_BINARY, "--log-format", "xml"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--log-format: 'xml'"), std::string::npos) << bad.err;
}

TEST_F(ServiceTest, SighupChangesTheEscalationPolicyAndRefusesABrokenConfig) {
  const std::string slow =
      "alerting { realert_min_interval_minutes: 0\n"
      "  escalation { grade: 2 acknowledge_within_seconds: 3600 "
      "repeat_every_seconds: 3600 max_escalations: 1 route: \"nurse\" "
      "route: \"fellow\" } }\n";
  const std::string conf = WriteConfig(slow);
  StartDaemon({"--config", conf});
  auto c = Connect();
  RaiseAlertFor(*c, "P1");  // under the slow policy
  // A fast policy and debug logging, live.
  WriteConfig(
      "logging { level: \"debug\" }\n"
      "alerting { realert_min_interval_minutes: 0\n"
      "  escalation { grade: 2 acknowledge_within_seconds: 1 "
      "repeat_every_seconds: 1 max_escalations: 1 route: \"nurse\" "
      "route: \"fellow\" } }\n"
      "storage { cache_kib: 4096 }\n");
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(WaitForLog("SIGHUP: configuration reloaded from " + conf))
      << daemon_->Log();
  EXPECT_NE(daemon_->Log().find("SIGHUP: storage.cache_kib changed; it "
                                "takes effect at restart"),
            std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE kind = "
                  "'config_loaded'"),
            2);
  RaiseAlertFor(*c, "P2");  // under the fast policy
  ASSERT_TRUE(WaitForCount(EscalationsOf("P2"), 1));
  EXPECT_EQ(Count(EscalationsOf("P1")), 0)
      << "an alert keeps the policy it was raised under";
  EXPECT_NE(daemon_->Log().find("debug store: committed group"),
            std::string::npos)
      << "the new log level is live";

  // A broken config is refused with its file:line, and nothing changes.
  WriteConfig("alerting { escalation { grade: 9 } }\nnonsense {\n");
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(WaitForLog("SIGHUP: configuration reload refused: " + conf));
  EXPECT_NE(daemon_->Log().find("the running configuration stays in force"),
            std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE kind = "
                  "'config_loaded'"),
            2);
  RaiseAlertFor(*c, "P3");  // still the fast policy
  EXPECT_TRUE(WaitForCount(EscalationsOf("P3"), 1));
  EXPECT_EQ(Ctl({"audit", "verify"}).exit_code, 0);
  EXPECT_EQ(daemon_->Terminate(), 0);
}

TEST_F(ServiceTest, AKeyedAuditTrailIsWitnessedInTheLog) {
  const std::string key = dir_.File("audit.key");
  auto keygen = RunCommand({IRAECTL_BINARY, "audit", "keygen", key});
  ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
  EXPECT_EQ(ModeOf(key), 0600u);
  // A key others can read stops start-up (exit 2), naming the file.
  ::chmod(key.c_str(), 0644);
  const std::string conf = WriteConfig("audit { key_file: \"" + key +
                                       "\" witness_interval_seconds: 10 }\n");
  auto refused = RunCommand({IRAED_BINARY, "--config", conf, "--db", db_path(),
                             "--proto-listen", "127.0.0.1:0"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("audit.key_file: audit key file " + key +
                             ": others may read"),
            std::string::npos)
      << refused.err;
  ::chmod(key.c_str(), 0640);
  StartDaemon({"--config", conf, "--log-format", "journal"});
  auto c = Connect();
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(RoundTrip(*c, ObservationEnvelope("m" + std::to_string(i), "lab",
                                                "P1", 1))
                  .status(),
              pb::ACK_STATUS_ACCEPTED);
  }
  ASSERT_EQ(daemon_->Terminate(), 0);
  // The head at open and at shutdown, at notice level (priority 5).
  EXPECT_NE(daemon_->Log().find("<5>audit: audit chain head (at open): entry="),
            std::string::npos)
      << daemon_->Log();
  const std::string at_shutdown =
      "<5>audit: audit chain head (at shutdown): "
      "entry=" +
      std::to_string(Count("SELECT max(id) FROM audit_log")) + " sha256=";
  EXPECT_NE(daemon_->Log().find(at_shutdown), std::string::npos)
      << daemon_->Log();
  EXPECT_EQ(Occurrences(daemon_->Log(), " mac=none"), 0);

  auto with_key = Ctl({"audit", "verify", "--key-file", key});
  EXPECT_EQ(with_key.exit_code, 0) << with_key.out << with_key.err;
  EXPECT_NE(with_key.out.find("carry a MAC that matches key"),
            std::string::npos)
      << with_key.out;
  auto without = Ctl({"audit", "verify"});
  EXPECT_EQ(without.exit_code, 0);
  EXPECT_NE(without.out.find("not checked: give --key-file"), std::string::npos)
      << without.out;
  // Entries appended behind iraed's back without the key (a forger who can
  // write the database): the plain chain can be made to verify, the key
  // cannot be fooled. Here: strip the newest MAC.
  {
    auto db = store::Database::Open(db_path(),
                                    store::Database::Mode::kReadWriteCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE audit_log SET entry_mac = NULL WHERE id = "
                         "(SELECT max(id) FROM audit_log)")
                    .ok());
  }
  EXPECT_EQ(Ctl({"audit", "verify"}).exit_code, 0);
  auto caught = Ctl({"audit", "verify", "--key-file", key});
  EXPECT_EQ(caught.exit_code, 3) << caught.out;
  EXPECT_NE(caught.out.find("newest entry carries no MAC"), std::string::npos)
      << caught.out;
}

}  // namespace
}  // namespace iraed::testing
