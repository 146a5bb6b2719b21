// File: surveillance/lab_assembly.h
//
// CTCAE v5 lab terms and the ASCO 2021 syndromes valued from labs, from
// one stored result and what the record holds about it (LabGradingStep in
// store/ reads it). Pure: no I/O.
//
//   - which results are graded (LabIsGraded): numeric, no comparator,
//     final or corrected, of an analyte that a CTCAE lab term, the ASCO
//     diabetes rule (glucose, fasting glucose) or the ASCO hypothyroidism
//     rule (TSH) reads;
//   - limits, in precedence: the result's own reference range numbers, else
//     its reference range text, else the site's default limits for the
//     analyte and unit ("limits_from": "site default"); a troponin MI
//     cut-off from the site's table when the assay's unit matches;
//   - baseline: the store's candidate (the last value of the same code
//     before the first therapy, within the look-back) counts only in the
//     same unit (stool counts: "/d" and no unit are the same), with the
//     limits of its own observation (numbers, else text);
//   - grades: CTCAE 5.0 terms, and from iraed-rules-4 the CTCAE 6.0 terms
//     (grading/ctcae6_labs.h) beside them; ASCO 2021 nephritis from creatinine
//     against the baseline; hypothyroidism from TSH ("persistently > 10" when
//     the grade in force before was already 2); diabetes from glucose.
#ifndef IRAED_SURVEILLANCE_LAB_ASSEMBLY_H_
#define IRAED_SURVEILLANCE_LAB_ASSEMBLY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "grading/analytes.h"
#include "grading/ctcae_labs.h"
#include "grading/grading_options.h"
#include "grading/units.h"
#include "model/message.h"
#include "surveillance/charted_value.h"

namespace iraed::surveillance {

// A value the ASCO 2021 hepatitis band is graded from (AscoHepatitis).
struct HepatitisValue {
  grading::Analyte analyte = grading::Analyte::kAlt;
  double value = 0;
  double uln = 0;  // same unit as value
  UnixMillis observed_at = 0;
};

// A stored result offered as the baseline.
struct StoredResult {
  double value = 0;
  std::string unit;
  std::optional<double> ref_low;
  std::optional<double> ref_high;
  std::string ref_text;
  UnixMillis observed_at = 0;
};

struct LabTermGrade {
  grading::TermGrade grade;
  std::string_view system;   // "CTCAE 5.0", "CTCAE 6.0", "ASCO 2021"
  std::string_view version;  // the rule set that produced it
};

struct LabAssessment {
  grading::LabInput input;  // value, unit, limits and baseline used
  bool site_limits = false;
  std::optional<UnixMillis> baseline_at;
  // Every term the result bears on, CTCAE first, then ASCO.
  std::vector<LabTermGrade> grades;
  // Why a term could not be graded; a data-quality row when `grades` is
  // empty.
  std::string not_graded;
  // The values the ASCO Hepatitis term was graded from (when it was).
  std::vector<HepatitisValue> hepatitis_values;
};

bool LabIsGraded(const model::Observation& o,
                 std::optional<grading::Analyte> analyte);

// A result's limits by the precedence above: its reference range numbers,
// else its reference range text, else the site's default for the analyte
// and unit (`site_default`).
struct ResultLimits {
  std::optional<double> uln;
  std::optional<double> lln;
  bool site_default = false;
};
ResultLimits LimitsOf(const model::Observation& o, grading::Analyte analyte,
                      grading::Unit unit,
                      const grading::GradingOptions& options);

// The ASCO 2021 hepatitis band (reference sections 6 and 10.3; rule sets
// from iraed-rules-3): the worst of the latest ALT, AST and total
// bilirubin as multiples of their ULN, whatever the baseline (CTCAE
// grades an abnormal baseline by its multiples instead). The Hepatitis
// alert is the higher of it and the CTCAE terms.
bool IsHepatitisAnalyte(grading::Analyte a);
// The "Hepatitis" term (ASCO 2021) of the values; nullopt without any.
std::optional<LabTermGrade> AscoHepatitis(
    const std::vector<HepatitisValue>& values);

// REQUIRES: LabIsGraded(o, analyte); `unit` parsed from o.unit.
// `hypothyroidism_before`: the Hypothyroidism grade in force just before
// the result (read only for TSH; 0 when none).
LabAssessment AssembleLab(const model::Observation& o, grading::Analyte analyte,
                          grading::Unit unit,
                          const std::optional<StoredResult>& baseline,
                          int hypothyroidism_before,
                          const grading::GradingOptions& options);

// The evidence of a lab finding (findings.evidence), as a type. Keys are
// frozen like proto field numbers and written in this order (the release
// before this type wrote the same text; tests/fixtures/replay_45b9b5d.db):
// observation {code, value, unit, observed_at, status}, uln, lln,
// limits_from, mi_cutoff, baseline {value, uln, observed_at} or null, rule,
// assumption, therapy {first, latest}, regraded_for_late_input when
// graded again for a late result, and paging_policy {name, car_t_day,
// text} when a site paging policy other than the default applied (rule
// sets from iraed-rules-3), and asco_hepatitis_values [{analyte, value,
// uln, observed_at}] for the ASCO Hepatitis term (the values it was graded
// from), and record_only (text) for a finding of the CTCAE version that
// does not drive alerts at the site (from iraed-rules-4). Numbers to 12
// significant digits.
struct LabFindingEvidence {
  std::string code;  // SYSTEM|CODE
  double value = 0;
  std::string unit;
  UnixMillis observed_at = 0;
  std::string status;
  std::optional<double> uln;
  std::optional<double> lln;
  std::string limits_from;  // "site default" or "observation"
  std::optional<double> mi_cutoff;
  struct Baseline {
    double value = 0;
    std::optional<double> uln;
    UnixMillis observed_at = 0;
  };
  std::optional<Baseline> baseline;
  std::string rule;
  std::string assumption;
  Json therapy_first;   // TherapyJson
  Json therapy_latest;  // TherapyJson
  bool regraded_for_late_input = false;
  std::string paging_policy;  // grading::PagingPolicyName; "" for default
  int car_t_day = 0;
  std::string paging_policy_text;
  std::vector<HepatitisValue> asco_hepatitis_values;
  // Why the finding pages nobody at this site (the CTCAE version that does
  // not drive alerts, grading::CtcaeFindingPages); "" when it can page.
  std::string record_only;
};

Json ToJson(const LabFindingEvidence& e);

// The evidence of a grade restored because the result that caused it was
// cancelled or entered in error: withdrawn {finding, result_id, status},
// grade_restored, paging_policy {name} when a site paging policy other
// than the default applied, and record_only as LabFindingEvidence (keys
// frozen, in this order).
struct LabWithdrawalEvidence {
  std::int64_t finding = 0;  // the finding the withdrawn result caused
  std::string result_id;
  std::string status;  // "cancelled", "entered_in_error"
  int grade_restored = 0;
  std::string paging_policy;  // "" for the default
  std::string record_only;    // as LabFindingEvidence
};

Json ToJson(const LabWithdrawalEvidence& e);

// The evidence of a finding for `term` (REQUIRES: o.numeric; a baseline in
// `a` has its time).
LabFindingEvidence LabEvidenceOf(const LabAssessment& a,
                                 const model::Observation& o,
                                 const grading::TermGrade& term,
                                 const TherapyRef& first,
                                 const TherapyRef& latest, bool late);

// ToJson(LabEvidenceOf(...)).
Json LabEvidence(const LabAssessment& a, const model::Observation& o,
                 const grading::TermGrade& term, const TherapyRef& first,
                 const TherapyRef& latest, bool late);

// The finding's one-line summary: "<display> <value> <unit>, <rule>".
std::string LabWhat(const model::Observation& o, const grading::TermGrade& term,
                    bool late);

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_LAB_ASSEMBLY_H_
