#include "store/sql_patient_timeline.h"

#include <algorithm>
#include <set>

#include "grading/clinical_states.h"
#include "grading/drug_catalog.h"
#include "grading/syndromes.h"

namespace iraed::store {

struct SqlPatientTimeline::Statements {
  Statement effector_therapy;
  Statement state_at;
  Statement vasopressors;
  Statement masking_doses;
  Statement stored_states;
  Statement stored_doses;
  Statement next_state;
  Statement next_dose;
  Statement stored_masking_doses;
  Statement therapy_event_span;
  Statement first_therapy;
  Statement latest_dose;
  Statement checkpoint_dose;
  Statement next_results;
  Statement results_between;
  Statement charted_series;
  Statement latest_result;
  Statement car_t_infusion;
  Statement baseline;
  Statement birth_date;
  Statement first_dose_of_class;
  Statement latest_comparator;
};

namespace {

using grading::Analyte;

// Binds the syndrome's input concepts to ?2..?8 (seven each). A concept
// newer than the rule set is left out by binding an older one again in
// its place: before iraed-rules-3 CRS read five (fever_other_cause new),
// before iraed-rules-4 CRS six (inspired oxygen new) and ICANS six (CAPD
// new).
void BindConcepts(Statement& q, bool crs, grading::RuleSet rules) {
  static_assert(std::size(grading::kCrsInputs) == 7 &&
                std::size(grading::kIcansInputs) == 7);
  const int known = rules < grading::RuleSet::kRules3   ? (crs ? 5 : 6)
                    : rules < grading::RuleSet::kRules4 ? 6
                                                        : 7;
  for (int i = 0; i < 7; ++i) {
    const int index = std::min(i, known - 1);
    const Analyte a =
        crs ? grading::kCrsInputs[index] : grading::kIcansInputs[index];
    q.Bind(2 + i, grading::AnalyteName(a));
  }
}

// Drug classes (grading/drug_catalog.h names) as SQL list items: those
// that can mask fever (FeverMaskingPolicy says which do at a site), and
// the vasopressors. Doses of either are CRS grading moments.
constexpr const char* kMaskingClassItems =
    "'antipyretic', 'tocilizumab', 'corticosteroid', 'anakinra'";
constexpr const char* kPressorClassItems = "'vasopressor', 'vasopressin'";

// Therapy events that count: not entered in error, and not withdrawn by a
// later entered-in-error event with the same event_id.
constexpr const char* kLiveTherapy = R"sql(
    FROM therapies t
    WHERE t.patient = ?1 AND t.entered_in_error = 0
      AND t.administered_at_ms <= ?2
      AND NOT EXISTS (SELECT 1 FROM therapies w
                      WHERE w.patient = t.patient AND w.entered_in_error = 1
                        AND t.event_id <> '' AND w.event_id = t.event_id))sql";

Status PrepareInto(Database& db, Statement& into, const std::string& sql) {
  ASSIGN_OR_RETURN(into, db.Prepare(sql));
  return Status::Ok();
}

// The columns of a stored lab result (StoredLabResult), then the filter
// that keeps the gradable ones not superseded nor withdrawn by a later row
// of the same result.
constexpr const char* kLabResultColumns = R"sql(
      SELECT o.id, o.message, o.code_system, o.code_display, o.value_numeric,
             o.unit, o.ref_low, o.ref_high, o.ref_text, o.status,
             o.observed_at_ms, o.result_id
      FROM observations o)sql";
constexpr const char* kGradableLive = R"sql(
        AND o.status IN ('final', 'corrected')
        AND o.value_numeric IS NOT NULL AND o.comparator = ''
        AND (o.result_id = '' OR NOT EXISTS (
              SELECT 1 FROM observations w
              WHERE w.patient = o.patient AND w.result_id = o.result_id
                AND w.code = o.code AND w.id > o.id)))sql";

// The current row of a kLabResultColumns query for `code`.
surveillance::StoredLabResult LabResultRow(Statement& q,
                                           const std::string& code) {
  surveillance::StoredLabResult r;
  r.row = q.ColumnInt(0);
  r.message = q.ColumnInt(1);
  model::Observation& o = r.observation;
  o.code.system = q.ColumnText(2);
  o.code.code = code;
  o.code.display = q.ColumnText(3);
  o.numeric = q.ColumnDouble(4);
  o.unit = q.ColumnText(5);
  if (!q.ColumnIsNull(6)) o.reference_range.low = q.ColumnDouble(6);
  if (!q.ColumnIsNull(7)) o.reference_range.high = q.ColumnDouble(7);
  o.reference_range.text = q.ColumnText(8);
  o.status = q.ColumnText(9) == "corrected" ? model::ResultStatus::kCorrected
                                            : model::ResultStatus::kFinal;
  o.observed_at = q.ColumnInt(10);
  o.result_id = q.ColumnText(11);
  return r;
}

// The rows of a kLabResultColumns query for `code`.
Result<std::vector<surveillance::StoredLabResult>> ReadLabResults(
    Statement& q, const std::string& code) {
  std::vector<surveillance::StoredLabResult> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(LabResultRow(q, code));
  }
  return out;
}

// The therapy `stmt` (first_therapy, latest_dose) finds at `at`.
Result<std::optional<surveillance::TherapyRef>> TherapyAt(Statement& stmt,
                                                          std::int64_t patient,
                                                          UnixMillis at) {
  ScopedStatement q(stmt);
  q->Bind(1, patient).Bind(2, static_cast<std::int64_t>(at));
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return std::optional<surveillance::TherapyRef>();
  return std::optional<surveillance::TherapyRef>(surveillance::TherapyRef{
      q->ColumnText(0), q->ColumnText(1), q->ColumnInt(2)});
}

}  // namespace

SqlPatientTimeline::SqlPatientTimeline(FindingWriter& findings,
                                       const grading::GradingOptions& options,
                                       TimeZone site_zone,
                                       std::unique_ptr<Statements> st)
    : writer_(findings),
      options_(options),
      site_zone_(site_zone),
      st_(std::move(st)) {}

SqlPatientTimeline::~SqlPatientTimeline() = default;

// What CRS and ICANS read at a moment: effector therapy, charted states,
// vasopressors, masking doses.
Status SqlPatientTimeline::PrepareChartReads(Database& db, Statements& st) {
  auto prep = [&db](Statement& into, const std::string& sql) {
    return PrepareInto(db, into, sql);
  };
  const std::string masking_classes =
      std::string("(") + kMaskingClassItems + ")";
  // The latest CAR-T infusion or bispecific dose at or before ?2 that was
  // not entered in error (nor withdrawn by a later entered-in-error event).
  RETURN_IF_ERROR(prep(st.effector_therapy, R"sql(
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
  RETURN_IF_ERROR(prep(st.state_at, R"sql(
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
  RETURN_IF_ERROR(prep(st.vasopressors, R"sql(
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
  RETURN_IF_ERROR(prep(st.masking_doses, masking_doses.c_str()));
  return Status::Ok();
}

// The stored moments a late input bears on, and a therapy event's span.
Status SqlPatientTimeline::PrepareMomentReads(Database& db, Statements& st) {
  auto prep = [&db](Statement& into, const std::string& sql) {
    return PrepareInto(db, into, sql);
  };
  const std::string masking_classes =
      std::string("(") + kMaskingClassItems + ")";
  const std::string dose_classes =
      std::string("(") + kPressorClassItems + ", " + kMaskingClassItems + ")";
  // Stored moments (late inputs): the times of a syndrome's charted
  // inputs, and the starts and ends of the doses CRS grading reads.
  RETURN_IF_ERROR(prep(st.stored_states, R"sql(
      SELECT DISTINCT observed_at_ms FROM clinical_states
      WHERE patient = ?1 AND concept IN (?2, ?3, ?4, ?5, ?6, ?7, ?8)
        AND observed_at_ms > ?9 AND observed_at_ms <= ?10)sql"));
  RETURN_IF_ERROR(prep(st.next_state, R"sql(
      SELECT min(observed_at_ms) FROM clinical_states
      WHERE patient = ?1 AND concept IN (?2, ?3, ?4, ?5, ?6, ?7, ?8)
        AND observed_at_ms > ?9)sql"));
  const std::string doses = std::string(R"sql(
      SELECT started_at_ms, ended_at_ms, status FROM medication_administrations
      WHERE patient = ?1 AND drug_class IN )sql") +
                            dose_classes + R"sql(
        AND started_at_ms <= ?2 AND started_at_ms >= ?3)sql";
  RETURN_IF_ERROR(prep(st.stored_doses, doses.c_str()));
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
  RETURN_IF_ERROR(prep(st.next_dose, next_dose.c_str()));
  // Masking doses started in [?2, ?3]: a late grade at or before one
  // changes whether it masks (the grade in force at the dose), for its
  // whole window.
  const std::string stored_masking_doses = std::string(R"sql(
      SELECT drug_class, started_at_ms FROM medication_administrations
      WHERE patient = ?1 AND drug_class IN )sql") +
                                           masking_classes +
                                           R"sql(
        AND started_at_ms >= ?2 AND started_at_ms <= ?3)sql";
  RETURN_IF_ERROR(prep(st.stored_masking_doses, stored_masking_doses.c_str()));
  RETURN_IF_ERROR(prep(st.therapy_event_span, R"sql(
      SELECT min(administered_at_ms), max(administered_at_ms) FROM therapies
      WHERE patient = ?1 AND event_id = ?2 AND entered_in_error = 0)sql"));
  return Status::Ok();
}

// What the lab step reads: therapies, the baseline, later results.
// The patient's birth date, comparator results and doses of a class (the
// CAPD age and CAR-HEMATOTOX).
Status SqlPatientTimeline::PrepareContextReads(Database& db, Statements& st) {
  auto prep = [&db](Statement& into, const std::string& sql) {
    return PrepareInto(db, into, sql);
  };
  RETURN_IF_ERROR(
      prep(st.birth_date, "SELECT birth_date FROM patients WHERE id = ?1"));
  // The latest comparator result of a code in [?3, ?4] ("<5": not graded).
  RETURN_IF_ERROR(prep(st.latest_comparator, R"sql(
      SELECT max(o.observed_at_ms) FROM observations o
      WHERE o.patient = ?1 AND o.code = ?2
        AND o.observed_at_ms >= ?3 AND o.observed_at_ms <= ?4
        AND o.status IN ('final', 'corrected')
        AND o.value_numeric IS NOT NULL AND o.comparator <> ''
        AND (o.result_id = '' OR NOT EXISTS (
              SELECT 1 FROM observations w
              WHERE w.patient = o.patient AND w.result_id = o.result_id
                AND w.code = o.code AND w.id > o.id)))sql"));
  RETURN_IF_ERROR(prep(st.first_dose_of_class, R"sql(
      SELECT min(m.started_at_ms) FROM medication_administrations m
      WHERE m.patient = ?1 AND m.drug_class = ?2
        AND m.status IN ('completed', 'in_progress')
        AND m.started_at_ms >= ?3 AND m.started_at_ms <= ?4
        AND NOT EXISTS (SELECT 1 FROM medication_administrations w
                        WHERE w.patient = m.patient
                          AND m.administration_id <> ''
                          AND w.administration_id = m.administration_id
                          AND w.status = 'entered_in_error'))sql"));
  return Status::Ok();
}

Status SqlPatientTimeline::PrepareLabReads(Database& db, Statements& st) {
  auto prep = [&db](Statement& into, const std::string& sql) {
    return PrepareInto(db, into, sql);
  };
  RETURN_IF_ERROR(
      prep(st.first_therapy, std::string("SELECT t.kind, t.product_name, "
                                         "t.administered_at_ms") +
                                 kLiveTherapy +
                                 " ORDER BY t.administered_at_ms ASC LIMIT 1"));
  RETURN_IF_ERROR(
      prep(st.latest_dose, std::string("SELECT t.kind, t.product_name, "
                                       "t.administered_at_ms") +
                               kLiveTherapy +
                               " ORDER BY t.administered_at_ms DESC LIMIT 1"));
  RETURN_IF_ERROR(
      prep(st.checkpoint_dose, std::string("SELECT 1") + kLiveTherapy +
                                   " AND t.kind = 'checkpoint_inhibitor_dose'"
                                   " LIMIT 1"));
  // Results of a code stored after ?3 (other than ?4), gradable and
  // neither superseded nor withdrawn by a later row, in time order; a few
  // are enough to find one that is gradable.
  RETURN_IF_ERROR(
      prep(st.next_results, std::string(kLabResultColumns) + R"sql(
      WHERE o.patient = ?1 AND o.code = ?2
        AND o.observed_at_ms > ?3 AND o.id <> ?4)sql" +
                                kGradableLive +
                                " ORDER BY o.observed_at_ms, o.id LIMIT 16"));
  // Results of a code observed in [?3, ?4] (ICAHT's neutrophil counts).
  RETURN_IF_ERROR(prep(st.results_between,
                       std::string(kLabResultColumns) + R"sql(
      WHERE o.patient = ?1 AND o.code = ?2
        AND o.observed_at_ms >= ?3 AND o.observed_at_ms <= ?4)sql" +
                           kGradableLive + " ORDER BY o.observed_at_ms, o.id"));
  RETURN_IF_ERROR(
      prep(st.latest_result, std::string(kLabResultColumns) + R"sql(
      WHERE o.patient = ?1 AND o.code = ?2
        AND o.observed_at_ms >= ?3 AND o.observed_at_ms <= ?4)sql" +
                                 kGradableLive +
                                 " ORDER BY o.observed_at_ms DESC, o.id DESC"));
  // The values of a charted concept in [?3, ?4], as state_at filters them.
  RETURN_IF_ERROR(prep(st.charted_series, R"sql(
      SELECT s.value_numeric, s.value_token, s.observed_at_ms
      FROM clinical_states s
      WHERE s.patient = ?1 AND s.concept = ?2
        AND s.observed_at_ms >= ?3 AND s.observed_at_ms <= ?4
        AND (s.value_token IS NULL OR s.value_token <> 'withdrawn')
        AND (s.result_id = '' OR NOT EXISTS (
              SELECT 1 FROM clinical_states w
              WHERE w.patient = s.patient AND w.result_id = s.result_id
                AND w.concept = s.concept AND w.id > s.id))
      ORDER BY s.observed_at_ms, s.id)sql"));
  RETURN_IF_ERROR(prep(st.car_t_infusion,
                       std::string("SELECT t.kind, t.product_name, "
                                   "t.administered_at_ms") +
                           kLiveTherapy +
                           " AND t.kind = 'car_t_infusion'"
                           " ORDER BY t.administered_at_ms DESC LIMIT 1"));
  RETURN_IF_ERROR(prep(st.baseline, R"sql(
      SELECT value_numeric, unit, ref_low, ref_high, ref_text, observed_at_ms
      FROM observations
      WHERE patient = ?1 AND code_system = ?2 AND code = ?3
        AND observed_at_ms < ?4 AND observed_at_ms >= ?5
        AND value_numeric IS NOT NULL AND comparator = ''
        AND status IN ('final', 'corrected')
      ORDER BY observed_at_ms DESC, id DESC LIMIT 1)sql"));
  return Status::Ok();
}

Result<std::unique_ptr<SqlPatientTimeline>> SqlPatientTimeline::Prepare(
    Database& db, FindingWriter& findings,
    const grading::GradingOptions& options, TimeZone site_zone) {
  auto st = std::make_unique<Statements>();
  RETURN_IF_ERROR(PrepareChartReads(db, *st));
  RETURN_IF_ERROR(PrepareMomentReads(db, *st));
  RETURN_IF_ERROR(PrepareLabReads(db, *st));
  RETURN_IF_ERROR(PrepareContextReads(db, *st));
  return std::unique_ptr<SqlPatientTimeline>(
      new SqlPatientTimeline(findings, options, site_zone, std::move(st)));
}

Result<std::optional<surveillance::TherapyRef>>
SqlPatientTimeline::EffectorTherapyAt(std::int64_t patient_row, UnixMillis at) {
  ScopedStatement q(st_->effector_therapy);
  q->Bind(1, patient_row).Bind(2, static_cast<std::int64_t>(at));
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return std::optional<surveillance::TherapyRef>();
  surveillance::TherapyRef t{q->ColumnText(0), q->ColumnText(1),
                             q->ColumnInt(2)};
  if (options_.astct_window_ms > 0 && at - t.at > options_.astct_window_ms) {
    return std::optional<surveillance::TherapyRef>();
  }
  return std::optional<surveillance::TherapyRef>(std::move(t));
}

Result<std::optional<surveillance::ChartedValue>> SqlPatientTimeline::StateAt(
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
  if (!row) return std::optional<surveillance::ChartedValue>();
  surveillance::ChartedValue s;
  if (!q->ColumnIsNull(0)) s.number = q->ColumnDouble(0);
  s.token = q->ColumnText(1);
  s.observed_at = q->ColumnInt(2);
  return std::optional<surveillance::ChartedValue>(std::move(s));
}

Result<UnixMillis> SqlPatientTimeline::ReachOfStoredMasking(
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
      auto cls = grading::DrugClassFromName(q->ColumnText(0));
      auto window =
          cls ? surveillance::MaskingWindow(options_, *cls) : std::nullopt;
      if (window) further = std::max(further, q->ColumnInt(1) + *window);
    }
    if (further == until) break;
    until = further;
  }
  return until;
}

Result<std::vector<UnixMillis>> SqlPatientTimeline::StoredMoments(
    surveillance::AstctSyndrome which, std::int64_t patient_row,
    UnixMillis after, UnixMillis until) {
  std::vector<UnixMillis> out;
  {
    ScopedStatement q(st_->stored_states);
    q->Bind(1, patient_row);
    BindConcepts(*q, which == surveillance::AstctSyndrome::kCrs,
                 options_.rule_set);
    q->Bind(9, static_cast<std::int64_t>(after))
        .Bind(10, static_cast<std::int64_t>(until));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      out.push_back(q->ColumnInt(0));
    }
  }
  if (which == surveillance::AstctSyndrome::kCrs) {
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

Result<std::optional<UnixMillis>> SqlPatientTimeline::NextStoredMoment(
    surveillance::AstctSyndrome which, std::int64_t patient_row,
    UnixMillis after) {
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
    BindConcepts(*q, which == surveillance::AstctSyndrome::kCrs,
                 options_.rule_set);
    q->Bind(9, static_cast<std::int64_t>(after));
    RETURN_IF_ERROR(take(*q));
  }
  if (which == surveillance::AstctSyndrome::kCrs) {
    ScopedStatement q(st_->next_dose);
    q->Bind(1, patient_row).Bind(2, static_cast<std::int64_t>(after));
    RETURN_IF_ERROR(take(*q));
  }
  return next;
}

Result<surveillance::CrsSnapshot> SqlPatientTimeline::CrsSnapshotAt(
    std::int64_t patient_row, UnixMillis at) {
  surveillance::CrsSnapshot s;
  s.at = at;
  ASSIGN_OR_RETURN(s.temperature,
                   StateAt(patient_row, Analyte::kBodyTemperature, at));
  ASSIGN_OR_RETURN(s.hypotension_flag,
                   StateAt(patient_row, Analyte::kHypotension, at));
  ASSIGN_OR_RETURN(s.systolic, StateAt(patient_row, Analyte::kSystolicBp, at));
  ASSIGN_OR_RETURN(s.oxygen_device,
                   StateAt(patient_row, Analyte::kOxygenDevice, at));
  ASSIGN_OR_RETURN(s.oxygen_flow,
                   StateAt(patient_row, Analyte::kOxygenFlow, at));
  if (options_.rule_set >= grading::RuleSet::kRules3) {
    ASSIGN_OR_RETURN(s.fever_other_cause,
                     StateAt(patient_row, Analyte::kFeverOtherCause, at));
  }
  if (options_.rule_set >= grading::RuleSet::kRules4) {
    ASSIGN_OR_RETURN(s.inspired_oxygen,
                     StateAt(patient_row, Analyte::kInspiredOxygen, at));
  }
  {
    ScopedStatement q(st_->vasopressors);
    q->Bind(1, patient_row)
        .Bind(2, static_cast<std::int64_t>(at))
        .Bind(3, static_cast<std::int64_t>(
                     at - surveillance::kVasopressorLookBackMs));
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      surveillance::VasopressorRecord r;
      r.drug_class = q->ColumnText(0);
      r.generic = q->ColumnText(1);
      r.administration_id = q->ColumnText(2);
      r.status = q->ColumnText(3);
      r.started_at = q->ColumnInt(4);
      if (!q->ColumnIsNull(5)) r.ended_at = q->ColumnInt(5);
      r.row = q->ColumnInt(6);
      s.vasopressors.push_back(std::move(r));
    }
  }
  const std::int64_t longest_mask =
      surveillance::LongestMaskingWindow(options_);
  if (longest_mask > 0) {
    {
      ScopedStatement q(st_->masking_doses);
      q->Bind(1, patient_row)
          .Bind(2, static_cast<std::int64_t>(at))
          .Bind(3, static_cast<std::int64_t>(at - longest_mask));
      for (;;) {
        ASSIGN_OR_RETURN(bool row, q->Step());
        if (!row) break;
        auto cls = grading::DrugClassFromName(q->ColumnText(0));
        if (!cls) continue;
        auto window = surveillance::MaskingWindow(options_, *cls);
        if (!window || at - q->ColumnInt(2) > *window) continue;
        s.masking_doses.push_back({*cls, q->ColumnText(1), q->ColumnInt(2)});
      }
    }
    for (surveillance::MaskingDose& d : s.masking_doses) {
      ASSIGN_OR_RETURN(d.crs_grade_at_dose,
                       writer_.GradeAt(patient_row, grading::kCrsTerm, d.at,
                                       grading::kAstctSystem));
    }
  }
  return s;
}

Result<surveillance::IcansSnapshot> SqlPatientTimeline::IcansSnapshotAt(
    std::int64_t patient_row, UnixMillis at) {
  surveillance::IcansSnapshot s;
  ASSIGN_OR_RETURN(s.ice_score, StateAt(patient_row, Analyte::kIceScore, at));
  ASSIGN_OR_RETURN(s.consciousness,
                   StateAt(patient_row, Analyte::kConsciousness, at));
  ASSIGN_OR_RETURN(s.seizure, StateAt(patient_row, Analyte::kSeizure, at));
  ASSIGN_OR_RETURN(s.motor_weakness,
                   StateAt(patient_row, Analyte::kMotorWeakness, at));
  ASSIGN_OR_RETURN(s.cerebral_edema,
                   StateAt(patient_row, Analyte::kCerebralEdema, at));
  ASSIGN_OR_RETURN(s.sedated, StateAt(patient_row, Analyte::kSedation, at));
  if (options_.rule_set >= grading::RuleSet::kRules4) {
    // Reference 10.5: the scale by age at the moment, in the site's days.
    s.by_age = true;
    s.local_day = site_zone_.LocalDayNumber(at);
    ASSIGN_OR_RETURN(s.capd, StateAt(patient_row, Analyte::kCapd, at));
    ScopedStatement q(st_->birth_date);
    q->Bind(1, patient_row);
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (row && !q->ColumnIsNull(0)) s.birth_date = q->ColumnText(0);
  }
  return s;
}

Result<std::optional<UnixMillis>> SqlPatientTimeline::LatestComparatorResult(
    std::int64_t patient_row, Analyte analyte, UnixMillis from, UnixMillis at) {
  std::optional<UnixMillis> latest;
  const std::vector<std::string> codes = options_.analytes.CodesOf(analyte);
  for (const std::string& code :
       std::set<std::string>(codes.begin(), codes.end())) {
    ScopedStatement q(st_->latest_comparator);
    q->Bind(1, patient_row)
        .Bind(2, code)
        .Bind(3, static_cast<std::int64_t>(from))
        .Bind(4, static_cast<std::int64_t>(at));
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row || q->ColumnIsNull(0)) continue;
    latest = latest ? std::max(*latest, q->ColumnInt(0)) : q->ColumnInt(0);
  }
  return latest;
}

Result<std::optional<UnixMillis>> SqlPatientTimeline::FirstDoseOfClass(
    std::int64_t patient_row, std::string_view drug_class, UnixMillis from,
    UnixMillis to) {
  ScopedStatement q(st_->first_dose_of_class);
  q->Bind(1, patient_row)
      .Bind(2, drug_class)
      .Bind(3, static_cast<std::int64_t>(from))
      .Bind(4, static_cast<std::int64_t>(to));
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row || q->ColumnIsNull(0)) return std::optional<UnixMillis>();
  return std::optional<UnixMillis>(q->ColumnInt(0));
}

Result<std::optional<std::pair<UnixMillis, UnixMillis>>>
SqlPatientTimeline::TherapyEventSpan(std::int64_t patient_row,
                                     const std::string& event_id) {
  ScopedStatement q(st_->therapy_event_span);
  q->Bind(1, patient_row).Bind(2, event_id);
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row || q->ColumnIsNull(0)) {
    return std::optional<std::pair<UnixMillis, UnixMillis>>();
  }
  return std::optional<std::pair<UnixMillis, UnixMillis>>(
      std::pair<UnixMillis, UnixMillis>(q->ColumnInt(0), q->ColumnInt(1)));
}

Result<std::optional<surveillance::TherapyRef>>
SqlPatientTimeline::FirstTherapy(std::int64_t patient_row) {
  return TherapyAt(st_->first_therapy, patient_row, INT64_MAX);
}

Result<std::optional<surveillance::TherapyRef>>
SqlPatientTimeline::LatestTherapyAt(std::int64_t patient_row, UnixMillis at) {
  return TherapyAt(st_->latest_dose, patient_row, at);
}

Result<bool> SqlPatientTimeline::CheckpointDoseBy(std::int64_t patient_row,
                                                  UnixMillis at) {
  ScopedStatement q(st_->checkpoint_dose);
  q->Bind(1, patient_row).Bind(2, static_cast<std::int64_t>(at));
  return q->Step();
}

Result<std::optional<surveillance::StoredResult>>
SqlPatientTimeline::LatestResultBetween(std::int64_t patient_row,
                                        const model::Code& code,
                                        UnixMillis since, UnixMillis before) {
  ScopedStatement q(st_->baseline);
  q->Bind(1, patient_row)
      .Bind(2, code.system)
      .Bind(3, code.code)
      .Bind(4, static_cast<std::int64_t>(before))
      .Bind(5, static_cast<std::int64_t>(since));
  ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return std::optional<surveillance::StoredResult>();
  surveillance::StoredResult r;
  r.value = q->ColumnDouble(0);
  r.unit = q->ColumnText(1);
  if (!q->ColumnIsNull(2)) r.ref_low = q->ColumnDouble(2);
  if (!q->ColumnIsNull(3)) r.ref_high = q->ColumnDouble(3);
  r.ref_text = q->ColumnText(4);
  r.observed_at = q->ColumnInt(5);
  return std::optional<surveillance::StoredResult>(std::move(r));
}

Result<std::vector<surveillance::StoredLabResult>>
SqlPatientTimeline::GradableResultsAfter(std::int64_t patient_row,
                                         const std::string& code,
                                         UnixMillis after,
                                         std::int64_t exclude_row) {
  ScopedStatement q(st_->next_results);
  q->Bind(1, patient_row)
      .Bind(2, code)
      .Bind(3, static_cast<std::int64_t>(after))
      .Bind(4, exclude_row);
  return ReadLabResults(*q, code);
}

Result<std::vector<surveillance::StoredLabResult>>
SqlPatientTimeline::AnalyteResultsBetween(std::int64_t patient_row,
                                          Analyte analyte, UnixMillis from,
                                          UnixMillis to) {
  std::vector<surveillance::StoredLabResult> out;
  const std::vector<std::string> codes = options_.analytes.CodesOf(analyte);
  for (const std::string& code :
       std::set<std::string>(codes.begin(), codes.end())) {
    ScopedStatement q(st_->results_between);
    q->Bind(1, patient_row)
        .Bind(2, code)
        .Bind(3, static_cast<std::int64_t>(from))
        .Bind(4, static_cast<std::int64_t>(to));
    ASSIGN_OR_RETURN(std::vector<surveillance::StoredLabResult> found,
                     ReadLabResults(*q, code));
    for (surveillance::StoredLabResult& r : found) {
      // The query matched the code in any system: keep those the
      // catalogue maps to this analyte.
      const model::Code& c = r.observation.code;
      if (options_.analytes.Find(c.system, c.code) == analyte) {
        out.push_back(std::move(r));
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const surveillance::StoredLabResult& a,
               const surveillance::StoredLabResult& b) {
              return a.observation.observed_at != b.observation.observed_at
                         ? a.observation.observed_at < b.observation.observed_at
                         : a.row < b.row;
            });
  return out;
}

Result<std::optional<surveillance::StoredLabResult>>
SqlPatientTimeline::LatestAnalyteResult(std::int64_t patient_row,
                                        Analyte analyte, UnixMillis from,
                                        UnixMillis at) {
  std::optional<surveillance::StoredLabResult> latest;
  const std::vector<std::string> codes = options_.analytes.CodesOf(analyte);
  for (const std::string& code :
       std::set<std::string>(codes.begin(), codes.end())) {
    ScopedStatement q(st_->latest_result);
    q->Bind(1, patient_row)
        .Bind(2, code)
        .Bind(3, static_cast<std::int64_t>(from))
        .Bind(4, static_cast<std::int64_t>(at));
    // Newest first: the first row of this code the catalogue maps to the
    // analyte (the code may be another system's) is its latest.
    for (;;) {
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      surveillance::StoredLabResult r = LabResultRow(*q, code);
      const model::Code& c = r.observation.code;
      if (options_.analytes.Find(c.system, c.code) != analyte) continue;
      const UnixMillis observed = r.observation.observed_at;
      if (!latest || observed > latest->observation.observed_at ||
          (observed == latest->observation.observed_at &&
           r.row > latest->row)) {
        latest = std::move(r);
      }
      break;
    }
  }
  return latest;
}

Result<std::vector<surveillance::ChartedValue>>
SqlPatientTimeline::ChartedSeries(std::int64_t patient_row, Analyte what,
                                  UnixMillis from, UnixMillis to) {
  std::vector<surveillance::ChartedValue> out;
  ScopedStatement q(st_->charted_series);
  q->Bind(1, patient_row)
      .Bind(2, grading::AnalyteName(what))
      .Bind(3, static_cast<std::int64_t>(from))
      .Bind(4, static_cast<std::int64_t>(to));
  for (;;) {
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    surveillance::ChartedValue v;
    if (!q->ColumnIsNull(0)) v.number = q->ColumnDouble(0);
    v.token = q->ColumnText(1);
    v.observed_at = q->ColumnInt(2);
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::optional<surveillance::CarTDay>> SqlPatientTimeline::CarTDayAt(
    std::int64_t patient_row, UnixMillis at) {
  ASSIGN_OR_RETURN(std::optional<surveillance::TherapyRef> infusion,
                   TherapyAt(st_->car_t_infusion, patient_row, at));
  if (!infusion) return std::optional<surveillance::CarTDay>();
  const auto day = SiteDay(at) - SiteDay(infusion->at);
  return std::optional<surveillance::CarTDay>(
      surveillance::CarTDay{std::move(*infusion), static_cast<int>(day)});
}

}  // namespace iraed::store
