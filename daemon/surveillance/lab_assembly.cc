#include "surveillance/lab_assembly.h"

#include "common/time_format.h"
#include "grading/asco_irae.h"
#include "grading/ctcae6_labs.h"
#include "grading/format.h"
#include "grading/reference_range.h"
#include "grading/syndromes.h"
#include "surveillance/evidence.h"

namespace iraed::surveillance {

namespace {

// Whether a baseline in `baseline` can be compared with a value in
// `value`. Stool counts per 24 h are sent with "/d" or with no unit (the
// code says per 24 h): the same number.
bool SameUnit(grading::Analyte a, std::optional<grading::Unit> baseline,
              grading::Unit value) {
  if (!baseline) return false;
  if (a == grading::Analyte::kStoolFrequency) {
    auto per_day = [](grading::Unit u) {
      return u == grading::Unit::kPerDay || u == grading::Unit::kNone;
    };
    return per_day(*baseline) && per_day(value);
  }
  return *baseline == value;
}

void SetLimits(const model::Observation& o, grading::Analyte analyte,
               grading::Unit unit, const grading::GradingOptions& options,
               LabAssessment& a) {
  const ResultLimits limits = LimitsOf(o, analyte, unit, options);
  grading::LabInput& in = a.input;
  in.uln = limits.uln;
  in.lln = limits.lln;
  a.site_limits = limits.site_default;
  if (auto it = options.mi_cutoffs.find({o.code.system, o.code.code});
      it != options.mi_cutoffs.end() && it->second.unit == unit) {
    in.mi_cutoff = it->second.value;
  }
}

void SetBaseline(grading::Analyte analyte, grading::Unit unit,
                 const std::optional<StoredResult>& baseline,
                 LabAssessment& a) {
  if (!baseline ||
      !SameUnit(analyte, grading::ParseUnit(baseline->unit), unit)) {
    return;
  }
  grading::LabInput& in = a.input;
  in.baseline = baseline->value;
  in.baseline_lln = baseline->ref_low;
  in.baseline_uln = baseline->ref_high;
  if (!in.baseline_uln && !in.baseline_lln) {
    if (auto r = grading::ParseRange(baseline->ref_text)) {
      in.baseline_uln = r->high;
      in.baseline_lln = r->low;
    }
  }
  a.baseline_at = baseline->observed_at;
}

void AddAsco(std::vector<LabTermGrade>& grades, std::string_view term,
             std::string_view meddra, const grading::SyndromeGrade& asco) {
  grading::TermGrade g;
  g.term = std::string(term);
  g.meddra = std::string(meddra);
  g.grade = asco.grade;
  g.rule = asco.reason;
  g.provisional = asco.provisional;
  g.assumption = asco.assumption;
  grades.push_back({std::move(g), "ASCO 2021", grading::kAscoRuleVersion});
}

}  // namespace

ResultLimits LimitsOf(const model::Observation& o, grading::Analyte analyte,
                      grading::Unit unit,
                      const grading::GradingOptions& options) {
  ResultLimits l;
  l.uln = o.reference_range.high;
  l.lln = o.reference_range.low;
  if (!l.uln && !l.lln && !o.reference_range.text.empty()) {
    if (auto r = grading::ParseRange(o.reference_range.text)) {
      l.uln = r->high;
      l.lln = r->low;
    }
  }
  if (!l.uln && !l.lln) {
    auto it = options.default_limits.find({analyte, unit});
    if (it != options.default_limits.end()) {
      l.uln = it->second.high;
      l.lln = it->second.low;
      l.site_default = true;
    }
  }
  return l;
}

bool IsHepatitisAnalyte(grading::Analyte a) {
  return a == grading::Analyte::kAlt || a == grading::Analyte::kAst ||
         a == grading::Analyte::kBilirubinTotal;
}

std::optional<LabTermGrade> AscoHepatitis(
    const std::vector<HepatitisValue>& values) {
  std::optional<grading::UlnValue> alt, ast, bili;
  for (const HepatitisValue& v : values) {
    const grading::UlnValue u{v.value, v.uln};
    if (v.analyte == grading::Analyte::kAlt) alt = u;
    if (v.analyte == grading::Analyte::kAst) ast = u;
    if (v.analyte == grading::Analyte::kBilirubinTotal) bili = u;
  }
  auto asco = grading::GradeAscoHepatitis(ast, alt, bili);
  if (!asco) return std::nullopt;
  grading::TermGrade g;
  g.term = std::string(grading::kAscoHepatitisTerm);
  g.grade = asco->grade;
  g.rule = asco->reason;
  return LabTermGrade{std::move(g), "ASCO 2021", grading::kAscoRuleVersion};
}

bool LabIsGraded(const model::Observation& o,
                 std::optional<grading::Analyte> analyte) {
  if (!o.numeric || !o.comparator.empty() || !analyte) return false;
  if (o.status != model::ResultStatus::kFinal &&
      o.status != model::ResultStatus::kCorrected) {
    return false;
  }
  // The ASTCT inputs go to AstctGradingStep.
  return grading::IsCtcaeLab(*analyte) ||
         *analyte == grading::Analyte::kGlucoseFasting ||
         *analyte == grading::Analyte::kTsh;
}

LabAssessment AssembleLab(const model::Observation& o, grading::Analyte analyte,
                          grading::Unit unit,
                          const std::optional<StoredResult>& baseline,
                          int hypothyroidism_before,
                          const grading::GradingOptions& options) {
  LabAssessment a;
  grading::LabInput& in = a.input;
  // A fasting glucose is a glucose for CTCAE hypoglycemia.
  in.analyte = analyte == grading::Analyte::kGlucoseFasting
                   ? grading::Analyte::kGlucose
                   : analyte;
  in.value = *o.numeric;
  in.unit = unit;
  in.rule_set = options.rule_set;
  SetLimits(o, analyte, unit, options, a);
  SetBaseline(analyte, unit, baseline, a);

  grading::LabGrading ctcae;
  // Analytes only v6 grades (HDL, LDL, measured clearance) have no v5 row.
  if (grading::IsCtcaeLab(in.analyte) && !grading::IsCtcae6Only(analyte)) {
    ctcae = grading::GradeCtcaeLab(in);
  }
  a.not_graded = ctcae.not_graded;
  for (const grading::TermGrade& g : ctcae.grades) {
    a.grades.push_back({g, grading::kCtcae5System,
                        grading::CtcaeRuleVersion(options.rule_set)});
  }
  // CTCAE 6.0 beside v5 (rule sets from iraed-rules-4): a fasting glucose
  // is its own row set there (hyperglycemia grades 1 and 2).
  if (options.rule_set >= grading::RuleSet::kRules4 &&
      grading::IsCtcae6Lab(analyte)) {
    grading::LabInput in6 = in;
    in6.analyte = analyte;
    const grading::LabGrading v6 = grading::GradeCtcae6Lab(in6);
    for (const grading::TermGrade& g : v6.grades) {
      a.grades.push_back(
          {g, grading::kCtcae6System, grading::kCtcae6RuleVersion});
    }
    if (!v6.not_graded.empty()) {
      a.not_graded += (a.not_graded.empty() ? "" : "; ") +
                      std::string("CTCAE 6.0: ") + v6.not_graded;
    }
  }
  // ASCO21 grades immune nephritis against the baseline (the alert's
  // action follows it); CTCAE "Creatinine increased" is kept beside it.
  if (analyte == grading::Analyte::kCreatinine) {
    if (auto asco = grading::GradeAscoNephritis(in.value, in.baseline, unit)) {
      grading::TermGrade g;
      g.term = "Nephritis";
      g.grade = asco->grade;
      g.rule = asco->reason;
      a.grades.push_back(
          {std::move(g), "ASCO 2021", grading::kAscoRuleVersion});
    }
  }
  if (analyte == grading::Analyte::kTsh) {
    // "Persistently > 10": the grade in force before was already 2.
    if (auto asco = grading::GradeAscoHypothyroidism(
            in.value, unit, hypothyroidism_before >= 2)) {
      // CTCAE5 MedDRA code of Hypothyroidism (reference section 8).
      AddAsco(a.grades, grading::kHypothyroidismTerm, "10021114", *asco);
    } else {
      a.not_graded = "tsh: unit must be m[IU]/L";
    }
  }
  if (in.analyte == grading::Analyte::kGlucose) {
    const bool fasting = analyte == grading::Analyte::kGlucoseFasting;
    if (auto asco =
            grading::GradeAscoDiabetes(in.value, unit, fasting, in.uln)) {
      AddAsco(a.grades, grading::kDiabetesTerm, "", *asco);  // no verified code
    }
  }
  return a;
}

Json ToJson(const LabFindingEvidence& e) {
  Json j = Json::object();
  j["observation"] = {{"code", e.code},
                      {"value", JsonNumber(e.value)},
                      {"unit", e.unit},
                      {"observed_at", FormatUtcMillis(e.observed_at)},
                      {"status", e.status}};
  j["uln"] = JsonNumber(e.uln);
  j["lln"] = JsonNumber(e.lln);
  j["limits_from"] = e.limits_from;
  j["mi_cutoff"] = JsonNumber(e.mi_cutoff);
  j["baseline"] =
      e.baseline
          ? Json{{"value", JsonNumber(e.baseline->value)},
                 {"uln", JsonNumber(e.baseline->uln)},
                 {"observed_at", FormatUtcMillis(e.baseline->observed_at)}}
          : Json();
  j["rule"] = e.rule;
  j["assumption"] = e.assumption;
  j["therapy"] = {{"first", e.therapy_first}, {"latest", e.therapy_latest}};
  if (e.regraded_for_late_input) j["regraded_for_late_input"] = true;
  if (!e.paging_policy.empty()) {
    j["paging_policy"] = {{"name", e.paging_policy},
                          {"car_t_day", e.car_t_day},
                          {"text", e.paging_policy_text}};
  }
  if (!e.asco_hepatitis_values.empty()) {
    Json values = Json::array();
    for (const HepatitisValue& v : e.asco_hepatitis_values) {
      values.push_back({{"analyte", grading::AnalyteName(v.analyte)},
                        {"value", JsonNumber(v.value)},
                        {"uln", JsonNumber(v.uln)},
                        {"observed_at", FormatUtcMillis(v.observed_at)}});
    }
    j["asco_hepatitis_values"] = std::move(values);
  }
  if (!e.record_only.empty()) j["record_only"] = e.record_only;
  return j;
}

Json ToJson(const LabWithdrawalEvidence& e) {
  Json j = {{"withdrawn",
             {{"finding", e.finding},
              {"result_id", e.result_id},
              {"status", e.status}}},
            {"grade_restored", e.grade_restored}};
  if (!e.paging_policy.empty()) {
    j["paging_policy"] = {{"name", e.paging_policy}};
  }
  if (!e.record_only.empty()) j["record_only"] = e.record_only;
  return j;
}

LabFindingEvidence LabEvidenceOf(const LabAssessment& a,
                                 const model::Observation& o,
                                 const grading::TermGrade& term,
                                 const TherapyRef& first,
                                 const TherapyRef& latest, bool late) {
  const grading::LabInput& in = a.input;
  LabFindingEvidence e;
  e.code = o.code.system + "|" + o.code.code;
  e.value = *o.numeric;
  e.unit = o.unit;
  e.observed_at = o.observed_at;
  e.status = std::string(model::ToString(o.status));
  e.uln = in.uln;
  e.lln = in.lln;
  e.limits_from = a.site_limits ? "site default" : "observation";
  e.mi_cutoff = in.mi_cutoff;
  if (in.baseline) {
    e.baseline = LabFindingEvidence::Baseline{*in.baseline, in.baseline_uln,
                                              *a.baseline_at};
  }
  e.rule = term.rule;
  e.assumption = term.assumption;
  e.therapy_first = TherapyJson(first, o.observed_at);
  e.therapy_latest = TherapyJson(latest, o.observed_at);
  e.regraded_for_late_input = late;
  return e;
}

Json LabEvidence(const LabAssessment& a, const model::Observation& o,
                 const grading::TermGrade& term, const TherapyRef& first,
                 const TherapyRef& latest, bool late) {
  return ToJson(LabEvidenceOf(a, o, term, first, latest, late));
}

std::string LabWhat(const model::Observation& o, const grading::TermGrade& term,
                    bool late) {
  return (o.code.display.empty() ? o.code.code : o.code.display) + " " +
         grading::FormatNumber(*o.numeric) + " " + o.unit + ", " + term.rule +
         (late ? " (regraded: an earlier-timed result arrived late)" : "");
}

}  // namespace iraed::surveillance
