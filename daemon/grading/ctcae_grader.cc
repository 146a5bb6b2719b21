#include "grading/ctcae_grader.h"

#include <cmath>
#include <cstdio>

#include "grading/exact.h"
#include "grading/format.h"

namespace iraed::grading::ctcae_detail {

TermGrade Make(const Term& t, int grade, std::string rule) {
  TermGrade g;
  g.term = t.name;
  g.meddra = t.meddra;
  g.grade = grade;
  g.rule = std::move(rule);
  return g;
}

// Highest rising step that holds, against `ref` ("ULN" or "baseline").
TermGrade RiseAgainst(const Term& t, double v, double ref, const char* what,
                      std::initializer_list<Rise> steps) {
  for (const Rise& s : steps) {
    const double limit = Times(s.multiple, ref);
    if (s.inclusive ? Ge(v, limit) : Gt(v, limit)) {
      return Make(t, s.grade,
                  std::string(s.band) + " x " + what + " (" + what + " " +
                      FormatNumber(ref) + ")");
    }
  }
  return Make(t, 0,
              std::string("not above the grade 1 limit x ") + what + " (" +
                  what + " " + FormatNumber(ref) + ")");
}

// Falling absolute steps, then grade 1 below LLN. Without an LLN only the
// absolute grades can be given (clinical-grading.md section 1 point 4).
std::optional<TermGrade> FallAbsolute(const Term& t, double v,
                                      std::optional<double> lln,
                                      std::initializer_list<Fall> steps,
                                      const char* unit_name) {
  for (const Fall& s : steps) {
    if (s.inclusive ? Le(v, s.threshold) : Lt(v, s.threshold)) {
      return Make(t, s.grade, std::string(s.band) + " " + unit_name);
    }
  }
  if (!lln) return std::nullopt;
  if (Lt(v, *lln)) {
    return Make(t, 1, "< LLN (" + FormatNumber(*lln) + " " + unit_name + ")");
  }
  return Make(t, 0, ">= LLN (" + FormatNumber(*lln) + " " + unit_name + ")");
}

std::optional<LabInput> FiniteInput(const LabInput& raw, LabGrading& out) {
  if (!std::isfinite(raw.value)) {
    out.not_graded = "value is not a finite number";
    return std::nullopt;
  }
  LabInput in = raw;
  for (std::optional<double>* v :
       {&in.uln, &in.lln, &in.baseline, &in.baseline_uln, &in.baseline_lln,
        &in.mi_cutoff}) {
    if (*v && !std::isfinite(**v)) v->reset();
  }
  return in;
}

TermGrade Provisional(TermGrade g, std::string assumption) {
  g.provisional = true;
  g.assumption = std::move(assumption);
  return g;
}

// CTCAE5 5.1 liver. Baseline normal: multiples of ULN; baseline abnormal
// (B > ULN): multiples of B, below the first multiple grade 0.
void Grader::Liver(const Term& t, std::initializer_list<Rise> normal,
                   std::initializer_list<Rise> abnormal) {
  if (!NeedUln(t)) return;
  if (BaselineAbnormalHigh()) {
    Add(RiseAgainst(t, in_.value, *in_.baseline, "baseline", abnormal));
  } else {
    Add(RiseAgainst(t, in_.value, *in_.uln, "ULN", normal));
  }
}

// CTCAE5 5.2: the ULN rule and the baseline rule together (OR); v5 grade 1
// has no baseline component; the baseline rule applies even within normal
// limits.
void Grader::Creatinine() {
  if (!NeedUln(kCreat)) return;
  TermGrade by_uln = RiseAgainst(kCreat, in_.value, *in_.uln, "ULN",
                                 {{4, 6.0, false, "> 6.0"},
                                  {3, 3.0, false, "(3.0, 6.0]"},
                                  {2, 1.5, false, "(1.5, 3.0]"},
                                  {1, 1.0, false, "(ULN, 1.5]"}});
  if (in_.baseline) {
    TermGrade by_base =
        RiseAgainst(kCreat, in_.value, *in_.baseline, "baseline",
                    {{3, 3.0, false, "> 3.0"}, {2, 1.5, false, "(1.5, 3.0]"}});
    if (by_base.grade > by_uln.grade) return Add(std::move(by_base));
  }
  Add(std::move(by_uln));
}

// CTCAE5 5.3: above 2 x ULN the grade depends on signs/symptoms the feed
// does not carry; worst case (symptomatic) as admiral does.
void Grader::Pancreas(const Term& t) {
  if (!NeedUln(t)) return;
  TermGrade g = RiseAgainst(t, in_.value, *in_.uln, "ULN",
                            {{4, 5.0, false, "> 5.0"},
                             {3, 2.0, false, "(2.0, 5.0]"},
                             {2, 1.5, false, "(1.5, 2.0]"},
                             {1, 1.0, false, "(ULN, 1.5]"}});
  if (g.grade >= 3) {
    std::string note =
        "signs or symptoms of pancreatitis assumed (worst case); grade " +
        std::to_string(g.grade - 1) + " if asymptomatic";
    g = Provisional(std::move(g), std::move(note));
  }
  Add(std::move(g));
}

// CTCAE5 5.4 counts, in 10*9/L (10*3/uL); /uL and /mm3 converted exactly.
void Grader::Counts(const Term& t, std::initializer_list<Fall> steps) {
  auto v = CountToGigaPerL(in_.value, in_.unit);
  if (!v) return UnitNotUsable(t, "10*9/L, 10*3/uL, /uL or /mm3");
  std::optional<double> lln;
  if (in_.lln) lln = CountToGigaPerL(*in_.lln, in_.unit);
  auto g = FallAbsolute(t, *v, lln, steps, "x10*9/L");
  if (!g) return NotGraded(t.name, "no lower limit of normal for grade 0/1");
  Add(std::move(*g));
}

// CTCAE5 5.4 anemia: the threshold set of the reported unit.
void Grader::Anemia() {
  PairedLow(
      kAnemia,
      {{Unit::kGPerDl,
        {{3, 8.0, false, "< 8.0"}, {2, 10.0, false, "[8.0, 10.0)"}}},
       {Unit::kMmolPerL,
        {{3, 4.9, false, "< 4.9"}, {2, 6.2, false, "[4.9, 6.2)"}}},
       {Unit::kGPerL, {{3, 80, false, "< 80"}, {2, 100, false, "[80, 100)"}}}},
      "g/dL, mmol/L or g/L");
}

// CTCAE5 5.4 fibrinogen: multiples of LLN; absolute grade 4 below 50 mg/dL
// (0.5 g/L); "if abnormal", the percent decrease from baseline. From
// iraed-rules-4 (v5 and v6 alike) "abnormal" is the current value below
// LLN, whatever the baseline, as the reference tabulates admiral
// (clinical-grading.md 5.4, ctcae-v6.md 2.2), and the unit must be mg/dL
// or g/L; before it the baseline had to be below its LLN too, and any
// unit was graded.
void Grader::Fibrinogen() {
  if (Rules4() && in_.unit != Unit::kMgPerDl && in_.unit != Unit::kGPerL) {
    return UnitNotUsable(kFibrinogen, "mg/dL or g/L");
  }
  std::optional<TermGrade> best;
  auto consider = [&best](TermGrade g) {
    if (!best || g.grade > best->grade) best = std::move(g);
  };
  if ((in_.unit == Unit::kMgPerDl && Lt(in_.value, 50)) ||
      (in_.unit == Unit::kGPerL && Lt(in_.value, 0.5))) {
    consider(Make(kFibrinogen, 4, "absolute < 50 mg/dL (0.5 g/L)"));
  }
  if (in_.lln) {
    consider(Make(kFibrinogen, 0, ">= LLN"));
    const double lln = *in_.lln;
    for (const Fall& s :
         {Fall{4, 0.25, false, "< 0.25"}, Fall{3, 0.5, false, "[0.25, 0.5)"},
          Fall{2, 0.75, false, "[0.5, 0.75)"},
          Fall{1, 1.0, false, "[0.75, 1.0)"}}) {
      if (Lt(in_.value, Times(s.threshold, lln))) {
        consider(Make(
            kFibrinogen, s.grade,
            std::string(s.band) + " x LLN (LLN " + FormatNumber(lln) + ")"));
        break;
      }
    }
    const auto base_lln = in_.baseline_lln ? in_.baseline_lln : in_.lln;
    const bool abnormal =
        Lt(in_.value, lln) &&
        (Rules4() || (in_.baseline && Lt(*in_.baseline, *base_lln)));
    if (in_.baseline && abnormal && *in_.baseline > 0) {
      const double decrease =
          Round12((*in_.baseline - in_.value) / *in_.baseline * 100.0);
      int g = Ge(decrease, 75)   ? 4
              : Ge(decrease, 50) ? 3
              : Ge(decrease, 25) ? 2
              : Gt(decrease, 0)  ? 1
                                 : 0;
      if (g > 0) {
        consider(Make(kFibrinogen, g,
                      FormatNumber(decrease) +
                          (Rules4() ? "% decrease from baseline "
                                    : "% decrease from abnormal baseline ") +
                          FormatNumber(*in_.baseline)));
      }
    }
  }
  if (!best) {
    return NotGraded(kFibrinogen.name, "no lower limit of normal");
  }
  Add(std::move(*best));
}

// CTCAE5 5.4 INR: absolute steps; with a baseline, also multiples of the
// baseline, which CTCAE applies to anticoagulated patients: assumed (worst
// case, as admiral) and marked provisional when it decides.
void Grader::Inr() {
  if (in_.unit != Unit::kNone) {
    return UnitNotUsable(kInr, "no unit (a ratio: \"\", {INR}, ratio)");
  }
  TermGrade g = Make(kInr, 0, "<= 1.2");
  for (const Rise& s :
       {Rise{3, 2.5, false, "> 2.5"}, Rise{2, 1.5, false, "(1.5, 2.5]"},
        Rise{1, 1.2, false, "(1.2, 1.5]"}}) {
    if (Gt(in_.value, s.multiple)) {
      g = Make(kInr, s.grade, s.band);
      break;
    }
  }
  if (in_.baseline) {
    TermGrade b = RiseAgainst(kInr, in_.value, *in_.baseline, "baseline",
                              {{3, 2.5, false, "> 2.5"},
                               {2, 1.5, false, "(1.5, 2.5]"},
                               {1, 1.0, false, "(1.0, 1.5]"}});
    if (b.grade > g.grade) {
      g = Provisional(std::move(b),
                      "on anticoagulation assumed (baseline rule, worst case)");
    }
  }
  Add(std::move(g));
}

void Grader::UlnOnly(const Term& t, std::initializer_list<Rise> steps) {
  if (!NeedUln(t)) return;
  Add(RiseAgainst(t, in_.value, *in_.uln, "ULN", steps));
}

// CTCAE5 5.5 hyponatremia, mmol/L. 125-129 is grade 2 if asymptomatic and
// grade 3 if symptomatic: worst case, provisional. Integer bands read as
// half-open: [125, 130), [120, 125).
void Grader::Sodium() {
  if (!MonovalentMolar()) {
    if (Rules3()) UnitNotUsable(kHyperNa, "mmol/L or mEq/L");
    return UnitNotUsable(kHypoNa, "mmol/L or mEq/L");
  }
  auto g = FallAbsolute(kHypoNa, in_.value, in_.lln,
                        {{4, 120, false, "< 120"},
                         {3, 125, false, "[120, 125)"},
                         {3, 130, false, "[125, 130)"}},
                        "mmol/L");
  if (Rules3()) {
    // Hypernatremia (ADM5 = ADM6, ctcae-v6.md 2.6): (ULN, 150] 1, (150,
    // 155] 2, (155, 160] 3, > 160 4.
    PairedHigh(
        kHyperNa,
        {{in_.unit,
          {{4, 160, "> 160"}, {3, 155, "(155, 160]"}, {2, 150, "(150, 155]"}}}},
        "mmol/L or mEq/L");
  }
  if (!g) return NotGraded(kHypoNa.name, "no lower limit of normal");
  if (g->grade == 3 && Ge(in_.value, 125)) {
    g = Provisional(std::move(*g),
                    "symptomatic assumed (worst case); grade 2 if "
                    "asymptomatic");
  }
  Add(std::move(*g));
}

// CTCAE5 5.5 potassium, mmol/L: both terms. Hypokalemia [3.0, LLN) is
// grade 1, or grade 2 when symptomatic: worst case, provisional.
void Grader::Potassium() {
  if (!MonovalentMolar()) {
    UnitNotUsable(kHyperK, "mmol/L or mEq/L");
    return UnitNotUsable(kHypoK, "mmol/L or mEq/L");
  }
  const double v = in_.value;
  if (Gt(v, 7.0)) {
    Add(Make(kHyperK, 4, "> 7.0 mmol/L"));
  } else if (Gt(v, 6.0)) {
    Add(Make(kHyperK, 3, "(6.0, 7.0] mmol/L"));
  } else if (Gt(v, 5.5)) {
    Add(Make(kHyperK, 2, "(5.5, 6.0] mmol/L"));
  } else if (!in_.uln) {
    NotGraded(kHyperK.name, "no upper limit of normal for grade 0/1");
  } else if (Gt(v, *in_.uln)) {
    Add(Make(kHyperK, 1,
             "(ULN, 5.5] mmol/L (ULN " + FormatNumber(*in_.uln) + ")"));
  } else {
    Add(Make(kHyperK, 0, "<= ULN (" + FormatNumber(*in_.uln) + " mmol/L)"));
  }
  auto low = FallAbsolute(
      kHypoK, v, in_.lln,
      {{4, 2.5, false, "< 2.5"}, {3, 3.0, false, "[2.5, 3.0)"}}, "mmol/L");
  if (!low) return NotGraded(kHypoK.name, "no lower limit of normal");
  if (low->grade == 1) {
    low->grade = 2;
    low = Provisional(std::move(*low),
                      "symptomatic assumed (worst case); grade 1 if "
                      "asymptomatic");
  }
  Add(std::move(*low));
}

void Grader::PairedLow(
    const Term& t,
    std::initializer_list<std::pair<Unit, std::initializer_list<Fall>>> sets,
    const char* expected) {
  for (const auto& [unit, steps] : sets) {
    if (unit != in_.unit) continue;
    auto g = FallAbsolute(t, in_.value, in_.lln, steps,
                          std::string(UnitName(unit)).c_str());
    if (!g) return NotGraded(t.name, "no lower limit of normal for grade 0/1");
    return Add(std::move(*g));
  }
  UnitNotUsable(t, expected);
}

// High terms with absolute steps per unit and grade 1 above ULN (up to the
// first step): hypernatremia, hypercalcemia, hypermagnesemia. Grade 0 and
// 1 need the ULN; the absolute grades do not (section 1 point 4).
void Grader::PairedHigh(
    const Term& t,
    std::initializer_list<std::pair<Unit, std::initializer_list<Above>>> sets,
    const char* expected) {
  for (const auto& [unit, steps] : sets) {
    if (unit != in_.unit) continue;
    const std::string u(UnitName(unit));
    for (const Above& s : steps) {
      if (Gt(in_.value, s.threshold)) {
        return Add(Make(t, s.grade, std::string(s.band) + " " + u));
      }
    }
    if (!in_.uln) {
      return NotGraded(t.name, "no upper limit of normal for grade 0/1");
    }
    if (Gt(in_.value, *in_.uln)) {
      return Add(
          Make(t, 1, "> ULN (" + FormatNumber(*in_.uln) + " " + u + ")"));
    }
    return Add(Make(t, 0, "<= ULN (" + FormatNumber(*in_.uln) + " " + u + ")"));
  }
  UnitNotUsable(t, expected);
}

// Hemoglobin increased (ADM5 = ADM6, ctcae-v6.md 2.1; the v5 published
// wording is UNVERIFIED there): above ULN by up to 2 g/dL (20 g/L) grade 1,
// by up to 4 (40) grade 2, by more grade 3. Needs the ULN.
void Grader::HemoglobinIncreased() {
  double step = 0;
  if (in_.unit == Unit::kGPerDl) {
    step = 2;
  } else if (in_.unit == Unit::kGPerL) {
    step = 20;
  } else {
    return UnitNotUsable(kHgbUp, "g/dL or g/L");
  }
  if (!NeedUln(kHgbUp)) return;
  const double uln = *in_.uln;
  const std::string u(UnitName(in_.unit));
  const std::string of = " (ULN " + FormatNumber(uln) + " " + u + ")";
  if (Gt(in_.value, Round12(uln + 2 * step))) {
    return Add(Make(kHgbUp, 3, "> ULN + " + FormatNumber(2 * step) + of));
  }
  if (Gt(in_.value, Round12(uln + step))) {
    return Add(Make(kHgbUp, 2,
                    "(ULN + " + FormatNumber(step) + ", ULN + " +
                        FormatNumber(2 * step) + "]" + of));
  }
  if (Gt(in_.value, uln)) {
    return Add(Make(kHgbUp, 1, "(ULN, ULN + " + FormatNumber(step) + "]" + of));
  }
  Add(Make(kHgbUp, 0, "<= ULN" + of));
}

// A count term with only absolute rising steps (leukocytosis, lymphocyte
// count increased; ctcae-v6.md 2.1, same in v5): below the lowest step the
// grade is 0, with no limit needed.
void Grader::CountAbove(const Term& t, std::initializer_list<Above> steps) {
  const std::optional<double> g = CountToGigaPerL(in_.value, in_.unit);
  if (!g) return UnitNotUsable(t, "a cell count unit (10*9/L, 10*3/uL, /uL)");
  for (const Above& s : steps) {
    if (Gt(*g, s.threshold)) {
      return Add(Make(t, s.grade, std::string(s.band) + " x 10^9/L"));
    }
  }
  Add(Make(t, 0,
           std::string("<= ") +
               FormatNumber(std::data(steps)[steps.size() - 1].threshold) +
               " x 10^9/L"));
}

// Hypertriglyceridemia (ctcae-v6.md 2.7, v5 the same): no ULN; the text's
// grade 1 range "150 - 300 mg/dL; 1.71 - 3.42 mmol/L" is closed, so 150
// mg/dL is grade 1 (the CTCAE range convention, section 1 point 1, as for
// GGT; admiral's strict > 150 is not followed).
void Grader::Triglycerides() {
  struct Set {
    Unit unit;
    double g1_from, g2, g3, g4;
  };
  for (const Set& s : {Set{Unit::kMgPerDl, 150, 300, 500, 1000},
                       Set{Unit::kMmolPerL, 1.71, 3.42, 5.7, 11.4}}) {
    if (s.unit != in_.unit) continue;
    const std::string u(UnitName(s.unit));
    const double v = in_.value;
    if (Gt(v, s.g4))
      return Add(Make(kHyperTg, 4, "> " + FormatNumber(s.g4) + " " + u));
    if (Gt(v, s.g3)) {
      return Add(Make(
          kHyperTg, 3,
          "(" + FormatNumber(s.g3) + ", " + FormatNumber(s.g4) + "] " + u));
    }
    if (Gt(v, s.g2)) {
      return Add(Make(
          kHyperTg, 2,
          "(" + FormatNumber(s.g2) + ", " + FormatNumber(s.g3) + "] " + u));
    }
    if (Ge(v, s.g1_from)) {
      return Add(Make(kHyperTg, 1,
                      "[" + FormatNumber(s.g1_from) + ", " +
                          FormatNumber(s.g2) + "] " + u));
    }
    return Add(Make(kHyperTg, 0, "< " + FormatNumber(s.g1_from) + " " + u));
  }
  UnitNotUsable(kHyperTg, "mg/dL or mmol/L");
}

// Acidosis and alkalosis from blood pH (ctcae-v6.md 2.6, v5 the same):
// acidosis [7.3, LLN) 1, < 7.3 3; alkalosis (ULN, 7.5] 1, > 7.5 3 (grade
// 4 is clinical). pH has no unit ("[pH]" or none).
void Grader::Ph() {
  if (in_.unit != Unit::kNone) {
    UnitNotUsable(kAcidosis, "[pH] (no unit)");
    return UnitNotUsable(kAlkalosis, "[pH] (no unit)");
  }
  const double v = in_.value;
  if (Lt(v, 7.3)) {
    Add(Make(kAcidosis, 3, "< 7.3"));
  } else if (!in_.lln) {
    NotGraded(kAcidosis.name, "no lower limit of normal for grade 0/1");
  } else if (Lt(v, *in_.lln)) {
    Add(Make(kAcidosis, 1, "[7.3, LLN) (LLN " + FormatNumber(*in_.lln) + ")"));
  } else {
    Add(Make(kAcidosis, 0, ">= LLN (" + FormatNumber(*in_.lln) + ")"));
  }
  if (Gt(v, 7.5)) {
    Add(Make(kAlkalosis, 3, "> 7.5"));
  } else if (!in_.uln) {
    NotGraded(kAlkalosis.name, "no upper limit of normal for grade 0/1");
  } else if (Gt(v, *in_.uln)) {
    Add(Make(kAlkalosis, 1, "(ULN, 7.5] (ULN " + FormatNumber(*in_.uln) + ")"));
  } else {
    Add(Make(kAlkalosis, 0, "<= ULN (" + FormatNumber(*in_.uln) + ")"));
  }
}

void Grader::PastLimit(const Term& t, bool above) {
  const std::optional<double> limit = above ? in_.uln : in_.lln;
  if (!limit) {
    return NotGraded(t.name, above ? "no upper limit of normal"
                                   : "no lower limit of normal");
  }
  const std::string what = above ? "ULN" : "LLN";
  const bool past = above ? Gt(in_.value, *limit) : Lt(in_.value, *limit);
  Add(Make(t, past ? 1 : 0,
           std::string(past ? (above ? "> " : "< ") : (above ? "<= " : ">= ")) +
               what + " (" + FormatNumber(*limit) + ")"));
}

// CTCAE5 5.2 chronic kidney disease by eGFR (mL/min/1.73 m2): grade 1 from
// LLN down to 60; integer bands read as half-open [30, 60), [15, 30).
void Grader::Egfr() {
  if (in_.unit != Unit::kMlPerMinPer173M2) {
    return UnitNotUsable(kCkd, "mL/min/{1.73_m2}");
  }
  auto g = FallAbsolute(kCkd, in_.value, in_.lln,
                        {{4, 15, false, "< 15"},
                         {3, 30, false, "[15, 30)"},
                         {2, 60, false, "[30, 60)"}},
                        "mL/min/{1.73_m2}");
  if (!g) return NotGraded(kCkd.name, "no lower limit of normal for grade 0/1");
  Add(std::move(*g));
}

// CTCAE5 5.5 troponin: grade 1 above ULN and below the assay's MI level,
// grade 3 at or above it (>= is this reference's reading). Without a
// configured MI cut-off the worst case (grade 3) is provisional.
void Grader::Troponin(const Term& t) {
  if (!NeedUln(t)) return;
  if (!Gt(in_.value, *in_.uln)) {
    return Add(Make(t, 0, "<= ULN (" + FormatNumber(*in_.uln) + ")"));
  }
  if (!in_.mi_cutoff) {
    return Add(Provisional(
        Make(
            t, 3,
            "> ULN (" + FormatNumber(*in_.uln) + "), no MI cut-off configured"),
        "level consistent with myocardial infarction assumed (no MI cut-off "
        "configured for this assay); grade 1 if below it"));
  }
  if (Ge(in_.value, *in_.mi_cutoff)) {
    return Add(Make(t, 3, ">= MI cut-off " + FormatNumber(*in_.mi_cutoff)));
  }
  Add(Make(t, 1, "(ULN, MI cut-off " + FormatNumber(*in_.mi_cutoff) + ")"));
}

// CTCAE5 5.6 fever, in the reported unit's threshold set: G1 [38.0, 39.0]
// Cel / [100.4, 102.2] degF; G2 (39.0, 40.0] / (102.2, 104.0]; G3 > 40.0 /
// > 104.0. Grade 4 needs > 40.0 for more than 24 h: a single value gives 3.
void Grader::Fever() {
  struct Set {
    double g1, g2, g3;
    const char* unit;
  };
  Set set;
  if (in_.unit == Unit::kCelsius) {
    set = {38.0, 39.0, 40.0, "Cel"};
  } else if (in_.unit == Unit::kFahrenheit) {
    set = {100.4, 102.2, 104.0, "[degF]"};
  } else {
    return UnitNotUsable(kFever, "Cel or [degF]");
  }
  const double v = in_.value;
  const std::string u = std::string(" ") + set.unit;
  if (Gt(v, set.g3)) {
    return Add(
        Provisional(Make(kFever, 3, "> " + FormatNumber(set.g3) + u),
                    "duration unknown from one value: grade 4 if above " +
                        FormatNumber(set.g3) + u + " for more than 24 h"));
  }
  if (Gt(v, set.g2)) {
    return Add(Make(
        kFever, 2,
        "(" + FormatNumber(set.g2) + ", " + FormatNumber(set.g3) + "]" + u));
  }
  if (Ge(v, set.g1)) {
    return Add(Make(
        kFever, 1,
        "[" + FormatNumber(set.g1) + ", " + FormatNumber(set.g2) + "]" + u));
  }
  Add(Make(kFever, 0, "< " + FormatNumber(set.g1) + u));
}

// CTCAE5 5.6 diarrhea: the increase in stools per 24 h over the
// pre-treatment baseline: < 4 -> 1, 4-6 -> 2, >= 7 -> 3. Counts are whole
// numbers, so the bands are read (0, 4), [4, 7), [7, inf) (section 1, gaps
// between integer bands); no increase is grade 0. Grade 4 (life-
// threatening) and the ostomy and ADL criteria are clinical, not counts.
// Without a baseline the whole count is taken as the increase (baseline 0,
// the worst case) and the grade is provisional.
void Grader::Diarrhea() {
  if (in_.unit != Unit::kPerDay && in_.unit != Unit::kNone) {
    return UnitNotUsable(kDiarrhea, "/d (stools per 24 h) or none");
  }
  if (Lt(in_.value, 0) || (in_.baseline && Lt(*in_.baseline, 0))) {
    return NotGraded(kDiarrhea.name, "a stool count cannot be negative");
  }
  const double base = in_.baseline.value_or(0);
  const double increase = Round12(in_.value - base);
  struct Band {
    int grade;
    const char* text;
  };
  const Band band = Ge(increase, 7)   ? Band{3, ">= 7"}
                    : Ge(increase, 4) ? Band{2, "[4, 7)"}
                    : Gt(increase, 0) ? Band{1, "(0, 4)"}
                                      : Band{0, "no"};
  const int grade = band.grade;
  TermGrade g = Make(
      kDiarrhea, grade,
      std::string(band.text) + " increase in stools/24 h over baseline (" +
          FormatNumber(in_.value) + " against " +
          (in_.baseline ? "baseline " + FormatNumber(base) : "no baseline") +
          ")");
  if (!in_.baseline && grade > 0) {
    g = Provisional(std::move(g),
                    "no pre-treatment stool frequency: the whole count is "
                    "taken as the increase (baseline 0, worst case)");
  }
  Add(std::move(g));
}

// CTCAE5 5.5 hypoglycemia (v6 the same, ctcae-v6.md 2.6).
void Grader::Hypoglycemia() {
  PairedLow(kHypoGlu,
            {{Unit::kMgPerDl,
              {{4, 30, false, "< 30"},
               {3, 40, false, "[30, 40)"},
               {2, 55, false, "[40, 55)"}}},
             {Unit::kMmolPerL,
              {{4, 1.7, false, "< 1.7"},
               {3, 2.2, false, "[1.7, 2.2)"},
               {2, 3.0, false, "[2.2, 3.0)"}}}},
            "mg/dL or mmol/L");
}

// CTCAE5 5.5 hypoalbuminemia (v6 the same).
void Grader::Hypoalbuminemia() {
  PairedLow(
      kHypoAlb,
      {{Unit::kGPerDl, {{3, 2.0, false, "< 2"}, {2, 3.0, false, "[2, 3)"}}},
       {Unit::kGPerL, {{3, 20, false, "< 20"}, {2, 30, false, "[20, 30)"}}}},
      "g/dL or g/L");
}

// CTCAE5 5.5 hypocalcemia, and hypercalcemia from iraed-rules-3, total
// (corrected) calcium (v6 the same).
void Grader::CalciumTotal() {
  PairedLow(kHypoCa,
            {{Unit::kMgPerDl,
              {{4, 6.0, false, "< 6.0"},
               {3, 7.0, false, "[6.0, 7.0)"},
               {2, 8.0, false, "[7.0, 8.0)"}}},
             {Unit::kMmolPerL,
              {{4, 1.5, false, "< 1.5"},
               {3, 1.75, false, "[1.5, 1.75)"},
               {2, 2.0, false, "[1.75, 2.0)"}}}},
            "mg/dL or mmol/L");
  if (Rules3()) {
    // ADM5 = ADM6 (ctcae-v6.md 2.6), corrected or total calcium.
    PairedHigh(
        kHyperCa,
        {{Unit::kMgPerDl,
          {{4, 13.5, "> 13.5"},
           {3, 12.5, "(12.5, 13.5]"},
           {2, 11.5, "(11.5, 12.5]"}}},
         {Unit::kMmolPerL,
          {{4, 3.4, "> 3.4"}, {3, 3.1, "(3.1, 3.4]"}, {2, 2.9, "(2.9, 3.1]"}}}},
        "mg/dL or mmol/L");
  }
}

// Ionized calcium, both directions (rule sets from iraed-rules-3; v6 the
// same).
void Grader::CalciumIonized() {
  // CTCAE gives ionized calcium in mmol/L only; the mg/dL sets are
  // admiral's x 4 conversion (ctcae-v6.md 2.6, ADM5 = ADM6).
  PairedLow(kHypoCa,
            {{Unit::kMmolPerL,
              {{4, 0.8, false, "ionized < 0.8"},
               {3, 0.9, false, "ionized [0.8, 0.9)"},
               {2, 1.0, false, "ionized [0.9, 1.0)"}}},
             {Unit::kMgPerDl,
              {{4, 3.2, false, "ionized < 3.2"},
               {3, 3.6, false, "ionized [3.2, 3.6)"},
               {2, 4.0, false, "ionized [3.6, 4.0)"}}}},
            "mmol/L or mg/dL");
  PairedHigh(kHyperCa,
             {{Unit::kMmolPerL,
               {{4, 1.8, "ionized > 1.8"},
                {3, 1.6, "ionized (1.6, 1.8]"},
                {2, 1.5, "ionized (1.5, 1.6]"}}},
              {Unit::kMgPerDl,
               {{4, 7.2, "ionized > 7.2"},
                {3, 6.4, "ionized (6.4, 7.2]"},
                {2, 6.0, "ionized (6.0, 6.4]"}}}},
             "mmol/L or mg/dL");
}

// CTCAE5 5.5 hypomagnesemia, and hypermagnesemia from iraed-rules-3 (v6
// the same).
void Grader::Magnesium() {
  PairedLow(kHypoMg,
            {{Unit::kMgPerDl,
              {{4, 0.7, false, "< 0.7"},
               {3, 0.9, false, "[0.7, 0.9)"},
               {2, 1.2, false, "[0.9, 1.2)"}}},
             {Unit::kMmolPerL,
              {{4, 0.3, false, "< 0.3"},
               {3, 0.4, false, "[0.3, 0.4)"},
               {2, 0.5, false, "[0.4, 0.5)"}}}},
            "mg/dL or mmol/L");
  if (Rules3()) {
    // ADM5 = ADM6 (ctcae-v6.md 2.6): no grade 2.
    PairedHigh(
        kHyperMg,
        {{Unit::kMgPerDl, {{4, 8.0, "> 8.0"}, {3, 3.0, "(3.0, 8.0]"}}},
         {Unit::kMmolPerL, {{4, 3.30, "> 3.30"}, {3, 1.23, "(1.23, 3.30]"}}}},
        "mg/dL or mmol/L");
  }
}

// Cholesterol high (ctcae-v6.md 2.7, v5 the same).
void Grader::CholesterolHigh() {
  PairedHigh(
      kCholHigh,
      {{Unit::kMgPerDl,
        {{4, 500, "> 500"}, {3, 400, "(400, 500]"}, {2, 300, "(300, 400]"}}},
       {Unit::kMmolPerL,
        {{4, 12.92, "> 12.92"},
         {3, 10.34, "(10.34, 12.92]"},
         {2, 7.75, "(7.75, 10.34]"}}}},
      "mg/dL or mmol/L");
}

// Hyperuricemia (ctcae-v6.md 2.7, v5 the same).
void Grader::Hyperuricemia() {
  // "> ULN" is grade 1 without and grade 3 with physiologic
  // consequences: the worst case (admiral), provisional.
  if (NeedUln(kHyperUric)) {
    if (Gt(in_.value, *in_.uln)) {
      Add(Provisional(
          Make(kHyperUric, 3, "> ULN (" + FormatNumber(*in_.uln) + ")"),
          "physiologic consequences assumed (worst case); grade 1 "
          "without"));
    } else {
      Add(Make(kHyperUric, 0, "<= ULN (" + FormatNumber(*in_.uln) + ")"));
    }
  }
}

// CD4 lymphocytes decreased (ctcae-v6.md 2.1, v5 the same).
void Grader::Cd4Decreased() {
  Counts(kCd4Down, {{4, 0.05, false, "< 0.05"},
                    {3, 0.2, false, "[0.05, 0.2)"},
                    {2, 0.5, false, "[0.2, 0.5)"}});
}

// CTCAE5 5.4 white blood cell decreased, and leukocytosis from
// iraed-rules-3 (v6 the same).
void Grader::WhiteCells() {
  Counts(kWbc, {{4, 1.0, false, "< 1.0"},
                {3, 2.0, false, "[1.0, 2.0)"},
                {2, 3.0, false, "[2.0, 3.0)"}});
  if (Rules3()) CountAbove(kLeukocytosis, {{3, 100, "> 100"}});
}

}  // namespace iraed::grading::ctcae_detail
