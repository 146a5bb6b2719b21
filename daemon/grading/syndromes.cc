#include "grading/syndromes.h"

#include <array>
#include <utility>

#include "grading/asco_irae.h"

namespace iraed::grading {
namespace {

constexpr std::array<std::pair<std::string_view, Syndrome>, 27> kMembers = {{
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
}};

}  // namespace

std::optional<Syndrome> SyndromeForTerm(std::string_view term) {
  if (term == "Fever") return Syndrome::kFever;
  if (term == "Nephritis") return Syndrome::kNephritis;  // ASCO 2021
  for (const auto& [t, s] : kMembers) {
    if (t == term) return s;
  }
  return std::nullopt;
}

std::vector<std::string_view> SyndromeTerms(Syndrome s) {
  std::vector<std::string_view> out;
  if (s == Syndrome::kFever) out.push_back("Fever");
  if (s == Syndrome::kNephritis) out.push_back("Nephritis");
  for (const auto& [t, syndrome] : kMembers) {
    if (syndrome == s) out.push_back(t);
  }
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
  }
  return "";
}

int DefaultAlertThreshold(Syndrome s) {
  return s == Syndrome::kMyocarditis ? 1 : 2;
}

std::string SyndromeAction(Syndrome s, int grade) {
  if (grade <= 0) return "";
  switch (s) {
    case Syndrome::kHepatitis:
      return AscoAction(IraeSyndrome::kHepatitis, grade);
    case Syndrome::kNephritis:
      return AscoAction(IraeSyndrome::kNephritis, grade);
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
