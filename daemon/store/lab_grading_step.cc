#include "store/lab_grading_step.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "common/json.h"
#include "common/time_format.h"
#include "grading/asco_irae.h"
#include "grading/ctcae_labs.h"
#include "grading/format.h"
#include "grading/reference_range.h"
#include "grading/syndromes.h"
#include "grading/units.h"

namespace iraed::store {

struct LabGradingStep::Statements {
  Statement first_therapy;
  Statement latest_dose;
  Statement baseline;
  Statement previous_grade;
  Statement insert_finding;
  Statement insert_data_quality;
  Statement term_grade_before;
  Statement findings_of_result;
  Statement latest_finding_of_term;
  Statement insert_alert;
  Statement insert_alert_finding;
};

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr UnixMillis kEndOfTime = INT64_MAX;

// Resets a statement when the scope ends.
class Scoped {
 public:
  explicit Scoped(Statement& s) : s_(s) {}
  ~Scoped() { s_.Reset(); }
  Statement* operator->() { return &s_; }
  Statement& operator*() { return s_; }

 private:
  Statement& s_;
};

std::string OptNum(const std::optional<double>& v) {
  return v ? grading::FormatNumber(*v) : "null";
}

// Therapy events that count: not entered in error, and not withdrawn by a
// later entered-in-error event with the same event_id.
constexpr const char* kLiveTherapy = R"sql(
    FROM therapies t
    WHERE t.patient = ?1 AND t.entered_in_error = 0
      AND t.administered_at_ms <= ?2
      AND NOT EXISTS (SELECT 1 FROM therapies w
                      WHERE w.patient = t.patient AND w.entered_in_error = 1
                        AND t.event_id <> '' AND w.event_id = t.event_id))sql";

}  // namespace

LabGradingStep::LabGradingStep(Database& db, GradingOptions options,
                               std::unique_ptr<Statements> st)
    : db_(db), options_(std::move(options)), st_(std::move(st)) {}

LabGradingStep::~LabGradingStep() = default;

Result<std::unique_ptr<LabGradingStep>> LabGradingStep::Prepare(
    Database& db, GradingOptions options) {
  auto st = std::make_unique<Statements>();
  auto prep = [&db](Statement& into, const std::string& sql) -> Status {
    ASSIGN_OR_RETURN(into, db.Prepare(sql));
    return Status::Ok();
  };
  RETURN_IF_ERROR(prep(st->first_therapy,
                       std::string("SELECT t.kind, t.product_name, "
                                   "t.administered_at_ms") +
                           kLiveTherapy +
                           " ORDER BY t.administered_at_ms ASC LIMIT 1"));
  RETURN_IF_ERROR(
      prep(st->latest_dose, std::string("SELECT t.kind, t.product_name, "
                                        "t.administered_at_ms") +
                                kLiveTherapy +
                                " ORDER BY t.administered_at_ms DESC LIMIT 1"));
  RETURN_IF_ERROR(prep(st->baseline, R"sql(
      SELECT value_numeric, unit, ref_low, ref_high, ref_text, observed_at_ms
      FROM observations
      WHERE patient = ?1 AND code_system = ?2 AND code = ?3
        AND observed_at_ms < ?4 AND observed_at_ms >= ?5
        AND value_numeric IS NOT NULL AND comparator = ''
        AND status IN ('final', 'corrected')
      ORDER BY observed_at_ms DESC, id DESC LIMIT 1)sql"));
  RETURN_IF_ERROR(prep(st->previous_grade, R"sql(
      SELECT grade FROM findings
      WHERE patient_id = ?1 AND term = ?2 AND observed_at_ms <= ?3
      ORDER BY observed_at_ms DESC, id DESC LIMIT 1)sql"));
  RETURN_IF_ERROR(prep(st->insert_finding, R"sql(
      INSERT INTO findings (patient_id, term, meddra_code, grading_system,
          grade, previous_grade, observed_at, observed_at_ms, recorded_at_ms,
          rule_version, provisional, evidence, message, observation)
      VALUES (?1, ?2, ?3, ?14, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
              ?13))sql"));
  RETURN_IF_ERROR(prep(st->insert_data_quality, R"sql(
      INSERT INTO data_quality (message, observation, patient_id, issue,
                                detail, recorded_at_ms)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql"));
  // The patient's current grade for a term, ignoring the findings of one
  // message (?3): the grade before that message.
  RETURN_IF_ERROR(prep(st->term_grade_before, R"sql(
      SELECT grade FROM findings
      WHERE patient_id = ?1 AND term = ?2 AND message <> ?3
      ORDER BY observed_at_ms DESC, id DESC LIMIT 1)sql"));
  // CTCAE findings caused by earlier observations carrying a result id.
  RETURN_IF_ERROR(prep(st->findings_of_result, R"sql(
      SELECT f.id, f.term, f.meddra_code, f.grade, f.previous_grade,
             f.observed_at_ms, f.rule_version, f.grading_system
      FROM findings f JOIN observations o ON o.id = f.observation
      WHERE f.patient_id = ?1 AND o.result_id = ?2 AND o.code_system = ?3
        AND o.code = ?4 AND o.id <> ?5
      ORDER BY f.id)sql"));
  RETURN_IF_ERROR(prep(st->latest_finding_of_term, R"sql(
      SELECT id FROM findings WHERE patient_id = ?1 AND term = ?2
      ORDER BY observed_at_ms DESC, id DESC LIMIT 1)sql"));
  RETURN_IF_ERROR(prep(st->insert_alert, R"sql(
      INSERT INTO alerts (patient_id, syndrome, grade, previous_grade,
          raised_at, raised_at_ms, observed_at, summary, action, finding_ids,
          provisional, rule_version, message)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13))sql"));
  RETURN_IF_ERROR(prep(st->insert_alert_finding,
                       "INSERT INTO alert_findings (alert, finding) "
                       "VALUES (?1, ?2)"));
  return std::unique_ptr<LabGradingStep>(
      new LabGradingStep(db, std::move(options), std::move(st)));
}

Status LabGradingStep::OnObservation(std::int64_t message_row,
                                     std::int64_t patient_row,
                                     std::int64_t observation_row,
                                     const model::Observation& o,
                                     UnixMillis recorded_at) {
  if (o.status == model::ResultStatus::kCancelled ||
      o.status == model::ResultStatus::kEnteredInError) {
    return Withdraw(message_row, patient_row, observation_row, o, recorded_at);
  }
  if (!o.numeric || !o.comparator.empty()) return Status::Ok();
  if (o.status != model::ResultStatus::kFinal &&
      o.status != model::ResultStatus::kCorrected) {
    return Status::Ok();
  }
  std::optional<grading::Analyte> analyte =
      options_.analytes.Find(o.code.system, o.code.code);
  for (const model::Code& alt : o.alternate_codes) {
    if (analyte) break;
    analyte = options_.analytes.Find(alt.system, alt.code);
  }
  if (!analyte) return Status::Ok();

  auto quality = [&](std::string_view issue, const std::string& detail) {
    Scoped q(st_->insert_data_quality);
    q->Bind(1, message_row)
        .Bind(2, observation_row)
        .Bind(3, patient_row)
        .Bind(4, issue)
        .Bind(5, detail)
        .Bind(6, static_cast<std::int64_t>(recorded_at));
    return q->Run();
  };

  // Monitored therapy at or before the observation. The first therapy is
  // looked up once per message (a batch is one patient): most results are
  // of patients not on therapy, and this is the hot path.
  auto therapy_at = [&](Statement& stmt,
                        UnixMillis at) -> Result<std::optional<Therapy>> {
    Scoped q(stmt);
    q->Bind(1, patient_row).Bind(2, static_cast<std::int64_t>(at));
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return std::optional<Therapy>();
    return std::optional<Therapy>(
        Therapy{q->ColumnText(0), q->ColumnText(1), q->ColumnInt(2)});
  };
  if (cached_message_ != message_row) {
    ASSIGN_OR_RETURN(cached_first_, therapy_at(st_->first_therapy, kEndOfTime));
    cached_message_ = message_row;
  }
  if (!cached_first_ || cached_first_->at > o.observed_at) {
    return Status::Ok();  // not on monitored therapy (yet)
  }
  const Therapy& first_therapy = *cached_first_;
  const Therapy* first = &first_therapy;

  const std::optional<grading::Unit> unit = grading::ParseUnit(o.unit);
  if (!unit) {
    return quality("unknown_unit", std::string(grading::AnalyteName(*analyte)) +
                                       ": unit '" + o.unit +
                                       "' is not one iraed can grade in");
  }

  grading::LabInput in;
  in.analyte = *analyte;
  in.value = *o.numeric;
  in.unit = *unit;
  in.uln = o.reference_range.high;
  in.lln = o.reference_range.low;
  if (!in.uln && !in.lln && !o.reference_range.text.empty()) {
    if (auto r = grading::ParseRange(o.reference_range.text)) {
      in.uln = r->high;
      in.lln = r->low;
    }
  }
  bool site_limits = false;
  if (!in.uln && !in.lln) {
    auto it = options_.default_limits.find({*analyte, *unit});
    if (it != options_.default_limits.end()) {
      in.uln = it->second.high;
      in.lln = it->second.low;
      site_limits = true;
    }
  }
  if (auto it = options_.mi_cutoffs.find({o.code.system, o.code.code});
      it != options_.mi_cutoffs.end() && it->second.unit == *unit) {
    in.mi_cutoff = it->second.value;
  }
  std::optional<UnixMillis> baseline_at;
  {
    Scoped q(st_->baseline);
    q->Bind(1, patient_row)
        .Bind(2, o.code.system)
        .Bind(3, o.code.code)
        .Bind(4, static_cast<std::int64_t>(first->at))
        .Bind(5, static_cast<std::int64_t>(first->at -
                                           options_.baseline_lookback_ms));
    ASSIGN_OR_RETURN(bool row, q->Step());
    if (row && grading::ParseUnit(q->ColumnText(1)) == unit) {
      in.baseline = q->ColumnDouble(0);
      if (!q->ColumnIsNull(2)) in.baseline_lln = q->ColumnDouble(2);
      if (!q->ColumnIsNull(3)) in.baseline_uln = q->ColumnDouble(3);
      if (!in.baseline_uln && !in.baseline_lln) {
        if (auto r = grading::ParseRange(q->ColumnText(4))) {
          in.baseline_uln = r->high;
          in.baseline_lln = r->low;
        }
      }
      baseline_at = q->ColumnInt(5);
    }
  }

  const grading::LabGrading result = grading::GradeCtcaeLab(in);
  // Each grade with the system and rule set that produced it.
  struct Graded {
    grading::TermGrade grade;
    std::string_view system;
    std::string_view version;
  };
  std::vector<Graded> graded;
  for (const grading::TermGrade& g : result.grades) {
    graded.push_back({g, "CTCAE 5.0", grading::kCtcaeRuleVersion});
  }
  // ASCO21 grades immune nephritis against the baseline (the alert's
  // action follows it); CTCAE "Creatinine increased" is kept beside it.
  if (*analyte == grading::Analyte::kCreatinine) {
    if (auto asco = grading::GradeAscoNephritis(in.value, in.baseline, *unit)) {
      grading::TermGrade g;
      g.term = "Nephritis";
      g.grade = asco->grade;
      g.rule = asco->reason;
      graded.push_back({std::move(g), "ASCO 2021", grading::kAscoRuleVersion});
    }
  }
  if (!result.not_graded.empty() && result.grades.empty()) {
    RETURN_IF_ERROR(quality("not_graded", result.not_graded));
  }
  std::optional<Therapy> latest;
  for (const Graded& entry : graded) {
    const grading::TermGrade& g = entry.grade;
    int previous = 0;
    {
      Scoped q(st_->previous_grade);
      q->Bind(1, patient_row)
          .Bind(2, g.term)
          .Bind(3, static_cast<std::int64_t>(o.observed_at));
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (row) previous = static_cast<int>(q->ColumnInt(0));
    }
    if (g.grade == previous) continue;
    if (!latest) {
      ASSIGN_OR_RETURN(latest, therapy_at(st_->latest_dose, o.observed_at));
    }
    std::string evidence =
        "{\"observation\":{\"code\":" +
        JsonQuote(o.code.system + "|" + o.code.code) +
        ",\"value\":" + grading::FormatNumber(*o.numeric) +
        ",\"unit\":" + JsonQuote(o.unit) +
        ",\"observed_at\":" + JsonQuote(FormatUtcMillis(o.observed_at)) +
        ",\"status\":" + JsonQuote(std::string(model::ToString(o.status))) +
        "},\"uln\":" + OptNum(in.uln) + ",\"lln\":" + OptNum(in.lln) +
        ",\"limits_from\":" +
        JsonQuote(site_limits ? "site default" : "observation") +
        ",\"mi_cutoff\":" + OptNum(in.mi_cutoff) + ",\"baseline\":" +
        (in.baseline
             ? "{\"value\":" + grading::FormatNumber(*in.baseline) +
                   ",\"uln\":" + OptNum(in.baseline_uln) + ",\"observed_at\":" +
                   JsonQuote(FormatUtcMillis(*baseline_at)) + "}"
             : std::string("null")) +
        ",\"rule\":" + JsonQuote(g.rule) +
        ",\"assumption\":" + JsonQuote(g.assumption) +
        ",\"therapy\":{\"first\":{\"kind\":" + JsonQuote(first->kind) +
        ",\"product\":" + JsonQuote(first->product) +
        ",\"at\":" + JsonQuote(FormatUtcMillis(first->at)) +
        ",\"day\":" + std::to_string((o.observed_at - first->at) / kDayMs) +
        "},\"latest\":{\"kind\":" + JsonQuote(latest->kind) +
        ",\"product\":" + JsonQuote(latest->product) +
        ",\"at\":" + JsonQuote(FormatUtcMillis(latest->at)) +
        ",\"day\":" + std::to_string((o.observed_at - latest->at) / kDayMs) +
        "}}}";
    Scoped q(st_->insert_finding);
    q->Bind(1, patient_row)
        .Bind(2, g.term)
        .Bind(14, entry.system)
        .Bind(4, static_cast<std::int64_t>(g.grade))
        .Bind(5, static_cast<std::int64_t>(previous))
        .Bind(6, FormatUtcMillis(o.observed_at))
        .Bind(7, static_cast<std::int64_t>(o.observed_at))
        .Bind(8, static_cast<std::int64_t>(recorded_at))
        .Bind(9, entry.version)
        .Bind(10, static_cast<std::int64_t>(g.provisional ? 1 : 0))
        .Bind(11, evidence)
        .Bind(12, message_row)
        .Bind(13, observation_row);
    if (g.meddra.empty()) {
      q->BindNull(3);
    } else {
      q->Bind(3, g.meddra);
    }
    RETURN_IF_ERROR(q->Run());
    message_findings_.push_back(NewFinding{
        db_.LastInsertRowId(), g.term, g.grade, g.provisional, o.observed_at,
        (o.code.display.empty() ? o.code.code : o.code.display) + " " +
            grading::FormatNumber(*o.numeric) + " " + o.unit + ", " + g.rule,
        "day " + std::to_string((o.observed_at - first->at) / kDayMs) +
            " after " +
            (first->product.empty() ? first->kind : first->product)});
  }
  return Status::Ok();
}

Status LabGradingStep::Withdraw(std::int64_t message_row,
                                std::int64_t patient_row,
                                std::int64_t observation_row,
                                const model::Observation& o,
                                UnixMillis recorded_at) {
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
        .Bind(5, observation_row);
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
  for (const Caused& c : caused) {
    // Only a grade still in force is withdrawn; a later result already
    // replaced an older one.
    {
      Scoped q(st_->latest_finding_of_term);
      q->Bind(1, patient_row).Bind(2, c.term);
      ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row || q->ColumnInt(0) != c.id) continue;
    }
    const std::string evidence =
        "{\"withdrawn\":{\"finding\":" + std::to_string(c.id) +
        ",\"result_id\":" + JsonQuote(o.result_id) +
        ",\"status\":" + JsonQuote(std::string(model::ToString(o.status))) +
        "},\"grade_restored\":" + std::to_string(c.previous) + "}";
    Scoped q(st_->insert_finding);
    q->Bind(1, patient_row)
        .Bind(2, c.term)
        .Bind(3, c.meddra)
        .Bind(4, static_cast<std::int64_t>(c.previous))
        .Bind(5, static_cast<std::int64_t>(c.grade))
        .Bind(6, FormatUtcMillis(c.observed_at))
        .Bind(7, static_cast<std::int64_t>(c.observed_at))
        .Bind(8, static_cast<std::int64_t>(recorded_at))
        .Bind(9, c.rule_version)
        .Bind(10, std::int64_t{0})
        .Bind(11, evidence)
        .Bind(12, message_row)
        .Bind(13, observation_row)
        .Bind(14, c.system);
    if (c.meddra_null) q->BindNull(3);
    RETURN_IF_ERROR(q->Run());
    message_findings_.push_back(NewFinding{db_.LastInsertRowId(), c.term,
                                           c.previous, false, c.observed_at,
                                           "withdrawn", ""});
  }
  return Status::Ok();
}

Status LabGradingStep::OnMessageDone(std::int64_t message_row,
                                     std::int64_t patient_row,
                                     UnixMillis recorded_at) {
  std::vector<NewFinding> findings;
  findings.swap(message_findings_);
  // Syndromes touched by this message, in a stable order.
  std::vector<grading::Syndrome> touched;
  for (const NewFinding& f : findings) {
    auto s = grading::SyndromeForTerm(f.term);
    if (s && std::find(touched.begin(), touched.end(), *s) == touched.end()) {
      touched.push_back(*s);
    }
  }
  for (grading::Syndrome s : touched) {
    // Grade before: the highest current grade of the member terms without
    // this message; after: the same with this message's newest findings.
    int before = 0;
    int after = 0;
    const NewFinding* decisive = nullptr;
    std::string ids;
    bool provisional = false;
    for (std::string_view term : grading::SyndromeTerms(s)) {
      int term_before = 0;
      {
        Scoped q(st_->term_grade_before);
        q->Bind(1, patient_row).Bind(2, term).Bind(3, message_row);
        ASSIGN_OR_RETURN(bool row, q->Step());
        if (row) term_before = static_cast<int>(q->ColumnInt(0));
      }
      before = std::max(before, term_before);
      int term_after = term_before;
      const NewFinding* newest = nullptr;
      for (const NewFinding& f : findings) {
        if (f.term != term) continue;
        if (!newest || f.observed_at >= newest->observed_at) newest = &f;
      }
      if (newest) term_after = newest->grade;
      if (term_after > after) {
        after = term_after;
        decisive = newest;
      } else if (newest && !decisive && term_after == after) {
        decisive = newest;
      }
    }
    if (after <= before || after < grading::DefaultAlertThreshold(s) ||
        decisive == nullptr) {
      continue;
    }
    std::vector<std::int64_t> finding_ids;
    for (const NewFinding& f : findings) {
      if (grading::SyndromeForTerm(f.term) != s) continue;
      finding_ids.push_back(f.id);
      ids += (ids.empty() ? "" : ",") + std::to_string(f.id);
      provisional = provisional || (f.provisional && f.grade == after);
    }
    const std::string name(grading::SyndromeName(s));
    const std::string summary =
        name + " grade " + std::to_string(after) + " (was " +
        std::to_string(before) + "): " + decisive->what + "; observed " +
        FormatUtcMillis(decisive->observed_at) + ", " + decisive->therapy +
        (provisional ? "; provisional (assumption in the finding)" : "");
    Scoped q(st_->insert_alert);
    q->Bind(1, patient_row)
        .Bind(2, name)
        .Bind(3, static_cast<std::int64_t>(after))
        .Bind(4, static_cast<std::int64_t>(before))
        .Bind(5, FormatUtcMillis(recorded_at))
        .Bind(6, static_cast<std::int64_t>(recorded_at))
        .Bind(7, FormatUtcMillis(decisive->observed_at))
        .Bind(8, summary)
        .Bind(9, grading::SyndromeAction(s, after))
        .Bind(10, "[" + ids + "]")
        .Bind(11, static_cast<std::int64_t>(provisional ? 1 : 0))
        .Bind(12, std::string_view(grading::kCtcaeRuleVersion))
        .Bind(13, message_row);
    RETURN_IF_ERROR(q->Run());
    const std::int64_t alert = db_.LastInsertRowId();
    for (std::int64_t id : finding_ids) {
      Scoped link(st_->insert_alert_finding);
      link->Bind(1, alert).Bind(2, id);
      RETURN_IF_ERROR(link->Run());
    }
  }
  return Status::Ok();
}

}  // namespace iraed::store
