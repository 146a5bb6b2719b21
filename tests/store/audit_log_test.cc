// The SHA-256 chained audit trail on a real SQLite file: every message,
// finding and alert gets its entry in the same transaction, and the verifier
// names the first entry that was altered, inserted, deleted or re-ordered.
#include "store/audit_log.h"

#include <gtest/gtest.h>

#include "support/proto_client.h"
#include "support/store_fixture.h"

namespace iraed::store {
namespace {

namespace pb = ::iraed::v1;
using ::iraed::testing::ObservationEnvelope;

class AuditLogTest : public ::iraed::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    // A checkpoint-inhibitor patient with an ALT of grade 2: one finding
    // and one alert; then plain messages.
    File(::iraed::testing::TherapyEnvelope(
        "dose-1", "P1", pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE, "nivolumab",
        1789000000));
    pb::Envelope alt = ObservationEnvelope("alt-1", "lab", "P1", 1);
    alt.mutable_observations()->mutable_observations(0)->set_numeric(250);
    File(alt);
    for (int i = 0; i < 3; ++i) {
      File(ObservationEnvelope("m-" + std::to_string(i), "lab", "P2", 2));
    }
  }

  AuditVerdict Verify() {
    auto v = VerifyAuditLog(store_->db());
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : AuditVerdict{};
  }

  void Sql(const std::string& sql) {
    ASSERT_TRUE(store_->db().Exec(sql).ok()) << sql;
  }

  std::int64_t EntryOf(const std::string& table, std::int64_t id) {
    return Count("SELECT id FROM audit_log WHERE subject_table='" + table +
                 "' AND subject_id=" + std::to_string(id));
  }
};

TEST_F(AuditLogTest, EveryFactHasItsEntryAndTheChainVerifies) {
  const AuditVerdict v = Verify();
  EXPECT_TRUE(v.ok) << v.problem;
  // rules_loaded + 5 messages + 3 findings (ALT under CTCAE 5.0 and 6.0,
  // and the ASCO hepatitis band) + 1 alert + its 'raised' event.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE kind='rules_loaded'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE "
                  "kind='message_received'"),
            5);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE kind='finding'"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE kind='alert'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE kind='alert_raised' "
                  "AND subject_table='alert_events'"),
            1);
  EXPECT_EQ(v.entries, 11);
  // The rule versions are on record.
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE kind='rules_loaded' "
                  "AND detail LIKE '%\"ctcae\":\"ctcae-5.0/%'"),
            1);
}

TEST_F(AuditLogTest, SurvivesRestartsRejectionsAndDuplicates) {
  Open(grading::GradingOptions{});    // a restart: a second rules_loaded entry
  ASSERT_TRUE(store_->Begin().ok());  // a duplicate
  auto dup = store_->Apply(::iraed::testing::SubmissionFor(
      ObservationEnvelope("m-0", "lab", "P2", 2)));
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(dup->disposition, model::Disposition::kDuplicate);
  ASSERT_TRUE(store_->Commit().ok());
  pb::Envelope bad = ObservationEnvelope("bad-1", "lab", "P2", 1);
  bad.mutable_observations()->mutable_observations(0)->set_unit(
      std::string(3, '\0'));
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->Apply(::iraed::testing::SubmissionFor(bad)).ok());
  ASSERT_TRUE(store_->Commit().ok());
  // A group rolled back leaves no entry and no gap.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_
                  ->Apply(::iraed::testing::SubmissionFor(
                      ObservationEnvelope("gone", "lab", "P2", 1)))
                  .ok());
  store_->Rollback();
  File(ObservationEnvelope("after", "lab", "P2", 1));
  const AuditVerdict v = Verify();
  EXPECT_TRUE(v.ok) << v.problem << " at " << v.first_bad_entry;
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE kind='rules_loaded'"),
            2);
}

TEST_F(AuditLogTest, AnEditedRowIsNamed) {
  Sql("UPDATE messages SET reason = 'looks fine' WHERE id = 3");
  const AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_entry, EntryOf("messages", 3));
  EXPECT_NE(v.problem.find("messages row 3 was altered"), std::string::npos)
      << v.problem;
}

TEST_F(AuditLogTest, AnEditedFindingIsNamed) {
  Sql("UPDATE findings SET grade = 1");
  const AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_entry, EntryOf("findings", 1));
}

TEST_F(AuditLogTest, ADeletedEntryIsNamed) {
  Sql("DELETE FROM audit_log WHERE id = 4");
  const AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_entry, 5);
  EXPECT_NE(v.problem.find("entry 4 is missing"), std::string::npos)
      << v.problem;
}

TEST_F(AuditLogTest, ADeletedRowIsNamed) {
  Sql("DELETE FROM alert_findings");
  Sql("DELETE FROM alert_events");
  Sql("DELETE FROM alert_status");
  Sql("DELETE FROM alerts");
  const AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_entry, EntryOf("alerts", 1));
  EXPECT_NE(v.problem.find("missing"), std::string::npos) << v.problem;
}

TEST_F(AuditLogTest, ReorderedEntriesAreNamed) {
  Sql("UPDATE audit_log SET id = -1 WHERE id = 5");
  Sql("UPDATE audit_log SET id = 5 WHERE id = 6");
  Sql("UPDATE audit_log SET id = 6 WHERE id = -1");
  const AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_entry, 5);
}

TEST_F(AuditLogTest, AnAlteredOrInsertedEntryIsNamed) {
  Sql("UPDATE audit_log SET recorded_at_ms = recorded_at_ms + 1 WHERE id = 7");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_entry, 7);
  EXPECT_NE(v.problem.find("entry itself was altered"), std::string::npos);
}

TEST_F(AuditLogTest, ARowAddedBehindIraedsBackIsFound) {
  Sql("INSERT INTO messages (protocol, peer, received_at_ms, outcome, "
      "raw_size, raw) VALUES ('protobuf', 'x', 0, 'rejected', 0, x'')");
  const AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.problem.find("1 messages row(s) have no audit entry"),
            std::string::npos)
      << v.problem;
}

TEST(Sha256HexTest, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace iraed::store
