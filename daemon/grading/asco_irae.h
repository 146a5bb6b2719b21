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
//   Primary hypothyroidism (ASCO18-CCJM): TSH in m[IU]/L: G1 > 4.5 and
//     < 10 (asymptomatic); G2 symptomatic or persistently > 10. One value
//     cannot show symptoms: (4.5, 10] is grade 1, provisional (assumed
//     asymptomatic; exactly 10 is not "> 10"); > 10 is grade 2, provisional
//     unless an earlier TSH since therapy began was > 10 too (then it is
//     persistent). Grades 3-4 ("severe") are not value-based.
//   ICI-associated diabetes (ASCO18-CCJM): fasting glucose G1 (ULN, 160]
//     mg/dL; G2 (160, 250]; G3-4 > 500 mg/dL or ketoacidosis. The table in
//     the reference has no band for (250, 500]: graded 2 ("at least"),
//     provisional. > 500 is grade 3, provisional (grade 4 if
//     life-threatening). A glucose not known to be fasting is graded only
//     when > 500 (the bands below are fasting values). mmol/L values are
//     graded against thresholds converted with SI-TAB's 0.05551.
#ifndef IRAED_GRADING_ASCO_IRAE_H_
#define IRAED_GRADING_ASCO_IRAE_H_

#include <optional>
#include <string>
#include <string_view>

#include "grading/units.h"

namespace iraed::grading {

// iraed-1: first version. iraed-2: colitis/diarrhea actions.
inline constexpr const char* kAscoRuleVersion = "asco-2021/iraed-2";

// The term of ASCO hepatitis findings (findings.term; no verified MedDRA
// code, reference section 8).
inline constexpr std::string_view kAscoHepatitisTerm = "Hepatitis";

struct UlnValue {
  double value = 0;
  double uln = 0;  // same unit as value
};

struct SyndromeGrade {
  int grade = 0;
  std::string reason;
  bool provisional = false;
  std::string assumption;  // set when provisional
};

// nullopt when none of the three values is known.
std::optional<SyndromeGrade> GradeAscoHepatitis(std::optional<UlnValue> ast,
                                                std::optional<UlnValue> alt,
                                                std::optional<UlnValue> bili);

// nullopt without a baseline or with a unit other than mg/dL or umol/L.
std::optional<SyndromeGrade> GradeAscoNephritis(double creatinine,
                                                std::optional<double> baseline,
                                                Unit unit);

// nullopt for a unit other than m[IU]/L (uIU/mL).
std::optional<SyndromeGrade> GradeAscoHypothyroidism(double tsh, Unit unit,
                                                     bool earlier_above_10);

// `fasting`: the value is a fasting glucose. `uln` in the value's unit.
// nullopt when the value cannot be graded (unit not mg/dL or mmol/L;
// non-fasting <= 500 mg/dL; fasting <= 160 mg/dL without a ULN).
std::optional<SyndromeGrade> GradeAscoDiabetes(double glucose, Unit unit,
                                               bool fasting,
                                               std::optional<double> uln);

enum class IraeSyndrome {
  kHepatitis,
  kNephritis,
  kHypothyroidism,
  kDiabetes,
  kColitis,
};

// What the grade implies (ASCO21 / KIDNEY-CMP text, source key included).
// Grade 0 gives an empty string.
std::string AscoAction(IraeSyndrome s, int grade);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_ASCO_IRAE_H_
