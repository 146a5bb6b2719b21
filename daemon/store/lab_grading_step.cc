#include "store/lab_grading_step.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "common/json.h"
#include "common/time_format.h"
#include "grading/asco_irae.h"
#include "grading/ctcae6_labs.h"
#include "grading/febrile_neutropenia.h"
#include "grading/syndromes.h"
#include "grading/units.h"
#include "surveillance/evidence.h"
#include "surveillance/lab_assembly.h"

namespace iraed::store {

struct LabGradingStep::Statements {
  Statement insert_data_quality;
  Statement findings_of_result;
};

namespace {

using Scoped = ScopedStatement;

}  // namespace

LabGradingStep::LabGradingStep(FindingWriter& writer,
                               surveillance::PatientTimeline& timeline,
                               grading::GradingOptions options,
                               std::unique_ptr<Statements> st)
    : writer_(writer),
      timeline_(timeline),
      options_(std::move(options)),
      st_(std::move(st)) {}

LabGradingStep::~LabGradingStep() = default;

Result<std::unique_ptr<LabGradingStep>> LabGradingStep::Prepare(
    Database& db, FindingWriter& writer,
    surveillance::PatientTimeline& timeline, grading::GradingOptions options) {
  auto st = std::make_unique<Statements>();
  auto prep = [&db](Statement& into, const std::string& sql) -> Status {
    ASSIGN_OR_RETURN(into, db.Prepare(sql));
    return Status::Ok();
  };
  RETURN_IF_ERROR(prep(st->insert_data_quality, R"sql(
      INSERT INTO data_quality (message, observation, patient_id, issue,
                                detail, recorded_at_ms)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql"));
  // The lab findings (CTCAE and ASCO terms of this step; not ICAHT nor
  // febrile neutropenia, whose steps grade a withdrawal again from the
  // whole record) caused by earlier observations carrying a result id.
  RETURN_IF_ERROR(prep(st->findings_of_result, R"sql(
      SELECT f.id, f.term, f.meddra_code, f.grade, f.previous_grade,
             f.observed_at_ms, f.rule_version, f.grading_system
      FROM findings f JOIN observations o ON o.id = f.observation
      WHERE f.patient_id = ?1 AND o.result_id = ?2 AND o.code_system = ?3
        AND o.code = ?4 AND o.id <> ?5
        AND (?7 = 0 OR (f.grading_system IN ('CTCAE 5.0', 'CTCAE 6.0', 'ASCO 2021')
                        AND f.term <> ?6 AND f.term <> ?8))
      ORDER BY f.id)sql"));
  return std::unique_ptr<LabGradingStep>(
      new LabGradingStep(writer, timeline, std::move(options), std::move(st)));
}

Status LabGradingStep::OnObservation(
    MessageWork& work, const surveillance::StoredObservation& stored) {
  const model::Observation& o = stored.observation;
  if (o.status == model::ResultStatus::kCancelled ||
      o.status == model::ResultStatus::kEnteredInError) {
    return Withdraw(work, stored.row, o, stored.analyte);
  }
  ASSIGN_OR_RETURN(GradeResult g,
                   Grade(work, stored.row, o, stored.analyte, Revisit::kNo));
  if (g != GradeResult::kWritten) return Status::Ok();
  return FollowOn(work, *stored.analyte, o.observed_at, stored.row);
}

Status LabGradingStep::FollowOn(MessageWork& work, grading::Analyte analyte,
                                UnixMillis after, std::int64_t exclude_row) {
  const std::int64_t patient_row = work.patient_row;
  // A grade written at `after` stays in force up to the next finding, also
  // over stored results that wrote none because their grade was the one in
  // force then: grade the results after it again, in time order, until
  // one is gradable (its grade is then the one in force after it).
  std::vector<surveillance::StoredLabResult> later;
  for (const std::string& code : options_.analytes.CodesOf(analyte)) {
    ASSIGN_OR_RETURN(
        std::vector<surveillance::StoredLabResult> found,
        timeline_.GradableResultsAfter(patient_row, code, after, exclude_row));
    for (surveillance::StoredLabResult& r : found) {
      const model::Code& c = r.observation.code;
      if (options_.analytes.Find(c.system, c.code) != analyte) continue;
      later.push_back(std::move(r));
    }
  }
  std::sort(later.begin(), later.end(),
            [](const surveillance::StoredLabResult& a,
               const surveillance::StoredLabResult& b) {
              return a.observation.observed_at != b.observation.observed_at
                         ? a.observation.observed_at < b.observation.observed_at
                         : a.row < b.row;
            });
  for (const surveillance::StoredLabResult& l : later) {
    // A result of this same message is not late: graded again unlabelled.
    ASSIGN_OR_RETURN(GradeResult g,
                     Grade(work, l.row, l.observation, analyte,
                           l.message == work.message_row ? Revisit::kSameMessage
                                                         : Revisit::kLate));
    if (g != GradeResult::kNotGradable) break;
  }
  return Status::Ok();
}

bool LabGradingStep::GradedUnderRuleSet(
    const model::Observation& o,
    std::optional<grading::Analyte> analyte) const {
  if (!surveillance::LabIsGraded(o, analyte)) return false;
  // LDH and the analytes added with iraed-rules-3 were recorded only
  // before it (no grade, no data-quality row).
  // HDL, LDL and measured clearance (v6 terms only) before iraed-rules-4.
  const grading::Analyte a = *analyte;
  if (a >= grading::Analyte::kHdl &&
      a <= grading::Analyte::kCreatinineClearance) {
    return options_.rule_set >= grading::RuleSet::kRules4;
  }
  return options_.rule_set >= grading::RuleSet::kRules3 ||
         a < grading::Analyte::kLdh || a > grading::Analyte::kHaptoglobin;
}

std::string LabGradingStep::AlternateCodeOnly(const model::Observation& o,
                                              grading::Analyte analyte) const {
  // Reference 10.1-10.3 read these results back by their code (ICAHT and
  // febrile neutropenia the neutrophil counts, the ASCO hepatitis band the
  // latest ALT, AST and bilirubin): one known only by an alternate coding
  // (OBX-3 components 4-6) would be left out, so it leaves a trace.
  if (options_.rule_set < grading::RuleSet::kRules3 ||
      (analyte != grading::Analyte::kNeutrophils &&
       !surveillance::IsHepatitisAnalyte(analyte)) ||
      options_.analytes.Find(o.code.system, o.code.code) == analyte) {
    return "";
  }
  const std::string code = o.code.system + "|" + o.code.code;
  return std::string(grading::AnalyteName(analyte)) + ": code " + code +
         " is known only by an alternate coding; ICAHT, febrile neutropenia "
         "and the ASCO hepatitis band read earlier results by their code "
         "and will leave this one out: map " +
         code + " in grading.code_map";
}

Result<LabGradingStep::GradeResult> LabGradingStep::Grade(
    MessageWork& work, std::int64_t observation_row,
    const model::Observation& o, std::optional<grading::Analyte> analyte,
    Revisit revisit) {
  const std::int64_t patient_row = work.patient_row;
  const bool late = revisit == Revisit::kLate;
  if (!GradedUnderRuleSet(o, analyte)) return GradeResult::kNotGradable;

  // A stored result graded again already has its data-quality records.
  auto quality = [&](std::string_view issue,
                     const std::string& detail) -> Status {
    if (revisit != Revisit::kNo) return Status::Ok();
    Scoped q(st_->insert_data_quality);
    q->Bind(1, work.message_row)
        .Bind(2, observation_row)
        .Bind(3, patient_row)
        .Bind(4, issue)
        .Bind(5, detail)
        .Bind(6, static_cast<std::int64_t>(work.recorded_at));
    RETURN_IF_ERROR(q->Run());
    return writer_.AuditDataQuality(work.recorded_at);
  };

  // Monitored therapy at or before the observation. The first therapy is
  // looked up once per message (a batch is one patient): most results are
  // of patients not on therapy, and this is the hot path.
  if (!work.first_therapy) {
    ASSIGN_OR_RETURN(work.first_therapy, timeline_.FirstTherapy(patient_row));
  }
  const std::optional<surveillance::TherapyRef>& first_therapy =
      *work.first_therapy;
  if (!first_therapy || first_therapy->at > o.observed_at) {
    return GradeResult::kNotGradable;  // not on monitored therapy (yet)
  }
  const surveillance::TherapyRef first = *first_therapy;

  if (const std::string why = AlternateCodeOnly(o, *analyte); !why.empty()) {
    RETURN_IF_ERROR(quality("alternate_code_only", why));
  }
  const std::optional<grading::Unit> unit = grading::ParseUnit(o.unit);
  if (!unit) {
    RETURN_IF_ERROR(
        quality("unknown_unit", std::string(grading::AnalyteName(*analyte)) +
                                    ": unit '" + o.unit +
                                    "' is not one iraed can grade in"));
    return GradeResult::kNotGradable;
  }
  // The baseline candidate: the latest result of the same code before the
  // first therapy, within the look-back.
  ASSIGN_OR_RETURN(std::optional<surveillance::StoredResult> baseline,
                   timeline_.LatestResultBetween(
                       patient_row, o.code,
                       first.at - options_.baseline_lookback_ms, first.at));
  int hypothyroidism_before = 0;
  if (*analyte == grading::Analyte::kTsh) {
    ASSIGN_OR_RETURN(hypothyroidism_before,
                     writer_.GradeAt(patient_row, grading::kHypothyroidismTerm,
                                     o.observed_at - 1));
  }
  surveillance::LabAssessment assessment = surveillance::AssembleLab(
      o, *analyte, *unit, baseline, hypothyroidism_before, options_);
  if (options_.rule_set >= grading::RuleSet::kRules3 &&
      surveillance::IsHepatitisAnalyte(*analyte)) {
    RETURN_IF_ERROR(
        AddAscoHepatitis(patient_row, o, *analyte, first, assessment));
  }
  if (!assessment.not_graded.empty() && assessment.grades.empty()) {
    RETURN_IF_ERROR(quality("not_graded", assessment.not_graded));
  }
  if (assessment.grades.empty()) return GradeResult::kNotGradable;
  return WriteChangedGrades(work, observation_row, o, assessment, first, late);
}

Result<LabGradingStep::GradeResult> LabGradingStep::WriteChangedGrades(
    MessageWork& work, std::int64_t observation_row,
    const model::Observation& o, const surveillance::LabAssessment& assessment,
    const surveillance::TherapyRef& first, bool late) {
  const std::int64_t patient_row = work.patient_row;
  std::optional<surveillance::TherapyRef> latest;
  bool after_checkpoint_inhibitor = false;
  bool wrote = false;
  for (const surveillance::LabTermGrade& entry : assessment.grades) {
    const grading::TermGrade& g = entry.grade;
    ASSIGN_OR_RETURN(
        int previous,
        writer_.GradeAt(patient_row, g.term, o.observed_at, entry.system));
    if (g.grade == previous) continue;
    if (!latest) {
      ASSIGN_OR_RETURN(latest,
                       timeline_.LatestTherapyAt(patient_row, o.observed_at));
      ASSIGN_OR_RETURN(after_checkpoint_inhibitor,
                       timeline_.CheckpointDoseBy(patient_row, o.observed_at));
    }
    FindingWriter::Finding f;
    f.patient_row = patient_row;
    f.message_row = work.message_row;
    f.observation_row = observation_row;
    f.term = g.term;
    f.meddra = g.meddra;
    f.system = std::string(entry.system);
    f.rule_version = std::string(entry.version);
    f.grade = g.grade;
    f.previous_grade = previous;
    f.provisional = g.provisional;
    f.observed_at = o.observed_at;
    f.recorded_at = work.recorded_at;
    surveillance::LabFindingEvidence evidence =
        surveillance::LabEvidenceOf(assessment, o, g, first, *latest, late);
    ASSIGN_OR_RETURN(f.paging, PagingPolicyOf(work.patient_row, g.term,
                                              o.observed_at, evidence));
    const bool hepatitis_scales =
        options_.rule_set >= grading::RuleSet::kRules3 &&
        grading::SyndromeForTerm(g.term) == grading::Syndrome::kHepatitis;
    if (hepatitis_scales && g.term == grading::kAscoHepatitisTerm) {
      evidence.asco_hepatitis_values = assessment.hepatitis_values;
    }
    f.drives_alerts = grading::CtcaeFindingPages(entry.system, g.term,
                                                 options_.AlertingCtcae());
    if (!f.drives_alerts) evidence.record_only = RecordOnlyText();
    f.evidence = DumpJson(surveillance::ToJson(evidence));
    f.what = surveillance::LabWhat(o, g, late);
    // Reference 10.3: the Hepatitis alert names the scale that drove it.
    if (hepatitis_scales) f.what += " [" + std::string(entry.system) + "]";
    f.therapy = surveillance::TherapyText(first, o.observed_at);
    f.after_checkpoint_inhibitor = after_checkpoint_inhibitor;
    RETURN_IF_ERROR(writer_.Write(work, f).status());
    wrote = true;
  }
  return wrote ? GradeResult::kWritten : GradeResult::kUnchanged;
}

Status LabGradingStep::AddAscoHepatitis(
    std::int64_t patient_row, const model::Observation& o,
    grading::Analyte analyte, const surveillance::TherapyRef& first,
    surveillance::LabAssessment& assessment) {
  // A result without a ULN is not graded by the band at all: graded from
  // the other two it could read a missing range as normal (and its
  // not_graded data-quality row stays).
  if (!assessment.input.uln) return Status::Ok();
  std::vector<surveillance::HepatitisValue> values;
  values.push_back(
      {analyte, assessment.input.value, *assessment.input.uln, o.observed_at});
  // The latest of the other two since the first therapy, with their own
  // limits (a result of the same message is already stored when it came
  // before this one).
  for (grading::Analyte other : {grading::Analyte::kAlt, grading::Analyte::kAst,
                                 grading::Analyte::kBilirubinTotal}) {
    if (other == analyte) continue;
    ASSIGN_OR_RETURN(std::optional<surveillance::StoredLabResult> latest,
                     timeline_.LatestAnalyteResult(patient_row, other, first.at,
                                                   o.observed_at));
    if (!latest || !latest->observation.numeric) continue;
    const std::optional<grading::Unit> unit =
        grading::ParseUnit(latest->observation.unit);
    if (!unit) continue;
    const surveillance::ResultLimits limits =
        surveillance::LimitsOf(latest->observation, other, *unit, options_);
    if (!limits.uln || !(*limits.uln > 0)) continue;
    values.push_back({other, *latest->observation.numeric, *limits.uln,
                      latest->observation.observed_at});
  }
  if (auto asco = surveillance::AscoHepatitis(values)) {
    assessment.grades.push_back(std::move(*asco));
    assessment.hepatitis_values = std::move(values);
  }
  return Status::Ok();
}

Result<grading::PagingPolicy> LabGradingStep::PagingPolicyOf(
    std::int64_t patient_row, std::string_view term, UnixMillis at,
    surveillance::LabFindingEvidence& evidence) {
  if (options_.rule_set < grading::RuleSet::kRules3 ||
      grading::SyndromeForTerm(term) != grading::Syndrome::kCytopenia) {
    return grading::PagingPolicy::kDefault;
  }
  ASSIGN_OR_RETURN(std::optional<surveillance::CarTDay> cart,
                   timeline_.CarTDayAt(patient_row, at));
  if (!cart || cart->day < 0 || cart->day > options_.icaht_window_days) {
    return grading::PagingPolicy::kDefault;
  }
  const grading::PagingPolicy p = grading::PagingPolicy::kCarTCytopeniaWindow;
  evidence.paging_policy = std::string(grading::PagingPolicyName(p));
  evidence.car_t_day = cart->day;
  evidence.paging_policy_text = std::string(grading::PagingPolicyText(p));
  return p;
}

std::string LabGradingStep::RecordOnlyText() const {
  const grading::CtcaeVersion v = options_.AlertingCtcae();
  const grading::CtcaeVersion other = v == grading::CtcaeVersion::kV5
                                          ? grading::CtcaeVersion::kV6
                                          : grading::CtcaeVersion::kV5;
  return std::string(grading::CtcaeSystemOf(other)) +
         " findings are recorded and page nobody at this site "
         "(ctcae_alert_version " +
         std::string(grading::CtcaeVersionName(v)) + ")";
}

Status LabGradingStep::Withdraw(MessageWork& work, std::int64_t observation_row,
                                const model::Observation& o,
                                std::optional<grading::Analyte> analyte) {
  const std::int64_t patient_row = work.patient_row;
  if (o.result_id.empty()) return Status::Ok();  // nothing to match
  struct Caused {
    std::int64_t id;
    std::string term, meddra;
    int grade, previous;
    UnixMillis observed_at;
    std::string rule_version;
    std::string system;
    bool meddra_null;
  };
  std::vector<Caused> caused;
  {
    Scoped q(st_->findings_of_result);
    q->Bind(1, patient_row)
        .Bind(2, o.result_id)
        .Bind(3, o.code.system)
        .Bind(4, o.code.code)
        .Bind(5, observation_row)
        .Bind(6, grading::kFebrileNeutropeniaTerm)
        // The CTCAE CRS scale (reference 10.6) is graded again by the
        // ASTCT step from the record, never restored here.
        .Bind(8, grading::kCrsTerm)
        // Rule set 2 restored every finding of the result (CRS ones of a
        // temperature included): kept as it was, for replay.
        .Bind(7, static_cast<std::int64_t>(
                     options_.rule_set >= grading::RuleSet::kRules3 ? 1 : 0));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      caused.push_back(
          Caused{q->ColumnInt(0), q->ColumnText(1), q->ColumnText(2),
                 static_cast<int>(q->ColumnInt(3)),
                 static_cast<int>(q->ColumnInt(4)), q->ColumnInt(5),
                 q->ColumnText(6), q->ColumnText(7), q->ColumnIsNull(2)});
    }
  }
  std::optional<UnixMillis> restored_at;
  for (const Caused& c : caused) {
    // Only a grade in force at its own time is withdrawn (another result
    // at that time already replaced it otherwise); results after it are
    // then graded again (FollowOn).
    ASSIGN_OR_RETURN(
        std::optional<std::int64_t> in_force,
        writer_.FindingIdAt(patient_row, c.term, c.observed_at, c.system));
    if (in_force != c.id) continue;
    restored_at =
        restored_at ? std::min(*restored_at, c.observed_at) : c.observed_at;
    surveillance::LabWithdrawalEvidence withdrawal{
        c.id,       o.result_id, std::string(model::ToString(o.status)),
        c.previous, "",          ""};
    // A grade restored inside a CAR-T window is under its paging policy.
    surveillance::LabFindingEvidence policy;
    ASSIGN_OR_RETURN(
        grading::PagingPolicy paging,
        PagingPolicyOf(patient_row, c.term, c.observed_at, policy));
    withdrawal.paging_policy = policy.paging_policy;
    const bool drives_alerts =
        grading::CtcaeFindingPages(c.system, c.term, options_.AlertingCtcae());
    if (!drives_alerts) withdrawal.record_only = RecordOnlyText();
    const std::string evidence = DumpJson(surveillance::ToJson(withdrawal));
    FindingWriter::Finding f;
    f.patient_row = patient_row;
    f.message_row = work.message_row;
    f.observation_row = observation_row;
    f.term = c.term;
    f.meddra = c.meddra_null ? "" : c.meddra;
    f.system = c.system;
    f.rule_version = c.rule_version;
    f.grade = c.previous;
    f.previous_grade = c.grade;
    f.observed_at = c.observed_at;
    f.recorded_at = work.recorded_at;
    f.evidence = evidence;
    f.what = "withdrawn";
    f.paging = paging;
    f.drives_alerts = drives_alerts;
    RETURN_IF_ERROR(writer_.Write(work, f).status());
  }
  if (restored_at && analyte) {
    return FollowOn(work, *analyte, *restored_at, observation_row);
  }
  return Status::Ok();
}

}  // namespace iraed::store
