#include "grading/asco_irae.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "grading/exact.h"
#include "grading/format.h"

namespace iraed::grading {
namespace {

// SI-TAB: creatinine mg/dL x 88.4 = umol/L.
constexpr double kCreatinineUmolPerMg = 88.4;

// ASCO21 hepatitis bands for one analyte: multiples of ULN for grades 1..4
// are (ULN, m1], (m1, m2], (m2, m3], > m3.
int UlnBand(const UlnValue& v, double m1, double m2, double m3) {
  if (Gt(v.value, Times(m3, v.uln))) return 4;
  if (Gt(v.value, Times(m2, v.uln))) return 3;
  if (Gt(v.value, Times(m1, v.uln))) return 2;
  if (Gt(v.value, v.uln)) return 1;
  return 0;
}

std::string Num4(double v) { return FormatNumber(v, 4); }

}  // namespace

std::optional<SyndromeGrade> GradeAscoHepatitis(std::optional<UlnValue> ast,
                                                std::optional<UlnValue> alt,
                                                std::optional<UlnValue> bili) {
  if (!ast && !alt && !bili) return std::nullopt;
  SyndromeGrade out;
  auto consider = [&out](const char* name, const std::optional<UlnValue>& v,
                         double m1, double m2, double m3) {
    if (!v) return;
    const int g = UlnBand(*v, m1, m2, m3);
    if (!out.reason.empty()) out.reason += "; ";
    out.reason += std::string(name) + " " + Num4(v->value) + " (" +
                  Num4(v->value / v->uln) + " x ULN) grade " +
                  std::to_string(g);
    out.grade = std::max(out.grade, g);
  };
  consider("AST", ast, 3.0, 5.0, 20.0);
  consider("ALT", alt, 3.0, 5.0, 20.0);
  consider("bilirubin", bili, 1.5, 3.0, 10.0);
  return out;
}

std::optional<SyndromeGrade> GradeAscoNephritis(double creatinine,
                                                std::optional<double> baseline,
                                                Unit unit) {
  if (!baseline || *baseline <= 0) return std::nullopt;
  double per_mg;
  if (unit == Unit::kMgPerDl) {
    per_mg = 1.0;
  } else if (unit == Unit::kUmolPerL) {
    per_mg = kCreatinineUmolPerMg;
  } else {
    return std::nullopt;
  }
  const double b = *baseline;
  const double v = creatinine;
  SyndromeGrade out;
  const std::string ratio = Num4(v / b) + " x baseline " + Num4(b);
  if (Ge(v, Times(6.0, b))) {
    out.grade = 4;
    out.reason = ">= 6 x baseline: " + ratio;
  } else if (Gt(v, Times(3.0, b)) || Gt(v, Times(4.0, per_mg))) {
    out.grade = 3;
    out.reason = "> 3 x baseline or > 4.0 mg/dL: " + ratio;
  } else if (Gt(v, Times(2.0, b))) {
    out.grade = 2;
    out.reason = "(2, 3] x baseline: " + ratio;
  } else if (Ge(v, Times(1.5, b)) || Gt(v - b, Times(0.3, per_mg))) {
    out.grade = 1;
    out.reason = "[1.5, 2.0] x baseline or rise > 0.3 mg/dL: " + ratio;
  } else {
    out.reason = "below grade 1: " + ratio;
  }
  return out;
}

std::optional<SyndromeGrade> GradeAscoHypothyroidism(double tsh, Unit unit,
                                                     bool earlier_above_10) {
  if (unit != Unit::kMilliIuPerL || !std::isfinite(tsh)) return std::nullopt;
  SyndromeGrade out;
  const std::string value = "TSH " + Num4(tsh) + " m[IU]/L";
  // ASCO18-CCJM primary hypothyroidism: G1 TSH > 4.5 and < 10 mIU/L; G2
  // persistently > 10 (or symptomatic).
  if (Gt(tsh, 10.0)) {
    out.grade = 2;
    out.reason = value + " > 10";
    if (earlier_above_10) {
      out.reason += ", persistently (an earlier TSH was > 10)";
    } else {
      out.provisional = true;
      out.assumption =
          "one TSH > 10: grade 2 needs it persistent or symptomatic";
    }
  } else if (Gt(tsh, 4.5)) {
    out.grade = 1;
    out.reason = value + " in (4.5, 10]";
    out.provisional = true;
    out.assumption = "assumed asymptomatic: symptomatic is grade 2";
  } else {
    out.reason = value + " <= 4.5";
  }
  return out;
}

std::optional<SyndromeGrade> GradeAscoDiabetes(double glucose, Unit unit,
                                               bool fasting,
                                               std::optional<double> uln) {
  if (!std::isfinite(glucose)) return std::nullopt;
  // SI-TAB: glucose mg/dL x 0.05551 = mmol/L; thresholds are converted.
  double per_mg = 0;
  std::string_view unit_name;
  if (unit == Unit::kMgPerDl) {
    per_mg = 1.0;
    unit_name = " mg/dL";
  } else if (unit == Unit::kMmolPerL) {
    per_mg = 0.05551;
    unit_name = " mmol/L";
  } else {
    return std::nullopt;
  }
  // ASCO18-CCJM ICI-associated diabetes: fasting glucose G1 < 160 mg/dL,
  // G2 > 160-250, G3-4 > 500.
  const double t160 = Times(160.0, per_mg);
  const double t250 = Times(250.0, per_mg);
  const double t500 = Times(500.0, per_mg);
  const std::string value =
      std::string(fasting ? "fasting glucose " : "glucose ") + Num4(glucose) +
      std::string(unit_name);
  SyndromeGrade out;
  if (Gt(glucose, t500)) {
    out.grade = 3;
    out.reason = value + " > 500 mg/dL";
    out.provisional = true;
    out.assumption = "grade 3-4 band: grade 4 if life-threatening";
    return out;
  }
  if (!fasting) return std::nullopt;
  if (Gt(glucose, t250)) {
    out.grade = 2;
    out.reason = value + " in (250, 500] mg/dL";
    out.provisional = true;
    out.assumption =
        "the reference table has no band for 250-500 mg/dL: at least grade 2";
  } else if (Gt(glucose, t160)) {
    out.grade = 2;
    out.reason = value + " in (160, 250] mg/dL";
  } else if (!uln || !std::isfinite(*uln)) {
    return std::nullopt;  // grade 0 or 1 needs the ULN
  } else if (Gt(glucose, *uln)) {
    out.grade = 1;
    out.reason = value + " in (ULN " + Num4(*uln) + ", 160 mg/dL]";
  } else {
    out.reason = value + " <= ULN " + Num4(*uln);
  }
  return out;
}

// Table-driven dispatch: the ASCO action per syndrome and grade, a table.
// NOLINTNEXTLINE(readability-function-size)
std::string AscoAction(IraeSyndrome s, int grade) {
  if (grade <= 0) return "";
  switch (s) {
    case IraeSyndrome::kHepatitis:
      switch (grade) {
        case 1:
          return "Continue checkpoint inhibitor; liver tests 1-2 times a "
                 "week (ASCO21).";
        case 2:
          return "Hold checkpoint inhibitor temporarily (ASCO21); see the "
                 "guideline for corticosteroid dosing.";
        case 3:
          return "Consider permanent discontinuation if asymptomatic, "
                 "discontinue if symptomatic; methylprednisolone 1-2 mg/kg "
                 "immediately; liver tests daily or every other day; consider "
                 "admission if AST/ALT > 8 x ULN or bilirubin > 3 x ULN "
                 "(ASCO21).";
        default:
          return "Methylprednisolone 2 mg/kg/day; infliximab contraindicated "
                 "(ASCO21); permanently discontinue checkpoint inhibitor "
                 "(general principle, NCCN/SITC summary).";
      }
    case IraeSyndrome::kNephritis:
      switch (grade) {
        case 1:
          return "Hold checkpoint inhibitor (KIDNEY-CMP).";
        case 2:
          return "Hold checkpoint inhibitor; prednisone 0.5-1 mg/kg/day, "
                 "taper over 4-6 weeks once grade <= 1 (KIDNEY-CMP).";
        default:
          return "Permanently discontinue checkpoint inhibitor; prednisone "
                 "1-2 mg/kg/day, taper over 4-6 weeks once grade <= 1 "
                 "(KIDNEY-CMP).";
      }
    case IraeSyndrome::kHypothyroidism:
      switch (grade) {
        case 1:
          return "Continue checkpoint inhibitor (ASCO18-CCJM).";
        case 2:
          return "Levothyroxine 1.6 ug/kg/day (25-50 ug if over 70 or "
                 "comorbid); consider holding checkpoint inhibitor; rule out "
                 "adrenal insufficiency before thyroid hormone (ASCO18-CCJM).";
        default:
          return "Hold checkpoint inhibitor; admit; IV replacement if "
                 "myxedema; rule out adrenal insufficiency before thyroid "
                 "hormone (ASCO18-CCJM).";
      }
    case IraeSyndrome::kDiabetes:
      switch (grade) {
        case 1:
          return "Continue checkpoint inhibitor (ASCO18-CCJM).";
        case 2:
          return "May hold checkpoint inhibitor until glucose controlled; "
                 "urgent endocrine consult; insulin (ASCO18-CCJM).";
        default:
          return "Hold checkpoint inhibitor; admit (ketoacidosis); insulin "
                 "(ASCO18-CCJM).";
      }
    case IraeSyndrome::kColitis:
      switch (grade) {
        case 1:
          return "Continue checkpoint inhibitor (or hold temporarily); "
                 "monitor every 3 days (ASCO21).";
        case 2:
          return "Hold checkpoint inhibitor until grade <= 1; "
                 "corticosteroids 1 mg/kg/day unless transient, taper over "
                 "4-6 weeks; GI consult; infliximab or vedolizumab if "
                 "steroid-refractory (no one-grade improvement in 72 h) "
                 "(ASCO21).";
        case 3:
          return "Hold checkpoint inhibitor; high-dose corticosteroids "
                 "(general principle, NCCN/SITC summary); GI consult. The "
                 "ASCO21 grade 3-4 colitis text was not retrieved "
                 "(UNVERIFIED): follow the site protocol.";
        default:
          return "Permanently discontinue checkpoint inhibitor (general "
                 "principle, NCCN/SITC summary); GI consult. The ASCO21 "
                 "grade 3-4 colitis text was not retrieved (UNVERIFIED): "
                 "follow the site protocol.";
      }
  }
  return "";
}

}  // namespace iraed::grading
