#include "grading/ctcae_labs.h"

#include <cmath>

#include "grading/ctcae_grader.h"
#include "grading/exact.h"
#include "grading/format.h"

namespace iraed::grading {
namespace ctcae_detail {

// Table-driven dispatch: a table of CTCAE terms, one entry per term.
// NOLINTNEXTLINE(readability-function-size)
LabGrading Grader::RunV5() {
  switch (in_.analyte) {
    case Analyte::kAlt:
    case Analyte::kAst: {
      const Term& t = in_.analyte == Analyte::kAlt ? kAlt : kAst;
      Liver(t,
            {{4, 20.0, false, "> 20.0"},
             {3, 5.0, false, "(5.0, 20.0]"},
             {2, 3.0, false, "(3.0, 5.0]"},
             {1, 1.0, false, "(ULN, 3.0]"}},
            {{4, 20.0, false, "> 20.0"},
             {3, 5.0, false, "(5.0, 20.0]"},
             {2, 3.0, false, "(3.0, 5.0]"},
             {1, 1.5, true, "[1.5, 3.0]"}});
      break;
    }
    case Analyte::kBilirubinTotal:
      Liver(kBili,
            {{4, 10.0, false, "> 10.0"},
             {3, 3.0, false, "(3.0, 10.0]"},
             {2, 1.5, false, "(1.5, 3.0]"},
             {1, 1.0, false, "(ULN, 1.5]"}},
            {{4, 10.0, false, "> 10.0"},
             {3, 3.0, false, "(3.0, 10.0]"},
             {2, 1.5, false, "(1.5, 3.0]"},
             {1, 1.0, false, "(1.0, 1.5]"}});
      break;
    case Analyte::kAlkalinePhosphatase:
    case Analyte::kGgt: {
      // GGT uses the ALP text verbatim in CTCAE5, so the same closed
      // [2.0, 2.5] x baseline band (admiral's strict > 2 for GGT is the
      // disputed reading, not followed).
      const Term& t =
          in_.analyte == Analyte::kAlkalinePhosphatase ? kAlp : kGgt;
      Liver(t,
            {{4, 20.0, false, "> 20.0"},
             {3, 5.0, false, "(5.0, 20.0]"},
             {2, 2.5, false, "(2.5, 5.0]"},
             {1, 1.0, false, "(ULN, 2.5]"}},
            {{4, 20.0, false, "> 20.0"},
             {3, 5.0, false, "(5.0, 20.0]"},
             {2, 2.5, false, "(2.5, 5.0]"},
             {1, 2.0, true, "[2.0, 2.5]"}});
      break;
    }
    case Analyte::kCreatinine:
      Creatinine();
      break;
    case Analyte::kEgfr:
      Egfr();
      break;
    case Analyte::kLipase:
      Pancreas(kLipase);
      break;
    case Analyte::kAmylase:
      Pancreas(kAmylase);
      break;
    case Analyte::kNeutrophils:
      Counts(kAnc, {{4, 0.5, false, "< 0.5"},
                    {3, 1.0, false, "[0.5, 1.0)"},
                    {2, 1.5, false, "[1.0, 1.5)"}});
      break;
    case Analyte::kPlatelets:
      Counts(kPlt, {{4, 25, false, "< 25"},
                    {3, 50, false, "[25, 50)"},
                    {2, 75, false, "[50, 75)"}});
      break;
    case Analyte::kLymphocytes:
      Counts(kLymph, {{4, 0.2, false, "< 0.2"},
                      {3, 0.5, false, "[0.2, 0.5)"},
                      {2, 0.8, false, "[0.5, 0.8)"}});
      if (Rules3()) {
        CountAbove(kLymphUp, {{3, 20, "> 20"}, {2, 4, "(4, 20]"}});
      }
      break;
    case Analyte::kLeukocytes:
      WhiteCells();
      break;
    case Analyte::kHemoglobin:
      Anemia();
      if (Rules3()) HemoglobinIncreased();
      break;
    case Analyte::kFibrinogen:
      Fibrinogen();
      break;
    case Analyte::kInr:
      Inr();
      break;
    case Analyte::kAptt:
      UlnOnly(kAptt, {{3, 2.5, false, "> 2.5"},
                      {2, 1.5, false, "(1.5, 2.5]"},
                      {1, 1.0, false, "(ULN, 1.5]"}});
      break;
    case Analyte::kCreatineKinase:
      UlnOnly(kCpk, {{4, 10.0, false, "> 10"},
                     {3, 5.0, false, "(5, 10]"},
                     {2, 2.5, false, "(2.5, 5]"},
                     {1, 1.0, false, "(ULN, 2.5]"}});
      break;
    case Analyte::kSodium:
      Sodium();
      break;
    case Analyte::kPotassium:
      Potassium();
      break;
    case Analyte::kGlucose:
      Hypoglycemia();
      break;
    case Analyte::kAlbumin:
      Hypoalbuminemia();
      break;
    case Analyte::kCalcium:
      CalciumTotal();
      break;
    case Analyte::kCalciumIonized:
      if (!Rules3()) {
        PairedLow(kHypoCa,
                  {{Unit::kMmolPerL,
                    {{4, 0.8, false, "ionized < 0.8"},
                     {3, 0.9, false, "ionized [0.8, 0.9)"},
                     {2, 1.0, false, "ionized [0.9, 1.0)"}}}},
                  "mmol/L");
        break;
      }
      CalciumIonized();
      break;
    case Analyte::kMagnesium:
      Magnesium();
      break;
    case Analyte::kTroponinI:
      Troponin(kTnI);
      break;
    case Analyte::kTroponinT:
      Troponin(kTnT);
      break;
    case Analyte::kBodyTemperature:
      Fever();
      break;
    case Analyte::kStoolFrequency:
      Diarrhea();
      break;
    // Admiral's other v5 terms (ctcae-v6.md 2.1, 2.6, 2.7; v5 the same as
    // v6), from iraed-rules-3.
    case Analyte::kLdh:
      if (Rules3()) PastLimit(kLdhUp, true);
      break;
    case Analyte::kCholesterol:
      if (Rules3()) CholesterolHigh();
      break;
    case Analyte::kTriglycerides:
      if (Rules3()) Triglycerides();
      break;
    case Analyte::kUrate:
      if (Rules3()) Hyperuricemia();
      break;
    case Analyte::kCd4:
      if (Rules3()) Cd4Decreased();
      break;
    case Analyte::kPh:
      if (Rules3()) Ph();
      break;
    case Analyte::kHaptoglobin:
      if (Rules3()) PastLimit(kHaptoDown, false);
      break;
    case Analyte::kHdl:
    case Analyte::kLdl:
    case Analyte::kCreatinineClearance:
    case Analyte::kTsh:
    case Analyte::kGlucoseFasting:
    case Analyte::kSystolicBp:
    case Analyte::kHypotension:
    case Analyte::kOxygenFlow:
    case Analyte::kOxygenDevice:
    case Analyte::kIceScore:
    case Analyte::kConsciousness:
    case Analyte::kSeizure:
    case Analyte::kMotorWeakness:
    case Analyte::kCerebralEdema:
    case Analyte::kFeverOtherCause:
    case Analyte::kSedation:
    case Analyte::kCapd:
    case Analyte::kCrp:
    case Analyte::kFerritin:
    case Analyte::kHeartRate:
    case Analyte::kRespiratoryRate:
    case Analyte::kSpo2:
    case Analyte::kDiastolicBp:
    case Analyte::kFreeT4:
    case Analyte::kCortisol:
    case Analyte::kProthrombinTime:
    case Analyte::kInspiredOxygen:
      out_.not_graded = std::string(AnalyteName(in_.analyte)) +
                        " is not graded by a CTCAE v5 lab table";
      break;
  }
  return std::move(out_);
}

}  // namespace ctcae_detail

const char* CtcaeRuleVersion(RuleSet r) {
  return r >= RuleSet::kRules4   ? kCtcaeRuleVersion
         : r >= RuleSet::kRules3 ? "ctcae-5.0/iraed-3"
                                 : "ctcae-5.0/iraed-2";
}

LabGrading GradeCtcaeLab(const LabInput& raw) {
  // A non-finite number is a missing one, never a normal one.
  LabGrading out;
  const std::optional<LabInput> in = ctcae_detail::FiniteInput(raw, out);
  if (!in) return out;
  return ctcae_detail::Grader(*in).RunV5();
}

}  // namespace iraed::grading
