// File: grading/units.h
//
// The units iraed grades in, and the spellings real feeds send for them
// (UCUM first: "10*9/L", "10*3/uL", "Cel", "[degF]"; then common variants:
// "10^9/L", "x10E3/uL", "/mm3", "mg/dl", "umol/L", "µmol/L", "mEq/L", "IU/L").
// An unknown spelling is never guessed: ParseUnit returns nullopt and the
// observation is not graded. Pure.
#ifndef IRAED_GRADING_UNITS_H_
#define IRAED_GRADING_UNITS_H_

#include <optional>
#include <string_view>

namespace iraed::grading {

enum class Unit {
  kNone,              // no unit (ratios such as INR, scores)
  kUnitsPerL,         // U/L (= IU/L)
  kMgPerDl,           // mg/dL
  kMgPerL,            // mg/L
  kUmolPerL,          // umol/L
  kMmolPerL,          // mmol/L
  kMeqPerL,           // mEq/L: equals mmol/L only for monovalent Na and K
  kGPerDl,            // g/dL
  kGPerL,             // g/L
  kGigaPerL,          // 10*9/L (= 10*3/uL = 1000/mm3)
  kPerUl,             // /uL (= /mm3)
  kSeconds,           // s
  kNgPerMl,           // ng/mL (= ug/L)
  kNgPerL,            // ng/L (= pg/mL)
  kPercent,           // %
  kMlPerMinPer173M2,  // mL/min/{1.73_m2}
  kLPerMin,           // L/min
  kCelsius,           // Cel
  kFahrenheit,        // [degF]
  kMmHg,              // mm[Hg]
  kMilliIuPerL,       // m[IU]/L (= uIU/mL)
  kPerDay,            // /d: a count per 24 hours (stools)
};

// Recognises a unit spelling (case-insensitive where unambiguous).
std::optional<Unit> ParseUnit(std::string_view text);

// The canonical UCUM spelling ("10*9/L", "Cel", "" for kNone).
std::string_view UnitName(Unit u);

// Cell counts: value in `u` expressed in 10*9/L (kGigaPerL x1, kPerUl
// x0.001). nullopt for units that are not counts.
std::optional<double> CountToGigaPerL(double value, Unit u);

// Temperature in degrees Celsius: (F - 32) x 5/9 for Fahrenheit.
std::optional<double> ToCelsius(double value, Unit u);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_UNITS_H_
