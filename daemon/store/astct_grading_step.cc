#include "store/astct_grading_step.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "common/json.h"
#include "common/time_format.h"
#include "grading/clinical_states.h"
#include "grading/crs.h"
#include "grading/format.h"
#include "grading/icans.h"
#include "grading/syndromes.h"

namespace iraed::store {

struct AstctGradingStep::Statements {
  Statement insert_state;
  Statement insert_data_quality;
  Statement effector_therapy;
  Statement state_at;
  Statement vasopressors;
  Statement masking_doses;
  Statement stored_states;
  Statement stored_doses;
  Statement next_state;
  Statement next_dose;
  Statement stored_masking_doses;
  Statement withdrawn_therapy_at;
};

namespace {

using grading::Analyte;

constexpr Analyte kCrsInputs[] = {Analyte::kBodyTemperature,
                                  Analyte::kSystolicBp, Analyte::kHypotension,
                                  Analyte::kOxygenDevice, Analyte::kOxygenFlow};

constexpr Analyte kIcansInputs[] = {
    Analyte::kIceScore,      Analyte::kConsciousness, Analyte::kSeizure,
    Analyte::kMotorWeakness, Analyte::kCerebralEdema, Analyte::kSedation};

// Beyond the reach of a late input, at most this many stored moments are
// graded again looking for one whose grade is known (a bound on one
// message's work; in practice the first one or two are).
constexpr int kMaxFollowOnMoments = 1000;

bool IsCrsInput(Analyte a) {
  return std::find(std::begin(kCrsInputs), std::end(kCrsInputs), a) !=
         std::end(kCrsInputs);
}

// Evidence shows clinical values to 6 significant digits.
Json Num(double v) { return JsonNumber(v, 6); }

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

// Binds the syndrome's input concepts to ?2..?7 (CRS has five: the last
// is repeated).
void BindConcepts(Statement& q, bool crs) {
  for (int i = 0; i < 6; ++i) {
    const Analyte a = crs ? kCrsInputs[std::min(i, 4)] : kIcansInputs[i];
    q.Bind(2 + i, grading::AnalyteName(a));
  }
}

// Drug classes (grading/drug_catalog.h names) as SQL list items: those
// that can mask fever (FeverMaskingPolicy says which do at a site), and
// the vasopressors. Doses of either are CRS grading moments.
constexpr const char* kMaskingClassItems =
    "'antipyretic', 'tocilizumab', 'corticosteroid', 'anakinra'";
constexpr const char* kPressorClassItems = "'vasopressor', 'vasopressin'";

}  // namespace

AstctGradingStep::AstctGradingStep(Database& db, FindingWriter& writer,
                                   const grading::GradingOptions& options,
                                   std::unique_ptr<Statements> st)
    : db_(db), writer_(writer), options_(options), st_(std::move(st)) {}

AstctGradingStep::~AstctGradingStep() = default;

Result<std::unique_ptr<AstctGradingStep>> AstctGradingStep::Prepare(
    Database& db, FindingWriter& writer,
    const grading::GradingOptions& options) {
  auto st = std::make_unique<Statements>();
  auto prep = [&db](Statement& into, const char* sql) -> Status {
    ASSIGN_OR_RETURN(into, db.Prepare(sql));
    return Status::Ok();
  };
  const std::string masking_classes =
      std::string("(") + kMaskingClassItems + ")";
  const std::string dose_classes =
      std::string("(") + kPressorClassItems + ", " + kMaskingClassItems + ")";
  RETURN_IF_ERROR(prep(st->insert_state, R"sql(
      INSERT INTO clinical_states (patient, concept, observed_at_ms,
          value_numeric, value_token, observation, result_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql"));
  RETURN_IF_ERROR(prep(st->insert_data_quality, R"sql(
      INSERT INTO data_quality (message, observation, patient_id, issue,
                                detail, recorded_at_ms)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql"));
  // The latest CAR-T infusion or bispecific dose at or before ?2 that was
  // not entered in error (nor withdrawn by a later entered-in-error event).
  RETURN_IF_ERROR(prep(st->effector_therapy, R"sql(
      SELECT t.kind, t.product_name, t.administered_at_ms
      FROM therapies t
      WHERE t.patient = ?1 AND t.entered_in_error = 0
        AND t.kind IN ('car_t_infusion', 'bispecific_t_cell_engager')
        AND t.administered_at_ms <= ?2
        AND NOT EXISTS (SELECT 1 FROM therapies w
                        WHERE w.patient = t.patient AND w.entered_in_error = 1
                          AND t.event_id <> '' AND w.event_id = t.event_id)
      ORDER BY t.administered_at_ms DESC LIMIT 1)sql"));
  // The latest value of a concept in [?4, ?3] that no later row of the
  // same result superseded, and that is not itself a withdrawal.
  RETURN_IF_ERROR(prep(st->state_at, R"sql(
      SELECT s.value_numeric, s.value_token, s.observed_at_ms
      FROM clinical_states s
      WHERE s.patient = ?1 AND s.concept = ?2
        AND s.observed_at_ms <= ?3 AND s.observed_at_ms >= ?4
        AND (s.value_token IS NULL OR s.value_token <> 'withdrawn')
        AND (s.result_id = '' OR NOT EXISTS (
              SELECT 1 FROM clinical_states w
              WHERE w.patient = s.patient AND w.result_id = s.result_id
                AND w.concept = s.concept AND w.id > s.id))
      ORDER BY s.observed_at_ms DESC, s.id DESC LIMIT 1)sql"));
  RETURN_IF_ERROR(prep(st->vasopressors, R"sql(
      SELECT drug_class, drug_generic, administration_id, status,
             started_at_ms, ended_at_ms, id
      FROM medication_administrations
      WHERE patient = ?1 AND drug_class IN ('vasopressor', 'vasopressin')
        AND started_at_ms <= ?2 AND started_at_ms >= ?3
      ORDER BY id)sql"));
  const std::string masking_doses = std::string(R"sql(
      SELECT m.drug_class, m.drug_generic, m.started_at_ms
      FROM medication_administrations m
      WHERE m.patient = ?1 AND m.drug_class IN )sql") +
                                    masking_classes +
                                    R"sql(
        AND m.status IN ('completed', 'in_progress')
        AND m.started_at_ms <= ?2 AND m.started_at_ms >= ?3
        AND NOT EXISTS (SELECT 1 FROM medication_administrations w
                        WHERE w.patient = m.patient
                          AND m.administration_id <> ''
                          AND w.administration_id = m.administration_id
                          AND w.status = 'entered_in_error')
      ORDER BY m.started_at_ms DESC, m.id DESC)sql";
  RETURN_IF_ERROR(prep(st->masking_doses, masking_doses.c_str()));
  // Stored moments (late inputs): the times of a syndrome's charted
  // inputs, and the starts and ends of the doses CRS grading reads.
  RETURN_IF_ERROR(prep(st->stored_states, R"sql(
      SELECT DISTINCT observed_at_ms FROM clinical_states
      WHERE patient = ?1 AND concept IN (?2, ?3, ?4, ?5, ?6, ?7)
        AND observed_at_ms > ?8 AND observed_at_ms <= ?9)sql"));
  RETURN_IF_ERROR(prep(st->next_state, R"sql(
      SELECT min(observed_at_ms) FROM clinical_states
      WHERE patient = ?1 AND concept IN (?2, ?3, ?4, ?5, ?6, ?7)
        AND observed_at_ms > ?8)sql"));
  const std::string doses = std::string(R"sql(
      SELECT started_at_ms, ended_at_ms, status FROM medication_administrations
      WHERE patient = ?1 AND drug_class IN )sql") +
                            dose_classes + R"sql(
        AND started_at_ms <= ?2 AND started_at_ms >= ?3)sql";
  RETURN_IF_ERROR(prep(st->stored_doses, doses.c_str()));
  const std::string next_dose = std::string(R"sql(
      SELECT min(t) FROM (
        SELECT started_at_ms AS t FROM medication_administrations
        WHERE patient = ?1 AND drug_class IN )sql") +
                                dose_classes + R"sql( AND started_at_ms > ?2
        UNION ALL
        SELECT ended_at_ms FROM medication_administrations
        WHERE patient = ?1 AND drug_class IN )sql" +
                                dose_classes +
                                R"sql( AND ended_at_ms > ?2
          AND status <> 'in_progress'))sql";
  RETURN_IF_ERROR(prep(st->next_dose, next_dose.c_str()));
  // Masking doses started in [?2, ?3]: a late grade at or before one
  // changes whether it masks (the grade in force at the dose), for its
  // whole window.
  const std::string stored_masking_doses = std::string(R"sql(
      SELECT drug_class, started_at_ms FROM medication_administrations
      WHERE patient = ?1 AND drug_class IN )sql") +
                                           masking_classes +
                                           R"sql(
        AND started_at_ms >= ?2 AND started_at_ms <= ?3)sql";
  RETURN_IF_ERROR(prep(st->stored_masking_doses, stored_masking_doses.c_str()));
  RETURN_IF_ERROR(prep(st->withdrawn_therapy_at, R"sql(
      SELECT min(administered_at_ms), max(administered_at_ms) FROM therapies
      WHERE patient = ?1 AND event_id = ?2 AND entered_in_error = 0)sql"));
  return std::unique_ptr<AstctGradingStep>(
      new AstctGradingStep(db, writer, options, std::move(st)));
}

Status AstctGradingStep::OnObservation(std::int64_t message_row,
                                       std::int64_t patient_row,
                                       std::int64_t observation_row,
                                       const model::Observation& o,
                                       std::optional<Analyte> what,
                                       UnixMillis recorded_at) {
  if (!what || !grading::IsAstctInput(*what)) return Status::Ok();
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
      q->Bind(1, message_row)
          .Bind(2, observation_row)
          .Bind(3, patient_row)
          .Bind(4, std::string_view("unreadable_value"))
          .Bind(5, r.problem)
          .Bind(6, static_cast<std::int64_t>(recorded_at));
      RETURN_IF_ERROR(q->Run());
      return writer_.AuditDataQuality(recorded_at);
    }
    value = std::move(r.value);
  }
  {
    ScopedStatement q(st_->insert_state);
    q->Bind(1, patient_row)
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
  const bool crs = IsCrsInput(*what);
  AddMoment(crs ? crs_moments_ : icans_moments_, o.observed_at, observation_row,
            withdraws);
  auto fresh = options_.freshness_ms.find(*what);
  Extend(crs ? crs_reach_ : icans_reach_,
         o.observed_at +
             (fresh == options_.freshness_ms.end() ? 0 : fresh->second));
  return Status::Ok();
}

void AstctGradingStep::OnAdministration(
    const model::MedicationAdministration& m, grading::DrugClass c) {
  const bool pressor = c == grading::DrugClass::kVasopressor ||
                       c == grading::DrugClass::kVasopressin;
  if (!pressor && !options_.fever_masking.Masks(c)) return;
  AddMoment(crs_moments_, m.started_at, std::nullopt);
  // The end of an infusion still in progress is planned: not a moment (it
  // runs until then; the first input after it sees it stopped). A grade
  // written there ahead of time would also be the message's newest and
  // keep the start's grade from paging.
  if (m.ended_at && m.status != model::AdministrationStatus::kInProgress) {
    AddMoment(crs_moments_, *m.ended_at, std::nullopt);
  }
  std::int64_t bears = pressor ? options_.vasopressor_freshness_ms : 0;
  auto mask = options_.masking_ms.find(c);
  if (mask != options_.masking_ms.end()) {
    bears = std::max(bears, mask->second);
  }
  Extend(crs_reach_, std::max(m.started_at, m.ended_at.value_or(0)) + bears);
}

Status AstctGradingStep::OnTherapy(const model::TherapyEvent& t,
                                   std::int64_t patient_row) {
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
    ScopedStatement q(st_->withdrawn_therapy_at);
    q->Bind(1, patient_row).Bind(2, t.event_id);
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (row && !q->ColumnIsNull(0)) {
      from = std::min(from, q->ColumnInt(0));
      to = std::max(to, q->ColumnInt(1));
    }
    therapy_withdrawn_ = true;
  }
  therapy_from_ = therapy_from_ ? std::min(*therapy_from_, from) : from;
  therapy_to_ = therapy_to_ ? std::max(*therapy_to_, to) : to;
  return Status::Ok();
}

Result<std::optional<AstctGradingStep::Therapy>>
AstctGradingStep::EffectorTherapyAt(std::int64_t patient_row, UnixMillis at) {
  ScopedStatement q(st_->effector_therapy);
  q->Bind(1, patient_row).Bind(2, static_cast<std::int64_t>(at));
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return std::optional<Therapy>();
  Therapy t{q->ColumnText(0), q->ColumnText(1), q->ColumnInt(2)};
  if (options_.astct_window_ms > 0 && at - t.at > options_.astct_window_ms) {
    return std::optional<Therapy>();
  }
  return std::optional<Therapy>(std::move(t));
}

Result<std::optional<AstctGradingStep::State>> AstctGradingStep::StateAt(
    std::int64_t patient_row, Analyte what, UnixMillis at) {
  auto window = options_.freshness_ms.find(what);
  const std::int64_t fresh =
      window == options_.freshness_ms.end() ? 0 : window->second;
  ScopedStatement q(st_->state_at);
  q->Bind(1, patient_row)
      .Bind(2, grading::AnalyteName(what))
      .Bind(3, static_cast<std::int64_t>(at))
      .Bind(4, static_cast<std::int64_t>(at - fresh));
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return std::optional<State>();
  State s;
  if (!q->ColumnIsNull(0)) s.number = q->ColumnDouble(0);
  s.token = q->ColumnText(1);
  s.observed_at = q->ColumnInt(2);
  return std::optional<State>(std::move(s));
}

Status AstctGradingStep::OnMessageDone(std::int64_t message_row,
                                       std::int64_t patient_row,
                                       UnixMillis recorded_at) {
  std::vector<Moment> crs;
  std::vector<Moment> icans;
  crs.swap(crs_moments_);
  icans.swap(icans_moments_);
  std::optional<UnixMillis> crs_reach;
  std::optional<UnixMillis> icans_reach;
  crs_reach.swap(crs_reach_);
  icans_reach.swap(icans_reach_);
  std::optional<UnixMillis> therapy_from;
  therapy_from.swap(therapy_from_);
  std::optional<UnixMillis> therapy_to;
  therapy_to.swap(therapy_to_);
  std::optional<TherapySpan> span;
  if (therapy_from) {
    // Moments charted from the therapy to the end of its window (or, with
    // no window, without end) are graded as if their inputs arrived now.
    span = TherapySpan{*therapy_from - 1,
                       options_.astct_window_ms > 0
                           ? *therapy_to + options_.astct_window_ms
                           : std::numeric_limits<UnixMillis>::max() / 2,
                       therapy_withdrawn_};
  }
  therapy_withdrawn_ = false;
  RETURN_IF_ERROR(GradeMoments(Which::kCrs, std::move(crs), crs_reach, span,
                               message_row, patient_row, recorded_at));
  return GradeMoments(Which::kIcans, std::move(icans), icans_reach, span,
                      message_row, patient_row, recorded_at);
}

Status AstctGradingStep::GradeMoments(Which which, std::vector<Moment> moments,
                                      std::optional<UnixMillis> reach,
                                      const std::optional<TherapySpan>& span,
                                      std::int64_t message_row,
                                      std::int64_t patient_row,
                                      UnixMillis recorded_at) {
  if (moments.empty() && !span) return Status::Ok();
  auto by_time = [](const Moment& a, const Moment& b) { return a.at < b.at; };
  std::sort(moments.begin(), moments.end(), by_time);
  // The stored moments to grade again: after this message's earliest one,
  // within its reach, and the therapy's span.
  UnixMillis after = span ? span->after : moments.front().at;
  UnixMillis until = span ? span->until : moments.back().at;
  if (!moments.empty()) {
    after = std::min(after, moments.front().at);
    until = std::max({until, moments.back().at, reach.value_or(0)});
  }
  if (which == Which::kCrs) {
    ASSIGN_OR_RETURN(until, ReachOfStoredMasking(patient_row, after, until));
  }
  ASSIGN_OR_RETURN(std::vector<UnixMillis> stored,
                   StoredMoments(which, patient_row, after, until));
  std::set<UnixMillis> known;
  for (const Moment& m : moments) known.insert(m.at);
  for (UnixMillis at : stored) {
    if (!known.insert(at).second) continue;
    Moment m{at, std::nullopt, false, true};
    m.therapy_withdrawn =
        span && span->withdrawn && at > span->after && at <= span->until;
    moments.push_back(m);
  }
  std::stable_sort(moments.begin(), moments.end(), by_time);
  bool changed = false;
  for (const Moment& m : moments) {
    ASSIGN_OR_RETURN(std::optional<Therapy> therapy,
                     EffectorTherapyAt(patient_row, m.at));
    if (!therapy) {
      if (m.therapy_withdrawn) {
        RETURN_IF_ERROR(ClearWithoutTherapy(which, message_row, patient_row, m,
                                            recorded_at));
      }
      continue;
    }
    ASSIGN_OR_RETURN(Graded g, GradeAt(which, message_row, patient_row, m,
                                       *therapy, recorded_at));
    changed = changed || g == Graded::kWritten || g == Graded::kRestored;
  }
  // A grade written before stored moments beyond the reach stays in force
  // over them: grade them until one says what the grade is there.
  if (!changed) return Status::Ok();
  for (int i = 0; i < kMaxFollowOnMoments; ++i) {
    ASSIGN_OR_RETURN(std::optional<UnixMillis> next,
                     NextStoredMoment(which, patient_row, until));
    if (!next) break;
    until = *next;
    ASSIGN_OR_RETURN(std::optional<Therapy> therapy,
                     EffectorTherapyAt(patient_row, *next));
    if (!therapy) break;
    const Moment m{*next, std::nullopt, false, true};
    ASSIGN_OR_RETURN(Graded g, GradeAt(which, message_row, patient_row, m,
                                       *therapy, recorded_at));
    if (g == Graded::kUnchanged || g == Graded::kWritten) break;  // gradable
  }
  return Status::Ok();
}

Status AstctGradingStep::ClearWithoutTherapy(Which which,
                                             std::int64_t message_row,
                                             std::int64_t patient_row,
                                             const Moment& m,
                                             UnixMillis recorded_at) {
  const std::string_view term =
      which == Which::kCrs ? grading::kCrsTerm : grading::kIcansTerm;
  ASSIGN_OR_RETURN(int now, writer_.GradeAt(patient_row, term, m.at));
  if (now == 0) return Status::Ok();
  FindingWriter::Finding f;
  f.patient_row = patient_row;
  f.message_row = message_row;
  f.term = std::string(term);
  f.meddra = which == Which::kCrs ? "10052015" : "";
  f.system = "ASTCT 2019";
  f.rule_version = which == Which::kCrs ? grading::kCrsRuleVersion
                                        : grading::kIcansRuleVersion;
  f.grade = 0;
  f.previous_grade = now;
  f.observed_at = m.at;
  f.recorded_at = recorded_at;
  f.evidence = DumpJson(
      {{"therapy_withdrawn", true},
       {"rule",
        "no CAR-T infusion or bispecific dose on record at this moment any "
        "more (entered in error)"}});
  f.what = "no CAR-T or bispecific therapy on record any more";
  return writer_.Write(f).status();
}

Result<AstctGradingStep::Graded> AstctGradingStep::GradeAt(
    Which which, std::int64_t message_row, std::int64_t patient_row,
    const Moment& m, const Therapy& therapy, UnixMillis recorded_at) {
  if (which == Which::kIcans) {
    return GradeIcansAt(message_row, patient_row, m, therapy, recorded_at);
  }
  // The fever of a patient graded for CRS is told by the CRS alert.
  writer_.Mute(grading::Syndrome::kFever);
  return GradeCrsAt(message_row, patient_row, m, therapy, recorded_at);
}

std::optional<std::int64_t> AstctGradingStep::MaskingWindow(
    std::string_view drug_class) const {
  auto cls = grading::DrugClassFromName(drug_class);
  if (!cls || !options_.fever_masking.Masks(*cls)) return std::nullopt;
  auto window = options_.masking_ms.find(*cls);
  if (window == options_.masking_ms.end()) return std::nullopt;
  return window->second;
}

Result<UnixMillis> AstctGradingStep::ReachOfStoredMasking(
    std::int64_t patient_row, UnixMillis after, UnixMillis until) {
  // Each dose found may reach further and find more: a few rounds at most.
  for (int round = 0; round < 8; ++round) {
    UnixMillis further = until;
    ScopedStatement q(st_->stored_masking_doses);
    q->Bind(1, patient_row)
        .Bind(2, static_cast<std::int64_t>(after))
        .Bind(3, static_cast<std::int64_t>(until));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      if (auto window = MaskingWindow(q->ColumnText(0))) {
        further = std::max(further, q->ColumnInt(1) + *window);
      }
    }
    if (further == until) break;
    until = further;
  }
  return until;
}

Result<std::vector<UnixMillis>> AstctGradingStep::StoredMoments(
    Which which, std::int64_t patient_row, UnixMillis after, UnixMillis until) {
  std::vector<UnixMillis> out;
  {
    ScopedStatement q(st_->stored_states);
    q->Bind(1, patient_row);
    BindConcepts(*q, which == Which::kCrs);
    q->Bind(8, static_cast<std::int64_t>(after))
        .Bind(9, static_cast<std::int64_t>(until));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      out.push_back(q->ColumnInt(0));
    }
  }
  if (which == Which::kCrs) {
    // Doses started up to 14 days before (as the vasopressor count reads),
    // for the ends that fall in the range.
    ScopedStatement q(st_->stored_doses);
    q->Bind(1, patient_row)
        .Bind(2, static_cast<std::int64_t>(until))
        .Bind(3, static_cast<std::int64_t>(after - 14 * grading::kDayMs));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      const UnixMillis started = q->ColumnInt(0);
      if (started > after) out.push_back(started);
      // The end of an infusion still in progress is planned, not a moment.
      if (!q->ColumnIsNull(1) && q->ColumnText(2) != "in_progress") {
        const UnixMillis ended = q->ColumnInt(1);
        if (ended > after && ended <= until) out.push_back(ended);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<std::optional<UnixMillis>> AstctGradingStep::NextStoredMoment(
    Which which, std::int64_t patient_row, UnixMillis after) {
  std::optional<UnixMillis> next;
  auto take = [&next](Statement& q) -> Status {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (row && !q.ColumnIsNull(0)) {
      const UnixMillis at = q.ColumnInt(0);
      next = next ? std::min(*next, at) : at;
    }
    return Status::Ok();
  };
  {
    ScopedStatement q(st_->next_state);
    q->Bind(1, patient_row);
    BindConcepts(*q, which == Which::kCrs);
    q->Bind(8, static_cast<std::int64_t>(after));
    RETURN_IF_ERROR(take(*q));
  }
  if (which == Which::kCrs) {
    ScopedStatement q(st_->next_dose);
    q->Bind(1, patient_row).Bind(2, static_cast<std::int64_t>(after));
    RETURN_IF_ERROR(take(*q));
  }
  return next;
}

namespace {

Json TherapyJson(const std::string& kind, const std::string& product,
                 UnixMillis therapy_at, UnixMillis at) {
  return {{"kind", kind},
          {"product", product},
          {"at", FormatUtcMillis(therapy_at)},
          {"day", (at - therapy_at) / grading::kDayMs}};
}

// The end of a finding's evidence: rule, assumption, whether a late input
// had the moment graded again, and the therapy.
void EndEvidence(Json& evidence, const std::string& rule,
                 const std::string* assumption,
                 const AstctGradingStep::Moment& m, Json therapy) {
  evidence["rule"] = rule;
  if (assumption) evidence["assumption"] = *assumption;
  // A stored moment graded again because a late input bears on it.
  if (m.revisit) evidence["regraded_for_late_input"] = true;
  evidence["therapy"] = std::move(therapy);
}

// {"value": v, "observed_at": t} of a charted state, or null.
template <typename State>
Json StateJson(const std::optional<State>& s, Json value) {
  if (!s) return nullptr;
  return {{"value", std::move(value)},
          {"observed_at", FormatUtcMillis(s->observed_at)}};
}
std::string RevisitText(const AstctGradingStep::Moment& m) {
  return m.revisit ? " (regraded: an earlier-timed input arrived late)" : "";
}

std::string TherapyText(const std::string& kind, const std::string& product,
                        UnixMillis therapy_at, UnixMillis at) {
  return "day " + std::to_string((at - therapy_at) / grading::kDayMs) +
         " after " + (product.empty() ? kind : product);
}

}  // namespace

Result<AstctGradingStep::Graded> AstctGradingStep::GradeCrsAt(
    std::int64_t message_row, std::int64_t patient_row, const Moment& m,
    const Therapy& therapy, UnixMillis recorded_at) {
  grading::CrsInputs in;
  Json evidence = Json::object();

  ASSIGN_OR_RETURN(std::optional<State> temp,
                   StateAt(patient_row, Analyte::kBodyTemperature, m.at));
  if (temp && temp->number) in.temperature_c = temp->number;
  evidence["temperature_cel"] =
      StateJson(temp, temp && temp->number ? Num(*temp->number) : Json());

  // Fever masking: a masking dose within its window, given while the
  // patient had CRS (grade >= 1 in force at the dose).
  std::int64_t longest_mask = 0;
  for (const auto& [cls, ms] : options_.masking_ms) {
    if (options_.fever_masking.Masks(cls)) {
      longest_mask = std::max(longest_mask, ms);
    }
  }
  Json masked_by = nullptr;
  if (longest_mask > 0) {
    struct Dose {
      grading::DrugClass cls;
      std::string generic;
      UnixMillis at;
    };
    std::vector<Dose> doses;
    {
      ScopedStatement q(st_->masking_doses);
      q->Bind(1, patient_row)
          .Bind(2, static_cast<std::int64_t>(m.at))
          .Bind(3, static_cast<std::int64_t>(m.at - longest_mask));
      for (;;) {
        ASSIGN_OR_RETURN(bool row, q->Step());
        if (!row) break;
        const std::string cls = q->ColumnText(0);
        auto window = MaskingWindow(cls);
        if (!window || m.at - q->ColumnInt(2) > *window) continue;
        doses.push_back({*grading::DrugClassFromName(cls), q->ColumnText(1),
                         q->ColumnInt(2)});
      }
    }
    for (const Dose& d : doses) {
      ASSIGN_OR_RETURN(int crs_then,
                       writer_.GradeAt(patient_row, grading::kCrsTerm, d.at));
      if (crs_then < 1) continue;
      in.fever_masked = true;
      masked_by = {{"drug", d.generic},
                   {"class", grading::DrugClassName(d.cls)},
                   {"at", FormatUtcMillis(d.at)}};
      break;
    }
  }
  evidence["fever_masked_by"] = std::move(masked_by);
  if (!in.temperature_c && !in.fever_masked) {
    if (!m.withdrawal && !m.revisit) return Graded::kUnknown;
    return FallBack(message_row, patient_row, m, therapy, grading::kCrsTerm,
                    "10052015", grading::kCrsRuleVersion, recorded_at);
  }

  // Hypotension: a charted flag, or a systolic pressure below the site's
  // threshold.
  ASSIGN_OR_RETURN(std::optional<State> flag,
                   StateAt(patient_row, Analyte::kHypotension, m.at));
  ASSIGN_OR_RETURN(std::optional<State> sbp,
                   StateAt(patient_row, Analyte::kSystolicBp, m.at));
  if (flag) in.hypotension = grading::YesNoFromToken(flag->token);
  if (sbp && sbp->number && options_.hypotension_systolic_below) {
    const bool low = *sbp->number < *options_.hypotension_systolic_below;
    in.hypotension = in.hypotension.value_or(false) || low;
  }
  evidence["hypotension_flag"] =
      StateJson(flag, flag ? Json(flag->token) : Json());
  evidence["systolic_mm_hg"] =
      StateJson(sbp, sbp && sbp->number ? Num(*sbp->number) : Json());
  evidence["hypotension_systolic_below"] =
      options_.hypotension_systolic_below
          ? Num(*options_.hypotension_systolic_below)
          : Json();

  // Vasopressors running at the moment.
  {
    struct Infusion {
      std::string cls, generic;
      bool withdrawn = false;
      std::optional<UnixMillis> stop;  // earliest stop or end at or before
      bool open = false;               // a start at or before, not ended
      UnixMillis last_update = 0;
    };
    std::map<std::string, Infusion> infusions;  // by administration id
    ScopedStatement q(st_->vasopressors);
    q->Bind(1, patient_row)
        .Bind(2, static_cast<std::int64_t>(m.at))
        .Bind(3, static_cast<std::int64_t>(m.at - 14 * grading::kDayMs));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      std::string key = q->ColumnText(2);
      if (key.empty()) key = "#" + std::to_string(q->ColumnInt(6));
      Infusion& inf = infusions[key];
      inf.cls = q->ColumnText(0);
      inf.generic = q->ColumnText(1);
      const std::string status = q->ColumnText(3);
      const UnixMillis started = q->ColumnInt(4);
      const bool has_end = !q->ColumnIsNull(5);
      const UnixMillis end = has_end ? q->ColumnInt(5) : 0;
      inf.last_update = std::max(inf.last_update, started);
      auto stop_at = [&inf](UnixMillis at) {
        inf.stop = inf.stop ? std::min(*inf.stop, at) : at;
      };
      if (status == "entered_in_error") {
        inf.withdrawn = true;
      } else if (status == "in_progress" || status == "completed") {
        if (has_end && end <= m.at) {
          stop_at(end);
        } else if (has_end) {
          inf.open = true;
          inf.last_update = m.at;  // runs until its known end
        } else if (status == "in_progress") {
          inf.open = true;
        }
      } else {  // stopped, not_given: from their end, else their time
        const UnixMillis at = has_end ? end : started;
        if (at <= m.at) stop_at(at);
      }
    }
    std::set<std::string> pressors;
    bool vasopressin = false;
    for (const auto& [key, inf] : infusions) {
      if (inf.withdrawn || !inf.open || inf.stop) continue;
      if (m.at - inf.last_update > options_.vasopressor_freshness_ms) continue;
      if (inf.cls == "vasopressin") {
        vasopressin = true;
      } else {
        pressors.insert(inf.generic);
      }
    }
    in.vasopressors_excluding_vasopressin = static_cast<int>(pressors.size());
    in.vasopressin_running = vasopressin;
    evidence["vasopressors"] = pressors;
    evidence["vasopressin"] = vasopressin;
  }

  // Oxygen support; a flow charted before the device reading belongs to an
  // earlier device and is not used.
  ASSIGN_OR_RETURN(std::optional<State> device,
                   StateAt(patient_row, Analyte::kOxygenDevice, m.at));
  ASSIGN_OR_RETURN(std::optional<State> flow,
                   StateAt(patient_row, Analyte::kOxygenFlow, m.at));
  if (device) in.oxygen_device = grading::OxygenDeviceFromToken(device->token);
  if (flow && device && flow->observed_at < device->observed_at) flow.reset();
  if (flow && flow->number) in.oxygen_flow_l_min = flow->number;
  evidence["oxygen_device"] =
      StateJson(device, device ? Json(device->token) : Json());
  evidence["oxygen_flow_l_min"] =
      StateJson(flow, flow && flow->number ? Num(*flow->number) : Json());

  const grading::CrsGrade g = grading::GradeCrs(in);
  ASSIGN_OR_RETURN(int previous,
                   writer_.GradeAt(patient_row, grading::kCrsTerm, m.at));
  if (g.grade == previous) return Graded::kUnchanged;
  std::string unknown;
  if (!in.hypotension && in.vasopressors_excluding_vasopressin == 0 &&
      !in.vasopressin_running) {
    unknown += "blood pressure";
  }
  if (!in.oxygen_device) {
    unknown += std::string(unknown.empty() ? "" : ", ") + "oxygen support";
  }
  evidence["not_current"] = unknown;
  EndEvidence(evidence, g.reason, &g.assumption, m,
              TherapyJson(therapy.kind, therapy.product, therapy.at, m.at));
  FindingWriter::Finding f;
  f.patient_row = patient_row;
  f.message_row = message_row;
  f.observation_row = m.observation_row;
  f.term = std::string(grading::kCrsTerm);
  f.meddra = "10052015";  // CTCAE5 / MedDRA "Cytokine release syndrome"
  f.system = "ASTCT 2019";
  f.rule_version = grading::kCrsRuleVersion;
  f.grade = g.grade;
  f.previous_grade = previous;
  f.provisional = g.provisional;
  f.observed_at = m.at;
  f.recorded_at = recorded_at;
  f.evidence = DumpJson(evidence);
  f.what = g.reason + (unknown.empty() ? "" : " (no current " + unknown + ")") +
           RevisitText(m);
  f.therapy = TherapyText(therapy.kind, therapy.product, therapy.at, m.at);
  RETURN_IF_ERROR(writer_.Write(f).status());
  return Graded::kWritten;
}

Result<AstctGradingStep::Graded> AstctGradingStep::FallBack(
    std::int64_t message_row, std::int64_t patient_row, const Moment& m,
    const Therapy& therapy, std::string_view term, std::string_view meddra,
    std::string_view rule_version, UnixMillis recorded_at) {
  ASSIGN_OR_RETURN(int now, writer_.GradeAt(patient_row, term, m.at));
  ASSIGN_OR_RETURN(int before, writer_.GradeAt(patient_row, term, m.at - 1));
  if (now == before) return Graded::kUnknown;
  FindingWriter::Finding f;
  f.patient_row = patient_row;
  f.message_row = message_row;
  f.observation_row = m.observation_row;
  f.term = std::string(term);
  f.meddra = std::string(meddra);
  f.system = "ASTCT 2019";
  f.rule_version = std::string(rule_version);
  f.grade = before;
  f.previous_grade = now;
  f.observed_at = m.at;
  f.recorded_at = recorded_at;
  const std::string why = m.withdrawal
                              ? "nothing gradable once the result was withdrawn"
                              : "nothing gradable with the late input";
  Json evidence = Json::object();
  if (m.withdrawal) {
    evidence["withdrawn"] = {{"observed_at", FormatUtcMillis(m.at)}};
  }
  evidence["grade_restored"] = before;
  EndEvidence(evidence, why, nullptr, m,
              TherapyJson(therapy.kind, therapy.product, therapy.at, m.at));
  f.evidence = DumpJson(evidence);
  f.what =
      (m.withdrawal ? "withdrawn" : "not gradable any more") + RevisitText(m);
  f.therapy = TherapyText(therapy.kind, therapy.product, therapy.at, m.at);
  RETURN_IF_ERROR(writer_.Write(f).status());
  return Graded::kRestored;
}

Result<AstctGradingStep::Graded> AstctGradingStep::GradeIcansAt(
    std::int64_t message_row, std::int64_t patient_row, const Moment& m,
    const Therapy& therapy, UnixMillis recorded_at) {
  grading::IcansInputs in;
  Json evidence = Json::object();
  auto take = [&](Analyte what,
                  const char* key) -> Result<std::optional<State>> {
    ASSIGN_OR_RETURN(std::optional<State> s, StateAt(patient_row, what, m.at));
    evidence[key] = StateJson(
        s, s && s->number ? Num(*s->number) : Json(s ? s->token : ""));
    return s;
  };
  ASSIGN_OR_RETURN(auto ice, take(Analyte::kIceScore, "ice_score"));
  ASSIGN_OR_RETURN(auto loc, take(Analyte::kConsciousness, "consciousness"));
  ASSIGN_OR_RETURN(auto seizure, take(Analyte::kSeizure, "seizure"));
  ASSIGN_OR_RETURN(auto motor,
                   take(Analyte::kMotorWeakness, "deep_focal_motor_weakness"));
  ASSIGN_OR_RETURN(auto edema, take(Analyte::kCerebralEdema, "cerebral_edema"));
  ASSIGN_OR_RETURN(auto sedated, take(Analyte::kSedation, "sedated"));
  if (ice && ice->number) in.ice_score = static_cast<int>(*ice->number);
  if (loc) in.consciousness = grading::ConsciousnessFromToken(loc->token);
  if (seizure) in.seizure = grading::SeizureFromToken(seizure->token);
  if (motor)
    in.deep_focal_motor_weakness = grading::YesNoFromToken(motor->token);
  if (edema) in.cerebral_edema = grading::CerebralEdemaFromToken(edema->token);
  if (sedated)
    in.sedated = grading::YesNoFromToken(sedated->token).value_or(false);

  const grading::IcansGrade g = grading::GradeIcans(in);
  if (!g.grade) {  // not gradable now
    if (!m.withdrawal && !m.revisit) return Graded::kUnknown;
    return FallBack(message_row, patient_row, m, therapy, grading::kIcansTerm,
                    "", grading::kIcansRuleVersion, recorded_at);
  }
  ASSIGN_OR_RETURN(int previous,
                   writer_.GradeAt(patient_row, grading::kIcansTerm, m.at));
  if (*g.grade == previous) return Graded::kUnchanged;
  EndEvidence(evidence, g.reason, &g.assumption, m,
              TherapyJson(therapy.kind, therapy.product, therapy.at, m.at));
  FindingWriter::Finding f;
  f.patient_row = patient_row;
  f.message_row = message_row;
  f.observation_row = m.observation_row;
  f.term = std::string(grading::kIcansTerm);
  f.system = "ASTCT 2019";  // no MedDRA code verified (reference sect. 8)
  f.rule_version = grading::kIcansRuleVersion;
  f.grade = *g.grade;
  f.previous_grade = previous;
  f.provisional = g.provisional;
  f.observed_at = m.at;
  f.recorded_at = recorded_at;
  f.evidence = DumpJson(evidence);
  f.what = (g.reason.empty() ? "no neurotoxicity findings" : g.reason) +
           RevisitText(m);
  f.therapy = TherapyText(therapy.kind, therapy.product, therapy.at, m.at);
  RETURN_IF_ERROR(writer_.Write(f).status());
  return Graded::kWritten;
}

}  // namespace iraed::store
