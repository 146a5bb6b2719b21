#include "grading/asco_irae.h"

#include <algorithm>
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
  }
  return "";
}

}  // namespace iraed::grading
