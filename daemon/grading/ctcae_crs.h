// File: grading/ctcae_crs.h
//
// CTCAE v5.0 "Cytokine release syndrome" as a second scale beside ASTCT
// 2019 (reference 10.6; rule sets from iraed-rules-4): recorded for
// pharmacovigilance and trials that report CTCAE; ASTCT drives CRS alerts
// and this grade pages nobody. Pure.
//
// Rules (CTCAE v5.0 as the reference quotes it):
//   - Whether the patient has CRS is ASTCT's call (fever not attributable
//     to another cause, or masked by anti-cytokine or antipyretic therapy
//     given for CRS): ASTCT grade 0 is CTCAE grade 0. With CRS, grade 1
//     (fever with or without constitutional symptoms) at least.
//   - Hypotension responding to fluids (hypotension without a vasopressor)
//     2; managed with one pressor 3; two or more pressors (vasopressin
//     counted) 4, provisional: grade 4 is "life-threatening consequences;
//     urgent intervention indicated", not read from data.
//   - Hypoxia responding to < 40 % O2 2; requiring >= 40 % O2 3, from the
//     charted inspired oxygen fraction (LOINC 3150-0) while oxygen is given;
//     positive-pressure ventilation (CPAP, BiPAP, mechanical) 4,
//     provisional as above. Oxygen given with no current FiO2: >= 40 %
//     assumed (3, the worst case), provisional. A nasal cannula charted at
//     0 L/min gives no oxygen; a FiO2 of 21 % or less is room air; a FiO2
//     above 21 % with no device charted is oxygen given.
#ifndef IRAED_GRADING_CTCAE_CRS_H_
#define IRAED_GRADING_CTCAE_CRS_H_

#include <string>

#include "grading/crs.h"

namespace iraed::grading {

// iraed-1: first version (rule set iraed-rules-4).
inline constexpr const char* kCtcaeCrsRuleVersion = "ctcae-5.0-crs/iraed-1";

struct CtcaeCrsGrade {
  int grade = 0;
  bool provisional = false;
  std::string assumption;
  std::string reason;
};

// `astct_grade`: the ASTCT 2019 grade graded from the same inputs.
CtcaeCrsGrade GradeCtcaeCrs(const CrsInputs& in, int astct_grade);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_CTCAE_CRS_H_
