// A real full disk: the database on a tiny tmpfs that the test fills up.
// The daemon must answer UNAVAILABLE, keep running, never acknowledge what
// it did not store, and recover once space is freed. Needs root to mount;
// skipped elsewhere.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "integration/integration_fixture.h"

namespace iraed::testing {
namespace {

namespace pb = ::iraed::v1;

class DiskFullTest : public DaemonTest {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to mount a tmpfs";
    mount_ = dir_.File("small");
    std::filesystem::create_directories(mount_);
    auto r = RunCommand(
        {"/bin/mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount_});
    if (r.exit_code != 0) GTEST_SKIP() << "cannot mount tmpfs: " << r.err;
    mounted_ = true;
  }
  void TearDown() override {
    if (daemon_) daemon_->Kill();
    if (mounted_) RunCommand({"/bin/umount", "-l", mount_});
  }

  // Writes zeros into mount_/filler until the file system is full.
  void FillDisk() {
    std::ofstream out(mount_ + "/filler", std::ios::binary);
    std::string chunk(64 * 1024, '\0');
    while (out.write(chunk.data(), chunk.size())) {
    }
  }

  std::string mount_;
  bool mounted_ = false;
};

TEST_F(DiskFullTest, AnswersUnavailableAndRecoversWhenSpaceReturns) {
  db_path_ = mount_ + "/iraed.db";
  StartDaemon();
  auto c = Connect();
  ASSERT_EQ(
      RoundTrip(*c, ObservationEnvelope("first", "lab", "P1", 10)).status(),
      pb::ACK_STATUS_ACCEPTED);
  FillDisk();
  std::vector<std::string> accepted = {"first"};
  std::string refused;
  for (int i = 0; i < 2000 && refused.empty(); ++i) {
    const std::string id = "m-" + std::to_string(i);
    auto ack = RoundTrip(*c, ObservationEnvelope(id, "lab", "P1", 10));
    if (ack.status() == pb::ACK_STATUS_ACCEPTED) {
      accepted.push_back(id);
    } else {
      ASSERT_EQ(ack.status(), pb::ACK_STATUS_UNAVAILABLE) << ack.reason();
      refused = id;
    }
  }
  ASSERT_FALSE(refused.empty()) << "the disk never filled up";
  // Still full: still refused, and the daemon is still running.
  EXPECT_EQ(
      RoundTrip(*c, ObservationEnvelope(refused, "lab", "P1", 10)).status(),
      pb::ACK_STATUS_UNAVAILABLE);
  EXPECT_FALSE(daemon_->WaitExit(std::chrono::milliseconds(10)).has_value());
  std::filesystem::remove(mount_ + "/filler");
  EXPECT_EQ(
      RoundTrip(*c, ObservationEnvelope(refused, "lab", "P1", 10)).status(),
      pb::ACK_STATUS_ACCEPTED);
  accepted.push_back(refused);
  EXPECT_EQ(daemon_->Terminate(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='accepted'"),
            static_cast<std::int64_t>(accepted.size()));
  EXPECT_EQ(Count("SELECT count(*) FROM observations"),
            static_cast<std::int64_t>(accepted.size()) * 10);
  const std::string log = daemon_->Log();
  EXPECT_NE(log.find("storage failure"), std::string::npos);
  EXPECT_NE(log.find("storage recovered"), std::string::npos);
}

// Freed space is not refilled by the WAL at once: after recovery the WAL is
// truncated and kept small, so the daemon keeps taking messages in the
// space an operator freed (before, it wedged again within ~90 messages).
TEST_F(DiskFullTest, FreedSpaceIsNotRefilledByTheWal) {
  db_path_ = mount_ + "/iraed.db";
  StartDaemon();
  auto c = Connect();
  // A filler of 1 MiB the operator will delete, then the rest filled.
  {
    std::ofstream spare(mount_ + "/spare", std::ios::binary);
    std::string mib(1 << 20, '\0');
    spare.write(mib.data(), mib.size());
  }
  FillDisk();
  int i = 0;
  for (; i < 5000; ++i) {
    auto ack = RoundTrip(
        *c, ObservationEnvelope("m-" + std::to_string(i), "lab", "P1", 10));
    if (ack.status() != pb::ACK_STATUS_ACCEPTED) break;
  }
  ASSERT_LT(i, 5000) << "the disk never filled up";
  std::filesystem::remove(mount_ + "/filler");
  std::filesystem::remove(mount_ + "/spare");
  // Well over what the shipped WAL settings let through before.
  int accepted = 0;
  for (int k = 0; k < 400; ++k) {
    auto ack = RoundTrip(
        *c, ObservationEnvelope("n-" + std::to_string(k), "lab", "P1", 10));
    if (ack.status() == pb::ACK_STATUS_ACCEPTED) ++accepted;
  }
  EXPECT_EQ(accepted, 400);
  EXPECT_NE(daemon_->Log().find("WAL checkpointed"), std::string::npos)
      << daemon_->Log();
}

}  // namespace
}  // namespace iraed::testing
