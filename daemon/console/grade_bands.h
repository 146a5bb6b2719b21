// File: console/grade_bands.h
//
// Which grade a value on a patient plot would get, asked of the grading
// rules themselves (console/plot.h draws their bands): CTCAE for the labs
// and temperature (the version the site pages by, at the limits of the
// patient's latest result, for a normal baseline), ASTCT ICANS for the ICE
// and CAPD scores (that score alone). Pure.
#ifndef IRAED_CONSOLE_GRADE_BANDS_H_
#define IRAED_CONSOLE_GRADE_BANDS_H_

#include <functional>
#include <optional>
#include <string>

#include "grading/analytes.h"
#include "grading/ctcae6_labs.h"
#include "grading/rule_set.h"
#include "grading/units.h"

namespace iraed::console {

struct BandContext {
  grading::Analyte analyte = grading::Analyte::kAlt;
  grading::Unit unit = grading::Unit::kNone;
  std::optional<double> uln;
  std::optional<double> lln;
  grading::CtcaeVersion version = grading::CtcaeVersion::kV5;
  grading::RuleSet rule_set = grading::kCurrentRuleSet;
};

// The worst grade CTCAE gives `value` of `c.analyte` over its terms (for
// the twelve plotted series one term bears at a time: ALT increased,
// platelets decreased ...); nullopt where the rule gives none.
using GradeOf = std::function<std::optional<int>(double value)>;
GradeOf CtcaeGradeOf(const BandContext& c);
// ICANS grade from an ICE score (0..10) or, for a child, a CAPD score.
GradeOf IcansGradeOf(bool capd);

// "CTCAE 5.0 at ULN 56 U/L", naming the limits the bands assume.
std::string BandSource(const BandContext& c, const std::string& unit_text);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_GRADE_BANDS_H_
