#include "store/message_store.h"

#include <filesystem>
#include <string>

#include "common/json.h"
#include "common/logging.h"
#include "common/private_files.h"
#include "grading/asco_irae.h"
#include "grading/car_hematotox.h"
#include "grading/crs.h"
#include "grading/ctcae6_labs.h"
#include "grading/ctcae_crs.h"
#include "grading/ctcae_labs.h"
#include "grading/drug_catalog.h"
#include "grading/icans.h"
#include "grading/rule_set.h"
#include "store/audit_details.h"
#include "store/migrations.h"
#include "surveillance/observation_analyte.h"

namespace iraed::store {

struct MessageStore::Statements {
  // Transaction control, prepared once like everything else (hot path).
  Statement begin;
  Statement commit;
  Statement savepoint;
  Statement release;
  Statement rollback_to;
  Statement insert_message;
  Statement find_accepted;
  Statement raw_of;
  Statement find_patient;
  Statement insert_patient;
  Statement set_birth_date;
  Statement set_sex;
  Statement set_died_at;
  Statement set_name;
  Statement set_ward;
  Statement set_bed;
  Statement set_patient_status;
  Statement merge_patient;
  Statement insert_observation;
  Statement insert_alternate_code;
  Statement insert_medication;
  Statement insert_therapy;
  Statement insert_patient_event;
  Statement insert_data_quality;
  Statement upsert_unmapped;
};

namespace {

// The therapy a drug of this class is, if it is a monitored one.
std::optional<model::TherapyKind> TherapyKindOf(grading::DrugClass c) {
  switch (c) {
    case grading::DrugClass::kCheckpointInhibitor:
      return model::TherapyKind::kCheckpointInhibitorDose;
    case grading::DrugClass::kCarT:
      return model::TherapyKind::kCarTInfusion;
    case grading::DrugClass::kBispecificTCellEngager:
      return model::TherapyKind::kBispecificTCellEngager;
    default:
      return std::nullopt;
  }
}

}  // namespace

// Also what `iraectl messages --differing` and `stats` look for.
const char kDifferingDuplicateReason[] =
    "content differs from the accepted message with the same message_id";

namespace {

bool IsStorageTrouble(const Status& s) {
  return s.code() == StatusCode::kUnavailable ||
         s.code() == StatusCode::kDataLoss ||
         s.code() == StatusCode::kResourceExhausted;
}

}  // namespace

MessageStore::MessageStore(Database db, std::unique_ptr<Statements> stmts)
    : db_(std::move(db)), stmts_(std::move(stmts)) {}

MessageStore::~MessageStore() {
  // Finalize statements before the connection closes.
  steps_.clear();
  timeline_.reset();
  findings_.reset();
  lifecycle_.reset();
  audit_.reset();
  stmts_.reset();
}

Status MessageStore::PrepareGrading(const StoreOptions& opts) {
  auto options = std::make_unique<const grading::GradingOptions>(opts.grading);
  ASSIGN_OR_RETURN(std::unique_ptr<AuditLog> audit,
                   AuditLog::Prepare(db_, opts.audit_key));
  ASSIGN_OR_RETURN(std::unique_ptr<AlertLifecycle> lifecycle,
                   AlertLifecycle::Prepare(db_, *audit, opts.alerting));
  ASSIGN_OR_RETURN(std::unique_ptr<FindingWriter> findings,
                   FindingWriter::Prepare(db_, *audit, *lifecycle,
                                          options->AlertingCtcae()));
  // The clinical steps, told of every row in this order; what the record
  // holds they read from the timeline, on this connection.
  ASSIGN_OR_RETURN(
      std::unique_ptr<SqlPatientTimeline> timeline,
      SqlPatientTimeline::Prepare(db_, *findings, *options, opts.site_zone));
  std::vector<std::unique_ptr<surveillance::GradingStep>> steps;
  ASSIGN_OR_RETURN(
      std::unique_ptr<LabGradingStep> lab,
      LabGradingStep::Prepare(db_, *findings, *timeline, *options));
  steps.push_back(std::move(lab));
  ASSIGN_OR_RETURN(
      std::unique_ptr<AstctGradingStep> astct,
      AstctGradingStep::Prepare(db_, *findings, *timeline, *options));
  steps.push_back(std::move(astct));
  steps.push_back(
      std::make_unique<IcahtGradingStep>(*findings, *timeline, *options));
  steps.push_back(
      std::make_unique<FebrileNeutropeniaStep>(*findings, *timeline, *options));
  steps.push_back(
      std::make_unique<HematotoxStep>(*findings, *timeline, *options));
  // All prepared: swapped in, the dependants first (the old ones go with
  // what they refer to).
  steps_ = std::move(steps);
  timeline_ = std::move(timeline);
  findings_ = std::move(findings);
  lifecycle_ = std::move(lifecycle);
  audit_ = std::move(audit);
  grading_options_ = std::move(options);
  return Status::Ok();
}

namespace {

// WAL, the durability level, foreign keys and the page cache; the busy
// timeout after which a locked database answers "unavailable".
Status SetConnectionPragmas(Database& db, const StoreOptions& opts) {
  RETURN_IF_ERROR(db.Exec("PRAGMA busy_timeout = 5000"));
  {
    ASSIGN_OR_RETURN(Statement wal, db.Prepare("PRAGMA journal_mode = WAL"));
    ASSIGN_OR_RETURN(bool row, wal.Step());
    if (!row || wal.ColumnText(0) != "wal") {
      return Status::FailedPrecondition("cannot switch " + opts.path +
                                        " to WAL journal mode");
    }
  }
  RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = " +
                          std::string(ToString(opts.synchronous))));
  RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  RETURN_IF_ERROR(
      db.Exec("PRAGMA cache_size = -" + std::to_string(opts.cache_kib)));
  return Status::Ok();
}

}  // namespace

Status MessageStore::PreparePatientStatements(Database& db, Statements& st) {
  auto prep = [&db](Statement& into, std::string_view sql) -> Status {
    ASSIGN_OR_RETURN(into, db.Prepare(sql));
    return Status::Ok();
  };
  RETURN_IF_ERROR(prep(st.find_patient, R"sql(
      SELECT id FROM patients
      WHERE assigning_authority = ?1 AND identifier = ?2)sql"));
  RETURN_IF_ERROR(prep(st.insert_patient, R"sql(
      INSERT INTO patients (assigning_authority, identifier, id_type,
                            first_message)
      VALUES (?1, ?2, ?3, ?4))sql"));
  RETURN_IF_ERROR(prep(st.set_birth_date, R"sql(
      UPDATE patients SET birth_date = ?2
      WHERE id = ?1 AND birth_date IS NOT ?2)sql"));
  RETURN_IF_ERROR(prep(st.set_sex, R"sql(
      UPDATE patients SET sex = ?2 WHERE id = ?1 AND sex IS NOT ?2)sql"));
  RETURN_IF_ERROR(prep(st.set_died_at, R"sql(
      UPDATE patients SET died_at_ms = ?2
      WHERE id = ?1 AND died_at_ms IS NOT ?2)sql"));
  RETURN_IF_ERROR(prep(st.set_name, R"sql(
      UPDATE patients SET name = ?2 WHERE id = ?1 AND name IS NOT ?2)sql"));
  RETURN_IF_ERROR(prep(st.set_ward, R"sql(
      UPDATE patients SET ward = ?2 WHERE id = ?1 AND ward IS NOT ?2)sql"));
  RETURN_IF_ERROR(prep(st.set_bed, R"sql(
      UPDATE patients SET bed = ?2 WHERE id = ?1 AND bed IS NOT ?2)sql"));
  RETURN_IF_ERROR(prep(st.set_patient_status, R"sql(
      UPDATE patients SET status = ?2 WHERE id = ?1 AND status <> 'merged')sql"));
  RETURN_IF_ERROR(prep(st.merge_patient, R"sql(
      UPDATE patients SET status = 'merged', merged_into = ?2 WHERE id = ?1)sql"));
  return Status::Ok();
}

Result<std::unique_ptr<MessageStore::Statements>>
MessageStore::PrepareStatements(Database& db) {
  auto st = std::make_unique<Statements>();
  auto prep = [&db](Statement& into, std::string_view sql) -> Status {
    ASSIGN_OR_RETURN(into, db.Prepare(sql));
    return Status::Ok();
  };
  RETURN_IF_ERROR(prep(st->begin, "BEGIN IMMEDIATE"));
  RETURN_IF_ERROR(prep(st->commit, "COMMIT"));
  RETURN_IF_ERROR(prep(st->savepoint, "SAVEPOINT apply"));
  RETURN_IF_ERROR(prep(st->release, "RELEASE apply"));
  RETURN_IF_ERROR(prep(st->rollback_to, "ROLLBACK TO apply"));
  RETURN_IF_ERROR(prep(st->insert_message, R"sql(
      INSERT INTO messages (protocol, peer, source, message_id, body_kind,
                            sent_at_ms, received_at_ms, outcome, reason,
                            duplicate_of, raw_size, raw)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12))sql"));
  RETURN_IF_ERROR(prep(st->find_accepted, R"sql(
      SELECT id FROM messages
      WHERE source = ?1 AND message_id = ?2 AND outcome = 'accepted')sql"));
  RETURN_IF_ERROR(prep(
      st->raw_of, "SELECT raw = ?2, length(raw) FROM messages WHERE id = ?1"));
  RETURN_IF_ERROR(PreparePatientStatements(db, *st));
  RETURN_IF_ERROR(prep(st->insert_observation, R"sql(
      INSERT INTO observations (message, patient, code_system, code,
                                code_display, value_numeric, value_text,
                                comparator, unit, ref_low, ref_high, ref_text,
                                abnormal_flag, status, observed_at_ms,
                                result_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
              ?15, ?16))sql"));
  RETURN_IF_ERROR(prep(st->insert_alternate_code, R"sql(
      INSERT INTO observation_alternate_codes (observation, code_system, code,
                                               display)
      VALUES (?1, ?2, ?3, ?4))sql"));
  RETURN_IF_ERROR(prep(st->insert_medication, R"sql(
      INSERT INTO medication_administrations (message, patient, drug_system,
          drug_code, drug_name, dose, dose_unit, rate, rate_unit, route,
          started_at_ms, ended_at_ms, administration_id, status, drug_class,
          drug_generic)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
              ?15, ?16))sql"));
  RETURN_IF_ERROR(prep(st->insert_therapy, R"sql(
      INSERT INTO therapies (message, patient, kind, product_system,
          product_code, product_name, target, administered_at_ms, event_id,
          entered_in_error)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql"));
  RETURN_IF_ERROR(prep(st->insert_data_quality, R"sql(
      INSERT INTO data_quality (message, observation, patient_id, issue,
                                detail, recorded_at_ms)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql"));
  RETURN_IF_ERROR(prep(st->upsert_unmapped, R"sql(
      INSERT INTO unmapped_codes (kind, code_system, code, example_text,
                                  example_unit, count, first_seen_ms,
                                  last_seen_ms, first_message, last_message)
      VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6, ?7, ?7)
      ON CONFLICT (kind, code_system, code) DO UPDATE SET
        count = count + 1, last_seen_ms = excluded.last_seen_ms,
        last_message = excluded.last_message, mapped_at_ms = NULL)sql"));
  RETURN_IF_ERROR(prep(st->insert_patient_event, R"sql(
      INSERT INTO patient_events (message, patient, kind, merged_from,
                                  occurred_at_ms)
      VALUES (?1, ?2, ?3, ?4, ?5))sql"));
  return st;
}

Result<std::unique_ptr<MessageStore>> MessageStore::Open(
    const StoreOptions& opts) {
  RETURN_IF_ERROR(CreatePrivateFolders(
      std::filesystem::path(opts.path).parent_path().string()));
  ASSIGN_OR_RETURN(
      Database db,
      Database::Open(opts.path, Database::Mode::kReadWriteCreate, opts.vfs));
  RETURN_IF_ERROR(SetConnectionPragmas(db, opts));
  ASSIGN_OR_RETURN(int version, ApplyMigrations(db));
  (void)version;

  ASSIGN_OR_RETURN(std::unique_ptr<Statements> st, PrepareStatements(db));
  auto store = std::unique_ptr<MessageStore>(
      new MessageStore(std::move(db), std::move(st)));
  RETURN_IF_ERROR(store->PrepareGrading(opts));
  RETURN_IF_ERROR(store->RecordRulesLoaded(opts.config_detail));
  RETURN_IF_ERROR(store->MarkMappedCodes(RealClock().NowMillis()));
  RETURN_IF_ERROR(store->RunPendingUpgrades());
  return store;
}

Status MessageStore::Reconfigure(const StoreOptions& opts) {
  RETURN_IF_ERROR(PrepareGrading(opts));
  RETURN_IF_ERROR(RecordRulesLoaded(opts.config_detail));
  return MarkMappedCodes(RealClock().NowMillis());
}

Status MessageStore::RecordAccess(std::string_view kind,
                                  std::string_view detail, UnixMillis at) {
  RETURN_IF_ERROR(Begin());
  if (Status s = audit_->AppendEvent(kind, detail, at); !s.ok()) {
    Rollback();
    return s;
  }
  return Commit();
}

Status MessageStore::RecordRulesLoaded(const std::string& config_detail) {
  // Which rule sets grade from now on, and with which site settings,
  // chained into the audit trail: an auditor can tell which version and
  // which configuration produced each later finding.
  const grading::GradingOptions& grading = *grading_options_;
  const RulesLoadedDetail detail{
      LatestSchemaVersion(),
      std::string(grading::RuleSetName(grading.rule_set)),
      grading::CtcaeRuleVersion(grading.rule_set),
      grading::CrsRuleVersion(grading.rule_set),
      grading::IcansRuleVersion(grading.rule_set),
      grading::kAscoRuleVersion,
      grading.rule_set >= grading::RuleSet::kRules3
          ? grading::IcahtRuleVersion(grading.icaht_counting)
          : "",
      grading.rule_set >= grading::RuleSet::kRules4
          ? grading::kCtcae6RuleVersion
          : "",
      grading.rule_set >= grading::RuleSet::kRules4
          ? grading::kCtcaeCrsRuleVersion
          : "",
      grading.rule_set >= grading::RuleSet::kRules4
          ? grading::kHematotoxRuleVersion
          : "",
      grading.rule_set >= grading::RuleSet::kRules4
          ? std::string(grading::CtcaeVersionName(grading.AlertingCtcae()))
          : ""};
  const UnixMillis now = RealClock().NowMillis();
  RETURN_IF_ERROR(Begin());
  Status s = audit_->AppendEvent("rules_loaded", DetailText(detail), now);
  if (s.ok() && !config_detail.empty()) {
    s = audit_->AppendEvent("config_loaded", config_detail, now);
  }
  if (!s.ok()) {
    Rollback();
    return s;
  }
  return Commit();
}

Status MessageStore::RunPendingUpgrades() {
  ASSIGN_OR_RETURN(std::int64_t pending,
                   db_.QueryInt("SELECT count(*) FROM pending_upgrades WHERE "
                                "name = 'feed_and_audit_backfill'"));
  if (pending == 0) return Status::Ok();
  // Schema 6 brought the alert feed and audit entries for data-quality
  // records: give the rows that predate them theirs, in the chain, and
  // strike the task off in the same transaction.
  const UnixMillis now = RealClock().NowMillis();
  RETURN_IF_ERROR(Begin());
  Status s = lifecycle_->Backfill(now);
  if (s.ok()) {
    auto ids = db_.Prepare(
        "SELECT id FROM data_quality WHERE id NOT IN (SELECT subject_id FROM "
        "audit_log WHERE subject_table = 'data_quality') ORDER BY id");
    if (!ids.ok()) s = ids.status();
    std::vector<std::int64_t> rows;
    while (s.ok()) {
      auto row = ids->Step();
      if (!row.ok()) s = row.status();
      if (!s.ok() || !*row) break;
      rows.push_back(ids->ColumnInt(0));
    }
    if (ids.ok()) ids->Reset();
    for (std::int64_t id : rows) {
      if (!s.ok()) break;
      s = audit_->AppendRow("data_quality", "data_quality", id, now);
    }
  }
  if (s.ok()) {
    s = db_.Exec(
        "DELETE FROM pending_upgrades WHERE name = 'feed_and_audit_backfill'");
  }
  if (!s.ok()) {
    Rollback();
    return s;
  }
  return Commit();
}

Status MessageStore::MarkMappedCodes(UnixMillis now) {
  // The site may have mapped codes since they arrived: the report then
  // shows them as mapped (new arrivals are graded; old ones stay stored).
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>>
      mapped;
  {
    ASSIGN_OR_RETURN(Statement q, db_.Prepare(R"sql(
        SELECT kind, code_system, code, example_text FROM unmapped_codes
        WHERE mapped_at_ms IS NULL)sql"));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      const std::string kind = q.ColumnText(0);
      const std::string system = q.ColumnText(1);
      const std::string code = q.ColumnText(2);
      const bool now_mapped =
          kind == "drug"
              ? grading_options_->drugs.Find(system, code, q.ColumnText(3))
                    .has_value()
              : grading_options_->analytes.Find(system, code).has_value();
      if (now_mapped) mapped.push_back({kind, {system, code}});
    }
  }
  if (mapped.empty()) return Status::Ok();
  RETURN_IF_ERROR(Begin());
  Status s = Status::Ok();
  {
    auto q = db_.Prepare(
        "UPDATE unmapped_codes SET mapped_at_ms = ?4 "
        "WHERE kind = ?1 AND code_system = ?2 AND code = ?3");
    if (!q.ok()) s = q.status();
    for (const auto& [kind, key] : mapped) {
      if (!s.ok()) break;
      q->Bind(1, kind)
          .Bind(2, key.first)
          .Bind(3, key.second)
          .Bind(4, static_cast<std::int64_t>(now));
      s = q->Run();
      q->Reset();
    }
  }
  if (!s.ok()) {
    Rollback();
    return s;
  }
  return Commit();
}

Status MessageStore::RunEscalations(UnixMillis now) {
  // A read first: no write transaction (and no wait for the write lock)
  // unless an escalation is due.
  ASSIGN_OR_RETURN(std::optional<UnixMillis> due, lifecycle_->NextDueAt());
  if (!due || *due > now) return Status::Ok();
  RETURN_IF_ERROR(Begin());
  auto written = lifecycle_->EscalateDue(now);
  if (!written.ok()) {
    Rollback();
    return written.status();
  }
  return Commit();
}

Status MessageStore::RunFeedHealth(UnixMillis now) {
  ASSIGN_OR_RETURN(AlertLifecycle::FeedHealth health,
                   lifecycle_->CheckFeedHealth(now));
  auto log = Logger("store");
  if (health.keeping_up == 0 && health.events > 0) {
    constexpr UnixMillis kEvery = UnixMillis{10} * 60 * 1000;
    if (!no_consumer_warned_at_ || now - *no_consumer_warned_at_ >= kEvery) {
      if (health.consumers == 0) {
        log->warn(
            "{} alert feed event(s) and no notifier has ever read the feed: "
            "nobody is being paged (start deploy/iraed-notifier or iraectl "
            "alerts follow)",
            health.events);
      } else {
        log->warn(
            "{} alert feed event(s) and none of the {} notifier(s) is keeping "
            "up (all stalled, or exempt from the lag limit): nobody is being "
            "paged",
            health.events, health.consumers);
      }
      no_consumer_warned_at_ = now;
    }
  } else {
    no_consumer_warned_at_.reset();
  }
  if (health.changes.empty()) return Status::Ok();
  RETURN_IF_ERROR(Begin());
  if (Status s = lifecycle_->RecordConsumerChanges(health.changes, now);
      !s.ok()) {
    Rollback();
    return s;
  }
  RETURN_IF_ERROR(Commit());
  for (const auto& c : health.changes) {
    if (c.change == alerts::ConsumerChange::kStalled) {
      log->warn(
          "feed consumer '{}' is stalled: {} event(s) unconfirmed, the oldest "
          "for {} s (maximum {} s); recorded as consumer_stalled on the feed",
          c.consumer, c.lag.events, c.lag.ms / 1000, c.max_lag_ms / 1000);
    } else {
      log->info("feed consumer '{}' has caught up ({} event(s) behind)",
                c.consumer, c.lag.events);
    }
  }
  return Status::Ok();
}

Status MessageStore::Run(Statement& control) {
  ScopedStatement reset(control);
  return control.Run();
}

Status MessageStore::Begin() {
  audit_->Reset();  // its cached chain head may predate a rollback
  return Run(stmts_->begin);
}

Status MessageStore::Commit() {
  Status s = Run(stmts_->commit);
  if (!s.ok()) Rollback();
  return s;
}

void MessageStore::Rollback() {
  audit_->Reset();
  if (db_.InTransaction()) (void)db_.Exec("ROLLBACK");
}

Result<model::Outcome> MessageStore::Apply(const model::Submission& s) {
  RETURN_IF_ERROR(Run(stmts_->savepoint));
  // Everything the grading notes for this message; dropped with it.
  surveillance::MessageWork work;
  work.recorded_at = s.received_at;
  auto outcome = ApplyInSavepoint(s, work);
  if (outcome.ok()) {
    RETURN_IF_ERROR(Run(stmts_->release));
    return outcome;
  }
  if (IsStorageTrouble(outcome.status())) return outcome.status();
  if (work.refusal) {
    // A staff command the alert's state does not allow: a clear answer.
    RETURN_IF_ERROR(Run(stmts_->rollback_to));
    audit_->Reset();  // the entries after the savepoint are gone
    const std::string reason = outcome.status().message();
    Result<std::int64_t> row = InsertMessage(s, "rejected", reason, {});
    if (!row.ok()) return row.status();
    RETURN_IF_ERROR(Run(stmts_->release));
    return model::Outcome{model::Disposition::kRejected, reason, *row,
                          outcome.status().code()};
  }
  // Not the disk's fault: this message cannot be stored as it is (a bug or
  // a constraint we did not foresee). Undo its partial rows and file it as
  // rejected so that it neither poisons the group nor is lost.
  RETURN_IF_ERROR(Run(stmts_->rollback_to));
  audit_->Reset();
  const std::string reason =
      "could not be stored: " + outcome.status().message();
  Logger("store")->error("message filed as rejected: {}", reason);
  Result<std::int64_t> row = InsertMessage(s, "rejected", reason, {});
  if (!row.ok()) return row.status();
  RETURN_IF_ERROR(Run(stmts_->release));
  return model::Outcome{model::Disposition::kRejected, reason, *row,
                        StatusCode::kInternal};
}

Result<model::Outcome> MessageStore::ApplyInSavepoint(
    const model::Submission& s, surveillance::MessageWork& work) {
  if (!s.rejection.ok() || !s.message) {
    const std::string reason = s.rejection.ok()
                                   ? std::string("no message decoded")
                                   : s.rejection.message();
    ASSIGN_OR_RETURN(std::int64_t row,
                     InsertMessage(s, "rejected", reason, {}));
    return model::Outcome{
        model::Disposition::kRejected, reason, row,
        s.rejection.ok() ? StatusCode::kInvalidArgument : s.rejection.code()};
  }
  std::optional<std::int64_t> original;
  {
    Statement& q = stmts_->find_accepted;
    ScopedStatement reset(q);
    q.Bind(1, s.source).Bind(2, s.message_id);
    ASSIGN_OR_RETURN(bool found, q.Step());
    if (found) original = q.ColumnInt(0);
  }
  if (original) {
    bool same = false;
    std::int64_t original_size = 0;
    {
      Statement& q = stmts_->raw_of;
      ScopedStatement reset(q);
      q.Bind(1, *original).BindBlob(2, s.raw);
      ASSIGN_OR_RETURN(bool found, q.Step());
      same = found && q.ColumnInt(0) == 1;
      if (found) original_size = q.ColumnInt(1);
    }
    std::string reason = same ? std::string()
                              : std::string(kDifferingDuplicateReason) +
                                    "; kept for review, not applied";
    ASSIGN_OR_RETURN(std::int64_t row,
                     InsertMessage(s, "duplicate", reason, original));
    if (!same) {
      // Loud: either the sender re-used an id for new content (which is then
      // not applied) or the original was mangled. Ids and sizes only.
      Logger("store")->warn(
          "duplicate message row {} differs from accepted row {} with the "
          "same source and message id ({} vs {} bytes): kept, not applied; "
          "see iraectl messages --differing",
          row, *original, s.raw.size(), original_size);
    }
    return model::Outcome{model::Disposition::kDuplicate, std::move(reason),
                          row};
  }
  ASSIGN_OR_RETURN(std::int64_t row, InsertMessage(s, "accepted", "", {}));
  work.message_row = row;
  RETURN_IF_ERROR(ApplyBody(work, s.message->body, s.actor));
  for (const model::QualityNote& note : s.message->quality_notes) {
    ASSIGN_OR_RETURN(std::optional<std::int64_t> patient,
                     PatientOf(s.message->body, row));
    RETURN_IF_ERROR(RecordDataQuality(row, std::nullopt, patient, note.issue,
                                      note.detail, s.received_at));
  }
  return model::Outcome{model::Disposition::kAccepted, "", row};
}

Result<std::int64_t> MessageStore::InsertMessage(
    const model::Submission& s, std::string_view outcome,
    const std::string& reason, std::optional<std::int64_t> duplicate_of) {
  Statement& q = stmts_->insert_message;
  ScopedStatement reset(q);
  const bool decoded = !s.message_id.empty() || !s.source.empty();
  q.Bind(1, s.protocol).Bind(2, s.peer);
  if (decoded) {
    q.Bind(3, s.source).Bind(4, s.message_id);
  }
  if (!s.body_kind.empty()) q.Bind(5, s.body_kind);
  q.Bind(6, s.sent_at)
      .Bind(7, static_cast<std::int64_t>(s.received_at))
      .Bind(8, outcome);
  if (!reason.empty()) q.Bind(9, reason);
  q.Bind(10, duplicate_of)
      .Bind(11, static_cast<std::int64_t>(s.raw_size))
      .BindBlob(12, s.raw);
  RETURN_IF_ERROR(q.Run());
  const std::int64_t row = db_.LastInsertRowId();
  RETURN_IF_ERROR(
      audit_->AppendRow("message_received", "messages", row, s.received_at));
  return row;
}

Result<std::optional<std::int64_t>> MessageStore::PatientOf(
    const model::Body& body, std::int64_t message_row) {
  const model::PatientId* p = nullptr;
  if (const auto* b = std::get_if<model::ObservationBatch>(&body)) {
    p = &b->patient;
  } else if (const auto* m =
                 std::get_if<model::MedicationAdministration>(&body)) {
    p = &m->patient;
  } else if (const auto* mb =
                 std::get_if<model::MedicationAdministrationBatch>(&body);
             mb && !mb->administrations.empty()) {
    p = &mb->administrations.front().patient;
  } else if (const auto* t = std::get_if<model::TherapyEvent>(&body)) {
    p = &t->patient;
  } else if (const auto* e = std::get_if<model::PatientEvent>(&body)) {
    p = &e->patient;
  }
  if (p == nullptr) return std::optional<std::int64_t>();
  ASSIGN_OR_RETURN(std::int64_t row, PatientRow(*p, message_row));
  return std::optional<std::int64_t>(row);
}

Status MessageStore::RecordUnmapped(UnmappedKind kind, const model::Code& code,
                                    std::string_view unit,
                                    std::int64_t message_row, UnixMillis at) {
  const std::string_view kind_name =
      kind == UnmappedKind::kDrug ? "drug" : "observation";
  {
    Statement& q = stmts_->upsert_unmapped;
    ScopedStatement reset(q);
    q.Bind(1, kind_name)
        .Bind(2, code.system)
        .Bind(3, code.code)
        .Bind(4, code.display)
        .Bind(5, unit)
        .Bind(6, static_cast<std::int64_t>(at))
        .Bind(7, message_row);
    RETURN_IF_ERROR(q.Run());
  }
  // Said once per code and run: codes carry no patient data.
  const std::string key =
      std::string(kind_name) + "|" + code.system + "|" + code.code;
  if (logged_unmapped_.insert(key).second) {
    auto log = Logger("store");
    if (kind == UnmappedKind::kDrug) {
      log->warn(
          "unrecognised drug {}|{} ('{}'): not in the drug catalogue nor the "
          "site's drugs; see iraectl unmapped",
          code.system, code.code, code.display);
    } else {
      log->info(
          "observation code {}|{} maps to no analyte: stored, not graded; "
          "see iraectl unmapped",
          code.system, code.code);
    }
  }
  return Status::Ok();
}

Status MessageStore::RecordDataQuality(std::int64_t message_row,
                                       std::optional<std::int64_t> observation,
                                       std::optional<std::int64_t> patient,
                                       std::string_view issue,
                                       std::string_view detail, UnixMillis at) {
  Statement& q = stmts_->insert_data_quality;
  {
    ScopedStatement reset(q);
    q.Bind(1, message_row)
        .Bind(2, observation)
        .Bind(3, patient)
        .Bind(4, issue)
        .Bind(5, detail)
        .Bind(6, static_cast<std::int64_t>(at));
    RETURN_IF_ERROR(q.Run());
  }
  return audit_->AppendRow("data_quality", "data_quality",
                           db_.LastInsertRowId(), at);
}

Result<std::int64_t> MessageStore::PatientRow(const model::PatientId& p,
                                              std::int64_t message_row) {
  std::optional<std::int64_t> row;
  {
    Statement& q = stmts_->find_patient;
    ScopedStatement reset(q);
    q.Bind(1, p.assigning_authority).Bind(2, p.id);
    ASSIGN_OR_RETURN(bool found, q.Step());
    if (found) row = q.ColumnInt(0);
  }
  if (!row) {
    Statement& ins = stmts_->insert_patient;
    ScopedStatement reset(ins);
    ins.Bind(1, p.assigning_authority)
        .Bind(2, p.id)
        .Bind(3, p.id_type)
        .Bind(4, message_row);
    RETURN_IF_ERROR(ins.Run());
    row = db_.LastInsertRowId();
  }
  // The latest message that gives a birth date sets it (reference 10.5).
  if (!p.birth_date.empty()) {
    Statement& q = stmts_->set_birth_date;
    ScopedStatement reset(q);
    q.Bind(1, *row).Bind(2, p.birth_date);
    RETURN_IF_ERROR(q.Run());
  }
  // Sex and death likewise, for the pharmacovigilance export.
  if (!p.sex.empty()) {
    Statement& q = stmts_->set_sex;
    ScopedStatement reset(q);
    q.Bind(1, *row).Bind(2, p.sex);
    RETURN_IF_ERROR(q.Run());
  }
  if (p.died_at || p.death_withdrawn) {
    Statement& q = stmts_->set_died_at;
    ScopedStatement reset(q);
    q.Bind(1, *row);
    if (p.died_at) {
      q.Bind(2, static_cast<std::int64_t>(*p.died_at));
    } else {
      q.BindNull(2);
    }
    RETURN_IF_ERROR(q.Run());
  }
  // Name, ward and bed for the console: a value sets, "" (HL7's delete)
  // clears, none leaves what is on record.
  for (const auto& [text, q] : {std::pair{&p.name, &stmts_->set_name},
                                std::pair{&p.ward, &stmts_->set_ward},
                                std::pair{&p.bed, &stmts_->set_bed}}) {
    if (!text->has_value()) continue;
    ScopedStatement reset(*q);
    q->Bind(1, *row);
    if ((*text)->empty()) {
      q->BindNull(2);
    } else {
      q->Bind(2, **text);
    }
    RETURN_IF_ERROR(q->Run());
  }
  return *row;
}

Status MessageStore::ApplyBody(surveillance::MessageWork& work,
                               const model::Body& body,
                               const std::string& actor) {
  const std::int64_t message_row = work.message_row;
  const UnixMillis received_at = work.recorded_at;
  if (const auto* b = std::get_if<model::ObservationBatch>(&body)) {
    return ApplyObservations(work, *b);
  }
  if (const auto* m = std::get_if<model::MedicationAdministration>(&body)) {
    ASSIGN_OR_RETURN(work.patient_row, PatientRow(m->patient, message_row));
    RETURN_IF_ERROR(InsertMedication(work, *m));
    return GradeMessage(work);
  }
  if (const auto* batch =
          std::get_if<model::MedicationAdministrationBatch>(&body)) {
    for (const model::MedicationAdministration& m : batch->administrations) {
      ASSIGN_OR_RETURN(work.patient_row, PatientRow(m.patient, message_row));
      RETURN_IF_ERROR(InsertMedication(work, m));
    }
    if (work.patient_row == 0) return Status::Ok();
    return GradeMessage(work);
  }
  if (const auto* t = std::get_if<model::TherapyEvent>(&body)) {
    return ApplyTherapy(work, *t);
  }
  if (const auto* a = std::get_if<model::AlertAction>(&body)) {
    return Refusable(work,
                     lifecycle_->Apply(*a, actor, message_row, received_at));
  }
  if (const auto* c = std::get_if<model::FeedConfirmation>(&body)) {
    return Refusable(work,
                     lifecycle_->Confirm(*c, actor, message_row, received_at));
  }
  return ApplyPatientEvent(std::get<model::PatientEvent>(body), message_row);
}

Status MessageStore::Refusable(surveillance::MessageWork& work, Status s) {
  if (s.code() == StatusCode::kNotFound ||
      s.code() == StatusCode::kFailedPrecondition) {
    work.refusal = s;
  }
  return s;
}

Status MessageStore::ApplyObservations(surveillance::MessageWork& work,
                                       const model::ObservationBatch& b) {
  const std::int64_t msg = work.message_row;
  const UnixMillis received_at = work.recorded_at;
  ASSIGN_OR_RETURN(work.patient_row, PatientRow(b.patient, msg));
  const std::int64_t patient = work.patient_row;
  Statement& q = stmts_->insert_observation;
  for (const model::Observation& o : b.observations) {
    {
      ScopedStatement reset(q);
      q.Bind(1, msg)
          .Bind(2, patient)
          .Bind(3, o.code.system)
          .Bind(4, o.code.code)
          .Bind(5, o.code.display)
          .Bind(6, o.numeric);
      if (o.text) q.Bind(7, *o.text);
      q.Bind(8, o.comparator)
          .Bind(9, o.unit)
          .Bind(10, o.reference_range.low)
          .Bind(11, o.reference_range.high)
          .Bind(12, o.reference_range.text)
          .Bind(13, o.abnormal_flag)
          .Bind(14, model::ToString(o.status))
          .Bind(15, static_cast<std::int64_t>(o.observed_at))
          .Bind(16, o.result_id);
      RETURN_IF_ERROR(q.Run());
    }
    const std::int64_t obs_row = db_.LastInsertRowId();
    Statement& alt = stmts_->insert_alternate_code;
    for (const model::Code& c : o.alternate_codes) {
      ScopedStatement reset(alt);
      alt.Bind(1, obs_row).Bind(2, c.system).Bind(3, c.code).Bind(4, c.display);
      RETURN_IF_ERROR(alt.Run());
    }
    // Findings commit (or roll back) with the observation they come from.
    const std::optional<grading::Analyte> analyte =
        surveillance::ObservationAnalyte(grading_options_->analytes, o);
    if (!analyte && o.numeric && !o.code.code.empty()) {
      RETURN_IF_ERROR(RecordUnmapped(UnmappedKind::kObservation, o.code, o.unit,
                                     msg, received_at));
    }
    const surveillance::StoredObservation stored{obs_row, o, analyte};
    for (const auto& step : steps_) {
      RETURN_IF_ERROR(step->OnObservation(work, stored));
    }
  }
  return GradeMessage(work);
}

Status MessageStore::GradeMessage(surveillance::MessageWork& work) {
  for (const auto& step : steps_) RETURN_IF_ERROR(step->OnMessageDone(work));
  return findings_->RaiseAlerts(work);
}

Status MessageStore::InsertMedication(
    surveillance::MessageWork& work, const model::MedicationAdministration& m) {
  const std::int64_t patient = work.patient_row;
  const std::int64_t msg = work.message_row;
  const UnixMillis received_at = work.recorded_at;
  const std::optional<grading::Drug> drug =
      grading_options_->drugs.Find(m.drug.system, m.drug.code, m.drug.display);
  {
    Statement& q = stmts_->insert_medication;
    ScopedStatement reset(q);
    std::optional<std::int64_t> ended;
    if (m.ended_at) ended = *m.ended_at;
    q.Bind(1, msg)
        .Bind(2, patient)
        .Bind(3, m.drug.system)
        .Bind(4, m.drug.code)
        .Bind(5, m.drug.display)
        .Bind(6, m.dose)
        .Bind(7, m.dose_unit)
        .Bind(8, m.rate)
        .Bind(9, m.rate_unit)
        .Bind(10, m.route)
        .Bind(11, static_cast<std::int64_t>(m.started_at))
        .Bind(12, ended)
        .Bind(13, m.administration_id)
        .Bind(14, model::ToString(m.status));
    if (drug) {
      q.Bind(15, grading::DrugClassName(drug->drug_class))
          .Bind(16, drug->generic);
    }
    RETURN_IF_ERROR(q.Run());
  }
  if (!drug) {
    // Never silent: a checkpoint inhibitor or CAR-T product under a name
    // or code iraed does not know would leave the patient unmonitored.
    RETURN_IF_ERROR(RecordDataQuality(
        msg, std::nullopt, patient, "unrecognised_drug",
        "drug '" + m.drug.system + "|" + m.drug.code + "' ('" + m.drug.display +
            "') is not in the drug catalogue nor the site's drugs "
            "(grading { drugs }): if it is a monitored therapy, the patient "
            "is not monitored for it",
        received_at));
    return RecordUnmapped(UnmappedKind::kDrug, m.drug, "", msg, received_at);
  }
  // A checkpoint inhibitor, CAR-T product or bispecific given is a
  // monitored therapy event, whichever front door it came through.
  if (auto kind = TherapyKindOf(drug->drug_class);
      kind && m.status != model::AdministrationStatus::kNotGiven &&
      m.status != model::AdministrationStatus::kStopped) {
    model::TherapyEvent t;
    t.kind = *kind;
    t.product = m.drug;
    if (t.product.display.empty()) t.product.display = drug->generic;
    t.administered_at = m.started_at;
    t.event_id = m.administration_id;
    t.entered_in_error =
        m.status == model::AdministrationStatus::kEnteredInError;
    RETURN_IF_ERROR(InsertTherapy(work, t));
  }
  for (const auto& step : steps_) {
    RETURN_IF_ERROR(step->OnAdministration(work, m, drug->drug_class));
  }
  return Status::Ok();
}

Status MessageStore::ApplyTherapy(surveillance::MessageWork& work,
                                  const model::TherapyEvent& t) {
  ASSIGN_OR_RETURN(work.patient_row, PatientRow(t.patient, work.message_row));
  RETURN_IF_ERROR(InsertTherapy(work, t));
  // A therapy entered after data charted since it: CRS and ICANS are graded
  // at those moments now.
  return GradeMessage(work);
}

Status MessageStore::InsertTherapy(surveillance::MessageWork& work,
                                   const model::TherapyEvent& t) {
  const std::int64_t patient = work.patient_row;
  const std::int64_t msg = work.message_row;
  // The target of a known checkpoint inhibitor, when the sender left it out.
  std::string_view target = grading::CheckpointTargetName(t.target);
  if (t.target == model::CheckpointTarget::kNone) {
    if (auto d = grading_options_->drugs.Find(t.product.system, t.product.code,
                                              t.product.display)) {
      target = grading::CheckpointTargetName(d->target);
    }
  }
  Statement& q = stmts_->insert_therapy;
  ScopedStatement reset(q);
  q.Bind(1, msg)
      .Bind(2, patient)
      .Bind(3, model::ToString(t.kind))
      .Bind(4, t.product.system)
      .Bind(5, t.product.code)
      .Bind(6, t.product.display)
      .Bind(7, target)
      .Bind(8, static_cast<std::int64_t>(t.administered_at))
      .Bind(9, t.event_id)
      .Bind(10, static_cast<std::int64_t>(t.entered_in_error ? 1 : 0));
  RETURN_IF_ERROR(q.Run());
  for (const auto& step : steps_) RETURN_IF_ERROR(step->OnTherapy(work, t));
  return Status::Ok();
}

Status MessageStore::ApplyPatientEvent(const model::PatientEvent& e,
                                       std::int64_t msg) {
  ASSIGN_OR_RETURN(std::int64_t patient, PatientRow(e.patient, msg));
  std::optional<std::int64_t> merged_from;
  if (e.merged_from) {
    ASSIGN_OR_RETURN(std::int64_t from, PatientRow(*e.merged_from, msg));
    merged_from = from;
    Statement& m = stmts_->merge_patient;
    ScopedStatement reset(m);
    m.Bind(1, from).Bind(2, patient);
    RETURN_IF_ERROR(m.Run());
  }
  if (e.kind == model::PatientEventKind::kRegistered ||
      e.kind == model::PatientEventKind::kDischarged) {
    Statement& st = stmts_->set_patient_status;
    ScopedStatement reset(st);
    st.Bind(1, patient)
        .Bind(2, std::string_view(e.kind == model::PatientEventKind::kDischarged
                                      ? "discharged"
                                      : "active"));
    RETURN_IF_ERROR(st.Run());
  }
  Statement& q = stmts_->insert_patient_event;
  ScopedStatement reset(q);
  q.Bind(1, msg)
      .Bind(2, patient)
      .Bind(3, model::ToString(e.kind))
      .Bind(4, merged_from)
      .Bind(5, static_cast<std::int64_t>(e.occurred_at));
  return q.Run();
}

}  // namespace iraed::store
