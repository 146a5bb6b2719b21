#include "store/message_store.h"

#include <gtest/gtest.h>

#include "schema/migrations.h"
#include "store/migrations.h"
#include "support/daemon_process.h"
#include "support/proto_client.h"
#include "support/sql_count.h"
#include "support/submissions.h"

namespace iraed::store {
namespace {

using ::iraed::testing::ObservationEnvelope;
using ::iraed::testing::SubmissionFor;
using ::iraed::testing::TempDir;
namespace pb = ::iraed::v1;

class MessageStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    StoreOptions o;
    o.path = dir_.File("db/iraed.db");  // the folder does not exist yet
    auto s = MessageStore::Open(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  // Files one submission in its own group and commits it.
  model::Outcome File(const model::Submission& s) {
    EXPECT_TRUE(store_->Begin().ok());
    auto outcome = store_->Apply(s);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    EXPECT_TRUE(store_->Commit().ok());
    return outcome.ok() ? *outcome : model::Outcome{};
  }

  std::int64_t Count(const std::string& sql) {
    return ::iraed::testing::QueryCount(store_->db(), sql);
  }

  TempDir dir_;
  std::unique_ptr<MessageStore> store_;
};

TEST_F(MessageStoreTest, AcceptedMessageStoresEveryRow) {
  auto env = ObservationEnvelope("m-1", "lab", "P1", 10);
  auto outcome = File(SubmissionFor(env));
  EXPECT_EQ(outcome.disposition, model::Disposition::kAccepted);
  EXPECT_GT(outcome.message_row, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='accepted'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 10);
  EXPECT_EQ(Count("SELECT count(*) FROM patients"), 1);
  EXPECT_EQ(Count("SELECT raw_size FROM messages"),
            static_cast<std::int64_t>(env.ByteSizeLong()));
  EXPECT_EQ(Count("SELECT count(*) FROM observations WHERE code='1742-6' AND "
                  "value_numeric=29 AND unit='U/L' AND ref_high=56 AND "
                  "status='final'"),
            1);
}

TEST_F(MessageStoreTest, RawBytesAreKeptExactly) {
  auto env = ObservationEnvelope("m-1", "lab", "P1", 2);
  File(SubmissionFor(env));
  auto q = store_->db().Prepare("SELECT raw FROM messages");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(*q->Step());
  EXPECT_EQ(q->ColumnText(0), env.SerializeAsString());
}

TEST_F(MessageStoreTest, DuplicateIsStoredButNotApplied) {
  auto env = ObservationEnvelope("m-1", "lab", "P1", 10);
  File(SubmissionFor(env));
  auto dup = File(SubmissionFor(env));
  EXPECT_EQ(dup.disposition, model::Disposition::kDuplicate);
  EXPECT_TRUE(dup.reason.empty());
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 10);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='duplicate' "
                  "AND duplicate_of IS NOT NULL"),
            1);
}

TEST_F(MessageStoreTest, DuplicateWithOtherContentIsFlagged) {
  File(SubmissionFor(ObservationEnvelope("m-1", "lab", "P1", 10)));
  auto dup = File(SubmissionFor(ObservationEnvelope("m-1", "lab", "P1", 9)));
  EXPECT_EQ(dup.disposition, model::Disposition::kDuplicate);
  EXPECT_NE(dup.reason.find("content differs"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 10);
}

TEST_F(MessageStoreTest, DuplicateWithinOneGroupIsCaught) {
  auto env = ObservationEnvelope("m-1", "lab", "P1", 3);
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(store_->Apply(SubmissionFor(env))->disposition,
            model::Disposition::kAccepted);
  EXPECT_EQ(store_->Apply(SubmissionFor(env))->disposition,
            model::Disposition::kDuplicate);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 3);
}

TEST_F(MessageStoreTest, SameIdFromAnotherSourceIsAnotherMessage) {
  File(SubmissionFor(ObservationEnvelope("m-1", "lab", "P1", 1)));
  auto other = File(SubmissionFor(ObservationEnvelope("m-1", "icu", "P1", 1)));
  EXPECT_EQ(other.disposition, model::Disposition::kAccepted);
}

TEST_F(MessageStoreTest, RejectedMessageIsKeptWithReason) {
  auto env = ObservationEnvelope("m-1", "lab", "P1", 2);
  env.mutable_observations()->mutable_observations(1)->clear_observed_at();
  auto outcome = File(SubmissionFor(env));
  EXPECT_EQ(outcome.disposition, model::Disposition::kRejected);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE outcome='rejected' AND "
                  "reason LIKE 'observations.observations[1].observed_at%' "
                  "AND message_id='m-1' AND length(raw)>0"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM patients"), 0);
}

TEST_F(MessageStoreTest, CorrectedResendAfterRejectionIsAccepted) {
  auto bad = ObservationEnvelope("m-1", "lab", "P1", 2);
  bad.mutable_observations()->mutable_observations(1)->clear_observed_at();
  File(SubmissionFor(bad));
  auto good = File(SubmissionFor(ObservationEnvelope("m-1", "lab", "P1", 2)));
  EXPECT_EQ(good.disposition, model::Disposition::kAccepted);
}

TEST_F(MessageStoreTest, UndecodableFrameIsKept) {
  auto s = ingest::BuildProtoSubmission("\x08\xff garbage", "peer", 1);
  auto outcome = File(s);
  EXPECT_EQ(outcome.disposition, model::Disposition::kRejected);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE message_id IS NULL "
                  "AND source IS NULL AND outcome='rejected'"),
            1);
}

TEST_F(MessageStoreTest, PatientsAreReusedByAuthorityAndId) {
  File(SubmissionFor(ObservationEnvelope("m-1", "lab", "P1", 1)));
  File(SubmissionFor(ObservationEnvelope("m-2", "lab", "P1", 1)));
  auto other_authority = ObservationEnvelope("m-3", "lab", "P1", 1);
  other_authority.mutable_observations()
      ->mutable_patient()
      ->set_assigning_authority("OTHER");
  File(SubmissionFor(other_authority));
  EXPECT_EQ(Count("SELECT count(*) FROM patients"), 2);
}

TEST_F(MessageStoreTest, EveryBodyKindLandsInItsTable) {
  pb::Envelope med;
  med.set_message_id("med");
  med.set_source("mar");
  auto* m = med.mutable_medication_administration();
  m->mutable_patient()->set_id("P1");
  m->mutable_drug()->set_system("RXNORM");
  m->mutable_drug()->set_code("612865");
  m->mutable_drug()->set_display("tocilizumab");
  m->set_dose(560);
  m->set_dose_unit("mg");
  m->mutable_started_at()->set_seconds(1790000000);
  m->set_status(pb::ADMINISTRATION_STATUS_COMPLETED);
  EXPECT_EQ(File(SubmissionFor(med)).disposition,
            model::Disposition::kAccepted);

  pb::Envelope therapy;
  therapy.set_message_id("car-t");
  therapy.set_source("cell-therapy");
  auto* t = therapy.mutable_therapy_event();
  t->mutable_patient()->set_id("P1");
  t->set_kind(pb::THERAPY_KIND_CAR_T_INFUSION);
  t->mutable_product()->set_display("axicabtagene ciloleucel");
  t->mutable_administered_at()->set_seconds(1790000000);
  EXPECT_EQ(File(SubmissionFor(therapy)).disposition,
            model::Disposition::kAccepted);

  pb::Envelope merge;
  merge.set_message_id("adt");
  merge.set_source("adt");
  auto* e = merge.mutable_patient_event();
  e->mutable_patient()->set_id("P1");
  e->set_kind(pb::PATIENT_EVENT_KIND_MERGED);
  e->mutable_merged_from()->set_id("P0");
  e->mutable_occurred_at()->set_seconds(1790000000);
  EXPECT_EQ(File(SubmissionFor(merge)).disposition,
            model::Disposition::kAccepted);

  EXPECT_EQ(Count("SELECT count(*) FROM medication_administrations WHERE "
                  "drug_code='612865' AND dose=560 AND rate IS NULL AND "
                  "status='completed'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM therapies WHERE "
                  "kind='car_t_infusion' AND target=''"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM patient_events WHERE kind='merged' "
                  "AND merged_from IS NOT NULL"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM patients p JOIN patients q ON "
                  "p.merged_into=q.id WHERE p.identifier='P0' AND "
                  "p.status='merged' AND q.identifier='P1'"),
            1);
}

TEST_F(MessageStoreTest, AlternateCodesAreStored) {
  auto env = ObservationEnvelope("m-1", "lab", "P1", 1);
  auto* alt = env.mutable_observations()
                  ->mutable_observations(0)
                  ->add_alternate_codes();
  alt->set_system("L");
  alt->set_code("ALT");
  File(SubmissionFor(env));
  EXPECT_EQ(Count("SELECT count(*) FROM observation_alternate_codes WHERE "
                  "code_system='L' AND code='ALT'"),
            1);
}

TEST_F(MessageStoreTest, RolledBackGroupLeavesNothing) {
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(
      store_->Apply(SubmissionFor(ObservationEnvelope("m-1", "lab", "P1", 5)))
          .ok());
  store_->Rollback();
  EXPECT_EQ(Count("SELECT count(*) FROM messages"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 0);
}

TEST_F(MessageStoreTest, ReopenKeepsDataAndSchema) {
  File(SubmissionFor(ObservationEnvelope("m-1", "lab", "P1", 4)));
  Reopen();
  EXPECT_EQ(Count("PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 4);
  EXPECT_EQ(File(SubmissionFor(ObservationEnvelope("m-1", "lab", "P1", 4)))
                .disposition,
            model::Disposition::kDuplicate);
}

TEST_F(MessageStoreTest, UsesWalAndFullSync) {
  auto q = store_->db().Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(*q->Step());
  EXPECT_EQ(q->ColumnText(0), "wal");
  EXPECT_EQ(Count("PRAGMA synchronous"), 2);  // FULL
}

// Schema 10: the JSON columns refuse what is not JSON (a bug that built
// evidence by hand would fail its message, never store it silently).
TEST_F(MessageStoreTest, JsonColumnsRefuseWhatIsNotJson) {
  File(SubmissionFor(ObservationEnvelope("m-1", "lab", "P1", 1)));
  Database& db = store_->db();
  const std::string finding =
      "INSERT INTO findings (patient_id, term, grading_system, grade, "
      "previous_grade, observed_at, observed_at_ms, recorded_at_ms, "
      "rule_version, provisional, evidence, message) VALUES (1, 'x', "
      "'CTCAE 5.0', 1, 0, '2026-01-01', 0, 0, 'v', 0, ";
  Status bad = db.Exec(finding + "'{\"rule\": ', 1)");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("findings.evidence is not valid JSON"),
            std::string::npos)
      << bad.message();
  EXPECT_TRUE(db.Exec(finding + "'{\"rule\": \"r\"}', 1)").ok());
  Status update = db.Exec("UPDATE findings SET evidence = 'no'");
  EXPECT_FALSE(update.ok());
  const std::string alert =
      "INSERT INTO alerts (patient_id, syndrome, grade, previous_grade, "
      "raised_at, raised_at_ms, observed_at, summary, action, finding_ids, "
      "provisional, rule_version, message) VALUES (1, 'Hepatitis', 2, 0, "
      "'t', 0, 't', 's', 'a', ";
  Status object = db.Exec(alert + "'{\"id\": 1}', 0, 'v', 1)");
  EXPECT_NE(object.message().find("alerts.finding_ids is not a JSON array"),
            std::string::npos)
      << object.message();
  EXPECT_TRUE(db.Exec(alert + "'[1]', 0, 'v', 1)").ok());
  Status event = db.Exec(
      "INSERT INTO alert_events (alert, kind, at, at_ms, detail) "
      "VALUES (1, 'raised', 't', 0, 'policy: none')");
  EXPECT_NE(event.message().find("alert_events.detail is not valid JSON"),
            std::string::npos)
      << event.message();
}

TEST(MigrationsTest, RefusesADatabaseFromANewerIraed) {
  TempDir dir;
  {
    auto db =
        Database::Open(dir.File("x.db"), Database::Mode::kReadWriteCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 999").ok());
  }
  StoreOptions o;
  o.path = dir.File("x.db");
  auto s = MessageStore::Open(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.status().message().find("newer"), std::string::npos);
}

TEST(MigrationsTest, VersionsAreDenseFromOne) {
  int expected = 1;
  for (const auto& m : schema::Migrations()) EXPECT_EQ(m.version, expected++);
  EXPECT_EQ(LatestSchemaVersion(), expected - 1);
}

}  // namespace
}  // namespace iraed::store
