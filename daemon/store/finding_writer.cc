#include "store/finding_writer.h"

#include "common/json.h"
#include "common/time_format.h"

namespace iraed::store {

struct FindingWriter::Statements {
  Statement grade_at;
  Statement evidence_of;
  Statement grade_before_message;
  Statement insert_finding;
  Statement insert_alert_finding;
};

FindingWriter::FindingWriter(Database& db, AuditLog& audit,
                             AlertLifecycle& lifecycle,
                             grading::CtcaeVersion alerting,
                             std::unique_ptr<Statements> st)
    : db_(db),
      audit_(audit),
      lifecycle_(lifecycle),
      alerting_(alerting),
      st_(std::move(st)) {}

FindingWriter::~FindingWriter() = default;

Result<std::unique_ptr<FindingWriter>> FindingWriter::Prepare(
    Database& db, AuditLog& audit, AlertLifecycle& lifecycle,
    grading::CtcaeVersion alerting) {
  auto st = std::make_unique<Statements>();
  auto prep = [&db](Statement& into, const char* sql) -> Status {
    ASSIGN_OR_RETURN(into, db.Prepare(sql));
    return Status::Ok();
  };
  RETURN_IF_ERROR(prep(st->grade_at, R"sql(
      SELECT grade, id, provisional, observed_at_ms FROM findings
      WHERE patient_id = ?1 AND term = ?2 AND observed_at_ms <= ?3
        AND (?4 = '' OR grading_system = ?4)
      ORDER BY observed_at_ms DESC, id DESC LIMIT 1)sql"));
  RETURN_IF_ERROR(
      prep(st->evidence_of, "SELECT evidence FROM findings WHERE id = ?1"));
  // The patient's current grade for a term, ignoring the findings of one
  // message (?3): the grade before that message.
  // With the paging policy it was written under (evidence.paging_policy).
  // ?4: a grading system whose findings are left out ('' none): the CTCAE
  // version that does not drive alerts, where the versions share a name.
  RETURN_IF_ERROR(prep(st->grade_before_message, R"sql(
      SELECT grade,
             CASE WHEN json_valid(evidence)
                  THEN json_extract(evidence, '$.paging_policy.name') END
      FROM findings
      WHERE patient_id = ?1 AND term = ?2 AND message <> ?3
        AND (?4 = '' OR grading_system <> ?4)
      ORDER BY observed_at_ms DESC, id DESC LIMIT 1)sql"));
  RETURN_IF_ERROR(prep(st->insert_finding, R"sql(
      INSERT INTO findings (patient_id, term, meddra_code, grading_system,
          grade, previous_grade, observed_at, observed_at_ms, recorded_at_ms,
          rule_version, provisional, evidence, message, observation)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
              ?14))sql"));
  RETURN_IF_ERROR(prep(st->insert_alert_finding,
                       "INSERT INTO alert_findings (alert, finding) "
                       "VALUES (?1, ?2)"));
  return std::unique_ptr<FindingWriter>(
      new FindingWriter(db, audit, lifecycle, alerting, std::move(st)));
}

Result<std::optional<FindingWriter::InForce>> FindingWriter::InForceAt(
    std::int64_t patient_row, std::string_view term, UnixMillis at,
    std::string_view system) {
  ScopedStatement q(st_->grade_at);
  q->Bind(1, patient_row)
      .Bind(2, term)
      .Bind(3, static_cast<std::int64_t>(at))
      .Bind(4, system);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return std::optional<InForce>();
  return std::optional<InForce>(InForce{q->ColumnInt(1),
                                        static_cast<int>(q->ColumnInt(0)),
                                        q->ColumnInt(2) != 0, q->ColumnInt(3)});
}

Result<std::string> FindingWriter::EvidenceOf(std::int64_t id) {
  ScopedStatement q(st_->evidence_of);
  q->Bind(1, id);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row || q->ColumnIsNull(0)) return std::string();
  return q->ColumnText(0);
}

Result<int> FindingWriter::GradeAt(std::int64_t patient_row,
                                   std::string_view term, UnixMillis at,
                                   std::string_view system) {
  ASSIGN_OR_RETURN(std::optional<InForce> f,
                   InForceAt(patient_row, term, at, system));
  return f ? f->grade : 0;
}

Result<std::optional<std::int64_t>> FindingWriter::FindingIdAt(
    std::int64_t patient_row, std::string_view term, UnixMillis at,
    std::string_view system) {
  ASSIGN_OR_RETURN(std::optional<InForce> f,
                   InForceAt(patient_row, term, at, system));
  if (!f) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(f->id);
}

Result<std::int64_t> FindingWriter::Write(surveillance::MessageWork& work,
                                          const Finding& f) {
  ScopedStatement q(st_->insert_finding);
  q->Bind(1, f.patient_row)
      .Bind(2, f.term)
      .Bind(4, f.system)
      .Bind(5, static_cast<std::int64_t>(f.grade))
      .Bind(6, static_cast<std::int64_t>(f.previous_grade))
      .Bind(7, FormatUtcMillis(f.observed_at))
      .Bind(8, static_cast<std::int64_t>(f.observed_at))
      .Bind(9, static_cast<std::int64_t>(f.recorded_at))
      .Bind(10, f.rule_version)
      .Bind(11, static_cast<std::int64_t>(f.provisional ? 1 : 0))
      .Bind(12, f.evidence)
      .Bind(13, f.message_row)
      .Bind(14, f.observation_row);
  if (f.meddra.empty()) {
    q->BindNull(3);
  } else {
    q->Bind(3, f.meddra);
  }
  RETURN_IF_ERROR(q->Run());
  const std::int64_t id = db_.LastInsertRowId();
  RETURN_IF_ERROR(audit_.AppendRow("finding", "findings", id, f.recorded_at));
  if (!f.drives_alerts) return id;  // recorded; pages nobody
  alerts::MessageFinding written;
  written.id = id;
  written.term = f.term;
  written.grade = f.grade;
  written.provisional = f.provisional;
  written.observed_at = f.observed_at;
  written.what = f.what;
  written.therapy = f.therapy;
  written.rule_version = f.rule_version;
  written.after_checkpoint_inhibitor = f.after_checkpoint_inhibitor;
  written.paging = f.paging;
  work.findings.push_back(std::move(written));
  return id;
}

Status FindingWriter::RaiseAlerts(surveillance::MessageWork& work) {
  const std::int64_t message_row = work.message_row;
  const std::int64_t patient_row = work.patient_row;
  std::vector<alerts::MessageFinding> findings;
  findings.swap(work.findings);
  std::vector<grading::Syndrome> muted;
  muted.swap(work.muted);
  for (grading::Syndrome s : alerts::TouchedSyndromes(findings, muted)) {
    // The grade of each member term before this message.
    alerts::GradesBefore before;
    alerts::SilencedTerms silenced;
    const grading::SyndromePaging paging =
        grading::PagingOf(s, alerts::PolicyOf(s, findings));
    for (std::string_view term : paging.terms) {
      // The CTCAE version that does not page shares most term names with
      // the one that does: its findings are not the grade before (the v5
      // terms without a v6 successor page under either version).
      const grading::CtcaeVersion other =
          alerting_ == grading::CtcaeVersion::kV5 ? grading::CtcaeVersion::kV6
                                                  : grading::CtcaeVersion::kV5;
      // The CTCAE CRS scale beside ASTCT never pages (reference 10.6).
      const std::string_view left_out =
          term == grading::kCrsTerm ? grading::kCtcae5System
          : grading::Ctcae5TermWithoutV6Successor(term)
              ? std::string_view()
              : grading::CtcaeSystemOf(other);
      ScopedStatement q(st_->grade_before_message);
      q->Bind(1, patient_row)
          .Bind(2, term)
          .Bind(3, message_row)
          .Bind(4, left_out);
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) continue;
      before[std::string(term)] = static_cast<int>(q->ColumnInt(0));
      // Written under a policy that kept its term from paging (a
      // neutropenia inside a CAR-T window): it paged nobody.
      alerts::MessageFinding written;
      written.term = std::string(term);
      written.paging =
          q->ColumnText(1) == grading::PagingPolicyName(
                                  grading::PagingPolicy::kCarTCytopeniaWindow)
              ? grading::PagingPolicy::kCarTCytopeniaWindow
              : grading::PagingPolicy::kDefault;
      if (!alerts::PagesUnderItsPolicy(s, written)) {
        silenced.insert(std::string(term));
      }
    }
    std::optional<alerts::SyndromeAlert> a =
        alerts::RollUp(s, findings, before, silenced);
    if (!a) continue;
    AlertCandidate c;
    c.patient_row = patient_row;
    c.syndrome = std::string(grading::SyndromeName(s));
    c.grade = a->grade;
    c.previous_grade = a->previous_grade;
    c.observed_at = a->observed_at;
    c.summary = std::move(a->summary);
    c.action = std::move(a->action);
    c.finding_ids = DumpJson(a->finding_ids);
    c.provisional = a->provisional;
    c.rule_version = std::move(a->rule_version);
    c.message_row = message_row;
    ASSIGN_OR_RETURN(std::optional<std::int64_t> alert,
                     lifecycle_.Raise(c, work.recorded_at));
    if (!alert) continue;  // suppressed, recorded as such
    for (std::int64_t id : a->finding_ids) {
      ScopedStatement link(st_->insert_alert_finding);
      link->Bind(1, *alert).Bind(2, id);
      RETURN_IF_ERROR(link->Run());
    }
  }
  return Status::Ok();
}

}  // namespace iraed::store
