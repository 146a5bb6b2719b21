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

// One ASTCT domain's grade and why; `assumed`: the grade rests on an
// assumption (a nasal cannula without a flow read as low-flow).
struct DomainGrade {
  int grade = 0;
  std::string reason;
  bool assumed = false;
};

// Hypotension: vasopressors (by count; vasopressin alone counts as one)
// or hypotension not requiring them.
DomainGrade HypotensionDomain(const CrsInputs& in) {
  DomainGrade d;
  const int pressors = in.vasopressors_excluding_vasopressin;
  if (pressors >= 2) {
    d.grade = 4;
    d.reason = "multiple vasopressors";
  } else if (pressors == 1 || in.vasopressin_running) {
    d.grade = 3;
    d.reason = pressors == 1 ? "one vasopressor" : "vasopressin";
    if (pressors == 1 && in.vasopressin_running) {
      d.reason += " with vasopressin";
    }
  } else if (in.hypotension.value_or(false)) {
    d.grade = 2;
    d.reason = "hypotension not requiring vasopressors";
  }
  return d;
}

// Hypoxia: by the oxygen device, and for a nasal cannula by its flow.
DomainGrade HypoxiaDomain(const CrsInputs& in) {
  DomainGrade d;
  if (in.oxygen_device) {
    switch (*in.oxygen_device) {
      case OxygenDevice::kNone:
        break;
      case OxygenDevice::kNasalCannula:
        if (!in.oxygen_flow_l_min) {
          d.grade = 2;
          d.assumed = true;
          d.reason = "nasal cannula, flow unknown";
        } else if (*in.oxygen_flow_l_min <= 0) {
          d.reason = "nasal cannula at 0 L/min: no oxygen given";
        } else if (Le(*in.oxygen_flow_l_min, kLowFlowMaxLPerMin)) {
          d.grade = 2;
          d.reason = "low-flow nasal cannula " + Num4(*in.oxygen_flow_l_min) +
                     " L/min";
        } else {
          d.grade = 3;
          d.reason = "high-flow nasal cannula " + Num4(*in.oxygen_flow_l_min) +
                     " L/min";
        }
        break;
      case OxygenDevice::kBlowBy:
        d.grade = 2;
        d.reason = "blow-by oxygen";
        break;
      case OxygenDevice::kHighFlowNasalCannula:
        d.grade = 3;
        d.reason = "high-flow nasal cannula";
        break;
      case OxygenDevice::kFacemask:
        d.grade = 3;
        d.reason = "facemask";
        break;
      case OxygenDevice::kNonRebreather:
        d.grade = 3;
        d.reason = "non-rebreather mask";
        break;
      case OxygenDevice::kVenturiMask:
        d.grade = 3;
        d.reason = "Venturi mask";
        break;
      case OxygenDevice::kCpap:
      case OxygenDevice::kBipap:
      case OxygenDevice::kMechanicalVentilation:
        d.grade = 4;
        d.reason = "positive-pressure ventilation";
        break;
    }
  }
  return d;
}

}  // namespace

const char* CrsRuleVersion(RuleSet r) {
  return r >= RuleSet::kRules4   ? kCrsRuleVersion
         : r >= RuleSet::kRules3 ? "astct-2019-crs/iraed-3"
                                 : "astct-2019-crs/iraed-2";
}

CrsGrade GradeCrs(const CrsInputs& in) {
  CrsGrade out;
  const bool febrile = in.temperature_c && Ge(*in.temperature_c, kFeverC);
  const bool other_cause = in.fever_other_cause.value_or(false);
  const bool fever = febrile && !other_cause;
  if (!fever && !in.fever_masked) {
    out.reason =
        febrile ? "fever " + FormatNumber(*in.temperature_c, 6) +
                      " Cel attributed to another documented cause: not CRS "
                      "fever"
        : in.temperature_c
            ? "no fever (" + FormatNumber(*in.temperature_c) + " Cel < 38.0)"
            : "no current temperature";
    return out;
  }

  const DomainGrade hypotension = HypotensionDomain(in);
  const DomainGrade hypoxia = HypoxiaDomain(in);
  const int domains = std::max(hypotension.grade, hypoxia.grade);
  // Masked and afebrile with neither domain: the CRS that was there cannot
  // be called resolved from a temperature a drug lowered; it stays grade 1.
  out.grade = std::max(1, domains);
  std::string why = fever
                        ? "fever " + FormatNumber(*in.temperature_c, 6) + " Cel"
                        : std::string(
                              "fever masked by antipyretic or "
                              "anti-cytokine therapy");
  if (!hypotension.reason.empty()) why += "; " + hypotension.reason;
  if (!hypoxia.reason.empty()) why += "; " + hypoxia.reason;
  out.reason = why;
  out.assumption = in.fever_other_cause.has_value()
                       ? "fever not attributable to another cause (charted)"
                       : "fever not attributable to another cause";
  if (!fever && domains == 0) {
    out.provisional = true;
    out.assumption +=
        "; fever masked and no hypotension or hypoxia: grade 1 held, "
        "resolution cannot be told while fever is masked";
  }
  if (hypoxia.assumed && hypoxia.grade >= hypotension.grade && out.grade == 2) {
    out.provisional = true;
    out.assumption += "; nasal cannula without a flow taken as low-flow";
  }
  return out;
}

}  // namespace iraed::grading
