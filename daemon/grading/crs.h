// File: grading/crs.h
//
// ASTCT 2019 consensus grade of cytokine release syndrome (source key
// LEE-CRS; clinical-grading.md section 2). Applies to CAR-T and bispecific
// T-cell engager patients. Pure: the caller assembles the inputs from the
// patient context at one moment.
//
// Rules:
//   - CRS needs fever >= 38.0 Cel, except once antipyretic or anti-cytokine
//     therapy (tocilizumab, corticosteroids) has been given to a patient
//     with CRS: then hypotension and hypoxia alone grade it.
//   - Grade = the more severe of the hypotension and hypoxia domains, at
//     least 1 with fever. Masked and afebrile with neither domain: grade 1,
//     provisional (a masked fever cannot show that CRS resolved).
//   - Hypotension: not requiring vasopressors 2; one vasopressor with or
//     without vasopressin 3; several vasopressors excluding vasopressin 4.
//     Vasopressin alone counts as "a vasopressor" (3): the text does not
//     address it; this is iraed's documented reading.
//   - Hypoxia: low-flow nasal cannula <= 6 L/min or blow-by 2; high-flow
//     nasal cannula > 6 L/min, facemask, non-rebreather or Venturi mask 3;
//     positive pressure (CPAP, BiPAP, mechanical ventilation) 4.
//   - A nasal cannula with no flow reported is taken as low-flow (2) and
//     marked provisional; one charted at 0 L/min gives no oxygen, so it
//     is no hypoxia (the domain is about oxygen required).
//   - Fever itself is not attributable to another cause: the feed cannot
//     say so; every grade carries that as an assumption in `assumption`.
#ifndef IRAED_GRADING_CRS_H_
#define IRAED_GRADING_CRS_H_

#include <optional>
#include <string>

#include "grading/rule_set.h"

namespace iraed::grading {

// iraed-1: first version. iraed-2: the stored moments a late input bears
// on are graded again (store/astct_grading_step.h).
inline constexpr const char* kCrsRuleVersion = "astct-2019-crs/iraed-4";
// iraed-3 (rule sets from iraed-rules-3): a fever with another documented
// cause is not CRS fever (reference 10.4). iraed-4 (iraed-rules-4): an
// inspired oxygen fraction is a CRS moment and in the evidence (for the
// CTCAE scale beside it; it never changes the ASTCT grade). The version a
// rule set stamps.
const char* CrsRuleVersion(RuleSet r);

enum class OxygenDevice {
  kNone,  // room air
  kNasalCannula,
  kBlowBy,
  kHighFlowNasalCannula,
  kFacemask,
  kNonRebreather,
  kVenturiMask,
  kCpap,
  kBipap,
  kMechanicalVentilation,
};

struct CrsInputs {
  // Highest current temperature in Cel (fresh values only); nullopt when
  // no current temperature is known.
  std::optional<double> temperature_c;
  // Antipyretic or anti-cytokine therapy given while the patient had CRS.
  bool fever_masked = false;
  // A charted answer to "fever with another documented cause" (reference
  // 10.4, rule sets from iraed-rules-3); nullopt when none is current.
  // true: the fever is not CRS fever (ASTCT: "not attributable to any
  // other cause").
  std::optional<bool> fever_other_cause;
  // Hypotension present (site policy, e.g. SBP < 90 mmHg, or fluid-
  // requiring); nullopt when unknown.
  std::optional<bool> hypotension;
  // Vasopressor infusions running now.
  int vasopressors_excluding_vasopressin = 0;
  bool vasopressin_running = false;
  // Current oxygen support; nullopt when unknown.
  std::optional<OxygenDevice> oxygen_device;
  std::optional<double> oxygen_flow_l_min;
  // Inspired oxygen fraction, % (LOINC 3150-0; rule sets from
  // iraed-rules-4). Read by the CTCAE CRS scale only (grading/ctcae_crs.h):
  // never by ASTCT, whose hypoxia domain is device-based.
  std::optional<double> fio2_percent;
};

struct CrsGrade {
  int grade = 0;  // 0 = no CRS by ASTCT
  bool provisional = false;
  std::string assumption;
  std::string reason;  // which domains decided, for the evidence
};

CrsGrade GradeCrs(const CrsInputs& in);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_CRS_H_
