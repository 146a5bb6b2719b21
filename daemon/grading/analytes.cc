#include "grading/analytes.h"

#include <algorithm>
#include <array>

namespace iraed::grading {
namespace {

constexpr std::array<std::pair<Analyte, std::string_view>, 63> kNames = {{
    {Analyte::kAlt, "alt"},
    {Analyte::kAst, "ast"},
    {Analyte::kBilirubinTotal, "bilirubin_total"},
    {Analyte::kAlkalinePhosphatase, "alkaline_phosphatase"},
    {Analyte::kGgt, "ggt"},
    {Analyte::kCreatinine, "creatinine"},
    {Analyte::kEgfr, "egfr"},
    {Analyte::kLipase, "lipase"},
    {Analyte::kAmylase, "amylase"},
    {Analyte::kNeutrophils, "neutrophils"},
    {Analyte::kPlatelets, "platelets"},
    {Analyte::kHemoglobin, "hemoglobin"},
    {Analyte::kLymphocytes, "lymphocytes"},
    {Analyte::kLeukocytes, "leukocytes"},
    {Analyte::kFibrinogen, "fibrinogen"},
    {Analyte::kInr, "inr"},
    {Analyte::kAptt, "aptt"},
    {Analyte::kSodium, "sodium"},
    {Analyte::kPotassium, "potassium"},
    {Analyte::kGlucose, "glucose"},
    {Analyte::kAlbumin, "albumin"},
    {Analyte::kCalcium, "calcium"},
    {Analyte::kCalciumIonized, "calcium_ionized"},
    {Analyte::kMagnesium, "magnesium"},
    {Analyte::kCreatineKinase, "creatine_kinase"},
    {Analyte::kTroponinI, "troponin_i"},
    {Analyte::kTroponinT, "troponin_t"},
    {Analyte::kStoolFrequency, "stool_frequency"},
    {Analyte::kCholesterol, "cholesterol"},
    {Analyte::kTriglycerides, "triglycerides"},
    {Analyte::kUrate, "urate"},
    {Analyte::kCd4, "cd4"},
    {Analyte::kPh, "ph"},
    {Analyte::kHaptoglobin, "haptoglobin"},
    {Analyte::kHdl, "hdl_cholesterol"},
    {Analyte::kLdl, "ldl_cholesterol"},
    {Analyte::kCreatinineClearance, "creatinine_clearance"},
    {Analyte::kBodyTemperature, "body_temperature"},
    {Analyte::kTsh, "tsh"},
    {Analyte::kGlucoseFasting, "glucose_fasting"},
    {Analyte::kSystolicBp, "systolic_bp"},
    {Analyte::kHypotension, "hypotension"},
    {Analyte::kOxygenFlow, "oxygen_flow"},
    {Analyte::kOxygenDevice, "oxygen_device"},
    {Analyte::kIceScore, "ice_score"},
    {Analyte::kConsciousness, "consciousness"},
    {Analyte::kSeizure, "seizure"},
    {Analyte::kMotorWeakness, "motor_weakness"},
    {Analyte::kCerebralEdema, "cerebral_edema"},
    {Analyte::kFeverOtherCause, "fever_other_cause"},
    {Analyte::kCapd, "capd_score"},
    {Analyte::kSedation, "sedation"},
    {Analyte::kCrp, "crp"},
    {Analyte::kFerritin, "ferritin"},
    {Analyte::kLdh, "ldh"},
    {Analyte::kHeartRate, "heart_rate"},
    {Analyte::kRespiratoryRate, "respiratory_rate"},
    {Analyte::kSpo2, "spo2"},
    {Analyte::kDiastolicBp, "diastolic_bp"},
    {Analyte::kFreeT4, "free_t4"},
    {Analyte::kCortisol, "cortisol"},
    {Analyte::kProthrombinTime, "prothrombin_time"},
    {Analyte::kInspiredOxygen, "inspired_oxygen"},
}};

// Every LOINC code of clinical-grading.md section 7 (the table and its
// 2026-12 addendum, LOINC-TAB, USCORE, GECCO+ and the addendum's sources),
// for the analyte it names, in mass and molar forms. Not shipped because the
// reference leaves them UNVERIFIED: hs-TnI 89579-7 and IL-6 26881-3 (a site
// maps them in its code map). 85354-9 is the blood-pressure panel (no value
// of its own).
constexpr std::array<std::pair<std::string_view, Analyte>, 71> kLoinc = {{
    {"1742-6", Analyte::kAlt},
    {"1920-8", Analyte::kAst},
    {"1975-2", Analyte::kBilirubinTotal},
    {"6768-6", Analyte::kAlkalinePhosphatase},
    {"2324-2", Analyte::kGgt},
    {"2160-0", Analyte::kCreatinine},
    {"14682-9", Analyte::kCreatinine},
    {"33914-3", Analyte::kEgfr},
    {"3040-3", Analyte::kLipase},
    {"1798-8", Analyte::kAmylase},
    {"2345-7", Analyte::kGlucose},
    {"2951-2", Analyte::kSodium},
    {"2823-3", Analyte::kPotassium},
    {"1751-7", Analyte::kAlbumin},
    {"751-8", Analyte::kNeutrophils},
    {"777-3", Analyte::kPlatelets},
    {"718-7", Analyte::kHemoglobin},
    {"731-0", Analyte::kLymphocytes},
    {"6690-2", Analyte::kLeukocytes},
    {"3255-7", Analyte::kFibrinogen},
    {"2157-6", Analyte::kCreatineKinase},
    {"10839-9", Analyte::kTroponinI},
    {"6598-7", Analyte::kTroponinT},
    {"14979-9", Analyte::kAptt},
    {"8310-5", Analyte::kBodyTemperature},
    {"3016-3", Analyte::kTsh},
    {"11580-8", Analyte::kTsh},        // 3rd-generation assay (LOINC-TAB)
    {"8480-6", Analyte::kSystolicBp},  // USCORE
    {"3151-8", Analyte::kOxygenFlow},  // USCORE satO2-fiO2 example
    // The 2026-12 addendum: mass and molar forms.
    {"17861-6", Analyte::kCalcium},         // mg/dL
    {"2000-8", Analyte::kCalcium},          // mmol/L
    {"1994-3", Analyte::kCalciumIonized},   // mmol/L, blood
    {"19123-9", Analyte::kMagnesium},       // mg/dL
    {"2601-3", Analyte::kMagnesium},        // mmol/L
    {"14749-6", Analyte::kGlucose},         // mmol/L
    {"1558-6", Analyte::kGlucoseFasting},   // mg/dL
    {"14771-0", Analyte::kGlucoseFasting},  // mmol/L
    {"14631-6", Analyte::kBilirubinTotal},  // umol/L
    {"6301-6", Analyte::kInr},              // {INR}
    // Recognised, recorded, not graded.
    {"1988-5", Analyte::kCrp},
    {"2276-4", Analyte::kFerritin},
    {"2532-0", Analyte::kLdh},
    // Not in the reference's section 7; each seen with this meaning and
    // unit in at least two independent public code bases, the reference's
    // own standard for its 2026-12 addendum (issue 14 research: miracum
    // loinc-conversion, SMART sample-patients short LOINC table, German
    // KDS mapping, GECCO, Synthea, LOINC alias tables; README "Site code
    // map" lists them).
    {"2093-3", Analyte::kCholesterol},     // mg/dL
    {"14647-2", Analyte::kCholesterol},    // mmol/L
    {"2571-8", Analyte::kTriglycerides},   // mg/dL
    {"14927-8", Analyte::kTriglycerides},  // mmol/L
    {"3084-1", Analyte::kUrate},           // mg/dL
    {"14933-6", Analyte::kUrate},          // umol/L
    {"24467-3", Analyte::kCd4},            // /uL
    {"2744-1", Analyte::kPh},              // arterial blood
    {"11558-4", Analyte::kPh},             // blood
    // Venous pH (2746-6) is not shipped: the CTCAE pH cut-offs are
    // arterial; a site that grades venous pH maps it knowingly.
    {"4542-7", Analyte::kHaptoglobin},  // mg/dL
    // CTCAE 6.0 only (iraed-rules-4); each in two public code bases
    // (HL7 FHIR examples and value sets, a LOINC table extract, the MIRACUM
    // LOINC conversion table).
    {"2085-9", Analyte::kHdl},                  // HDL cholesterol, mg/dL
    {"14646-4", Analyte::kHdl},                 // HDL cholesterol, mmol/L
    {"18262-6", Analyte::kLdl},                 // LDL direct, mg/dL
    {"13457-7", Analyte::kLdl},                 // LDL calculated, mg/dL
    {"2089-1", Analyte::kLdl},                  // LDL, mg/dL
    {"22748-8", Analyte::kLdl},                 // LDL, mmol/L
    {"39469-2", Analyte::kLdl},                 // LDL calculated, mmol/L
    {"69419-0", Analyte::kLdl},                 // LDL direct, mmol/L
    {"2164-2", Analyte::kCreatinineClearance},  // 24 h urine, mL/min
    {"8867-4", Analyte::kHeartRate},            // USCORE
    {"9279-1", Analyte::kRespiratoryRate},      // USCORE
    {"2708-6", Analyte::kSpo2},                 // USCORE (FHIR core code)
    {"59408-5", Analyte::kSpo2},                // USCORE (pulse oximetry)
    {"8462-4", Analyte::kDiastolicBp},          // USCORE
    {"3024-7", Analyte::kFreeT4},               // ng/dL
    {"14920-3", Analyte::kFreeT4},              // pmol/L
    {"2143-6", Analyte::kCortisol},
    {"5902-2", Analyte::kProthrombinTime},  // seconds: not INR
    {"3150-0", Analyte::kInspiredOxygen},   // partially verified (section 7)
}};

// Concepts grading needs that have no LOINC code verified in the
// reference: shipped under system "IRAED" (documented in README). Stool
// frequency: LOINC "Stools 24 hour" (9253-6) is listed by third parties but
// not in the reference; sites that send it map it in their code map.
constexpr std::array<std::pair<std::string_view, Analyte>, 13> kIraedCodes = {{
    {"GLUCOSE-FASTING", Analyte::kGlucoseFasting},
    {"HYPOTENSION", Analyte::kHypotension},
    {"O2-DEVICE", Analyte::kOxygenDevice},
    {"ICE-SCORE", Analyte::kIceScore},
    {"LOC", Analyte::kConsciousness},
    {"SEIZURE", Analyte::kSeizure},
    {"MOTOR-WEAKNESS", Analyte::kMotorWeakness},
    {"CEREBRAL-EDEMA", Analyte::kCerebralEdema},
    {"SEDATED", Analyte::kSedation},
    {"O2-FLOW", Analyte::kOxygenFlow},
    {"STOOLS-24H", Analyte::kStoolFrequency},
    {"FEVER-OTHER-CAUSE", Analyte::kFeverOtherCause},
    {"CAPD", Analyte::kCapd},
}};

std::string SystemKey(std::string_view system) {
  if (system == "LN" || system == "LOINC" || system == "http://loinc.org" ||
      system == "urn:oid:2.16.840.1.113883.6.1") {
    return "LN";
  }
  return std::string(system);
}

}  // namespace

std::string_view AnalyteName(Analyte a) {
  for (const auto& [analyte, name] : kNames) {
    if (analyte == a) return name;
  }
  return "";
}

std::optional<Analyte> AnalyteFromName(std::string_view name) {
  for (const auto& [analyte, n] : kNames) {
    if (n == name) return analyte;
  }
  return std::nullopt;
}

bool IsCtcaeLab(Analyte a) { return a <= Analyte::kBodyTemperature; }

bool IsGraded(Analyte a) { return a <= Analyte::kInspiredOxygen; }

AnalyteCatalog AnalyteCatalog::Defaults() {
  AnalyteCatalog c;
  for (const auto& [code, analyte] : kLoinc) {
    c.Add("LN", code, analyte);
  }
  for (const auto& [code, analyte] : kIraedCodes) {
    c.Add(kIraedCodeSystem, code, analyte);
  }
  return c;
}

void AnalyteCatalog::Add(std::string_view system, std::string_view code,
                         Analyte a) {
  codes_[{SystemKey(system), std::string(code)}] = a;
}

std::vector<std::string> AnalyteCatalog::CodesOf(Analyte a) const {
  std::vector<std::string> out;
  for (const auto& [key, analyte] : codes_) {
    if (analyte == a &&
        std::find(out.begin(), out.end(), key.second) == out.end()) {
      out.push_back(key.second);
    }
  }
  return out;
}

std::optional<Analyte> AnalyteCatalog::Find(std::string_view system,
                                            std::string_view code) const {
  auto it = codes_.find({SystemKey(system), std::string(code)});
  if (it == codes_.end()) return std::nullopt;
  return it->second;
}

}  // namespace iraed::grading
