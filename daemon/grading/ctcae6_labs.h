// File: grading/ctcae6_labs.h
//
// CTCAE v6.0 grades of one laboratory value (NCI, 22 July 2025; errata of
// 20 January 2026), as admiral encodes them (ctcae-v6.md section 2, source
// keys ADM6 and NCI6-SEC), graded beside v5 (grading/ctcae_labs.h) from
// rule set iraed-rules-4. Pure: no I/O, no clock.
//
// The conventions of ctcae_labs.h apply (closed "A - B" ranges, worst case
// and provisional where a clinical qualifier decides, missing limits never
// read as normal, paired unit thresholds applied in the reported unit,
// counts converted exactly to 10*9/L, 12 significant digits). What differs
// from v5 (ctcae-v6.md section 3):
//   - Neutrophil count decreased: [1.0, 1.5) 1, [0.5, 1.0) 2, [0.1, 0.5) 3,
//     < 0.1 4; no LLN (>= 1.5 is grade 0).
//   - "Thrombocytopenia" (10043554) replaces Platelet count decreased:
//     [10, 50) 3, < 10 4.
//   - ALT, AST, bilirubin, GGT with a baseline above its ULN: multiples of
//     the baseline from 1.0 x B (a value equal to B is grade 1); a value
//     between ULN and B is grade 0.
//   - Alkaline phosphatase: grade 1 only (value > baseline and > ULN).
//   - Creatinine increased: baseline multiples only when the baseline is
//     below its LLN; otherwise multiples of ULN only.
//   - Creatinine clearance decreased (measured, mL/min): (25, 49] 2,
//     [10, 25] 3, < 10 not graded (grade 4 is AKI/CKD, clinical).
//   - Lipase increased: (1.5, 3] x ULN 2, (3, 5] 3 and > 5 4 with
//     symptoms assumed (worst case, provisional).
//   - Hyperglycemia: a fasting glucose (Analyte::kGlucoseFasting) grades
//     0-4 from ULN; any other glucose 3 and 4 above 13.9 mmol/L or 250
//     mg/dL, 0 at or below ULN, and no grade in between (admiral's grade 0
//     there would end a fasting grade 1 or 2 under the one v6 term).
//   - HDL decreased (< LLN) and LDL increased (> ULN) are grade 1 terms.
//   - No v6 lab term: lymphocyte count decreased (v6 Lymphopenia is
//     "present" only), CPK, cardiac troponins, eGFR (chronic kidney
//     disease), fever and stool counts: GradeCtcae6Lab gives no grade and
//     says so in not_graded; the v5 terms of those keep their place.
#ifndef IRAED_GRADING_CTCAE6_LABS_H_
#define IRAED_GRADING_CTCAE6_LABS_H_

#include <optional>
#include <string_view>

#include "grading/analytes.h"
#include "grading/ctcae_labs.h"

namespace iraed::grading {

// Stamped on every CTCAE 6.0 finding. iraed-1: first version (rule set
// iraed-rules-4).
inline constexpr const char* kCtcae6RuleVersion = "ctcae-6.0/iraed-1";
inline constexpr std::string_view kCtcae5System = "CTCAE 5.0";
inline constexpr std::string_view kCtcae6System = "CTCAE 6.0";

// Whether GradeCtcae6Lab can grade this analyte.
bool IsCtcae6Lab(Analyte a);
// Whether only v6 has a lab term for it (HDL, LDL, measured creatinine
// clearance).
bool IsCtcae6Only(Analyte a);

// The v6 terms of one value. `in.analyte` is kGlucoseFasting for a fasting
// glucose (hypoglycemia and the fasting hyperglycemia rows). Baseline
// "high" (liver terms) is a baseline above its own ULN (else the current
// ULN); baseline "low" (creatinine) is below its own LLN (else the
// current LLN).
LabGrading GradeCtcae6Lab(const LabInput& in);

// The CTCAE version whose findings page (site setting
// `ctcae_alert_version`; from rule set iraed-rules-4, before it only v5
// existed). The other version's findings are recorded and page nobody.
enum class CtcaeVersion { kV5, kV6 };
std::string_view CtcaeVersionName(CtcaeVersion v);  // "5.0", "6.0"
std::optional<CtcaeVersion> CtcaeVersionFromName(std::string_view name);
std::string_view CtcaeSystemOf(CtcaeVersion v);  // "CTCAE 5.0", "CTCAE 6.0"

// Whether a finding of `term` graded by `system` pages at a site whose
// alerts follow `alerting`: every non-CTCAE finding does; a CTCAE finding
// when its version is `alerting`, or when it is a v5 term without a v6
// successor (below).
bool CtcaeFindingPages(std::string_view system, std::string_view term,
                       CtcaeVersion alerting);

// Whether a v5 term keeps driving alerts at a site whose alerts follow
// CTCAE 6.0: the terms iraed grades only by v5 (Fever, Diarrhea, Chronic
// kidney disease, CPK increased, the cardiac troponins, Febrile
// neutropenia, Lymphocyte count decreased).
bool Ctcae5TermWithoutV6Successor(std::string_view term);

// Whether `term` is a CTCAE v6.0 term iraed grades with no v5 counterpart
// among its v5 terms (Hyperglycemia, Creatinine clearance decreased, HDL
// decreased, LDL increased): a CTCAE 5.0 pharmacovigilance export keeps
// these v6 rows (Thrombocytopenia is v5's Platelet count decreased).
bool Ctcae6TermWithoutV5Counterpart(std::string_view term);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_CTCAE6_LABS_H_
