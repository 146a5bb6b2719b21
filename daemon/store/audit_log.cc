#include "store/audit_log.h"

#include <openssl/evp.h>
#include <sqlite3.h>

#include <cstdio>
#include <map>
#include <set>

#include "alerts/alert_policy.h"
#include "alerts/alert_state.h"
#include "alerts/escalation_schedule.h"
#include "alerts/event_details.h"
#include "common/json.h"

namespace iraed::store {

struct AuditLog::Statements {
  Statement head;
  Statement insert;
  // SELECT * by id for each audited table.
  std::map<std::string, Statement, std::less<>> rows;
};

namespace {

const std::string kZeroHash(64, '0');

// The tables whose rows the trail covers, each row by its own entry.
constexpr const char* kAuditedTables[] = {
    "messages",     "findings",           "alerts",
    "alert_events", "alert_suppressions", "data_quality"};

// SELECT * by id for each audited table.
Result<std::map<std::string, Statement, std::less<>>> PrepareRowSelects(
    Database& db) {
  std::map<std::string, Statement, std::less<>> out;
  for (const char* table : kAuditedTables) {
    ASSIGN_OR_RETURN(out[table], db.Prepare(std::string("SELECT * FROM ") +
                                            table + " WHERE id = ?1"));
  }
  return out;
}

std::string EntryText(std::int64_t id, std::int64_t at, std::string_view kind,
                      std::string_view table,
                      std::optional<std::int64_t> subject,
                      std::string_view content, std::string_view detail,
                      std::string_view prev) {
  std::string s = "iraed-audit-v1|" + std::to_string(id) + "|" +
                  std::to_string(at) + "|" + std::string(kind) + "|" +
                  std::string(table) + "|" +
                  (subject ? std::to_string(*subject) : std::string()) + "|" +
                  std::string(content) + "|";
  s += std::to_string(detail.size()) + ":" + std::string(detail) + "|";
  s += prev;
  return s;
}

}  // namespace

Result<std::string> CanonicalRow(Statement& select, std::string_view table,
                                 std::int64_t id) {
  ScopedStatement q(select);
  q->Bind(1, id);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) {
    return Status::NotFound(std::string(table) + " row " + std::to_string(id) +
                            " is missing");
  }
  sqlite3_stmt* st = q->get();
  const int n = sqlite3_column_count(st);
  std::size_t size = table.size() + 32 * static_cast<std::size_t>(n);
  for (int c = 0; c < n; ++c) {
    // Only text and blobs: column_bytes would convert a number to text.
    const int type = sqlite3_column_type(st, c);
    if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
      size += static_cast<std::size_t>(sqlite3_column_bytes(st, c));
    }
  }
  std::string out;
  out.reserve(size);
  out += table;
  for (int c = 0; c < n; ++c) {
    out += "|";
    out += sqlite3_column_name(st, c);
    out += "=";
    switch (sqlite3_column_type(st, c)) {
      case SQLITE_NULL:
        out += "N";
        break;
      case SQLITE_INTEGER:
        out += 'I';
        out += std::to_string(sqlite3_column_int64(st, c));
        break;
      case SQLITE_FLOAT: {
        char buf[40];
        std::snprintf(buf, sizeof buf, "R%.17g", sqlite3_column_double(st, c));
        out += buf;
        break;
      }
      default: {  // TEXT and BLOB: length-prefixed bytes
        const void* p = sqlite3_column_blob(st, c);
        const int len = sqlite3_column_bytes(st, c);
        out += sqlite3_column_type(st, c) == SQLITE_TEXT ? 'T' : 'B';
        out += std::to_string(len);
        out += ':';
        if (len > 0) out.append(static_cast<const char*>(p), len);
      }
    }
  }
  return out;
}

AuditLog::AuditLog(Database& db, std::unique_ptr<Statements> st)
    : db_(db), st_(std::move(st)) {}

Result<std::optional<AuditHead>> ReadAuditHead(Database& db) {
  ASSIGN_OR_RETURN(Statement q,
                   db.Prepare("SELECT id, entry_sha256, entry_mac FROM "
                              "audit_log ORDER BY id DESC LIMIT 1"));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<AuditHead>();
  return std::optional<AuditHead>(
      AuditHead{q.ColumnInt(0), q.ColumnText(1), q.ColumnText(2)});
}

AuditLog::~AuditLog() = default;

Result<std::unique_ptr<AuditLog>> AuditLog::Prepare(
    Database& db, std::optional<AuditKey> key) {
  auto st = std::make_unique<Statements>();
  ASSIGN_OR_RETURN(st->head,
                   db.Prepare("SELECT id, entry_sha256 FROM audit_log "
                              "ORDER BY id DESC LIMIT 1"));
  ASSIGN_OR_RETURN(st->rows, PrepareRowSelects(db));
  ASSIGN_OR_RETURN(st->insert, db.Prepare(R"sql(
      INSERT INTO audit_log (id, recorded_at_ms, kind, subject_table,
          subject_id, content_sha256, detail, prev_sha256, entry_sha256,
          entry_mac)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql"));
  auto log = std::unique_ptr<AuditLog>(new AuditLog(db, std::move(st)));
  log->key_ = std::move(key);
  return log;
}

Status AuditLog::AppendRow(std::string_view kind, std::string_view table,
                           std::int64_t id, UnixMillis at) {
  auto select = st_->rows.find(table);
  if (select == st_->rows.end()) {
    return Status::InvalidArgument("table " + std::string(table) +
                                   " is not covered by the audit trail");
  }
  ASSIGN_OR_RETURN(std::string canonical,
                   CanonicalRow(select->second, table, id));
  return Append(kind, table, id, Sha256Hex(canonical), "", at);
}

Status AuditLog::AppendEvent(std::string_view kind, std::string_view detail,
                             UnixMillis at) {
  return Append(kind, "", std::nullopt, Sha256Hex(detail), detail, at);
}

Status AuditLog::Append(std::string_view kind, std::string_view table,
                        std::optional<std::int64_t> subject,
                        const std::string& content, std::string_view detail,
                        UnixMillis at) {
  if (!head_) {
    ScopedStatement q(st_->head);
    ASSIGN_OR_RETURN(bool row, q->Step());
    head_ = row ? Head{q->ColumnInt(0), q->ColumnText(1)} : Head{0, kZeroHash};
  }
  const std::int64_t id = head_->id + 1;
  const std::string entry = Sha256Hex(
      EntryText(id, at, kind, table, subject, content, detail, head_->hash));
  ScopedStatement q(st_->insert);
  q->Bind(1, id)
      .Bind(2, static_cast<std::int64_t>(at))
      .Bind(3, kind)
      .Bind(6, content)
      .Bind(7, detail)
      .Bind(8, head_->hash)
      .Bind(9, entry);
  if (table.empty()) {
    q->BindNull(4).BindNull(5);
  } else {
    q->Bind(4, table).Bind(5, *subject);
  }
  if (key_) {
    q->Bind(10, AuditEntryMac(*key_, entry));
  } else {
    q->BindNull(10);
  }
  RETURN_IF_ERROR(q->Run());
  head_ = Head{id, entry};
  return Status::Ok();
}

namespace {

// What an entry vouches for still hashes as recorded: the subject row's
// canonical form, or the event detail.
template <typename Fail>
void CheckEntryContent(std::map<std::string, Statement, std::less<>>& selects,
                       std::int64_t id, const std::string& table,
                       const std::optional<std::int64_t>& subject,
                       const std::string& content, const std::string& detail,
                       Fail& fail) {
  if (table.empty() || !subject) {
    if (Sha256Hex(detail) != content) fail(id, "the event detail was altered");
    return;
  }
  auto it = selects.find(table);
  if (it == selects.end()) {
    fail(id, "names an unknown table '" + table + "'");
    return;
  }
  auto canonical = CanonicalRow(it->second, table, *subject);
  if (!canonical.ok()) {
    fail(id, canonical.status().message());
  } else if (Sha256Hex(*canonical) != content) {
    fail(id, table + " row " + std::to_string(*subject) +
                 " was altered after it was recorded");
  }
}

// Every audited row has its entry (a row added behind iraed's back has
// none); `covered` holds the rows the chain names, by table.
template <typename Fail>
Status CheckEveryRowLogged(
    Database& db, std::map<std::string, std::set<std::int64_t>>& covered,
    Fail& fail) {
  for (const char* table : kAuditedTables) {
    ASSIGN_OR_RETURN(Statement ids, db.Prepare(std::string("SELECT id FROM ") +
                                               table + " ORDER BY id"));
    std::int64_t unlogged = 0;
    const std::set<std::int64_t>& seen = covered[table];
    for (;;) {
      ASSIGN_OR_RETURN(bool row, ids.Step());
      if (!row) break;
      if (seen.count(ids.ColumnInt(0)) == 0) ++unlogged;
    }
    if (unlogged > 0) {
      fail(0, std::to_string(unlogged) + " " + table +
                  " row(s) have no audit entry (added outside iraed)");
    }
  }
  return Status::Ok();
}

// What is wrong with one row of the alert-status query below (its columns
// by index), as the end of a sentence starting "alert N"; "" when its
// status is the one its feed events and policy give.
std::string AlertStatusProblem(Statement& q) {
  alerts::Escalation policy;
  policy.acknowledge_within_ms = q.ColumnInt(6);
  policy.repeat_every_ms = q.ColumnInt(7);
  policy.max_escalations = static_cast<int>(q.ColumnInt(8));
  policy.route = alerts::RouteFromText(q.ColumnText(9));
  const std::string state = q.ColumnText(2);
  const int escalations = static_cast<int>(q.ColumnInt(3));
  // The raised event's detail: the policy the alert was raised under, or
  // (raised before escalation existed) the backfill marker.
  const std::optional<alerts::RaisedDetail> raised =
      alerts::ReadRaisedDetail(q.ColumnText(13));
  const bool backfilled = raised && raised->backfilled;
  const std::optional<alerts::Escalation> raised_under =
      raised ? raised->escalation_policy : std::nullopt;
  // -1: no escalation scheduled.
  std::int64_t next = -1;
  if (auto s = alerts::AlertStateFromName(state)) {
    next = alerts::ScheduledEscalation(*s, policy, q.ColumnInt(5), escalations)
               .value_or(-1);
  }
  // The state the alert's latest state-changing feed event leaves.
  const auto after_event = alerts::StateAfterEvent(q.ColumnText(11));
  const std::string from_events(
      after_event ? alerts::AlertStateName(*after_event) : "");
  const std::int64_t stored_next = q.ColumnIsNull(4) ? -1 : q.ColumnInt(4);
  if (q.ColumnInt(10) == 0) {
    return ": its status names another patient, syndrome, grade "
           "or time (alert_status edited)";
  } else if (state != from_events) {
    return ": its state '" + state +
           "' is not the one its feed events give ('" + from_events +
           "'; alert_status edited)";
  } else if (escalations != q.ColumnInt(12)) {
    return ": its escalation count does not match its feed "
           "events (alert_status edited)";
  } else if (backfilled ? !(policy == alerts::Escalation{})
                        : raised_under != policy) {
    return ": its escalation policy is not the one it was raised "
           "under (alert_status edited)";
  } else if (next != stored_next) {
    return ": its next escalation time is not the one its policy "
           "gives (alert_status edited)";
  }
  return "";
}

// The mutable projections, recomputed from audited rows: each alert's
// status (state, escalations, policy, next escalation) from its feed events,
// and each notifier's position from its delivery_confirmed entries. An edit
// there would stop an escalation or skip a notifier's events unseen.
template <typename Fail>
Status VerifyProjections(Database& db, Fail& fail) {
  ASSIGN_OR_RETURN(Statement q, db.Prepare(R"sql(
      SELECT a.id, s.alert IS NULL, s.state, s.escalations,
             s.next_escalation_ms, s.raised_at_ms, s.acknowledge_within_ms,
             s.repeat_every_ms, s.max_escalations, s.route,
             s.patient_id = a.patient_id AND s.syndrome = a.syndrome AND
                 s.grade = a.grade AND s.raised_at_ms = a.raised_at_ms,
             (SELECT e.kind FROM alert_events e
              WHERE e.alert = a.id AND e.kind IN
                  ('raised', 'acknowledged', 'resolved', 'superseded')
              ORDER BY e.id DESC LIMIT 1),
             (SELECT coalesce(max(e.escalation), 0) FROM alert_events e
              WHERE e.alert = a.id AND e.kind = 'escalated'),
             (SELECT e.detail FROM alert_events e
              WHERE e.alert = a.id AND e.kind = 'raised'
              ORDER BY e.id LIMIT 1)
      FROM alerts a LEFT JOIN alert_status s ON s.alert = a.id
      ORDER BY a.id)sql"));
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    const std::string alert = "alert " + q.ColumnText(0);
    if (q.ColumnInt(1) != 0) {
      fail(0, alert + " has no status (alert_status row deleted)");
      continue;
    }
    if (std::string problem = AlertStatusProblem(q); !problem.empty()) {
      fail(0, alert + problem);
    }
  }
  ASSIGN_OR_RETURN(Statement c, db.Prepare(R"sql(
      SELECT c.name FROM feed_consumers c
      WHERE c.position IS NOT (
          SELECT max(json_extract(l.detail, '$.through_event'))
          FROM audit_log l
          WHERE l.kind IN ('delivery_confirmed', 'consumer_registered')
            AND json_extract(l.detail, '$.consumer') = c.name)
      ORDER BY c.name)sql"));
  for (;;) {
    ASSIGN_OR_RETURN(bool row, c.Step());
    if (!row) break;
    fail(0, "the feed position of consumer '" + c.ColumnText(0) +
                "' is not the one it confirmed (feed_consumers edited)");
  }
  return Status::Ok();
}

}  // namespace

namespace {

Result<AuditVerdict> VerifyInSnapshot(Database& db, const AuditKey* key);

}  // namespace

Result<AuditVerdict> VerifyAuditLog(Database& db, const AuditKey* key) {
  // One read transaction: every table is read as of one commit, so rows
  // the daemon commits meanwhile neither look unaudited nor break the
  // projections (WAL readers never block the writer).
  RETURN_IF_ERROR(db.Exec("BEGIN DEFERRED"));
  auto verdict = VerifyInSnapshot(db, key);
  (void)db.Exec("ROLLBACK");  // read-only: nothing to keep
  return verdict;
}

namespace {

Result<AuditVerdict> VerifyInSnapshot(Database& db, const AuditKey* key) {
  AuditVerdict v;
  v.key_checked = key != nullptr;
  auto fail = [&v](std::int64_t id, std::string why) {
    if (v.ok) {
      v.ok = false;
      v.first_bad_entry = id;
      v.problem = std::move(why);
    }
  };
  ASSIGN_OR_RETURN(Statement q, db.Prepare(R"sql(
      SELECT id, recorded_at_ms, kind, subject_table, subject_id,
             content_sha256, detail, prev_sha256, entry_sha256, entry_mac
      FROM audit_log ORDER BY id)sql"));
  ASSIGN_OR_RETURN(auto selects, PrepareRowSelects(db));
  std::map<std::string, std::set<std::int64_t>> covered;
  std::string prev = kZeroHash;
  std::int64_t expected_id = 1;
  bool newest_has_mac = false;
  std::int64_t newest_id = 0;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ++v.entries;
    const std::int64_t id = q.ColumnInt(0);
    const std::string table = q.ColumnText(3);
    std::optional<std::int64_t> subject;
    if (!q.ColumnIsNull(4)) subject = q.ColumnInt(4);
    const std::string content = q.ColumnText(5);
    const std::string detail = q.ColumnText(6);
    if (id != expected_id) {
      fail(id, "entry " + std::to_string(expected_id) +
                   " is missing (deleted), or entries were re-numbered");
    }
    if (q.ColumnText(7) != prev) {
      fail(id,
           "does not follow the entry before it (an entry was deleted, "
           "inserted or re-ordered)");
    }
    const std::string entry =
        Sha256Hex(EntryText(id, q.ColumnInt(1), q.ColumnText(2), table, subject,
                            content, detail, q.ColumnText(7)));
    if (entry != q.ColumnText(8)) fail(id, "the entry itself was altered");
    const bool has_mac = !q.ColumnIsNull(9);
    if (has_mac) ++v.keyed_entries;
    newest_has_mac = has_mac;
    newest_id = id;
    if (key != nullptr && has_mac &&
        AuditEntryMac(*key, q.ColumnText(8)) != q.ColumnText(9)) {
      fail(id,
           "its MAC does not match the audit key (rewritten without the "
           "key, or another key)");
    }
    if (!table.empty() && subject) covered[table].insert(*subject);
    CheckEntryContent(selects, id, table, subject, content, detail, fail);
    prev = q.ColumnText(8);
    expected_id = id + 1;
  }
  // With the key, the newest entry's MAC vouches for the whole chain.
  if (key != nullptr && newest_id > 0 && !newest_has_mac) {
    fail(newest_id,
         "the newest entry carries no MAC, so the chain is not "
         "authenticated by the key (MACs stripped and the history "
         "rewritten, or iraed ran without audit.key_file since)");
  }
  RETURN_IF_ERROR(CheckEveryRowLogged(db, covered, fail));
  RETURN_IF_ERROR(VerifyProjections(db, fail));
  return v;
}

}  // namespace

}  // namespace iraed::store
