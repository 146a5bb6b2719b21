// A database written before schema 6 (no alert feed, no audit entries for
// data-quality records) is upgraded: its alerts get their status and a
// 'raised' feed event, its data-quality rows their audit entries, all in the
// chain. An upgrade that fails is rolled back and retried at the next open;
// once done, a further open changes nothing.
#include <gtest/gtest.h>

#include "schema/migrations.h"
#include "store/audit_log.h"
#include "store/message_store.h"
#include "store/migrations.h"
#include "support/daemon_process.h"
#include "support/sql_count.h"

namespace iraed::store {
namespace {

using ::iraed::testing::QueryCount;

// Message 1 and patient 1, as any schema since 1 holds them.
constexpr const char* kMessageAndPatient = R"sql(
    INSERT INTO messages (id, protocol, peer, source, message_id,
        received_at_ms, outcome, raw_size, raw)
    VALUES (1, 'protobuf', '127.0.0.1:1', 'lab', 'm-1', 1790000000000,
            'accepted', 0, X'');
    INSERT INTO patients (id, assigning_authority, identifier, id_type,
                          first_message)
    VALUES (1, 'HOSP', 'P1', 'MR', 1);)sql";

// A new database at schema `version`, as the release of that schema made it.
Result<Database> DatabaseAtSchema(const std::string& path, int version) {
  ASSIGN_OR_RETURN(Database db,
                   Database::Open(path, Database::Mode::kReadWriteCreate));
  for (const schema::Migration& m : schema::Migrations()) {
    if (m.version > version) break;
    RETURN_IF_ERROR(db.Exec(m.sql));
  }
  RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(version)));
  return db;
}

TEST(SchemaUpgradeTest, AlertsAndDataQualityOfSchema5GetFeedAndAuditEntries) {
  ::iraed::testing::TempDir dir;
  const std::string path = dir.File("old.db");
  {
    auto db = DatabaseAtSchema(path, 5);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(db->Exec(R"sql(
        INSERT INTO messages (id, protocol, peer, source, message_id,
            received_at_ms, outcome, raw_size, raw)
        VALUES (1, 'protobuf', '127.0.0.1:1', 'lab', 'm-1', 1790000000000,
                'accepted', 0, X'');
        INSERT INTO patients (id, assigning_authority, identifier, id_type,
                              first_message)
        VALUES (1, 'HOSP', 'P1', 'MR', 1);
        INSERT INTO alerts (id, patient_id, syndrome, grade, previous_grade,
            raised_at, raised_at_ms, observed_at, summary, action,
            finding_ids, provisional, rule_version, message)
        VALUES (1, 1, 'Hepatitis', 2, 0, '2026-09-21T14:13:20.000Z',
                1790000000000, '2026-09-21T14:13:20.000Z', 's', 'a', '[]', 0,
                'ctcae-5.0/iraed-1', 1);
        INSERT INTO data_quality (id, message, patient_id, issue, detail,
                                  recorded_at_ms)
        VALUES (1, 1, 1, 'unknown_unit', 'd', 1790000000000);
        -- The first upgrade fails half-way (as on a full disk).
        CREATE TRIGGER disk_trouble BEFORE INSERT ON audit_log
        WHEN NEW.subject_table = 'data_quality'
        BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;
    )sql")
                    .ok());
  }
  {
    StoreOptions o;
    o.path = path;
    EXPECT_FALSE(MessageStore::Open(o).ok());
    auto db = Database::Open(path, Database::Mode::kReadWriteCreate);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(QueryCount(*db, "SELECT count(*) FROM alert_events"), 0);
    ASSERT_TRUE(db->Exec("DROP TRIGGER disk_trouble").ok());
  }
  // Retried at the next open, then never again.
  for (int open = 0; open < 2; ++open) {
    StoreOptions o;
    o.path = path;
    auto store = MessageStore::Open(o);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Database& db = (*store)->db();
    EXPECT_EQ(QueryCount(db,
                         "SELECT count(*) FROM alert_status WHERE "
                         "alert = 1 AND state = 'open' AND "
                         "next_escalation_ms IS NULL"),
              1);
    EXPECT_EQ(QueryCount(db,
                         "SELECT count(*) FROM alert_events WHERE "
                         "alert = 1 AND kind = 'raised' AND "
                         "detail LIKE '%backfilled%'"),
              1);
    EXPECT_EQ(QueryCount(db,
                         "SELECT count(*) FROM audit_log WHERE "
                         "subject_table = 'alert_events'"),
              1);
    EXPECT_EQ(QueryCount(db,
                         "SELECT count(*) FROM audit_log WHERE "
                         "subject_table = 'data_quality' AND "
                         "subject_id = 1"),
              1);
  }
}

// A database of schema 7, its rows audited with the JSON an iraed before
// issue 11 wrote by concatenation, verifies after the upgrade to schema 8
// (which rebuilds alert_events to allow system events): the canonical form
// of every row is unchanged, and the projections are recomputed from the
// old JSON by parsing it.
TEST(SchemaUpgradeTest, AnAuditedSchema7DatabaseStillVerifiesAfterSchema8) {
  ::iraed::testing::TempDir dir;
  const std::string path = dir.File("v7.db");
  {
    auto db = DatabaseAtSchema(path, 7);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(db->Exec("DELETE FROM pending_upgrades").ok());
    ASSERT_TRUE(db->Exec(R"sql(
        INSERT INTO messages (id, protocol, peer, source, message_id,
            received_at_ms, outcome, raw_size, raw)
        VALUES (1, 'protobuf', '127.0.0.1:1', 'lab', 'm-1', 1790000000000,
                'accepted', 0, X''),
               (2, 'protobuf', '127.0.0.1:2', 'notifier', 'c-1',
                1790000060000, 'accepted', 0, X'');
        INSERT INTO patients (id, assigning_authority, identifier, id_type,
                              first_message)
        VALUES (1, 'HOSP', 'P1', 'MR', 1);
        INSERT INTO alerts (id, patient_id, syndrome, grade, previous_grade,
            raised_at, raised_at_ms, observed_at, summary, action,
            finding_ids, provisional, rule_version, message)
        VALUES (1, 1, 'Hepatitis', 2, 0, '2026-09-21T14:13:20.000Z',
                1790000000000, '2026-09-21T14:13:20.000Z', 's', 'a', '[]', 0,
                'ctcae-5.0/iraed-2', 1);
        INSERT INTO alert_events (id, alert, kind, at, at_ms, actor, message,
                                  detail)
        VALUES (1, 1, 'raised', '2026-09-21T14:13:20.000Z', 1790000000000,
                'nurse', 1,
                '{"escalation_policy":{"acknowledge_within_ms":0,' ||
                '"repeat_every_ms":0,"max_escalations":0,' ||
                '"route":["nurse"]}}');
        INSERT INTO alert_status (alert, patient_id, syndrome, grade,
            raised_at_ms, state, acknowledge_within_ms, repeat_every_ms,
            max_escalations, route, escalations, next_escalation_ms)
        VALUES (1, 1, 'Hepatitis', 2, 1790000000000, 'open', 0, 0, 0,
                'nurse', 0, NULL);
        INSERT INTO feed_consumers (name, position, updated_at_ms, message)
        VALUES ('pager', 1, 1790000060000, 2);
    )sql")
                    .ok());
    // Their audit entries, as schema 7 computed them (the hashes have not
    // changed since; today's code writes the schema 9 MAC column, so it is
    // there while they are written and checked, and dropped after).
    ASSERT_TRUE(
        db->Exec("ALTER TABLE audit_log ADD COLUMN entry_mac TEXT").ok());
    auto audit = AuditLog::Prepare(*db);
    ASSERT_TRUE(audit.ok());
    ASSERT_TRUE(db->Exec("BEGIN").ok());
    const UnixMillis at = 1790000000000;
    ASSERT_TRUE(
        (*audit)->AppendRow("message_received", "messages", 1, at).ok());
    ASSERT_TRUE(
        (*audit)->AppendRow("message_received", "messages", 2, at).ok());
    ASSERT_TRUE((*audit)->AppendRow("alert", "alerts", 1, at).ok());
    ASSERT_TRUE(
        (*audit)->AppendRow("alert_raised", "alert_events", 1, at).ok());
    ASSERT_TRUE((*audit)
                    ->AppendEvent("delivery_confirmed",
                                  "{\"consumer\":\"pager\",\"through_event\":1,"
                                  "\"message\":2}",
                                  at)
                    .ok());
    ASSERT_TRUE(db->Exec("COMMIT").ok());
    auto before = VerifyAuditLog(*db);
    ASSERT_TRUE(before.ok());
    ASSERT_TRUE(before->ok) << before->problem;
    audit->reset();  // its statements name the column
    ASSERT_TRUE(db->Exec("ALTER TABLE audit_log DROP COLUMN entry_mac").ok());
  }
  StoreOptions o;
  o.path = path;
  auto store = MessageStore::Open(o);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Database& db = (*store)->db();
  EXPECT_EQ(QueryCount(db, "PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(QueryCount(db, "SELECT count(*) FROM alert_events"), 1);
  auto after = VerifyAuditLog(db);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_TRUE(after->ok) << after->problem << " at entry "
                         << after->first_bad_entry;
  // An edit is still found after the rebuild.
  ASSERT_TRUE(db.Exec("UPDATE alert_events SET actor = 'x'").ok());
  auto edited = VerifyAuditLog(db);
  ASSERT_TRUE(edited.ok());
  EXPECT_FALSE(edited->ok);
}

// Schema 11 rebuilds `findings` to admit the grading systems of issue 14:
// every row keeps its id and values (the audit trail still verifies, the
// alert links still hold), the JSON triggers are back, foreign keys are
// enforced again, and the CHECK still refuses an unknown system.
TEST(SchemaUpgradeTest, Schema11RebuildsFindingsKeepingRowsLinksAndAudit) {
  ::iraed::testing::TempDir dir;
  const std::string path = dir.File("v10.db");
  {
    auto db = DatabaseAtSchema(path, 10);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(db->Exec("DELETE FROM pending_upgrades").ok());
    ASSERT_TRUE(db->Exec(std::string(kMessageAndPatient) + R"sql(
        INSERT INTO findings (id, patient_id, term, meddra_code,
            grading_system, grade, previous_grade, observed_at,
            observed_at_ms, recorded_at_ms, rule_version, provisional,
            evidence, message, observation)
        VALUES (7, 1, 'Alanine aminotransferase increased', '10001551',
                'CTCAE 5.0', 2, 0, '2026-09-21T14:13:20.000Z', 1790000000000,
                1790000000001, 'ctcae-5.0/iraed-2', 0, '{"rule":"x"}', 1,
                NULL);
        INSERT INTO alerts (id, patient_id, syndrome, grade, previous_grade,
            raised_at, raised_at_ms, observed_at, summary, action,
            finding_ids, provisional, rule_version, message)
        VALUES (1, 1, 'Hepatitis', 2, 0, '2026-09-21T14:13:20.000Z',
                1790000000000, '2026-09-21T14:13:20.000Z', 's', 'a', '[7]', 0,
                'ctcae-5.0/iraed-2', 1);
        INSERT INTO alert_findings (alert, finding) VALUES (1, 7);
        INSERT INTO alert_events (id, alert, kind, at, at_ms, actor, message,
                                  detail)
        VALUES (1, 1, 'raised', '2026-09-21T14:13:20.000Z', 1790000000000,
                'nurse', 1,
                '{"escalation_policy":{"acknowledge_within_ms":0,' ||
                '"repeat_every_ms":0,"max_escalations":0,' ||
                '"route":["nurse"]}}');
        INSERT INTO alert_status (alert, patient_id, syndrome, grade,
            raised_at_ms, state, acknowledge_within_ms, repeat_every_ms,
            max_escalations, route, escalations, next_escalation_ms)
        VALUES (1, 1, 'Hepatitis', 2, 1790000000000, 'open', 0, 0, 0,
                'nurse', 0, NULL);
    )sql")
                    .ok());
    auto audit = AuditLog::Prepare(*db);
    ASSERT_TRUE(audit.ok());
    ASSERT_TRUE(db->Exec("BEGIN").ok());
    const UnixMillis at = 1790000000000;
    ASSERT_TRUE(
        (*audit)->AppendRow("message_received", "messages", 1, at).ok());
    ASSERT_TRUE((*audit)->AppendRow("finding", "findings", 7, at).ok());
    ASSERT_TRUE((*audit)->AppendRow("alert", "alerts", 1, at).ok());
    ASSERT_TRUE(
        (*audit)->AppendRow("alert_raised", "alert_events", 1, at).ok());
    ASSERT_TRUE(db->Exec("COMMIT").ok());
    auto before = VerifyAuditLog(*db);
    ASSERT_TRUE(before.ok());
    ASSERT_TRUE(before->ok) << before->problem;
  }
  StoreOptions o;
  o.path = path;
  auto store = MessageStore::Open(o);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Database& db = (*store)->db();
  EXPECT_EQ(QueryCount(db, "PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(QueryCount(db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(QueryCount(db,
                       "SELECT count(*) FROM findings WHERE id = 7 AND "
                       "grade = 2 AND evidence = '{\"rule\":\"x\"}'"),
            1);
  EXPECT_EQ(QueryCount(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  auto after = VerifyAuditLog(db);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_TRUE(after->ok) << after->problem;
  // The new systems are admitted; an unknown one, invalid JSON evidence
  // and a finding of no message are still refused.
  const std::string insert =
      "INSERT INTO findings (patient_id, term, grading_system, grade, "
      "previous_grade, observed_at, observed_at_ms, recorded_at_ms, "
      "rule_version, provisional, evidence, message) VALUES (1, 'Early "
      "ICAHT', '";
  for (const char* system :
       {"EHA/EBMT ICAHT 2023", "CTCAE 6.0", "CAR-HEMATOTOX 2021"}) {
    EXPECT_TRUE(db.Exec(insert + system +
                        "', 3, 0, 't', 1, 1, 'v', 0, '{}', "
                        "1)")
                    .ok())
        << system;
  }
  EXPECT_FALSE(
      db.Exec(insert + "Bogus 1.0', 3, 0, 't', 1, 1, 'v', 0, '{}', 1)").ok());
  EXPECT_FALSE(
      db.Exec(insert + "CTCAE 5.0', 3, 0, 't', 1, 1, 'v', 0, 'not json', 1)")
          .ok());
  EXPECT_FALSE(
      db.Exec(insert + "CTCAE 5.0', 3, 0, 't', 1, 1, 'v', 0, '{}', 99)").ok());
  EXPECT_FALSE(
      db.Exec("UPDATE findings SET evidence = 'not json' WHERE id = 7").ok());
  EXPECT_EQ(QueryCount(db,
                       "SELECT count(*) FROM sqlite_master WHERE type = "
                       "'index' AND name = 'findings_by_patient_term'"),
            1);
  EXPECT_EQ(
      QueryCount(db, "SELECT count(*) FROM pragma_table_info('findings')"), 15);
}

// A migration that would leave a row pointing at nothing is rolled back
// whole, and the connection keeps enforcing foreign keys.
TEST(SchemaUpgradeTest, AMigrationLeavingABrokenForeignKeyIsRolledBack) {
  ::iraed::testing::TempDir dir;
  const std::string path = dir.File("dangling.db");
  {
    auto db = DatabaseAtSchema(path, 10);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(db->Exec("DELETE FROM pending_upgrades").ok());
    // Written without enforcement: a link to finding 99, which is missing.
    ASSERT_TRUE(db->Exec(std::string(kMessageAndPatient) + R"sql(
        INSERT INTO alerts (id, patient_id, syndrome, grade, previous_grade,
            raised_at, raised_at_ms, observed_at, summary, action,
            finding_ids, provisional, rule_version, message)
        VALUES (1, 1, 'Hepatitis', 2, 0, '2026-09-21T14:13:20.000Z',
                1790000000000, '2026-09-21T14:13:20.000Z', 's', 'a', '[99]',
                0, 'ctcae-5.0/iraed-2', 1);
        INSERT INTO alert_findings (alert, finding) VALUES (1, 99);
    )sql")
                    .ok());
  }
  StoreOptions o;
  o.path = path;
  auto store = MessageStore::Open(o);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("rolled back"), std::string::npos)
      << store.status().ToString();
  auto db = Database::Open(path, Database::Mode::kReadWriteCreate);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(QueryCount(*db, "PRAGMA user_version"), 10);
  // The connection's own setting is restored after a failed migration.
  ASSERT_TRUE(db->Exec("PRAGMA foreign_keys = ON").ok());
  auto again = ApplyMigrations(*db);
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(QueryCount(*db, "PRAGMA foreign_keys"), 1);
}

TEST(SchemaUpgradeTest, Schema12GivesPatientsABirthDateThatMustBeADate) {
  ::iraed::testing::TempDir dir;
  const std::string path = dir.File("v11.db");
  {
    auto db = DatabaseAtSchema(path, 11);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(db->Exec("DELETE FROM pending_upgrades").ok());
    ASSERT_TRUE(db->Exec(kMessageAndPatient).ok());
  }
  StoreOptions o;
  o.path = path;
  auto store = MessageStore::Open(o);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Database& db = (*store)->db();
  EXPECT_EQ(QueryCount(db, "PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(QueryCount(db,
                       "SELECT count(*) FROM patients WHERE id = 1 AND "
                       "birth_date IS NULL"),
            1);
  EXPECT_TRUE(
      db.Exec("UPDATE patients SET birth_date = '2019-03-01' WHERE id = 1")
          .ok());
  for (const char* bad : {"2019-02-30", "20190301", "2019-3-01"}) {
    EXPECT_FALSE(db.Exec(std::string("UPDATE patients SET birth_date = '") +
                         bad + "' WHERE id = 1")
                     .ok())
        << bad;
  }
}

}  // namespace
}  // namespace iraed::store
