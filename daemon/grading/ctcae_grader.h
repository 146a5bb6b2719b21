// File: grading/ctcae_grader.h
//
// Internal to grading/ctcae_labs.cc and grading/ctcae6_labs.cc: the rule
// steps, the CTCAE terms and the Grader both versions share (a term whose
// criteria did not change from v5 to v6 is graded by the same method).
// Not part of the grading API: include ctcae_labs.h or ctcae6_labs.h.
#ifndef IRAED_GRADING_CTCAE_GRADER_H_
#define IRAED_GRADING_CTCAE_GRADER_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "grading/ctcae_labs.h"
#include "grading/exact.h"

namespace iraed::grading::ctcae_detail {

// A rising step: grade `grade` when value > (or >= if inclusive) multiple x
// reference. Steps are listed from the highest grade down; the first that
// holds decides.
struct Rise {
  int grade;
  double multiple;
  bool inclusive;
  const char* band;  // CTCAE notation, for the evidence
};

// An absolute rising step: grade when value > threshold (CTCAE's "> a - b"
// bands of high terms are (a, b]).
struct Above {
  int grade;
  double threshold;
  const char* band;
};

// A falling step: grade when value < (or <= if inclusive) threshold.
struct Fall {
  int grade;
  double threshold;
  bool inclusive;
  const char* band;
};

struct Term {
  const char* name;
  const char* meddra;
};

// CTCAE5 terms and MedDRA LLT codes (clinical-grading.md sections 5 and 8).
inline constexpr Term kAlt{"Alanine aminotransferase increased", "10001551"};
inline constexpr Term kAst{"Aspartate aminotransferase increased", "10003481"};
inline constexpr Term kBili{"Blood bilirubin increased", "10005364"};
inline constexpr Term kAlp{"Alkaline phosphatase increased", "10001675"};
inline constexpr Term kGgt{"GGT increased", "10056910"};
inline constexpr Term kCreat{"Creatinine increased", "10011368"};
inline constexpr Term kCkd{"Chronic kidney disease", "10064848"};
inline constexpr Term kLipase{"Lipase increased", "10024574"};
inline constexpr Term kAmylase{"Serum amylase increased", "10040139"};
inline constexpr Term kAnc{"Neutrophil count decreased", "10029366"};
inline constexpr Term kPlt{"Platelet count decreased", "10035528"};
inline constexpr Term kAnemia{"Anemia", "10002272"};
inline constexpr Term kLymph{"Lymphocyte count decreased", "10025256"};
inline constexpr Term kWbc{"White blood cell decreased", "10049182"};
inline constexpr Term kFibrinogen{"Fibrinogen decreased", "10016596"};
inline constexpr Term kInr{"INR increased", "10022402"};
inline constexpr Term kAptt{"Activated partial thromboplastin time prolonged",
                            "10000636"};
inline constexpr Term kHypoNa{"Hyponatremia", "10021038"};
inline constexpr Term kHyperK{"Hyperkalemia", "10020647"};
inline constexpr Term kHypoK{"Hypokalemia", "10021018"};
inline constexpr Term kHypoGlu{"Hypoglycemia", "10021005"};
inline constexpr Term kHypoAlb{"Hypoalbuminemia", "10020943"};
inline constexpr Term kHypoCa{"Hypocalcemia", "10020949"};
inline constexpr Term kHypoMg{"Hypomagnesemia", "10021028"};
inline constexpr Term kCpk{"CPK increased", "10011268"};
inline constexpr Term kTnI{"Cardiac troponin I increased", "10007612"};
inline constexpr Term kTnT{"Cardiac troponin T increased", "10007613"};
inline constexpr Term kFever{"Fever", "10016558"};
// Terms graded from iraed-rules-3: CTCAE v5 lab terms as admiral grades
// them (ADM5 metadata, tabulated beside v6 in ctcae-v6.md section 2; MedDRA
// LLT codes from that table).
inline constexpr Term kHyperNa{"Hypernatremia", "10020680"};
inline constexpr Term kHyperCa{"Hypercalcemia", "10020587"};
inline constexpr Term kHyperMg{"Hypermagnesemia", "10020670"};
inline constexpr Term kHgbUp{"Hemoglobin increased", "10055599"};
inline constexpr Term kLeukocytosis{"Leukocytosis", "10024378"};
inline constexpr Term kLymphUp{"Lymphocyte count increased", "10025258"};
inline constexpr Term kLdhUp{"Blood lactate dehydrogenase increased",
                             "10005630"};
inline constexpr Term kCholHigh{"Cholesterol high", "10008661"};
inline constexpr Term kHyperTg{"Hypertriglyceridemia", "10020870"};
inline constexpr Term kHyperUric{"Hyperuricemia", "10020907"};
inline constexpr Term kCd4Down{"CD4 lymphocytes decreased", "10007839"};
inline constexpr Term kAcidosis{"Acidosis", "10000486"};
inline constexpr Term kAlkalosis{"Alkalosis", "10001680"};
inline constexpr Term kHaptoDown{"Haptoglobin decreased", "10019150"};
inline constexpr Term kDiarrhea{"Diarrhea", "10012727"};
// Terms new in CTCAE v6.0 (ctcae-v6.md section 2; MedDRA 28.0 LLT codes
// from NCI6-SEC).
inline constexpr Term kThrombocytopenia{"Thrombocytopenia", "10043554"};
inline constexpr Term kHyperGlu{"Hyperglycemia", "10020639"};
inline constexpr Term kCrClDown{"Creatinine clearance decreased", "10011363"};
inline constexpr Term kHdlDown{"HDL decreased", "10019186"};
inline constexpr Term kLdlUp{"LDL increased", "10024057"};

// A finding of term `t` at `grade`, with the threshold that decided.
TermGrade Make(const Term& t, int grade, std::string rule);
// Highest rising step that holds, against `ref` ("ULN" or "baseline").
TermGrade RiseAgainst(const Term& t, double v, double ref, const char* what,
                      std::initializer_list<Rise> steps);
// Falling absolute steps, then grade 1 below LLN. Without an LLN only the
// absolute grades can be given (clinical-grading.md section 1 point 4).
std::optional<TermGrade> FallAbsolute(const Term& t, double v,
                                      std::optional<double> lln,
                                      std::initializer_list<Fall> steps,
                                      const char* unit_name);
TermGrade Provisional(TermGrade g, std::string assumption);
// The input with non-finite limits and baseline taken as missing (never
// as normal); nullopt, with `out.not_graded` set, for a non-finite value.
std::optional<LabInput> FiniteInput(const LabInput& raw, LabGrading& out);

class Grader {
 public:
  explicit Grader(const LabInput& in) : in_(in) {}

  // The v5 terms (ctcae_labs.cc) and the v6 terms (ctcae6_labs.cc).
  LabGrading RunV5();
  LabGrading RunV6();

 private:
  void Add(TermGrade g) { out_.grades.push_back(std::move(g)); }
  void NotGraded(const char* term, const std::string& why) {
    if (!out_.not_graded.empty()) out_.not_graded += "; ";
    out_.not_graded += std::string(term) + ": " + why;
  }
  bool NeedUln(const Term& t) {
    if (in_.uln) return true;
    NotGraded(t.name,
              "no upper limit of normal (reference range or site "
              "default)");
    return false;
  }
  void UnitNotUsable(const Term& t, const char* expected) {
    NotGraded(t.name, std::string("unit '") + std::string(UnitName(in_.unit)) +
                          "' cannot be graded; expected " + expected);
  }
  // Na and K are monovalent: mEq/L and mmol/L are the same number.
  bool MonovalentMolar() const {
    return in_.unit == Unit::kMmolPerL || in_.unit == Unit::kMeqPerL;
  }
  // Baseline above its ULN (clinical-grading.md 5.1 "baseline abnormal").
  bool BaselineAbnormalHigh() const {
    if (!in_.baseline) return false;
    const auto uln = in_.baseline_uln ? in_.baseline_uln : in_.uln;
    return uln && Gt(*in_.baseline, *uln);
  }

  void Liver(const Term& t, std::initializer_list<Rise> normal,
             std::initializer_list<Rise> abnormal);
  void Creatinine();
  void Pancreas(const Term& t);
  void Counts(const Term& t, std::initializer_list<Fall> steps);
  void Anemia();
  void Fibrinogen();
  void Inr();
  void UlnOnly(const Term& t, std::initializer_list<Rise> steps);
  void Sodium();
  void Potassium();
  void PairedLow(
      const Term& t,
      std::initializer_list<std::pair<Unit, std::initializer_list<Fall>>> sets,
      const char* expected);
  void Egfr();
  // High terms from iraed-rules-3 (see kHyperNa ...).
  bool Rules3() const { return in_.rule_set >= RuleSet::kRules3; }
  // Fibrinogen's "if abnormal" read as admiral reads it (iraed-rules-4).
  bool Rules4() const { return in_.rule_set >= RuleSet::kRules4; }
  void PairedHigh(
      const Term& t,
      std::initializer_list<std::pair<Unit, std::initializer_list<Above>>> sets,
      const char* expected);
  void HemoglobinIncreased();
  void Triglycerides();
  void Ph();
  // One grade-1 term above ULN (LDH) or below LLN (haptoglobin), any unit.
  void PastLimit(const Term& t, bool above);
  void CountAbove(const Term& t, std::initializer_list<Above> steps);
  void Troponin(const Term& t);
  void Fever();
  void Diarrhea();

  // Tables v5 (from the rule set that added them) and v6 share.
  void Hypoglycemia();
  void Hypoalbuminemia();
  void CalciumTotal();
  void CalciumIonized();
  void Magnesium();
  void CholesterolHigh();
  void Hyperuricemia();
  void Cd4Decreased();
  void WhiteCells();
  // v6 only (ctcae6_labs.cc).
  void Neutrophils6();
  void AlkalinePhosphatase6();
  void Creatinine6();
  void CreatinineClearance6();
  void Lipase6();
  void Hyperglycemia6(bool fasting);
  bool BaselineBelowLln() const;

  const LabInput& in_;
  LabGrading out_;
};

}  // namespace iraed::grading::ctcae_detail

#endif  // IRAED_GRADING_CTCAE_GRADER_H_
