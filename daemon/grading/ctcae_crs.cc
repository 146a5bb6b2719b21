#include "grading/ctcae_crs.h"

#include <algorithm>

#include "grading/exact.h"
#include "grading/format.h"

namespace iraed::grading {
namespace {

void Note(std::string& text, const std::string& what) {
  if (!text.empty()) text += "; ";
  text += what;
}

bool PositivePressure(OxygenDevice d) {
  return d == OxygenDevice::kCpap || d == OxygenDevice::kBipap ||
         d == OxygenDevice::kMechanicalVentilation;
}

// Oxygen is given: a device other than room air (a nasal cannula charted
// at 0 L/min gives none), or with no device charted an inspired fraction
// above room air's 21 %; a fraction of 21 % or less is room air.
bool OxygenGiven(const CrsInputs& in) {
  if (in.fio2_percent && !Gt(*in.fio2_percent, 21)) return false;
  if (!in.oxygen_device) return in.fio2_percent.has_value();
  if (*in.oxygen_device == OxygenDevice::kNone) return false;
  return !(*in.oxygen_device == OxygenDevice::kNasalCannula &&
           in.oxygen_flow_l_min && *in.oxygen_flow_l_min <= 0);
}

}  // namespace

CtcaeCrsGrade GradeCtcaeCrs(const CrsInputs& in, int astct_grade) {
  CtcaeCrsGrade out;
  if (astct_grade <= 0) {
    out.reason = "no CRS by ASTCT 2019 (grade 0)";
    return out;
  }
  int grade = 1;
  Note(out.reason,
       "CRS present by ASTCT 2019 (grade " + std::to_string(astct_grade) + ")");
  const int pressors =
      in.vasopressors_excluding_vasopressin + (in.vasopressin_running ? 1 : 0);
  bool grade4_assumed = false;
  if (pressors >= 2) {
    grade = 4;
    grade4_assumed = true;
    Note(out.reason,
         "hypotension on " + std::to_string(pressors) + " pressors");
  } else if (pressors == 1) {
    grade = std::max(grade, 3);
    Note(out.reason, "hypotension managed with one pressor");
  } else if (in.hypotension.value_or(false)) {
    grade = std::max(grade, 2);
    Note(out.reason, "hypotension without a pressor (responding to fluids)");
  }
  bool fio2_assumed = false;
  if (in.oxygen_device && PositivePressure(*in.oxygen_device)) {
    grade = 4;
    grade4_assumed = true;
    Note(out.reason, "positive-pressure ventilation");
  } else if (OxygenGiven(in)) {
    if (!in.fio2_percent) {
      fio2_assumed = grade < 3;  // the assumption decides
      grade = std::max(grade, 3);
      Note(out.reason, "oxygen given, no current FiO2");
    } else if (Ge(*in.fio2_percent, 40)) {
      grade = std::max(grade, 3);
      Note(out.reason,
           "FiO2 " + FormatNumber(*in.fio2_percent) + " % (>= 40 %)");
    } else {
      grade = std::max(grade, 2);
      Note(out.reason,
           "FiO2 " + FormatNumber(*in.fio2_percent) + " % (< 40 %)");
    }
  }
  out.grade = grade;
  if (grade == 4 && grade4_assumed) {
    out.provisional = true;
    Note(out.assumption,
         "life-threatening consequences assumed from two or more pressors "
         "or positive-pressure ventilation; grade 3 if not");
  } else if (grade == 3 && fio2_assumed) {
    out.provisional = true;
    Note(out.assumption,
         "FiO2 not charted: >= 40 % assumed (worst case); grade 2 if below");
  }
  return out;
}

}  // namespace iraed::grading
