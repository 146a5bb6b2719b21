#include "bench/raw_store.h"

#include <string>

#include "schema/migrations.h"

namespace iraed::bench {

using store::Database;
using store::Statement;

struct RawStore::Statements {
  Statement insert_message;
  Statement insert_audit;
  Statement find_patient;
  Statement insert_patient;
  Statement insert_observation;
};

namespace {

constexpr std::int64_t kMillisPerSecond = 1000;

std::int64_t ToMillis(const google::protobuf::Timestamp& t) {
  return t.seconds() * kMillisPerSecond + t.nanos() / 1000000;
}

const char* StatusText(iraed::v1::ResultStatus s) {
  switch (s) {
    case iraed::v1::RESULT_STATUS_CORRECTED:
      return "corrected";
    case iraed::v1::RESULT_STATUS_PRELIMINARY:
      return "preliminary";
    case iraed::v1::RESULT_STATUS_CANCELLED:
      return "cancelled";
    case iraed::v1::RESULT_STATUS_ENTERED_IN_ERROR:
      return "entered_in_error";
    default:
      return "final";
  }
}

Status ApplyMigrations(Database& db) {
  ASSIGN_OR_RETURN(std::int64_t current, db.QueryInt("PRAGMA user_version"));
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  for (const auto& m : schema::Migrations()) {
    if (m.version <= current) continue;
    Status s = db.Exec(m.sql);
    if (s.ok()) {
      s = db.Exec(std::string("PRAGMA user_version = ") +
                  std::to_string(m.version));
    }
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");
      return Status(s.code(), std::string("migration ") + std::string(m.name) +
                                  ": " + s.message());
    }
  }
  return db.Exec("COMMIT");
}

}  // namespace

RawStore::RawStore(Database db, std::unique_ptr<Statements> stmts)
    : db_(std::move(db)), stmts_(std::move(stmts)) {}

RawStore::~RawStore() {
  stmts_.reset();  // finalize before the connection closes
}

Result<std::unique_ptr<RawStore>> RawStore::Open(const RawStoreOptions& opts) {
  ASSIGN_OR_RETURN(Database db,
                   Database::Open(opts.path, Database::Mode::kReadWriteCreate));
  RETURN_IF_ERROR(db.Exec("PRAGMA busy_timeout = 5000"));
  RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = " + opts.journal_mode));
  RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = " + opts.synchronous));
  RETURN_IF_ERROR(db.Exec(std::string("PRAGMA foreign_keys = ") +
                          (opts.foreign_keys ? "ON" : "OFF")));
  if (opts.cache_kib > 0) {
    RETURN_IF_ERROR(db.Exec(std::string("PRAGMA cache_size = -") +
                            std::to_string(opts.cache_kib)));
  }
  RETURN_IF_ERROR(ApplyMigrations(db));

  auto st = std::make_unique<Statements>();
  auto prep = [&db](Statement& into, std::string_view sql) -> Status {
    ASSIGN_OR_RETURN(into, db.Prepare(sql));
    return Status::Ok();
  };
  RETURN_IF_ERROR(prep(st->insert_message, R"sql(
      INSERT INTO messages (protocol, peer, source, message_id, body_kind,
                            sent_at_ms, received_at_ms, outcome, raw_size, raw)
      VALUES ('protobuf', '127.0.0.1:40000', ?1, ?2, 'observations', ?3, ?4,
              'accepted', ?5, ?6))sql"));
  RETURN_IF_ERROR(prep(st->find_patient, R"sql(
      SELECT id FROM patients
      WHERE assigning_authority = ?1 AND identifier = ?2)sql"));
  // The audit entry the daemon appends per message (store/audit_log.h):
  // the same row shape, with fixed hashes (hashing is the daemon's CPU).
  RETURN_IF_ERROR(prep(st->insert_audit, R"sql(
      INSERT INTO audit_log (recorded_at_ms, kind, subject_table, subject_id,
          content_sha256, detail, prev_sha256, entry_sha256)
      VALUES (?1, 'message_received', 'messages', ?2, ?3, '', ?3, ?3))sql"));
  RETURN_IF_ERROR(prep(st->insert_patient, R"sql(
      INSERT INTO patients (assigning_authority, identifier, id_type,
                            first_message)
      VALUES (?1, ?2, ?3, ?4))sql"));
  RETURN_IF_ERROR(prep(st->insert_observation, R"sql(
      INSERT INTO observations (message, patient, code_system, code,
                                code_display, value_numeric, value_text,
                                comparator, unit, ref_low, ref_high, ref_text,
                                abnormal_flag, status, observed_at_ms,
                                result_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
              ?15, ?16))sql"));
  return std::unique_ptr<RawStore>(new RawStore(std::move(db), std::move(st)));
}

Status RawStore::SetJournalMode(const std::string& mode) {
  return db_.Exec("PRAGMA journal_mode = " + mode);
}

Result<std::int64_t> RawStore::PatientRow(const iraed::v1::PatientId& p,
                                          std::int64_t message_row) {
  Statement& q = stmts_->find_patient;
  q.Bind(1, p.assigning_authority()).Bind(2, p.id());
  auto found = q.Step();
  const bool have = found.ok() && *found;
  const std::int64_t id = have ? q.ColumnInt(0) : 0;
  q.Reset();
  if (!found.ok()) return found.status();
  if (have) return id;
  Statement& ins = stmts_->insert_patient;
  ins.Bind(1, p.assigning_authority())
      .Bind(2, p.id())
      .Bind(3, p.id_type())
      .Bind(4, message_row);
  Status s = ins.Run();
  ins.Reset();
  RETURN_IF_ERROR(s);
  return db_.LastInsertRowId();
}

Status RawStore::InsertObservationMessage(const iraed::v1::Envelope& env,
                                          std::string_view raw,
                                          std::int64_t received_at_ms) {
  Statement& m = stmts_->insert_message;
  m.Bind(1, env.source())
      .Bind(2, env.message_id())
      .Bind(3, ToMillis(env.sent_at()))
      .Bind(4, received_at_ms)
      .Bind(5, static_cast<std::int64_t>(raw.size()))
      .BindBlob(6, raw);
  Status s = m.Run();
  m.Reset();
  RETURN_IF_ERROR(s);
  const std::int64_t message_row = db_.LastInsertRowId();
  {
    static const std::string kHash(64, 'a');
    Statement& a = stmts_->insert_audit;
    a.Bind(1, received_at_ms).Bind(2, message_row).Bind(3, kHash);
    Status audit = a.Run();
    a.Reset();
    RETURN_IF_ERROR(audit);
  }

  const auto& batch = env.observations();
  ASSIGN_OR_RETURN(std::int64_t patient,
                   PatientRow(batch.patient(), message_row));
  Statement& q = stmts_->insert_observation;
  for (const iraed::v1::Observation& o : batch.observations()) {
    q.Bind(1, message_row)
        .Bind(2, patient)
        .Bind(3, o.code().system())
        .Bind(4, o.code().code())
        .Bind(5, o.code().display());
    if (o.has_numeric()) q.Bind(6, o.numeric());
    if (o.has_text()) q.Bind(7, o.text());
    q.Bind(8, o.comparator()).Bind(9, o.unit());
    const auto& range = o.reference_range();
    if (range.has_low()) q.Bind(10, range.low());
    if (range.has_high()) q.Bind(11, range.high());
    q.Bind(12, range.text())
        .Bind(13, o.abnormal_flag())
        .Bind(14, std::string_view(StatusText(o.status())))
        .Bind(15, ToMillis(o.observed_at()))
        .Bind(16, o.result_id());
    s = q.Run();
    q.Reset();
    RETURN_IF_ERROR(s);
  }
  return Status::Ok();
}

}  // namespace iraed::bench
