#include "ctl/replay.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <set>

#include "auth/staff_policy.h"
#include "common/json.h"
#include "ctl/replay_episodes.h"
#include "hl7/hl7_frame.h"
#include "ingest/proto_submission.h"
#include "sqlite3.h"

namespace iraed::ctl {

namespace {

// What a row says, without ids that depend on insertion order: one text
// per row, compared between the stored and the replayed database.
struct RowQuery {
  const char* table;
  const char* sql;  // ?1 = first message id, ?2 = last; column 0 = message
};

constexpr RowQuery kCompared[] = {
    {"findings", R"sql(
        SELECT f.message, p.assigning_authority || '^' || p.identifier,
               f.term, f.meddra_code, f.grading_system, f.grade,
               f.previous_grade, f.observed_at, f.recorded_at_ms,
               f.rule_version, f.provisional, f.evidence
        FROM findings f JOIN patients p ON p.id = f.patient_id
        WHERE f.message BETWEEN ?1 AND ?2 ORDER BY f.id)sql"},
    {"alerts", R"sql(
        SELECT a.message, p.assigning_authority || '^' || p.identifier,
               a.syndrome, a.grade, a.previous_grade, a.raised_at,
               a.observed_at, a.summary, a.action, a.provisional,
               a.rule_version
        FROM alerts a JOIN patients p ON p.id = a.patient_id
        WHERE a.message BETWEEN ?1 AND ?2 ORDER BY a.id)sql"},
    {"alert_suppressions", R"sql(
        SELECT s.message, p.assigning_authority || '^' || p.identifier,
               s.syndrome, s.grade, s.previous_grade, s.suppressed_at_ms,
               s.observed_at, s.summary, s.rule_version
        FROM alert_suppressions s JOIN patients p ON p.id = s.patient_id
        WHERE s.message BETWEEN ?1 AND ?2 ORDER BY s.id)sql"},
};

using RowsByMessage = std::map<std::int64_t, std::vector<std::string>>;

// Rows of `q` for messages [first, last], keyed by the original message id
// (`to_original` maps this database's message ids; empty: the identity).
Result<RowsByMessage> ReadRows(
    store::Database& db, const RowQuery& q, std::int64_t first,
    std::int64_t last,
    const std::map<std::int64_t, std::int64_t>& to_original) {
  ASSIGN_OR_RETURN(store::Statement s, db.Prepare(q.sql));
  s.Bind(1, first).Bind(2, last);
  RowsByMessage out;
  const int columns = sqlite3_column_count(s.get());
  for (;;) {
    ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    std::int64_t message = s.ColumnInt(0);
    if (!to_original.empty()) {
      auto it = to_original.find(message);
      if (it == to_original.end()) continue;
      message = it->second;
    }
    std::string text;
    for (int c = 1; c < columns; ++c) {
      std::string value =
          s.ColumnIsNull(c) ? std::string("NULL") : s.ColumnText(c);
      // Evidence is compared by content, not spelling: key order and
      // spacing changed when iraed moved to one JSON library (issue 11).
      if (std::string_view(sqlite3_column_name(s.get(), c)) == "evidence") {
        value = CanonicalJson(value);
      }
      text += (c > 1 ? " | " : "") + value;
    }
    out[message].push_back(std::move(text));
  }
  return out;
}

ReplayTableResult Compare(const char* table, RowsByMessage stored,
                          RowsByMessage replayed) {
  ReplayTableResult r;
  r.table = table;
  std::set<std::int64_t> messages;
  for (const auto& [m, rows] : stored) messages.insert(m);
  for (const auto& [m, rows] : replayed) messages.insert(m);
  for (std::int64_t m : messages) {
    std::vector<std::string>& a = stored[m];
    std::vector<std::string>& b = replayed[m];
    r.stored += static_cast<std::int64_t>(a.size());
    r.replayed += static_cast<std::int64_t>(b.size());
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<std::string> only_a, only_b;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(),
                        std::back_inserter(only_a));
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(),
                        std::back_inserter(only_b));
    r.identical += static_cast<std::int64_t>(a.size() - only_a.size());
    for (const std::string& s : only_a) {
      r.differences.push_back("message " + std::to_string(m) +
                              ": stored only: " + s);
    }
    for (const std::string& s : only_b) {
      r.differences.push_back("message " + std::to_string(m) +
                              ": replay only: " + s);
    }
  }
  return r;
}

// The ids of the stored messages replayed: every message up to the last one
// received before `to` (`last`), and the first received in [from, to)
// (`first`, 0 when none): the compared ones.
struct StoredRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
};

Result<StoredRange> ReadStoredRange(store::Database& src, UnixMillis from,
                                    UnixMillis to) {
  ASSIGN_OR_RETURN(store::Statement q, src.Prepare(R"sql(
      SELECT coalesce(max(id), 0),
             coalesce((SELECT min(id) FROM messages
                       WHERE received_at_ms >= ?1 AND received_at_ms < ?2),
                      0)
      FROM messages WHERE received_at_ms < ?2)sql"));
  q.Bind(1, static_cast<std::int64_t>(from))
      .Bind(2, static_cast<std::int64_t>(to));
  ASSIGN_OR_RETURN(bool row, q.Step());
  StoredRange r;
  if (row) {
    r.last = q.ColumnInt(0);
    r.first = q.ColumnInt(1);
  }
  return r;
}

// One replay: the stored messages filed again, in commit order, into a
// scratch store opened with the replay's rules.
class Replayer {
 public:
  Replayer(const ReplayOptions& o, store::Database& src,
           store::MessageStore& scratch)
      : o_(o), src_(src), scratch_(scratch) {
    actions_.table = "alert_actions";
  }

  // Prepares the lookups of stored and replayed alerts.
  Status Prepare() {
    ASSIGN_OR_RETURN(
        stored_alert_,
        src_.Prepare("SELECT message, syndrome FROM alerts WHERE id = ?1"));
    ASSIGN_OR_RETURN(replay_alert_,
                     scratch_.db().Prepare("SELECT id FROM alerts WHERE "
                                           "message = ?1 AND syndrome = ?2"));
    // The actor the daemon authenticated for a staff action (not in the
    // raw bytes: the credential never is).
    ASSIGN_OR_RETURN(stored_actor_,
                     src_.Prepare("SELECT actor FROM alert_events WHERE "
                                  "alert = ?2 AND message = ?1 ORDER BY id "
                                  "LIMIT 1"));
    return Status::Ok();
  }

  // Files stored messages 1..range.last again, 500 to a transaction.
  Status ReplayMessages(const StoredRange& range, ReplayReport& report);

  // The stored rows of the compared messages beside the replayed ones.
  Status CompareTables(const StoredRange& range, ReplayReport& report);

  ReplayTableResult TakeActions() { return std::move(actions_); }

 private:
  // The submissions stored message `id` makes again.
  std::vector<model::Submission> SubmissionsOf(store::Statement& q);
  // Staff actions name alerts by id; ids differ when the replay raises
  // other alerts, so each action is pointed at the replay's alert of the
  // same message and syndrome, or reported when there is none.
  Status Retarget(std::int64_t message, model::AlertAction& a);

  const ReplayOptions& o_;
  store::Database& src_;
  store::MessageStore& scratch_;
  store::Statement stored_alert_;
  store::Statement replay_alert_;
  store::Statement stored_actor_;
  ReplayTableResult actions_;
  std::map<std::int64_t, std::int64_t> to_original_;  // replay id -> stored
  std::map<std::int64_t, std::int64_t> to_replay_;    // stored id -> replay
};

Status Replayer::Retarget(std::int64_t message, model::AlertAction& a) {
  stored_alert_.Reset();
  stored_alert_.Bind(1, a.alert_id);
  ASSIGN_OR_RETURN(bool known, stored_alert_.Step());
  ++actions_.stored;
  if (!known) {  // refused when it was sent; refused again
    a.alert_id = INT64_MAX;
    ++actions_.replayed;
    ++actions_.identical;
    return Status::Ok();
  }
  const std::int64_t alert_message = stored_alert_.ColumnInt(0);
  const std::string syndrome = stored_alert_.ColumnText(1);
  auto it = to_replay_.find(alert_message);
  std::optional<std::int64_t> target;
  if (it != to_replay_.end()) {
    replay_alert_.Reset();
    replay_alert_.Bind(1, it->second).Bind(2, syndrome);
    ASSIGN_OR_RETURN(bool found, replay_alert_.Step());
    if (found) target = replay_alert_.ColumnInt(0);
  }
  replay_alert_.Reset();
  if (target) {
    a.alert_id = *target;
    ++actions_.replayed;
    ++actions_.identical;
  } else {
    actions_.differences.push_back(
        "message " + std::to_string(message) + ": the " +
        std::string(model::ToString(a.kind)) + " of stored alert " +
        std::to_string(a.alert_id) + " (" + syndrome +
        ") has no alert to act on in the replay");
    a.alert_id = INT64_MAX;
  }
  return Status::Ok();
}

std::vector<model::Submission> Replayer::SubmissionsOf(store::Statement& q) {
  const std::string protocol = q.ColumnText(1);
  const std::string peer = q.ColumnText(2);
  const UnixMillis received = q.ColumnInt(3);
  const std::string raw = q.ColumnText(4);
  const std::string outcome = q.ColumnText(5);
  const std::string reason = q.ColumnIsNull(6) ? "" : q.ColumnText(6);
  // Refused for who sent it: the identity is not in the raw bytes, so
  // the refusal is taken as it was.
  // Also refused as it was: a frame bytes (a credential) were cut from
  // before it was stored; what is left may decode, but it is not what
  // came.
  const bool refused_sender =
      outcome == "rejected" &&
      (reason.starts_with(auth::kUnauthenticated) ||
       reason.starts_with(auth::kUnauthorised) ||
       (protocol != "hl7v2" &&
        static_cast<std::int64_t>(raw.size()) != q.ColumnInt(7)));
  std::vector<model::Submission> submissions;
  if (protocol == "hl7v2") {
    submissions = hl7::ReadHl7Frame(raw, peer, received, o_.hl7).submissions;
  } else {
    submissions.push_back(ingest::BuildProtoSubmission(raw, peer, received));
  }
  if (refused_sender) {
    for (model::Submission& s : submissions) {
      if (!s.message) continue;
      s.rejection = Status::PermissionDenied(reason);
      s.message.reset();
    }
  }
  return submissions;
}

Status Replayer::ReplayMessages(const StoredRange& range,
                                ReplayReport& report) {
  ASSIGN_OR_RETURN(store::Statement q, src_.Prepare(R"sql(
      SELECT id, protocol, peer, received_at_ms, raw, outcome, reason,
             raw_size
      FROM messages WHERE id <= ?1 ORDER BY id)sql"));
  q.Bind(1, range.last);
  std::set<std::int64_t> compared;
  int in_group = 0;
  RETURN_IF_ERROR(scratch_.Begin());
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    const std::int64_t id = q.ColumnInt(0);
    for (model::Submission& s : SubmissionsOf(q)) {
      if (s.message) {
        if (auto* a = std::get_if<model::AlertAction>(&s.message->body)) {
          stored_actor_.Reset();
          stored_actor_.Bind(1, id).Bind(2, a->alert_id);
          ASSIGN_OR_RETURN(bool acted, stored_actor_.Step());
          if (acted) s.actor = stored_actor_.ColumnText(0);
          stored_actor_.Reset();
          RETURN_IF_ERROR(Retarget(id, *a));
        }
      }
      ASSIGN_OR_RETURN(model::Outcome outcome, scratch_.Apply(s));
      to_original_[outcome.message_row] = id;
      to_replay_[id] = outcome.message_row;
    }
    ++report.messages_replayed;
    if (id >= range.first && range.first > 0) compared.insert(id);
    if (++in_group == 500) {
      RETURN_IF_ERROR(scratch_.Commit());
      RETURN_IF_ERROR(scratch_.Begin());
      in_group = 0;
    }
  }
  RETURN_IF_ERROR(scratch_.Commit());
  report.messages_compared = static_cast<std::int64_t>(compared.size());
  stored_alert_.Reset();
  replay_alert_.Reset();
  return Status::Ok();
}

Status Replayer::CompareTables(const StoredRange& range, ReplayReport& report) {
  std::int64_t scratch_first = 0, scratch_last = 0;
  for (const auto& [replay_id, original] : to_original_) {
    if (original < range.first) continue;
    if (scratch_first == 0) scratch_first = replay_id;
    scratch_last = replay_id;
  }
  for (const RowQuery& rq : kCompared) {
    ASSIGN_OR_RETURN(RowsByMessage stored,
                     ReadRows(src_, rq, range.first, range.last, {}));
    ASSIGN_OR_RETURN(
        RowsByMessage replayed,
        ReadRows(scratch_.db(), rq, scratch_first, scratch_last, to_original_));
    report.tables.push_back(
        Compare(rq.table, std::move(stored), std::move(replayed)));
  }
  // Episodes, as the export derives them now (or at the end of the period).
  const UnixMillis as_of =
      std::min<UnixMillis>(o_.to - 1, RealClock().NowMillis());
  ASSIGN_OR_RETURN(ReplayTableResult episodes,
                   CompareEpisodes(src_, scratch_.db(), range.first, range.last,
                                   to_original_, as_of));
  report.tables.push_back(std::move(episodes));
  return Status::Ok();
}

}  // namespace

bool ReplayReport::Identical() const {
  for (const ReplayTableResult& t : tables) {
    if (!t.differences.empty()) return false;
  }
  return true;
}

Result<ReplayReport> Replay(const ReplayOptions& o) {
  ASSIGN_OR_RETURN(
      store::Database src,
      store::Database::Open(o.source_db, store::Database::Mode::kReadOnly));
  ASSIGN_OR_RETURN(StoredRange range, ReadStoredRange(src, o.from, o.to));
  store::StoreOptions so;
  so.path = o.scratch_db;
  so.synchronous = store::Synchronous::kOff;
  so.grading = o.grading;
  so.site_zone = o.hl7.zone;
  so.alerting = o.alerting;
  ASSIGN_OR_RETURN(auto scratch, store::MessageStore::Open(so));
  Replayer replayer(o, src, *scratch);
  RETURN_IF_ERROR(replayer.Prepare());
  ReplayReport report;
  RETURN_IF_ERROR(replayer.ReplayMessages(range, report));
  report.tables.push_back(replayer.TakeActions());
  if (range.first == 0) return report;  // nothing received in the period
  RETURN_IF_ERROR(replayer.CompareTables(range, report));
  return report;
}

std::string RenderReplayReport(const ReplayReport& r,
                               const std::string& rule_set) {
  std::string out =
      "Replayed " + std::to_string(r.messages_replayed) +
      " messages with rule set " + rule_set + "; compared the rows of the " +
      std::to_string(r.messages_compared) + " received in the period.\n";
  std::size_t shown = 0;
  for (const ReplayTableResult& t : r.tables) {
    char line[160];
    std::snprintf(line, sizeof line,
                  "  %-20s stored %-8lld replayed %-8lld identical %lld\n",
                  t.table.c_str(), static_cast<long long>(t.stored),
                  static_cast<long long>(t.replayed),
                  static_cast<long long>(t.identical));
    out += line;
  }
  if (r.Identical()) return out + "Reproduced exactly.\n";
  out += "Differences:\n";
  for (const ReplayTableResult& t : r.tables) {
    for (const std::string& d : t.differences) {
      if (++shown > 500) break;
      out += "  " + t.table + ": " + d + "\n";
    }
  }
  if (shown > 500) out += "  ... (only the first 500 shown)\n";
  return out;
}

}  // namespace iraed::ctl
