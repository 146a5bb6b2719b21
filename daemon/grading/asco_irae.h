// File: grading/asco_irae.h
//
// Immune-related adverse event syndromes graded by the ASCO 2021 guideline
// where the reference gives value-based grades (clinical-grading.md section
// 6), and the action each grade implies, carried as alert text. Pure.
//
//   Hepatitis (ASCO21): the worst of AST, ALT (multiples of ULN: (ULN, 3],
//     (3, 5], (5, 20], > 20) and total bilirubin ((ULN, 1.5], (1.5, 3],
//     (3, 10], > 10).
//   Nephritis (ASCO21 follow-up page; actions KIDNEY-CMP): creatinine
//     against baseline: G1 rise > 0.3 mg/dL or [1.5, 2.0] x B; G2 (2, 3] x B;
//     G3 > 3 x B or > 4.0 mg/dL; G4 >= 6 x B. mg/dL thresholds are converted
//     for umol/L values with the reference's factor 88.4 (SI-TAB): the
//     thresholds are converted, never the value.
#ifndef IRAED_GRADING_ASCO_IRAE_H_
#define IRAED_GRADING_ASCO_IRAE_H_

#include <optional>
#include <string>
#include <string_view>

#include "grading/units.h"

namespace iraed::grading {

inline constexpr const char* kAscoRuleVersion = "asco-2021/iraed-1";

struct UlnValue {
  double value = 0;
  double uln = 0;  // same unit as value
};

struct SyndromeGrade {
  int grade = 0;
  std::string reason;
};

// nullopt when none of the three values is known.
std::optional<SyndromeGrade> GradeAscoHepatitis(std::optional<UlnValue> ast,
                                                std::optional<UlnValue> alt,
                                                std::optional<UlnValue> bili);

// nullopt without a baseline or with a unit other than mg/dL or umol/L.
std::optional<SyndromeGrade> GradeAscoNephritis(double creatinine,
                                                std::optional<double> baseline,
                                                Unit unit);

enum class IraeSyndrome { kHepatitis, kNephritis };

// What the grade implies (ASCO21 / KIDNEY-CMP text, source key included).
// Grade 0 gives an empty string.
std::string AscoAction(IraeSyndrome s, int grade);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_ASCO_IRAE_H_
