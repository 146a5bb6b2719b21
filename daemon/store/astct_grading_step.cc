#include "store/astct_grading_step.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "common/json.h"
#include "common/time_format.h"
#include "grading/clinical_states.h"
#include "grading/crs.h"
#include "grading/ctcae6_labs.h"
#include "grading/ctcae_crs.h"
#include "grading/format.h"
#include "grading/icans.h"
#include "grading/syndromes.h"
#include "surveillance/astct_evidence.h"
#include "surveillance/crs_assembly.h"
#include "surveillance/evidence.h"
#include "surveillance/icans_assembly.h"

namespace iraed::store {

struct AstctGradingStep::Statements {
  Statement insert_state;
  Statement insert_data_quality;
};

namespace {

using grading::Analyte;

// Beyond the reach of a late input, at most this many stored moments are
// graded again looking for one whose grade is known (a bound on one
// message's work; in practice the first one or two are).
constexpr int kMaxFollowOnMoments = 1000;

void AddMoment(std::vector<AstctGradingStep::Moment>& moments, UnixMillis at,
               std::optional<std::int64_t> observation,
               bool withdrawal = false) {
  for (auto& m : moments) {
    if (m.at == at) {
      if (!m.observation_row) m.observation_row = observation;
      m.withdrawal = m.withdrawal || withdrawal;
      return;
    }
  }
  moments.push_back({at, observation, withdrawal});
}

}  // namespace

AstctGradingStep::AstctGradingStep(FindingWriter& writer,
                                   const grading::GradingOptions& options,
                                   std::unique_ptr<Statements> st,
                                   surveillance::PatientTimeline& timeline)
    : writer_(writer),
      options_(options),
      st_(std::move(st)),
      timeline_(timeline) {}

AstctGradingStep::~AstctGradingStep() = default;

Result<std::unique_ptr<AstctGradingStep>> AstctGradingStep::Prepare(
    Database& db, FindingWriter& writer,
    surveillance::PatientTimeline& timeline,
    const grading::GradingOptions& options) {
  auto st = std::make_unique<Statements>();
  auto prep = [&db](Statement& into, const char* sql) -> Status {
    ASSIGN_OR_RETURN(into, db.Prepare(sql));
    return Status::Ok();
  };
  RETURN_IF_ERROR(prep(st->insert_state, R"sql(
      INSERT INTO clinical_states (patient, concept, observed_at_ms,
          value_numeric, value_token, observation, result_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql"));
  RETURN_IF_ERROR(prep(st->insert_data_quality, R"sql(
      INSERT INTO data_quality (message, observation, patient_id, issue,
                                detail, recorded_at_ms)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql"));
  return std::unique_ptr<AstctGradingStep>(
      new AstctGradingStep(writer, options, std::move(st), timeline));
}

Status AstctGradingStep::OnObservation(
    MessageWork& work, const surveillance::StoredObservation& stored) {
  const model::Observation& o = stored.observation;
  const std::optional<Analyte> what = stored.analyte;
  const std::int64_t observation_row = stored.row;
  if (!what || !grading::IsAstctInput(*what)) return Status::Ok();
  // Reference 10.4 came with iraed-rules-3: under an older rule set the
  // concept is stored as an observation only, as the release that carried
  // it did (it did not know the code).
  if (*what == Analyte::kFeverOtherCause &&
      options_.rule_set < grading::RuleSet::kRules3) {
    return Status::Ok();
  }
  // CAPD (reference 10.5) and inspired oxygen (10.6) came with
  // iraed-rules-4 likewise.
  if ((*what == Analyte::kCapd || *what == Analyte::kInspiredOxygen) &&
      options_.rule_set < grading::RuleSet::kRules4) {
    return Status::Ok();
  }
  const bool withdraws = o.status == model::ResultStatus::kCancelled ||
                         o.status == model::ResultStatus::kEnteredInError;
  if (!withdraws && o.status != model::ResultStatus::kFinal &&
      o.status != model::ResultStatus::kCorrected) {
    return Status::Ok();  // preliminary values are not graded
  }
  std::optional<grading::StateValue> value;
  if (withdraws) {
    if (o.result_id.empty()) return Status::Ok();  // nothing to match
    value = grading::StateValue{std::nullopt, "withdrawn"};
  } else {
    grading::StateReading r =
        grading::ReadClinicalState(*what, o.numeric, o.text, o.unit);
    if (!o.comparator.empty() && r.value && r.value->number) {
      r.value.reset();
      r.problem = std::string(grading::AnalyteName(*what)) +
                  ": a value with comparator '" + o.comparator +
                  "' is not graded";
    }
    if (!r.value) {
      ScopedStatement q(st_->insert_data_quality);
      q->Bind(1, work.message_row)
          .Bind(2, observation_row)
          .Bind(3, work.patient_row)
          .Bind(4, std::string_view("unreadable_value"))
          .Bind(5, r.problem)
          .Bind(6, static_cast<std::int64_t>(work.recorded_at));
      RETURN_IF_ERROR(q->Run());
      return writer_.AuditDataQuality(work.recorded_at);
    }
    value = std::move(r.value);
  }
  {
    ScopedStatement q(st_->insert_state);
    q->Bind(1, work.patient_row)
        .Bind(2, grading::AnalyteName(*what))
        .Bind(3, static_cast<std::int64_t>(o.observed_at))
        .Bind(4, value->number)
        .Bind(6, observation_row)
        .Bind(7, o.result_id);
    if (value->token.empty()) {
      q->BindNull(5);
    } else {
      q->Bind(5, value->token);
    }
    RETURN_IF_ERROR(q->Run());
  }
  const bool crs = grading::IsCrsInput(*what);
  surveillance::AstctNotes& notes = work.astct;
  AddMoment(crs ? notes.crs_moments : notes.icans_moments, o.observed_at,
            observation_row, withdraws);
  auto fresh = options_.freshness_ms.find(*what);
  Extend(crs ? notes.crs_reach : notes.icans_reach,
         o.observed_at +
             (fresh == options_.freshness_ms.end() ? 0 : fresh->second));
  return Status::Ok();
}

Status AstctGradingStep::OnAdministration(
    MessageWork& work, const model::MedicationAdministration& m,
    grading::DrugClass c) {
  const bool pressor = c == grading::DrugClass::kVasopressor ||
                       c == grading::DrugClass::kVasopressin;
  if (!pressor && !options_.fever_masking.Masks(c)) return Status::Ok();
  surveillance::AstctNotes& notes = work.astct;
  AddMoment(notes.crs_moments, m.started_at, std::nullopt);
  // The end of an infusion still in progress is planned: not a moment (it
  // runs until then; the first input after it sees it stopped). A grade
  // written there ahead of time would also be the message's newest and
  // keep the start's grade from paging.
  if (m.ended_at && m.status != model::AdministrationStatus::kInProgress) {
    AddMoment(notes.crs_moments, *m.ended_at, std::nullopt);
  }
  std::int64_t bears = pressor ? options_.vasopressor_freshness_ms : 0;
  auto mask = options_.masking_ms.find(c);
  if (mask != options_.masking_ms.end()) {
    bears = std::max(bears, mask->second);
  }
  Extend(notes.crs_reach,
         std::max(m.started_at, m.ended_at.value_or(0)) + bears);
  return Status::Ok();
}

Status AstctGradingStep::OnTherapy(MessageWork& work,
                                   const model::TherapyEvent& t) {
  if (t.kind != model::TherapyKind::kCarTInfusion &&
      t.kind != model::TherapyKind::kBispecificTCellEngager) {
    return Status::Ok();
  }
  UnixMillis from = t.administered_at;
  UnixMillis to = t.administered_at;
  if (t.entered_in_error) {
    // Without an id it withdraws nothing (therapies are matched by id).
    if (t.event_id.empty()) return Status::Ok();
    // The record it withdraws may carry another time: its window counts.
    ASSIGN_OR_RETURN(auto span,
                     timeline_.TherapyEventSpan(work.patient_row, t.event_id));
    if (span) {
      from = std::min(from, span->first);
      to = std::max(to, span->second);
    }
    work.astct.therapy_withdrawn = true;
  }
  surveillance::AstctNotes& notes = work.astct;
  notes.therapy_from =
      notes.therapy_from ? std::min(*notes.therapy_from, from) : from;
  notes.therapy_to = notes.therapy_to ? std::max(*notes.therapy_to, to) : to;
  return Status::Ok();
}

Status AstctGradingStep::OnMessageDone(MessageWork& work) {
  surveillance::AstctNotes notes = std::move(work.astct);
  work.astct = {};
  const std::optional<surveillance::TherapySpan> span =
      surveillance::TherapySpanOf(notes, options_.astct_window_ms);
  RETURN_IF_ERROR(GradeMoments(work, Which::kCrs, std::move(notes.crs_moments),
                               notes.crs_reach, span));
  return GradeMoments(work, Which::kIcans, std::move(notes.icans_moments),
                      notes.icans_reach, span);
}

Status AstctGradingStep::GradeMoments(
    MessageWork& work, Which which, std::vector<Moment> moments,
    std::optional<UnixMillis> reach,
    const std::optional<surveillance::TherapySpan>& span) {
  if (moments.empty() && !span) return Status::Ok();
  const std::int64_t patient_row = work.patient_row;
  std::sort(moments.begin(), moments.end(),
            [](const Moment& a, const Moment& b) { return a.at < b.at; });
  // The stored moments to grade again: after this message's earliest one,
  // within its reach, and the therapy's span.
  auto [after, until] = surveillance::RangeToRegrade(moments, reach, span);
  if (which == Which::kCrs) {
    ASSIGN_OR_RETURN(until,
                     timeline_.ReachOfStoredMasking(patient_row, after, until));
  }
  ASSIGN_OR_RETURN(std::vector<UnixMillis> stored,
                   timeline_.StoredMoments(which, patient_row, after, until));
  moments = surveillance::JoinStoredMoments(std::move(moments), stored, span);
  bool changed = false;
  for (const Moment& m : moments) {
    ASSIGN_OR_RETURN(std::optional<Therapy> therapy,
                     timeline_.EffectorTherapyAt(patient_row, m.at));
    if (!therapy) {
      if (m.therapy_withdrawn) {
        RETURN_IF_ERROR(ClearWithoutTherapy(work, which, m));
      }
      continue;
    }
    ASSIGN_OR_RETURN(Graded g, GradeAt(work, which, m, *therapy));
    changed = changed || g == Graded::kWritten || g == Graded::kRestored;
  }
  // A grade written before stored moments beyond the reach stays in force
  // over them: grade them until one says what the grade is there.
  if (!changed) return Status::Ok();
  for (int i = 0; i < kMaxFollowOnMoments; ++i) {
    ASSIGN_OR_RETURN(std::optional<UnixMillis> next,
                     timeline_.NextStoredMoment(which, patient_row, until));
    if (!next) break;
    until = *next;
    ASSIGN_OR_RETURN(std::optional<Therapy> therapy,
                     timeline_.EffectorTherapyAt(patient_row, *next));
    if (!therapy) break;
    const Moment m{*next, std::nullopt, false, true};
    ASSIGN_OR_RETURN(Graded g, GradeAt(work, which, m, *therapy));
    if (g == Graded::kUnchanged || g == Graded::kWritten) break;  // gradable
  }
  return Status::Ok();
}

Status AstctGradingStep::ClearWithoutTherapy(MessageWork& work, Which which,
                                             const Moment& m) {
  if (which == Which::kCrs && options_.rule_set >= grading::RuleSet::kRules4) {
    RETURN_IF_ERROR(ClearScale(work, m, grading::kCrsTerm, "10052015",
                               grading::kCtcaeCrsRuleVersion,
                               grading::kCtcae5System));
  }
  return which == Which::kCrs
             ? ClearScale(work, m, grading::kCrsTerm, "10052015",
                          grading::CrsRuleVersion(options_.rule_set),
                          grading::kAstctSystem)
             : ClearScale(work, m, grading::kIcansTerm, "",
                          grading::IcansRuleVersion(options_.rule_set),
                          grading::kAstctSystem);
}

Status AstctGradingStep::ClearScale(MessageWork& work, const Moment& m,
                                    std::string_view term,
                                    std::string_view meddra,
                                    std::string_view rule_version,
                                    std::string_view system) {
  ASSIGN_OR_RETURN(int now,
                   writer_.GradeAt(work.patient_row, term, m.at, system));
  if (now == 0) return Status::Ok();
  FindingWriter::Finding f;
  f.patient_row = work.patient_row;
  f.message_row = work.message_row;
  f.term = std::string(term);
  f.meddra = std::string(meddra);
  f.system = std::string(system);
  f.drives_alerts = system == grading::kAstctSystem;
  f.rule_version = std::string(rule_version);
  f.grade = 0;
  f.previous_grade = now;
  f.observed_at = m.at;
  f.recorded_at = work.recorded_at;
  f.evidence =
      DumpJson(surveillance::ToJson(surveillance::TherapyWithdrawnEvidence{
          "no CAR-T infusion or bispecific dose on record at this moment any "
          "more (entered in error)"}));
  f.what = "no CAR-T or bispecific therapy on record any more";
  return writer_.Write(work, f).status();
}

Result<AstctGradingStep::Graded> AstctGradingStep::GradeAt(
    MessageWork& work, Which which, const Moment& m, const Therapy& therapy) {
  if (which == Which::kIcans) return GradeIcansAt(work, m, therapy);
  // The fever of a patient graded for CRS is told by the CRS alert.
  work.muted.push_back(grading::Syndrome::kFever);
  return GradeCrsAt(work, m, therapy);
}

namespace {

// The end of a finding's evidence: rule, assumption, whether a late input
// had the moment graded again, and the therapy.
surveillance::FindingBasis Basis(std::string rule,
                                 std::optional<std::string> assumption,
                                 const AstctGradingStep::Moment& m,
                                 Json therapy) {
  return {std::move(rule), std::move(assumption), m.revisit,
          std::move(therapy)};
}

std::string RevisitText(const AstctGradingStep::Moment& m) {
  return m.revisit ? " (regraded: an earlier-timed input arrived late)" : "";
}

}  // namespace

Result<AstctGradingStep::Graded> AstctGradingStep::GradeCrsAt(
    MessageWork& work, const Moment& m, const Therapy& therapy) {
  const std::int64_t patient_row = work.patient_row;
  ASSIGN_OR_RETURN(surveillance::CrsSnapshot snapshot,
                   timeline_.CrsSnapshotAt(patient_row, m.at));
  surveillance::CrsAssessment a = surveillance::AssembleCrs(snapshot, options_);
  const bool second_scale = options_.rule_set >= grading::RuleSet::kRules4;
  if (!a.gradable) {
    if (!m.withdrawal && !m.revisit) return Graded::kUnknown;
    Graded ctcae = Graded::kUnknown;
    if (second_scale) {
      ASSIGN_OR_RETURN(
          ctcae,
          FallBack(work, m, therapy, grading::kCrsTerm, "10052015",
                   grading::kCtcaeCrsRuleVersion, grading::kCtcae5System));
    }
    ASSIGN_OR_RETURN(Graded astct,
                     FallBack(work, m, therapy, grading::kCrsTerm, "10052015",
                              grading::CrsRuleVersion(options_.rule_set)));
    // Either scale restored: the moments after it are graded on.
    return astct == Graded::kUnknown ? ctcae : astct;
  }
  const grading::CrsGrade g = grading::GradeCrs(a.inputs);
  Graded ctcae = Graded::kUnchanged;
  if (second_scale) {
    ASSIGN_OR_RETURN(ctcae, GradeCtcaeCrsAt(work, m, therapy, a, g.grade));
  }
  ASSIGN_OR_RETURN(int previous, writer_.GradeAt(patient_row, grading::kCrsTerm,
                                                 m.at, grading::kAstctSystem));
  if (g.grade == previous) return ctcae;
  const surveillance::CrsFindingEvidence evidence{
      std::move(a.evidence), a.not_current,
      Basis(g.reason, g.assumption, m,
            surveillance::TherapyJson(therapy, m.at))};
  FindingWriter::Finding f;
  f.patient_row = patient_row;
  f.message_row = work.message_row;
  f.observation_row = m.observation_row;
  f.term = std::string(grading::kCrsTerm);
  f.meddra = "10052015";  // CTCAE5 / MedDRA "Cytokine release syndrome"
  f.system = "ASTCT 2019";
  f.rule_version = grading::CrsRuleVersion(options_.rule_set);
  f.grade = g.grade;
  f.previous_grade = previous;
  f.provisional = g.provisional;
  f.observed_at = m.at;
  f.recorded_at = work.recorded_at;
  f.evidence = DumpJson(surveillance::ToJson(evidence));
  f.what =
      g.reason +
      (a.not_current.empty() ? "" : " (no current " + a.not_current + ")") +
      RevisitText(m);
  f.therapy = surveillance::TherapyText(therapy, m.at);
  RETURN_IF_ERROR(writer_.Write(work, f).status());
  return Graded::kWritten;
}

Result<AstctGradingStep::Graded> AstctGradingStep::GradeCtcaeCrsAt(
    MessageWork& work, const Moment& m, const Therapy& therapy,
    const surveillance::CrsAssessment& a, int astct_grade) {
  const grading::CtcaeCrsGrade g =
      grading::GradeCtcaeCrs(a.inputs, astct_grade);
  ASSIGN_OR_RETURN(int previous,
                   writer_.GradeAt(work.patient_row, grading::kCrsTerm, m.at,
                                   grading::kCtcae5System));
  if (g.grade == previous) return Graded::kUnchanged;
  const surveillance::CrsFindingEvidence evidence{
      a.evidence, a.not_current,
      Basis(g.reason, g.assumption, m,
            surveillance::TherapyJson(therapy, m.at))};
  FindingWriter::Finding f;
  f.patient_row = work.patient_row;
  f.message_row = work.message_row;
  f.observation_row = m.observation_row;
  f.term = std::string(grading::kCrsTerm);
  f.meddra = "10052015";
  f.system = std::string(grading::kCtcae5System);
  f.rule_version = grading::kCtcaeCrsRuleVersion;
  f.grade = g.grade;
  f.previous_grade = previous;
  f.provisional = g.provisional;
  f.observed_at = m.at;
  f.recorded_at = work.recorded_at;
  Json j = surveillance::ToJson(evidence);
  j["record_only"] =
      "CTCAE 5.0 CRS is recorded beside ASTCT 2019 and pages nobody; ASTCT "
      "drives CRS alerts (reference 10.6)";
  f.evidence = DumpJson(j);
  f.what = "CTCAE 5.0 scale: " + g.reason + RevisitText(m);
  f.therapy = surveillance::TherapyText(therapy, m.at);
  f.drives_alerts = false;  // ASTCT 2019 drives CRS alerts (10.6)
  RETURN_IF_ERROR(writer_.Write(work, f).status());
  return Graded::kWritten;
}

Result<AstctGradingStep::Graded> AstctGradingStep::FallBack(
    MessageWork& work, const Moment& m, const Therapy& therapy,
    std::string_view term, std::string_view meddra,
    std::string_view rule_version, std::string_view system) {
  const std::int64_t patient_row = work.patient_row;
  ASSIGN_OR_RETURN(int now, writer_.GradeAt(patient_row, term, m.at, system));
  ASSIGN_OR_RETURN(int before,
                   writer_.GradeAt(patient_row, term, m.at - 1, system));
  if (now == before) return Graded::kUnknown;
  FindingWriter::Finding f;
  f.patient_row = patient_row;
  f.message_row = work.message_row;
  f.observation_row = m.observation_row;
  f.term = std::string(term);
  f.meddra = std::string(meddra);
  f.system = std::string(system);
  f.drives_alerts = system == grading::kAstctSystem;
  f.rule_version = std::string(rule_version);
  f.grade = before;
  f.previous_grade = now;
  f.observed_at = m.at;
  f.recorded_at = work.recorded_at;
  const std::string why = m.withdrawal
                              ? "nothing gradable once the result was withdrawn"
                              : "nothing gradable with the late input";
  const surveillance::RestoredGradeEvidence evidence{
      m.withdrawal ? std::optional<UnixMillis>(m.at) : std::nullopt, before,
      Basis(why, std::nullopt, m, surveillance::TherapyJson(therapy, m.at))};
  f.evidence = DumpJson(surveillance::ToJson(evidence));
  f.what =
      (m.withdrawal ? "withdrawn" : "not gradable any more") + RevisitText(m);
  f.therapy = surveillance::TherapyText(therapy, m.at);
  RETURN_IF_ERROR(writer_.Write(work, f).status());
  return Graded::kRestored;
}

Result<AstctGradingStep::Graded> AstctGradingStep::GradeIcansAt(
    MessageWork& work, const Moment& m, const Therapy& therapy) {
  const std::int64_t patient_row = work.patient_row;
  ASSIGN_OR_RETURN(surveillance::IcansSnapshot snapshot,
                   timeline_.IcansSnapshotAt(patient_row, m.at));
  surveillance::IcansAssessment a = surveillance::AssembleIcans(snapshot);
  grading::IcansGrade g = grading::GradeIcans(a.inputs);
  // Reference 10.5: without a birth date ICE grades, and the finding says
  // the age is unknown.
  if (a.evidence.by_age && !a.evidence.age_years && g.grade) {
    g.reason += std::string(g.reason.empty() ? "" : "; ") +
                "age unknown (no birth date): the ICE scale applies";
  }
  if (!g.grade) {  // not gradable now
    if (!m.withdrawal && !m.revisit) return Graded::kUnknown;
    return FallBack(work, m, therapy, grading::kIcansTerm, "",
                    grading::IcansRuleVersion(options_.rule_set));
  }
  ASSIGN_OR_RETURN(int previous,
                   writer_.GradeAt(patient_row, grading::kIcansTerm, m.at,
                                   grading::kAstctSystem));
  if (*g.grade == previous) return Graded::kUnchanged;
  const surveillance::IcansFindingEvidence evidence{
      std::move(a.evidence), Basis(g.reason, g.assumption, m,
                                   surveillance::TherapyJson(therapy, m.at))};
  FindingWriter::Finding f;
  f.patient_row = patient_row;
  f.message_row = work.message_row;
  f.observation_row = m.observation_row;
  f.term = std::string(grading::kIcansTerm);
  f.system = "ASTCT 2019";  // no MedDRA code verified (reference sect. 8)
  f.rule_version = grading::IcansRuleVersion(options_.rule_set);
  f.grade = *g.grade;
  f.previous_grade = previous;
  f.provisional = g.provisional;
  f.observed_at = m.at;
  f.recorded_at = work.recorded_at;
  f.evidence = DumpJson(surveillance::ToJson(evidence));
  f.what = (g.reason.empty() ? "no neurotoxicity findings" : g.reason) +
           RevisitText(m);
  f.therapy = surveillance::TherapyText(therapy, m.at);
  RETURN_IF_ERROR(writer_.Write(work, f).status());
  return Graded::kWritten;
}

}  // namespace iraed::store
