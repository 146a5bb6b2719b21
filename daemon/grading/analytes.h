// File: grading/analytes.h
//
// The measured quantities iraed grades, and how observation codes map to
// them. LOINC codes come from the reference (clinical-grading.md section 7,
// source keys LOINC-TAB, USCORE, GECCO+); codes the reference marks
// UNVERIFIED are not in the default map and must be added by a site code map.
// Pure.
#ifndef IRAED_GRADING_ANALYTES_H_
#define IRAED_GRADING_ANALYTES_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iraed::grading {

enum class Analyte {
  kAlt,
  kAst,
  kBilirubinTotal,
  kAlkalinePhosphatase,
  kGgt,
  kCreatinine,
  kEgfr,
  kLipase,
  kAmylase,
  kNeutrophils,
  kPlatelets,
  kHemoglobin,
  kLymphocytes,
  kLeukocytes,
  kFibrinogen,
  kInr,
  kAptt,
  kSodium,
  kPotassium,
  kGlucose,
  kAlbumin,
  kCalcium,  // total (corrected) calcium
  kCalciumIonized,
  kMagnesium,
  kCreatineKinase,
  kTroponinI,
  kTroponinT,
  // Stools per 24 hours (CTCAE Diarrhea: the increase over baseline).
  kStoolFrequency,
  // Graded from iraed-rules-3 (admiral's other v5 lab terms).
  kLdh,            // blood lactate dehydrogenase increased
  kCholesterol,    // cholesterol high (total)
  kTriglycerides,  // hypertriglyceridemia
  kUrate,          // hyperuricemia
  kCd4,            // CD4 lymphocytes decreased
  kPh,             // acidosis, alkalosis (blood pH)
  kHaptoglobin,    // haptoglobin decreased
  // Graded from iraed-rules-4 by CTCAE v6.0 only (no v5 lab term).
  kHdl,                  // HDL cholesterol: HDL decreased
  kLdl,                  // LDL cholesterol: LDL increased
  kCreatinineClearance,  // measured creatinine clearance, mL/min
  kBodyTemperature,
  // Graded by ASCO (not CTCAE lab tables).
  kTsh,             // thyroid-stimulating hormone (ASCO hypothyroidism)
  kGlucoseFasting,  // fasting glucose (ASCO ICI-associated diabetes)
  // Supportive-care and neurological states for ASTCT CRS and ICANS
  // (grading/clinical_states.h reads their values).
  kSystolicBp,
  kHypotension,  // charted hypotension flag (yes/no)
  kOxygenFlow,
  kOxygenDevice,
  kIceScore,
  kConsciousness,
  kSeizure,
  kMotorWeakness,
  kCerebralEdema,
  // Fever with another documented cause (yes/no; reference 10.4): ASTCT
  // CRS does not count a fever attributed to another cause.
  kFeverOtherCause,
  kSedation,
  // The CAPD score (0-32) of a child under 12 (reference 10.5, from
  // iraed-rules-4): the ICANS encephalopathy domain instead of ICE.
  kCapd,
  // Inspired oxygen concentration (FiO2, %; LOINC 3150-0): the CTCAE v5
  // CRS scale's hypoxia domain beside ASTCT (reference 10.6, from
  // iraed-rules-4; recorded only before).
  kInspiredOxygen,
  // Recognised and recorded, not graded (yet): the other quantities of the
  // reference's LOINC table (section 7), so that a standard feed's codes
  // are known rather than reported as unmapped. No grade, no finding, no
  // data-quality row comes from them.
  kCrp,
  kFerritin,
  kHeartRate,
  kRespiratoryRate,
  kSpo2,
  kDiastolicBp,
  kFreeT4,
  kCortisol,
  kProthrombinTime,
};

// Whether GradeCtcaeLab grades this analyte (the CTCAE v5 lab and vital
// terms of reference section 5); false for the ASCO and ASTCT inputs.
bool IsCtcaeLab(Analyte a);

// Whether any grading reads this analyte (CTCAE, ASCO or ASTCT); false for
// the recognised-but-recorded-only ones (kCrp ... kProthrombinTime).
bool IsGraded(Analyte a);

// Stable name used in configuration and evidence ("alt", "troponin_i").
std::string_view AnalyteName(Analyte a);
std::optional<Analyte> AnalyteFromName(std::string_view name);

inline constexpr std::string_view kIraedCodeSystem = "IRAED";

// Maps (code system, code) to an analyte: the shipped LOINC defaults plus a
// site's own codes. Code systems "LN", "LOINC" and "http://loinc.org" are
// all LOINC. Concepts with no verified LOINC code are shipped under the
// local code system "IRAED" (kIraedCodeSystem) with the codes listed in
// README "Site code map"; sites map their own flowsheet codes in config.
class AnalyteCatalog {
 public:
  // The defaults: LOINC codes verified in the reference.
  static AnalyteCatalog Defaults();

  // Adds or replaces a mapping (site code map).
  void Add(std::string_view system, std::string_view code, Analyte a);
  std::optional<Analyte> Find(std::string_view system,
                              std::string_view code) const;
  // Every code mapped to `a` (without its system: Find tells which systems).
  std::vector<std::string> CodesOf(Analyte a) const;

 private:
  std::map<std::pair<std::string, std::string>, Analyte> codes_;
};

}  // namespace iraed::grading

#endif  // IRAED_GRADING_ANALYTES_H_
