#include "grading/crs.h"

#include <algorithm>
#include <cstdio>

#include "grading/exact.h"
#include "grading/format.h"

namespace iraed::grading {
namespace {

// LEE-CRS: fever is temperature >= 38.0 Cel.
constexpr double kFeverC = 38.0;
// LEE-CRS footnote: low-flow nasal cannula is <= 6 L/min.
constexpr double kLowFlowMaxLPerMin = 6.0;

std::string Num4(double v) { return FormatNumber(v, 4); }

}  // namespace

CrsGrade GradeCrs(const CrsInputs& in) {
  CrsGrade out;
  const bool fever = in.temperature_c && Ge(*in.temperature_c, kFeverC);
  if (!fever && !in.fever_masked) {
    out.reason =
        in.temperature_c
            ? "no fever (" + FormatNumber(*in.temperature_c) + " Cel < 38.0)"
            : "no current temperature";
    return out;
  }

  int hypotension_grade = 0;
  std::string hypotension_reason;
  const int pressors = in.vasopressors_excluding_vasopressin;
  if (pressors >= 2) {
    hypotension_grade = 4;
    hypotension_reason = "multiple vasopressors";
  } else if (pressors == 1 || in.vasopressin_running) {
    hypotension_grade = 3;
    hypotension_reason = pressors == 1 ? "one vasopressor" : "vasopressin";
    if (pressors == 1 && in.vasopressin_running) {
      hypotension_reason += " with vasopressin";
    }
  } else if (in.hypotension.value_or(false)) {
    hypotension_grade = 2;
    hypotension_reason = "hypotension not requiring vasopressors";
  }

  int hypoxia_grade = 0;
  std::string hypoxia_reason;
  bool flow_assumed = false;
  if (in.oxygen_device) {
    switch (*in.oxygen_device) {
      case OxygenDevice::kNone:
        break;
      case OxygenDevice::kNasalCannula:
        if (!in.oxygen_flow_l_min) {
          hypoxia_grade = 2;
          flow_assumed = true;
          hypoxia_reason = "nasal cannula, flow unknown";
        } else if (*in.oxygen_flow_l_min <= 0) {
          hypoxia_reason = "nasal cannula at 0 L/min: no oxygen given";
        } else if (Le(*in.oxygen_flow_l_min, kLowFlowMaxLPerMin)) {
          hypoxia_grade = 2;
          hypoxia_reason = "low-flow nasal cannula " +
                           Num4(*in.oxygen_flow_l_min) + " L/min";
        } else {
          hypoxia_grade = 3;
          hypoxia_reason = "high-flow nasal cannula " +
                           Num4(*in.oxygen_flow_l_min) + " L/min";
        }
        break;
      case OxygenDevice::kBlowBy:
        hypoxia_grade = 2;
        hypoxia_reason = "blow-by oxygen";
        break;
      case OxygenDevice::kHighFlowNasalCannula:
        hypoxia_grade = 3;
        hypoxia_reason = "high-flow nasal cannula";
        break;
      case OxygenDevice::kFacemask:
        hypoxia_grade = 3;
        hypoxia_reason = "facemask";
        break;
      case OxygenDevice::kNonRebreather:
        hypoxia_grade = 3;
        hypoxia_reason = "non-rebreather mask";
        break;
      case OxygenDevice::kVenturiMask:
        hypoxia_grade = 3;
        hypoxia_reason = "Venturi mask";
        break;
      case OxygenDevice::kCpap:
      case OxygenDevice::kBipap:
      case OxygenDevice::kMechanicalVentilation:
        hypoxia_grade = 4;
        hypoxia_reason = "positive-pressure ventilation";
        break;
    }
  }

  const int domains = std::max(hypotension_grade, hypoxia_grade);
  // Masked and afebrile with neither domain: the CRS that was there cannot
  // be called resolved from a temperature a drug lowered; it stays grade 1.
  out.grade = std::max(1, domains);
  std::string why = fever
                        ? "fever " + FormatNumber(*in.temperature_c, 6) + " Cel"
                        : std::string(
                              "fever masked by antipyretic or "
                              "anti-cytokine therapy");
  if (!hypotension_reason.empty()) why += "; " + hypotension_reason;
  if (!hypoxia_reason.empty()) why += "; " + hypoxia_reason;
  out.reason = why;
  out.assumption = "fever not attributable to another cause";
  if (!fever && domains == 0) {
    out.provisional = true;
    out.assumption +=
        "; fever masked and no hypotension or hypoxia: grade 1 held, "
        "resolution cannot be told while fever is masked";
  }
  if (flow_assumed && hypoxia_grade >= hypotension_grade && out.grade == 2) {
    out.provisional = true;
    out.assumption += "; nasal cannula without a flow taken as low-flow";
  }
  return out;
}

}  // namespace iraed::grading
