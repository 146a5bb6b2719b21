// The keyed audit trail (auth/audit_key.h) on a real SQLite file: entries
// carry an HMAC-SHA256 under the site's key; a history rewritten by someone
// who can write the database but not read the key still passes the plain
// SHA-256 chain and fails with the key.
#include "auth/audit_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <vector>

#include "store/audit_log.h"
#include "support/proto_client.h"
#include "support/store_fixture.h"

namespace iraed::store {
namespace {

using ::iraed::auth::ReadAuditKeyFile;
using ::iraed::auth::WriteNewAuditKeyFile;
using ::iraed::testing::ObservationEnvelope;

AuditKey Key(char c) { return AuditKey{std::string(32, c)}; }

TEST(AuditKeyTest, MacAndFingerprintMatchAnIndependentHmac) {
  // python3: hmac.new(b'k'*32, b'iraed-audit-mac-v1|' + b'a'*64, sha256)
  EXPECT_EQ(AuditEntryMac(Key('k'), std::string(64, 'a')),
            "f40eef0ce6c63018065795170eaf0763b5bd681879ea119aa6a2706274650585");
  EXPECT_EQ(Key('k').Fingerprint(), "5e318f8cf9cbe249");
}

TEST(AuditKeyTest, KeyFilesAreCheckedAndNewOnesArePrivate) {
  ::iraed::testing::TempDir dir;
  const std::string path = dir.File("audit.key");
  EXPECT_FALSE(ReadAuditKeyFile(path).ok());  // missing
  ASSERT_TRUE(WriteNewAuditKeyFile(path).ok());
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto key = ReadAuditKeyFile(path);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->bytes.size(), 64u);  // the newline is not part of it
  EXPECT_FALSE(WriteNewAuditKeyFile(path).ok());  // never overwritten
  auto again = ReadAuditKeyFile(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bytes, key->bytes);
  // Group-readable is fine (the iraed group); others never.
  ::chmod(path.c_str(), 0640);
  EXPECT_TRUE(ReadAuditKeyFile(path).ok());
  ::chmod(path.c_str(), 0644);
  auto open = ReadAuditKeyFile(path);
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("others may read"), std::string::npos);
  // Short keys are refused: 31 bytes no, 32 yes.
  const std::string short_path = dir.File("short.key");
  std::ofstream(short_path) << std::string(31, 'x') << "\n";
  ::chmod(short_path.c_str(), 0600);
  EXPECT_FALSE(ReadAuditKeyFile(short_path).ok());
  std::ofstream(short_path) << std::string(32, 'x') << "\n";
  EXPECT_TRUE(ReadAuditKeyFile(short_path).ok());
}

class KeyedAuditTest : public ::iraed::testing::StoreTest {
 protected:
  void SetUp() override {
    audit_key_ = Key('k');
    StoreTest::SetUp();
    for (int i = 0; i < 3; ++i) {
      File(ObservationEnvelope("m-" + std::to_string(i), "lab", "P2", 2));
    }
  }

  AuditVerdict Verify(const AuditKey* key) {
    auto v = VerifyAuditLog(store_->db(), key);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : AuditVerdict{};
  }

  // What someone who can write the database but not read the key does:
  // alters a message, then rebuilds the whole chain over the altered rows
  // with iraed's own code (no key), so every SHA-256 matches again.
  void RewriteHistory() {
    struct Old {
      std::string kind, table, detail;
      std::int64_t subject = 0, at = 0;
    };
    std::vector<Old> old;
    {
      auto q = store_->db().Prepare(
          "SELECT kind, coalesce(subject_table, ''), detail, "
          "coalesce(subject_id, 0), recorded_at_ms FROM audit_log ORDER BY "
          "id");
      ASSERT_TRUE(q.ok());
      while (*q->Step()) {
        old.push_back({q->ColumnText(0), q->ColumnText(1), q->ColumnText(2),
                       q->ColumnInt(3), q->ColumnInt(4)});
      }
    }
    ASSERT_TRUE(store_->db()
                    .Exec("UPDATE messages SET source = 'forged' WHERE id = 1")
                    .ok());
    ASSERT_TRUE(store_->db().Exec("BEGIN; DELETE FROM audit_log").ok());
    auto forger = AuditLog::Prepare(store_->db());  // no key
    ASSERT_TRUE(forger.ok());
    for (const Old& e : old) {
      const Status s =
          e.table.empty()
              ? (*forger)->AppendEvent(e.kind, e.detail, e.at)
              : (*forger)->AppendRow(e.kind, e.table, e.subject, e.at);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
    ASSERT_TRUE(store_->db().Exec("COMMIT").ok());
  }
};

TEST_F(KeyedAuditTest, EveryEntryCarriesAMacThatVerifiesWithTheKey) {
  const AuditKey key = Key('k');
  const AuditVerdict with = Verify(&key);
  EXPECT_TRUE(with.ok) << with.problem;
  EXPECT_TRUE(with.key_checked);
  EXPECT_EQ(with.keyed_entries, with.entries);
  EXPECT_GE(with.entries, 4);
  // Without the key the plain chain is checked and the MACs counted.
  const AuditVerdict without = Verify(nullptr);
  EXPECT_TRUE(without.ok) << without.problem;
  EXPECT_FALSE(without.key_checked);
  EXPECT_EQ(without.keyed_entries, with.entries);
  // Another key does not match from the first entry on.
  const AuditKey other = Key('o');
  const AuditVerdict wrong = Verify(&other);
  EXPECT_FALSE(wrong.ok);
  EXPECT_EQ(wrong.first_bad_entry, 1);
  EXPECT_NE(wrong.problem.find("MAC does not match"), std::string::npos);
}

TEST_F(KeyedAuditTest, ARewrittenChainIsCaughtWithTheKeyAndNotWithout) {
  RewriteHistory();
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE source = 'forged'"), 1);
  const AuditVerdict without = Verify(nullptr);
  EXPECT_TRUE(without.ok) << "the forgery passes the plain chain: "
                          << without.problem;
  const AuditKey key = Key('k');
  const AuditVerdict with = Verify(&key);
  EXPECT_FALSE(with.ok);
  EXPECT_NE(with.problem.find("newest entry carries no MAC"), std::string::npos)
      << with.problem;
}

TEST_F(KeyedAuditTest, CopiedMacsDoNotFitARewrittenChain) {
  std::vector<std::string> macs;
  {
    auto q =
        store_->db().Prepare("SELECT entry_mac FROM audit_log ORDER BY id");
    ASSERT_TRUE(q.ok());
    while (*q->Step()) macs.push_back(q->ColumnText(0));
  }
  RewriteHistory();
  for (std::size_t i = 0; i < macs.size(); ++i) {
    auto u = store_->db().Prepare(
        "UPDATE audit_log SET entry_mac = ?1 WHERE id = ?2");
    ASSERT_TRUE(u.ok());
    u->Bind(1, macs[i]).Bind(2, static_cast<std::int64_t>(i + 1));
    ASSERT_TRUE(u->Run().ok());
  }
  const AuditKey key = Key('k');
  const AuditVerdict with = Verify(&key);
  EXPECT_FALSE(with.ok);
  EXPECT_NE(with.problem.find("MAC does not match"), std::string::npos)
      << with.problem;
}

TEST_F(KeyedAuditTest, EntriesWrittenWithoutTheKeyAreCoveredByALaterMac) {
  const AuditKey key = Key('k');
  audit_key_.reset();  // a restart without the key
  Open(grading::GradingOptions{});
  File(ObservationEnvelope("unkeyed", "lab", "P3", 2));
  const AuditVerdict gap = Verify(&key);
  EXPECT_FALSE(gap.ok);
  EXPECT_NE(gap.problem.find("newest entry carries no MAC"), std::string::npos);
  audit_key_ = key;  // the key is back: the newest MAC covers the gap
  Open(grading::GradingOptions{});
  File(ObservationEnvelope("keyed-again", "lab", "P3", 2));
  const AuditVerdict back = Verify(&key);
  EXPECT_TRUE(back.ok) << back.problem;
  EXPECT_LT(back.keyed_entries, back.entries);
}

TEST_F(KeyedAuditTest, TheHeadIsTheNewestEntryWithItsMac) {
  auto head = ReadAuditHead(store_->db());
  ASSERT_TRUE(head.ok());
  ASSERT_TRUE(head->has_value());
  EXPECT_EQ((*head)->id, Count("SELECT max(id) FROM audit_log"));
  EXPECT_EQ((*head)->entry_mac, AuditEntryMac(Key('k'), (*head)->entry_sha256));
}

}  // namespace
}  // namespace iraed::store
