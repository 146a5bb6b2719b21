// File: grading/ctcae_labs.h
//
// CTCAE v5.0 grades of one laboratory or vital-sign value (source key
// CTCAE5, thresholds as tabulated in clinical-grading.md section 5, with the
// conventions of section 1). Pure: no I/O, no clock.
//
// Conventions applied (each decision is documented at its rule table in
// ctcae_labs.cc and in README):
//   - "A - B" is closed; a leading > or < makes that end strict.
//   - Integer ranges with gaps (hyponatremia 125-129 / 130, eGFR 59-30 /
//     60) are read as half-open intervals: [125, 130), [30, 60).
//   - A clinical qualifier the feed does not carry ("symptomatic") is
//     resolved to the worst case and the grade marked provisional with the
//     assumption written down (lipase/amylase, hyponatremia, hypokalemia,
//     INR against baseline, troponin without a configured MI cut-off). A
//     fever above 40.0 Cel is grade 3, provisional: grade 4 needs it to
//     last more than 24 h, which one value cannot show.
//   - A non-finite value or limit counts as missing. Units must match the
//     term: INR has none; Na and K accept mmol/L or mEq/L (monovalent);
//     mEq/L is not graded for other analytes (for Ca and Mg it is not the
//     same number as mmol/L).
//   - Missing inputs never read as normal: no ULN for a ULN-relative term
//     means no grade; a missing LLN still allows the absolute grades 2-4 of
//     low terms but not 0 or 1.
//   - Thresholds paired per unit (haemoglobin, glucose, albumin, calcium,
//     magnesium, temperature) are applied in the reported unit, never by
//     converting the value; counts are converted exactly to 10*9/L.
//   - Values and thresholds are compared at 12 significant digits
//     (grading/exact.h), so 1.8 is exactly 1.5 x 1.2.
#ifndef IRAED_GRADING_CTCAE_LABS_H_
#define IRAED_GRADING_CTCAE_LABS_H_

#include <optional>
#include <string>
#include <vector>

#include "grading/analytes.h"
#include "grading/rule_set.h"
#include "grading/units.h"

namespace iraed::grading {

// The rule-set version stamped on every finding made with these tables.
// iraed-1: first version. iraed-2: Diarrhea from stools per 24 h. iraed-3
// (rule sets from iraed-rules-3): every lab term admiral grades under v5
// on the analytes iraed reads (hypernatremia, hypercalcemia total and
// ionized, hypermagnesemia, hemoglobin increased, leukocytosis, lymphocyte
// count increased, ...).
// iraed-4 (iraed-rules-4): fibrinogen's percent decrease counts whenever
// the value is below LLN (admiral), and only mg/dL or g/L are graded.
inline constexpr const char* kCtcaeRuleVersion = "ctcae-5.0/iraed-4";
// The version of the tables as a rule set graded them.
const char* CtcaeRuleVersion(RuleSet r);

struct LabInput {
  Analyte analyte = Analyte::kAlt;
  double value = 0;
  Unit unit = Unit::kNone;
  // Limits and baseline in the same unit as `value`.
  std::optional<double> uln;
  std::optional<double> lln;
  // Baseline: the last value before therapy started, with the limits of
  // its own observation (baseline "normal"/"abnormal" is judged on these).
  std::optional<double> baseline;
  std::optional<double> baseline_uln;
  std::optional<double> baseline_lln;
  // Cardiac troponin: the assay's MI cut-off (site configuration).
  std::optional<double> mi_cutoff;
  // The terms added with iraed-rules-3 are graded only from it.
  RuleSet rule_set = kCurrentRuleSet;
};

struct TermGrade {
  std::string term;    // CTCAE v5.0 term verbatim
  std::string meddra;  // MedDRA LLT code (CTCAE5)
  int grade = 0;       // 0 (normal for this term) .. 4
  bool provisional = false;
  std::string assumption;  // set when provisional
  std::string rule;        // the threshold that decided, for the evidence
};

struct LabGrading {
  // One entry per CTCAE term the value bears on (potassium: hyper- and
  // hypokalemia). Empty when nothing could be graded.
  std::vector<TermGrade> grades;
  // Why a term could not be graded (unit not usable, missing ULN ...).
  std::string not_graded;
};

LabGrading GradeCtcaeLab(const LabInput& in);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_CTCAE_LABS_H_
