#include "pv/terminology.h"

#include <vector>

namespace iraed::pv {
namespace {

struct TermRow {
  std::string_view term;
  std::string_view meddra;
  std::string_view soc;
  bool v5 = false;  // a CTCAE v5.0 term
  bool v6 = false;  // a CTCAE v6.0 term
};

// The CTCAE terms iraed grades (and those whose name a non-CTCAE grade
// shares), with the MedDRA LLT code and system organ class each CTCAE
// version gives them (clinical-grading.md "CTCAE5" and ctcae-v6.md
// "NCI6-SEC"):
//   v5.0: the NCI CTCAE v5.0 workbook, sheet "CTCAE v5.0 Clean Copy"
//     (copy in ayalaajil/MDS_Project_Mima @ cd901303, CTCAE_v5.0.xlsx, blob
//     04d14b25, columns MedDRA Code, MedDRA SOC, CTCAE Term);
//   v6.0: the FHIR CodeSystem generated from NCI's "CTCAE v6.0 Final
//     Clean-Tracked-Mapping_w_OS_Jan2026.xlsx" (uscnewplatform/irccs-docker
//     @ 8af5e85e, importCtcae/v6/ctcae-v6-bundle.json, property "soc"),
//     MedDRA 28.0; a secondary copy of NCI's workbook (UNVERIFIED wording,
//     ctcae-v6.md).
// Every code below equals the code iraed's grading writes for the term.
// In v6 "Platelet count decreased" (Investigations) became Thrombocytopenia
// (Blood and lymphatic system disorders); CPK, cardiac troponins and
// Lymphocyte count decreased have no v6 term.
// NOLINTNEXTLINE(readability-function-size): a table of CTCAE terms.
const std::vector<TermRow>& CtcaeTerms() {
  static const std::vector<TermRow> kTerms = {
      {"Acidosis", "10000486", "Metabolism and nutrition disorders", true,
       true},
      {"Activated partial thromboplastin time prolonged", "10000636",
       "Investigations", true, true},
      {"Alanine aminotransferase increased", "10001551", "Investigations", true,
       true},
      {"Alkaline phosphatase increased", "10001675", "Investigations", true,
       true},
      {"Alkalosis", "10001680", "Metabolism and nutrition disorders", true,
       true},
      {"Anemia", "10002272", "Blood and lymphatic system disorders", true,
       true},
      {"Aspartate aminotransferase increased", "10003481", "Investigations",
       true, true},
      {"Blood bilirubin increased", "10005364", "Investigations", true, true},
      {"Blood lactate dehydrogenase increased", "10005630", "Investigations",
       true, true},
      {"CD4 lymphocytes decreased", "10007839", "Investigations", true, true},
      {"CPK increased", "10011268", "Investigations", true, false},
      {"Cardiac troponin I increased", "10007612", "Investigations", true,
       false},
      {"Cardiac troponin T increased", "10007613", "Investigations", true,
       false},
      {"Cholesterol high", "10008661", "Investigations", true, true},
      {"Chronic kidney disease", "10064848", "Renal and urinary disorders",
       true, true},
      {"Creatinine clearance decreased", "10011363", "Investigations", false,
       true},
      {"Creatinine increased", "10011368", "Investigations", true, true},
      {"Cytokine release syndrome", "10052015", "Immune system disorders", true,
       true},
      {"Diabetes mellitus", "10012601", "Metabolism and nutrition disorders",
       false, true},
      {"Diarrhea", "10012727", "Gastrointestinal disorders", true, true},
      {"Febrile neutropenia", "10016288",
       "Blood and lymphatic system disorders", true, true},
      {"Fever", "10016558",
       "General disorders and administration site conditions", true, true},
      {"Fibrinogen decreased", "10016596", "Investigations", true, true},
      {"GGT increased", "10056910", "Investigations", true, true},
      {"HDL decreased", "10019186", "Investigations", false, true},
      {"Haptoglobin decreased", "10019150", "Investigations", true, true},
      {"Hemoglobin increased", "10055599", "Investigations", true, true},
      {"Hepatitis", "10019717", "Hepatobiliary disorders", false, true},
      {"Hypercalcemia", "10020587", "Metabolism and nutrition disorders", true,
       true},
      {"Hyperglycemia", "10020639", "Metabolism and nutrition disorders", true,
       true},
      {"Hyperkalemia", "10020647", "Metabolism and nutrition disorders", true,
       true},
      {"Hypermagnesemia", "10020670", "Metabolism and nutrition disorders",
       true, true},
      {"Hypernatremia", "10020680", "Metabolism and nutrition disorders", true,
       true},
      {"Hypertriglyceridemia", "10020870", "Metabolism and nutrition disorders",
       true, true},
      {"Hyperuricemia", "10020907", "Metabolism and nutrition disorders", true,
       true},
      {"Hypoalbuminemia", "10020943", "Metabolism and nutrition disorders",
       true, true},
      {"Hypocalcemia", "10020949", "Metabolism and nutrition disorders", true,
       true},
      {"Hypoglycemia", "10021005", "Metabolism and nutrition disorders", true,
       true},
      {"Hypokalemia", "10021018", "Metabolism and nutrition disorders", true,
       true},
      {"Hypomagnesemia", "10021028", "Metabolism and nutrition disorders", true,
       true},
      {"Hyponatremia", "10021038", "Metabolism and nutrition disorders", true,
       true},
      {"Hypothyroidism", "10021114", "Endocrine disorders", true, true},
      {"INR increased", "10022402", "Investigations", true, true},
      {"Immune effector cell-associated neurotoxicity syndrome", "10083347",
       "Nervous system disorders", false, true},
      {"LDL increased", "10024057", "Investigations", false, true},
      {"Leukocytosis", "10024378", "Blood and lymphatic system disorders", true,
       true},
      {"Lipase increased", "10024574", "Investigations", true, true},
      {"Lymphocyte count decreased", "10025256", "Investigations", true, false},
      {"Lymphocyte count increased", "10025258", "Investigations", true, true},
      {"Neutrophil count decreased", "10029366", "Investigations", true, true},
      {"Platelet count decreased", "10035528", "Investigations", true, false},
      {"Serum amylase increased", "10040139", "Investigations", true, true},
      {"Thrombocytopenia", "10043554", "Blood and lymphatic system disorders",
       false, true},
      {"White blood cell decreased", "10049182", "Investigations", true, true},
  };
  return kTerms;
}

// The term of `version` (5 or 6) named `term`.
TermCoding FromTable(std::string_view term, int version) {
  for (const TermRow& row : CtcaeTerms()) {
    if (row.term != term || !(version == 5 ? row.v5 : row.v6)) continue;
    return {row.soc, version == 5 ? kCtcae5Meddra : kCtcae6Meddra,
            version == 5 ? "CTCAE 5.0" : "CTCAE 6.0", row.meddra};
  }
  return {};
}

}  // namespace

TermCoding CodingOf(std::string_view grading_system, std::string_view term,
                    std::string_view meddra_code) {
  if (grading_system == "CTCAE 5.0") {
    TermCoding c = FromTable(term, 5);
    c.meddra_code = meddra_code;
    return c;
  }
  if (grading_system == "CTCAE 6.0") {
    TermCoding c = FromTable(term, 6);
    c.meddra_code = meddra_code;
    return c;
  }
  // Another grading system: the CTCAE v5.0 term whose code the finding
  // carries, else the CTCAE v6.0 term of the same name (ICANS, Hepatitis,
  // Diabetes mellitus), else nothing (ICAHT).
  if (!meddra_code.empty()) {
    const TermCoding c = FromTable(term, 5);
    if (c.meddra_code == meddra_code) return c;
    TermCoding none;
    none.meddra_code = meddra_code;
    return none;
  }
  return FromTable(term, 6);
}

}  // namespace iraed::pv
