// File: grading/syndromes.h
//
// How findings roll up into what a nurse is told. A syndrome's grade is the
// highest current grade of its member terms; an alert is raised when that
// grade rises to at least the syndrome's alert threshold. Pure.
//
// Members (CTCAE5 terms):
//   Hepatitis      ALT, AST, blood bilirubin increased, and the ASCO 2021
//                  "Hepatitis" band (the same ULN multiples whatever the
//                  baseline; reference 10.3): the highest of them
//   Cholestasis    alkaline phosphatase, GGT increased
//   Nephritis      creatinine increased, chronic kidney disease (eGFR),
//                  and the ASCO 2021 "Nephritis" grade (creatinine against
//                  baseline): the highest of them
//   Pancreatitis   lipase, serum amylase increased
//   Myocarditis    cardiac troponin I/T increased
//   Myositis       CPK increased
//   Cytopenia      neutrophil, platelet, lymphocyte, white cell counts,
//                  anemia
//   Coagulopathy   fibrinogen decreased, INR increased, aPTT prolonged
//   Electrolytes   hypo-/hyperkalemia, hyponatremia, hypocalcemia,
//                  hypomagnesemia, hypoalbuminemia, hypoglycemia; from
//                  iraed-rules-3 hypernatremia, hypercalcemia,
//                  hypermagnesemia, acidosis, alkalosis (the other new
//                  v5 terms are recorded and page nobody: leukocytosis,
//                  lymphocyte count and hemoglobin increased, CD4, LDH,
//                  lipids, urate, haptoglobin)
//   Fever          fever
//   Hypothyroidism ASCO primary hypothyroidism (TSH)
//   Diabetes       ASCO ICI-associated diabetes (glucose)
//   CRS            ASTCT 2019 cytokine release syndrome
//   ICANS          ASTCT 2019 immune effector cell-associated
//                  neurotoxicity syndrome
//   Febrile neutropenia  CTCAE 5.0 febrile neutropenia (reference 10.2)
//   ICAHT          EHA/EBMT early ICAHT after CAR-T (late ICAHT is
//                  recorded and belongs to no syndrome: it pages nobody)
// Default alert thresholds: grade 1 for myocarditis (ASCO21 holds the
// checkpoint inhibitor at grade 1 troponin elevation), and for CRS and
// ICANS (any grade after CAR-T or a bispecific calls for the treating team:
// fever is how CRS starts, and ICANS can progress within hours); grade 2
// for every other syndrome (grade 1 laboratory changes mean "continue and
// monitor" in the ASCO21 / NCCN-SITC tables: not a page); grade 3 for
// ICAHT (reference section 10.1) and febrile neutropenia (grade 3 by
// definition; it pages for every monitored patient, beside CRS, reference
// section 10.2).
//
// Paging policies (reference section 10, site policy): a finding says
// which applied to it. Under kCarTCytopeniaWindow (a CAR-T patient from
// the infusion through `icaht_window_days`) the Cytopenia syndrome pages
// only by "Platelet count decreased" at grade 4: neutrophil, white cell,
// lymphocyte and anemia findings are recorded and page nobody
// (neutropenia pages through ICAHT).
#ifndef IRAED_GRADING_SYNDROMES_H_
#define IRAED_GRADING_SYNDROMES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iraed::grading {

enum class Syndrome {
  kHepatitis,
  kCholestasis,
  kNephritis,
  kPancreatitis,
  kMyocarditis,
  kMyositis,
  kCytopenia,
  kCoagulopathy,
  kElectrolytes,
  kFever,
  kHypothyroidism,
  kDiabetes,
  kCrs,
  kIcans,
  kColitis,  // CTCAE Diarrhea by stool frequency; ASCO colitis/diarrhea
  kIcaht,    // EHA/EBMT early ICAHT (CAR-T patients)
  kFebrileNeutropenia,
};

enum class PagingPolicy { kDefault, kCarTCytopeniaWindow };

// "default", "car_t_cytopenia_window".
std::string_view PagingPolicyName(PagingPolicy p);
// What the policy does, for evidence and alert summaries ("" for default).
std::string_view PagingPolicyText(PagingPolicy p);

// The terms whose grades make a syndrome's alert grade, and the grade that
// pages, under a policy.
struct SyndromePaging {
  std::vector<std::string_view> terms;
  int threshold = 2;
};
SyndromePaging PagingOf(Syndrome s, PagingPolicy p);

// Terms of the non-CTCAE grades (findings.term). CRS also names the CTCAE
// 5.0 second scale (grading/ctcae_crs.h): read its grade in force by term
// and grading system.
inline constexpr std::string_view kCrsTerm = "Cytokine release syndrome";
inline constexpr std::string_view kAstctSystem = "ASTCT 2019";
inline constexpr std::string_view kIcansTerm =
    "Immune effector cell-associated neurotoxicity syndrome";
inline constexpr std::string_view kHypothyroidismTerm = "Hypothyroidism";
inline constexpr std::string_view kDiabetesTerm = "Diabetes mellitus";

std::optional<Syndrome> SyndromeForTerm(std::string_view ctcae_term);
std::string_view SyndromeName(Syndrome s);  // "Hepatitis", ...
// The CTCAE terms of a syndrome.
std::vector<std::string_view> SyndromeTerms(Syndrome s);
int DefaultAlertThreshold(Syndrome s);
// What the grade implies, with its source key; for syndromes without a
// guideline action in the reference, says so. The ASCO irAE actions
// (hepatitis, nephritis, colitis, myocarditis, hypothyroidism, diabetes)
// are for patients on a checkpoint inhibitor: without one on record
// (`after_checkpoint_inhibitor` false: CAR-T or a bispecific only) the
// action says they do not apply instead of "hold checkpoint inhibitor".
std::string SyndromeAction(Syndrome s, int grade,
                           bool after_checkpoint_inhibitor);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_SYNDROMES_H_
