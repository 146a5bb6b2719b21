#include "grading/ctcae6_labs.h"

#include <algorithm>
#include <cmath>

#include "grading/ctcae_grader.h"
#include "grading/exact.h"
#include "grading/format.h"

namespace iraed::grading {
namespace ctcae_detail {

// ctcae-v6.md 2.1: v6 neutrophil bands, one grade lower than v5; no LLN
// (a count >= 1.5 is grade 0 even below the laboratory's LLN).
void Grader::Neutrophils6() {
  const Term& t = kAnc;
  const std::optional<double> v = CountToGigaPerL(in_.value, in_.unit);
  if (!v) return UnitNotUsable(t, "10*9/L, 10*3/uL, /uL or /mm3");
  for (const Fall& s :
       {Fall{4, 0.1, false, "< 0.1"}, Fall{3, 0.5, false, "[0.1, 0.5)"},
        Fall{2, 1.0, false, "[0.5, 1.0)"}, Fall{1, 1.5, false, "[1.0, 1.5)"}}) {
    if (Lt(*v, s.threshold)) {
      return Add(Make(t, s.grade, std::string(s.band) + " x10*9/L"));
    }
  }
  Add(Make(t, 0, ">= 1.5 x10*9/L (v6 uses no LLN)"));
}

// A baseline below its LLN (its own, else the current result's):
// ctcae-v6.md 2.5, creatinine's "baseline below LLN".
bool Grader::BaselineBelowLln() const {
  if (!in_.baseline) return false;
  const auto lln = in_.baseline_lln ? in_.baseline_lln : in_.lln;
  return lln && Lt(*in_.baseline, *lln);
}

// ctcae-v6.md 2.3: grade 1 only, a value above the baseline and above ULN.
// Without the baseline or the ULN a value above the other is not graded
// (a value at or below either one is grade 0).
void Grader::AlkalinePhosphatase6() {
  const Term& t = kAlp;
  const double v = in_.value;
  const std::optional<double>& b = in_.baseline;
  const std::optional<double>& uln = in_.uln;
  if (!b && !uln) {
    return NotGraded(t.name, "no upper limit of normal and no baseline");
  }
  if ((b && !Gt(v, *b)) || (uln && !Gt(v, *uln))) {
    return Add(Make(t, 0,
                    std::string("not above ") +
                        (b && !Gt(v, *b) ? "baseline " + FormatNumber(*b)
                                         : "ULN " + FormatNumber(*uln))));
  }
  if (!b) {
    return NotGraded(t.name,
                     "above ULN, but no baseline (v6 grade 1 needs "
                     "a value above both)");
  }
  if (!uln) {
    return NotGraded(t.name, "above baseline, but no upper limit of normal");
  }
  Add(Make(t, 1,
           "> baseline (" + FormatNumber(*b) + ") and > ULN (" +
               FormatNumber(*uln) + ")"));
}

// ctcae-v6.md 2.5 (errata of 20 January 2026): a baseline below LLN grades
// 2 and 3 by multiples of the baseline only; any other baseline by
// multiples of ULN only. Grade 1 and 4 are multiples of ULN.
void Grader::Creatinine6() {
  const Term& t = kCreat;
  const double v = in_.value;
  if (BaselineBelowLln()) {
    const double b = *in_.baseline;
    const std::string of_b =
        " x baseline below LLN (baseline " + FormatNumber(b) + ")";
    if (in_.uln && Gt(v, Times(6.0, *in_.uln))) {
      return Add(
          Make(t, 4, "> 6.0 x ULN (ULN " + FormatNumber(*in_.uln) + ")"));
    }
    if (Gt(v, Times(3.0, b))) return Add(Make(t, 3, "> 3.0" + of_b));
    if (Gt(v, Times(1.5, b))) return Add(Make(t, 2, "(1.5, 3.0]" + of_b));
    if (!NeedUln(t)) return;
    const double uln = *in_.uln;
    if (Gt(v, uln)) {
      return Add(
          Make(t, 1, "(ULN, 1.5] x ULN (ULN " + FormatNumber(uln) + ")"));
    }
    return Add(Make(t, 0, "<= ULN (" + FormatNumber(uln) + ")"));
  }
  if (!NeedUln(t)) return;
  Add(RiseAgainst(t, v, *in_.uln, "ULN",
                  {{4, 6.0, false, "> 6.0"},
                   {3, 3.0, false, "(3.0, 6.0]"},
                   {2, 1.5, false, "(1.5, 3.0]"},
                   {1, 1.0, false, "(ULN, 1.5]"}}));
}

// ctcae-v6.md 2.5: measured clearance in mL/min only. The text's integer
// ranges "26 - 49" and "10 - 25" are read as admiral does: (25, 49] 2,
// [10, 25] 3, above 49 grade 0; below 10 no grade (grade 4 is reported as
// acute kidney injury or chronic kidney disease, clinical terms).
void Grader::CreatinineClearance6() {
  const Term& t = kCrClDown;
  if (in_.unit != Unit::kMlPerMin) {
    return UnitNotUsable(t, "mL/min (a measured clearance, not eGFR)");
  }
  const double v = in_.value;
  if (Lt(v, 10)) {
    return NotGraded(t.name,
                     "below 10 mL/min: grade 4 is acute kidney injury or "
                     "chronic kidney disease (clinical)");
  }
  if (Le(v, 25)) return Add(Make(t, 3, "[10, 25] mL/min"));
  if (Le(v, 49)) return Add(Make(t, 2, "(25, 49] mL/min"));
  Add(Make(t, 0, "> 49 mL/min"));
}

// ctcae-v6.md 2.4: (1.5, 3.0] x ULN grade 2 whatever the symptoms; above 3
// the grade depends on signs or symptoms the feed does not carry: worst
// case (symptomatic), provisional, as v5.
void Grader::Lipase6() {
  const Term& t = kLipase;
  if (!NeedUln(t)) return;
  TermGrade g = RiseAgainst(t, in_.value, *in_.uln, "ULN",
                            {{4, 5.0, false, "> 5.0"},
                             {3, 3.0, false, "(3.0, 5.0]"},
                             {2, 1.5, false, "(1.5, 3.0]"},
                             {1, 1.0, false, "(ULN, 1.5]"}});
  if (g.grade >= 3) {
    std::string note = "signs or symptoms assumed (worst case); grade " +
                       std::to_string(g.grade - 1) + " if asymptomatic";
    g = Provisional(std::move(g), std::move(note));
  }
  Add(std::move(g));
}

// ctcae-v6.md 2.6: grades 1 and 2 only for a fasting glucose (from ULN);
// any glucose grades 3 and 4. A non-fasting value at or below the grade 3
// limit is grade 0, with or without a ULN.
void Grader::Hyperglycemia6(bool fasting) {
  const Term& t = kHyperGlu;
  struct Set {
    Unit unit;
    double g2, g3, g4;
  };
  for (const Set& s : {Set{Unit::kMgPerDl, 160, 250, 500},
                       Set{Unit::kMmolPerL, 8.9, 13.9, 27.8}}) {
    if (s.unit != in_.unit) continue;
    const std::string u = " " + std::string(UnitName(s.unit));
    const double v = in_.value;
    if (Gt(v, s.g4)) return Add(Make(t, 4, "> " + FormatNumber(s.g4) + u));
    if (Gt(v, s.g3)) {
      return Add(
          Make(t, 3,
               "(" + FormatNumber(s.g3) + ", " + FormatNumber(s.g4) + "]" + u));
    }
    if (!fasting) {
      // At or below ULN it is normal whether fasting or not: grade 0 (a
      // grade 3 or 4 ends). Between ULN and the grade 3 limit it would be
      // 0, or 1-2 if fasting: no grade, so as not to end a fasting grade 1
      // or 2 (admiral keeps two terms for this; v6 has one).
      if (in_.uln && !Gt(v, *in_.uln)) {
        return Add(Make(t, 0,
                        "<= ULN (" + FormatNumber(*in_.uln) + u +
                            "), not known to be fasting"));
      }
      return NotGraded(t.name, "above ULN (or no ULN) and at or below " +
                                   FormatNumber(s.g3) + u +
                                   ", not known to be fasting: grades 0-2 "
                                   "need a fasting glucose");
    }
    if (Gt(v, s.g2)) {
      return Add(Make(t, 2,
                      "fasting (" + FormatNumber(s.g2) + ", " +
                          FormatNumber(s.g3) + "]" + u));
    }
    if (!in_.uln) {
      return NotGraded(t.name, "no upper limit of normal for grade 0/1");
    }
    if (Gt(v, *in_.uln)) {
      return Add(Make(t, 1,
                      "fasting (ULN, " + FormatNumber(s.g2) + "]" + u +
                          " (ULN " + FormatNumber(*in_.uln) + ")"));
    }
    return Add(
        Make(t, 0, "fasting <= ULN (" + FormatNumber(*in_.uln) + u + ")"));
  }
  UnitNotUsable(t, "mg/dL or mmol/L");
}

// The v6 terms of ctcae-v6.md section 2, one case per analyte; a term
// whose criteria v6 left unchanged is graded by the v5 method.
// NOLINTNEXTLINE(readability-function-size)
LabGrading Grader::RunV6() {
  switch (in_.analyte) {
    // ctcae-v6.md 2.3: a baseline above its ULN grades by multiples of it
    // from 1.0 x B (a value between ULN and B is grade 0); the "up to 5 x
    // ULN" of the ALT/AST grade 3 text is ignored, as admiral does (its
    // meaning is UNVERIFIED there).
    case Analyte::kAlt:
    case Analyte::kAst:
      Liver(in_.analyte == Analyte::kAlt ? kAlt : kAst,
            {{4, 20.0, false, "> 20.0"},
             {3, 5.0, false, "(5.0, 20.0]"},
             {2, 3.0, false, "(3.0, 5.0]"},
             {1, 1.0, false, "(ULN, 3.0]"}},
            {{4, 4.0, false, "> 4.0"},
             {3, 2.0, false, "(2.0, 4.0]"},
             {2, 1.5, false, "(1.5, 2.0]"},
             {1, 1.0, true, "[1.0, 1.5]"}});
      break;
    case Analyte::kBilirubinTotal:
      Liver(kBili,
            {{4, 10.0, false, "> 10.0"},
             {3, 3.0, false, "(3.0, 10.0]"},
             {2, 1.5, false, "(1.5, 3.0]"},
             {1, 1.0, false, "(ULN, 1.5]"}},
            {{4, 10.0, false, "> 10.0"},
             {3, 2.5, false, "(2.5, 10.0]"},
             {2, 1.5, false, "(1.5, 2.5]"},
             {1, 1.0, true, "[1.0, 1.5]"}});
      break;
    case Analyte::kGgt:
      Liver(kGgt,
            {{4, 20.0, false, "> 20.0"},
             {3, 5.0, false, "(5.0, 20.0]"},
             {2, 2.5, false, "(2.5, 5.0]"},
             {1, 1.0, false, "(ULN, 2.5]"}},
            {{4, 10.0, false, "> 10.0"},
             {3, 3.0, false, "(3.0, 10.0]"},
             {2, 1.5, false, "(1.5, 3.0]"},
             {1, 1.0, true, "[1.0, 1.5]"}});
      break;
    case Analyte::kAlkalinePhosphatase:
      AlkalinePhosphatase6();
      break;
    case Analyte::kCreatinine:
      Creatinine6();
      break;
    case Analyte::kCreatinineClearance:
      CreatinineClearance6();
      break;
    case Analyte::kLipase:
      Lipase6();
      break;
    case Analyte::kAmylase:
      Pancreas(kAmylase);  // numbers as v5 (ctcae-v6.md 2.4)
      break;
    case Analyte::kNeutrophils:
      Neutrophils6();
      break;
    case Analyte::kPlatelets:
      Counts(kThrombocytopenia, {{4, 10, false, "< 10"},
                                 {3, 50, false, "[10, 50)"},
                                 {2, 75, false, "[50, 75)"}});
      break;
    case Analyte::kLymphocytes:
      // v6 has no count-based grade for a low count (Lymphopenia is
      // "present" only, ctcae-v6.md 2.1).
      CountAbove(kLymphUp, {{3, 20, "> 20"}, {2, 4, "(4, 20]"}});
      break;
    case Analyte::kLeukocytes:
      WhiteCells();
      break;
    case Analyte::kHemoglobin:
      Anemia();
      HemoglobinIncreased();
      break;
    case Analyte::kCd4:
      Cd4Decreased();
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
    case Analyte::kSodium:
      Sodium();  // v6 "125 - <130" as iraed's v5 reading (ctcae-v6.md 3)
      break;
    case Analyte::kPotassium:
      Potassium();
      break;
    case Analyte::kGlucose:
    case Analyte::kGlucoseFasting:
      Hypoglycemia();
      Hyperglycemia6(in_.analyte == Analyte::kGlucoseFasting);
      break;
    case Analyte::kAlbumin:
      Hypoalbuminemia();
      break;
    case Analyte::kCalcium:
      CalciumTotal();
      break;
    case Analyte::kCalciumIonized:
      CalciumIonized();
      break;
    case Analyte::kMagnesium:
      Magnesium();
      break;
    case Analyte::kLdh:
      PastLimit(kLdhUp, true);
      break;
    case Analyte::kCholesterol:
      CholesterolHigh();
      break;
    case Analyte::kTriglycerides:
      Triglycerides();
      break;
    case Analyte::kUrate:
      Hyperuricemia();
      break;
    case Analyte::kPh:
      Ph();
      break;
    case Analyte::kHaptoglobin:
      PastLimit(kHaptoDown, false);
      break;
    case Analyte::kHdl:
      PastLimit(kHdlDown, false);
      break;
    case Analyte::kLdl:
      PastLimit(kLdlUp, true);
      break;
    default:
      out_.not_graded = std::string(AnalyteName(in_.analyte)) +
                        " is not graded by a CTCAE v6.0 lab term";
      break;
  }
  return std::move(out_);
}

}  // namespace ctcae_detail

bool IsCtcae6Lab(Analyte a) {
  switch (a) {
    case Analyte::kLymphocytes:  // Lymphocyte count increased only
    case Analyte::kGlucoseFasting:
    case Analyte::kHdl:
    case Analyte::kLdl:
    case Analyte::kCreatinineClearance:
      return true;
    case Analyte::kEgfr:
    case Analyte::kCreatineKinase:
    case Analyte::kTroponinI:
    case Analyte::kTroponinT:
    case Analyte::kStoolFrequency:
    case Analyte::kBodyTemperature:
      return false;
    default:
      return IsCtcaeLab(a);
  }
}

bool IsCtcae6Only(Analyte a) {
  return a == Analyte::kHdl || a == Analyte::kLdl ||
         a == Analyte::kCreatinineClearance;
}

bool Ctcae5TermWithoutV6Successor(std::string_view term) {
  // Febrile neutropenia is a v6 term too, but clinical there: iraed grades
  // it from ANC and temperature by the v5 definition only (reference 10.2).
  // v6 has no count-based lymphocyte term (Lymphopenia is "present" only):
  // the v5 count term keeps its place.
  if (term == "Febrile neutropenia") return true;
  if (term == ctcae_detail::kLymph.name) return true;
  for (const ctcae_detail::Term& t :
       {ctcae_detail::kFever, ctcae_detail::kDiarrhea, ctcae_detail::kCkd,
        ctcae_detail::kCpk, ctcae_detail::kTnI, ctcae_detail::kTnT}) {
    if (term == t.name) return true;
  }
  return false;
}

std::string_view CtcaeVersionName(CtcaeVersion v) {
  return v == CtcaeVersion::kV6 ? "6.0" : "5.0";
}

std::optional<CtcaeVersion> CtcaeVersionFromName(std::string_view name) {
  if (name == "5.0") return CtcaeVersion::kV5;
  if (name == "6.0") return CtcaeVersion::kV6;
  return std::nullopt;
}

std::string_view CtcaeSystemOf(CtcaeVersion v) {
  return v == CtcaeVersion::kV6 ? kCtcae6System : kCtcae5System;
}

bool Ctcae6TermWithoutV5Counterpart(std::string_view term) {
  for (const ctcae_detail::Term& t :
       {ctcae_detail::kHyperGlu, ctcae_detail::kCrClDown,
        ctcae_detail::kHdlDown, ctcae_detail::kLdlUp}) {
    if (term == t.name) return true;
  }
  return false;
}

bool CtcaeFindingPages(std::string_view system, std::string_view term,
                       CtcaeVersion alerting) {
  if (system == kCtcae5System) {
    return alerting == CtcaeVersion::kV5 || Ctcae5TermWithoutV6Successor(term);
  }
  if (system == kCtcae6System) return alerting == CtcaeVersion::kV6;
  return true;
}

LabGrading GradeCtcae6Lab(const LabInput& raw) {
  LabGrading out;
  std::optional<LabInput> finite = ctcae_detail::FiniteInput(raw, out);
  if (!finite) return out;
  LabInput& in = *finite;
  // The v6 tables do not vary by rule set: the terms shared with v5 are
  // graded with every addition of the rule set v6 came with.
  in.rule_set = std::max(in.rule_set, RuleSet::kRules4);
  if (!IsCtcae6Lab(in.analyte)) {
    out.not_graded = std::string(AnalyteName(in.analyte)) +
                     " is not graded by a CTCAE v6.0 lab term";
    return out;
  }
  return ctcae_detail::Grader(in).RunV6();
}

}  // namespace iraed::grading
