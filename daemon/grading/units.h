// File: grading/units.h
//
// The units iraed grades in, and the spellings real feeds send for them
// (UCUM first: "10*9/L", "10*3/uL", "Cel", "[degF]"; then common variants:
// "10^9/L", "x10E3/uL", "/mm3", "mg/dl", "umol/L", "µmol/L", "mEq/L", "IU/L").
// An unknown spelling is never guessed: ParseUnit returns nullopt and the
// observation is not graded. Pure.
//
// Cell counts are read by their structure (clinical-grading.md section 7),
// COUNT "/" VOLUME, spaces ignored:
//   COUNT   empty | "cells" | "#" | {annotation} | "10*N" "10^N" "10EN"
//           "10eN" (N 0-15, also written with superscript digits, with an
//           optional leading "x" or "×") | "K" "k" "thou" "thousand" (10^3)
//           | "M" "mil" "million" (10^6) | "G" "Gpt" "giga" (10^9) | "T"
//           "Tpt" "tera" (10^12); case matters only where it changes the
//           meaning: "G/L" is 10^9/L, "g/L" grams per litre; "m" is milli.
//   VOLUME  "L" "dL" "mL" "uL" "µL" "mm3" "nL" (any case)
// e.g. 10*3/uL, 10^3/uL, 10*3/mm3, K/uL, x10E3/uL, 10*9/L, 10^9/L, G/L
// (all 10^9/L); /uL, /mm3, cells/uL, 10*3/mL, 10^3/mL (all 10^6/L);
// 10^4/uL (10^10/L); 10*6/uL, 10^12/L, T/L, M/uL (10^12/L, red cells).
// The power of ten per litre decides the unit (10^6 to 10^12 per litre);
// conversions between them are exact (CountToGigaPerL).
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
  kPerUl,             // /uL (= /mm3 = 10*3/mL = 10*6/L)
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
  // The other powers of ten of a count per litre.
  kCount10e7PerL,   // 10*7/L (= 10*1/uL)
  kCount10e8PerL,   // 10*8/L (= 10*2/uL)
  kCount10e10PerL,  // 10*10/L (= 10*4/uL, common in Japan)
  kCount10e11PerL,  // 10*11/L (= 10*5/uL)
  kTeraPerL,        // 10*12/L (= 10*6/uL = T/L: red cells)
  kMlPerMin,        // mL/min: a measured clearance, not normalised
};

// Recognises a unit spelling (case-insensitive where unambiguous).
std::optional<Unit> ParseUnit(std::string_view text);

// The canonical UCUM spelling ("10*9/L", "Cel", "" for kNone).
std::string_view UnitName(Unit u);

// Cell counts: value in `u` expressed in 10*9/L, exactly (a power of ten:
// divided by 10^k below 10*9/L, multiplied by 10^k above; both correctly
// rounded). nullopt for units that are not counts.
std::optional<double> CountToGigaPerL(double value, Unit u);

// The power of ten per litre of a count unit (kPerUl: 6, kGigaPerL: 9,
// kTeraPerL: 12); nullopt for units that are not counts.
std::optional<int> CountExponentPerLitre(Unit u);

// Temperature in degrees Celsius: (F - 32) x 5/9 for Fahrenheit.
std::optional<double> ToCelsius(double value, Unit u);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_UNITS_H_
