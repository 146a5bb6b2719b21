#include "grading/syndromes.h"

#include <array>
#include <string>
#include <utility>

#include "grading/asco_irae.h"
#include "grading/febrile_neutropenia.h"
#include "grading/icaht.h"

namespace iraed::grading {
namespace {

constexpr std::array<std::pair<std::string_view, Syndrome>, 36> kMembers = {{
    {"Alanine aminotransferase increased", Syndrome::kHepatitis},
    {"Aspartate aminotransferase increased", Syndrome::kHepatitis},
    {"Blood bilirubin increased", Syndrome::kHepatitis},
    {"Alkaline phosphatase increased", Syndrome::kCholestasis},
    {"GGT increased", Syndrome::kCholestasis},
    {"Creatinine increased", Syndrome::kNephritis},
    {"Chronic kidney disease", Syndrome::kNephritis},
    {"Lipase increased", Syndrome::kPancreatitis},
    {"Serum amylase increased", Syndrome::kPancreatitis},
    {"Cardiac troponin I increased", Syndrome::kMyocarditis},
    {"Cardiac troponin T increased", Syndrome::kMyocarditis},
    {"CPK increased", Syndrome::kMyositis},
    {"Neutrophil count decreased", Syndrome::kCytopenia},
    {"Platelet count decreased", Syndrome::kCytopenia},
    {"Lymphocyte count decreased", Syndrome::kCytopenia},
    {"White blood cell decreased", Syndrome::kCytopenia},
    {"Anemia", Syndrome::kCytopenia},
    {"Fibrinogen decreased", Syndrome::kCoagulopathy},
    {"INR increased", Syndrome::kCoagulopathy},
    {"Activated partial thromboplastin time prolonged",
     Syndrome::kCoagulopathy},
    {"Hyperkalemia", Syndrome::kElectrolytes},
    {"Hypokalemia", Syndrome::kElectrolytes},
    {"Hyponatremia", Syndrome::kElectrolytes},
    {"Hypocalcemia", Syndrome::kElectrolytes},
    {"Hypomagnesemia", Syndrome::kElectrolytes},
    {"Hypoalbuminemia", Syndrome::kElectrolytes},
    {"Hypoglycemia", Syndrome::kElectrolytes},
    // From iraed-rules-3 (admiral's other v5 terms).
    {"Hypernatremia", Syndrome::kElectrolytes},
    {"Hypercalcemia", Syndrome::kElectrolytes},
    {"Hypermagnesemia", Syndrome::kElectrolytes},
    {"Acidosis", Syndrome::kElectrolytes},
    {"Alkalosis", Syndrome::kElectrolytes},
    {"Diarrhea", Syndrome::kColitis},
    // CTCAE 6.0 terms (iraed-rules-4) that page where a site's alerts
    // follow v6 (ctcae_alert_version).
    {"Thrombocytopenia", Syndrome::kCytopenia},
    {"Creatinine clearance decreased", Syndrome::kNephritis},
    {"Hyperglycemia", Syndrome::kDiabetes},
}};

}  // namespace

std::optional<Syndrome> SyndromeForTerm(std::string_view term) {
  if (term == "Fever") return Syndrome::kFever;
  if (term == "Nephritis") return Syndrome::kNephritis;         // ASCO 2021
  if (term == kAscoHepatitisTerm) return Syndrome::kHepatitis;  // ASCO 2021
  if (term == kHypothyroidismTerm) return Syndrome::kHypothyroidism;
  if (term == kDiabetesTerm) return Syndrome::kDiabetes;
  if (term == kCrsTerm) return Syndrome::kCrs;
  if (term == kIcansTerm) return Syndrome::kIcans;
  if (term == kEarlyIcahtTerm) return Syndrome::kIcaht;
  if (term == kFebrileNeutropeniaTerm) return Syndrome::kFebrileNeutropenia;
  for (const auto& [t, s] : kMembers) {
    if (t == term) return s;
  }
  return std::nullopt;
}

std::vector<std::string_view> SyndromeTerms(Syndrome s) {
  std::vector<std::string_view> out;
  if (s == Syndrome::kFever) out.push_back("Fever");
  if (s == Syndrome::kNephritis) out.push_back("Nephritis");
  if (s == Syndrome::kHypothyroidism) out.push_back(kHypothyroidismTerm);
  if (s == Syndrome::kDiabetes) out.push_back(kDiabetesTerm);
  if (s == Syndrome::kCrs) out.push_back(kCrsTerm);
  if (s == Syndrome::kIcans) out.push_back(kIcansTerm);
  if (s == Syndrome::kIcaht) out.push_back(kEarlyIcahtTerm);
  if (s == Syndrome::kFebrileNeutropenia) {
    out.push_back(kFebrileNeutropeniaTerm);
  }
  for (const auto& [t, syndrome] : kMembers) {
    if (syndrome == s) out.push_back(t);
  }
  // After the CTCAE terms: on a tie the CTCAE term is the one named.
  if (s == Syndrome::kHepatitis) out.push_back(kAscoHepatitisTerm);
  return out;
}

std::string_view SyndromeName(Syndrome s) {
  switch (s) {
    case Syndrome::kHepatitis:
      return "Hepatitis";
    case Syndrome::kCholestasis:
      return "Cholestasis";
    case Syndrome::kNephritis:
      return "Nephritis";
    case Syndrome::kPancreatitis:
      return "Pancreatitis";
    case Syndrome::kMyocarditis:
      return "Myocarditis";
    case Syndrome::kMyositis:
      return "Myositis";
    case Syndrome::kCytopenia:
      return "Cytopenia";
    case Syndrome::kCoagulopathy:
      return "Coagulopathy";
    case Syndrome::kElectrolytes:
      return "Electrolytes";
    case Syndrome::kFever:
      return "Fever";
    case Syndrome::kHypothyroidism:
      return "Hypothyroidism";
    case Syndrome::kDiabetes:
      return "Diabetes";
    case Syndrome::kCrs:
      return "CRS";
    case Syndrome::kIcans:
      return "ICANS";
    case Syndrome::kColitis:
      return "Colitis";
    case Syndrome::kIcaht:
      return "ICAHT";
    case Syndrome::kFebrileNeutropenia:
      return "Febrile neutropenia";
  }
  return "";
}

int DefaultAlertThreshold(Syndrome s) {
  switch (s) {
    case Syndrome::kMyocarditis:
    case Syndrome::kCrs:
    case Syndrome::kIcans:
      return 1;
    case Syndrome::kIcaht:
    case Syndrome::kFebrileNeutropenia:
      return 3;
    default:
      return 2;
  }
}

std::string_view PagingPolicyName(PagingPolicy p) {
  return p == PagingPolicy::kCarTCytopeniaWindow ? "car_t_cytopenia_window"
                                                 : "default";
}

std::string_view PagingPolicyText(PagingPolicy p) {
  return p == PagingPolicy::kCarTCytopeniaWindow
             ? "CAR-T cytopenia window (reference 10.1): only a platelet "
               "count at CTCAE grade 4 pages; neutropenia pages by early "
               "ICAHT grade >= 3; neutrophil, white cell, lymphocyte and "
               "anemia findings page nobody"
             : "";
}

SyndromePaging PagingOf(Syndrome s, PagingPolicy p) {
  if (s == Syndrome::kCytopenia && p == PagingPolicy::kCarTCytopeniaWindow) {
    // CTCAE grade 4: v5 < 25 x 10^9/L (reference 5.4 and 10.1), v6
    // "Thrombocytopenia" < 10 (ctcae-v6.md 2.1).
    return {{"Platelet count decreased", "Thrombocytopenia"}, 4};
  }
  return {SyndromeTerms(s), DefaultAlertThreshold(s)};
}

std::string SyndromeAction(Syndrome s, int grade,
                           bool after_checkpoint_inhibitor) {
  if (grade <= 0) return "";
  const bool asco_irae =
      s == Syndrome::kHepatitis || s == Syndrome::kNephritis ||
      s == Syndrome::kHypothyroidism || s == Syndrome::kDiabetes ||
      s == Syndrome::kColitis || s == Syndrome::kMyocarditis;
  if (asco_irae && !after_checkpoint_inhibitor) {
    return "Inform the treating physician. No checkpoint inhibitor is on "
           "record for this patient: the ASCO irAE actions for grade " +
           std::to_string(grade) +
           " do not apply, and the clinical reference gives none for CAR-T "
           "or bispecific therapy.";
  }
  switch (s) {
    case Syndrome::kHepatitis:
      return AscoAction(IraeSyndrome::kHepatitis, grade);
    case Syndrome::kNephritis:
      return AscoAction(IraeSyndrome::kNephritis, grade);
    case Syndrome::kHypothyroidism:
      return AscoAction(IraeSyndrome::kHypothyroidism, grade);
    case Syndrome::kDiabetes:
      return AscoAction(IraeSyndrome::kDiabetes, grade);
    case Syndrome::kColitis:
      return AscoAction(IraeSyndrome::kColitis, grade);
    case Syndrome::kIcaht:
      return "Inform the CAR-T treating team now: prolonged severe "
             "neutropenia after CAR-T (early ICAHT grade " +
             std::to_string(grade) +
             "); manage by the site's ICAHT protocol (the reference gives no "
             "guideline action for ICAHT grades).";
    case Syndrome::kFebrileNeutropenia:
      return "Neutropenic fever is an emergency whatever its cause (CRS or "
             "infection; reference 10.2): inform the treating physician now "
             "and follow the site's febrile neutropenia protocol (the "
             "reference gives no guideline action).";
    case Syndrome::kCrs:
    case Syndrome::kIcans:
      return "Inform the CAR-T / bispecific treating team now; manage by the "
             "site's ASTCT grade " +
             std::to_string(grade) +
             " protocol (the reference gives no guideline action for "
             "ASTCT grades).";
    case Syndrome::kMyocarditis:
      return grade == 1
                 ? "Hold checkpoint inhibitor; recheck troponin in 6 h; ECG, "
                   "CPK, BNP, echocardiogram (ASCO21)."
                 : "Hold and discontinue checkpoint inhibitor; early "
                   "high-dose corticosteroids 1-2 mg/kg; admit, cardiology; "
                   "consider methylprednisolone 1 g/day if no immediate "
                   "response (ASCO21).";
    default:
      return "Inform the treating physician (the clinical reference gives "
             "no guideline action for this finding).";
  }
}

}  // namespace iraed::grading
