#include "grading/units.h"

#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace iraed::grading {
namespace {

// Lower-cased, spaces removed, micro signs folded to "u", "^" and "e" powers
// folded to "*": "x10E3/µL" -> "10*3/ul".
std::string Fold(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ') continue;
    // U+00B5 MICRO SIGN and U+03BC GREEK SMALL LETTER MU in UTF-8.
    if ((c == 0xC2 && i + 1 < text.size() &&
         static_cast<unsigned char>(text[i + 1]) == 0xB5) ||
        (c == 0xCE && i + 1 < text.size() &&
         static_cast<unsigned char>(text[i + 1]) == 0xBC)) {
      out.push_back('u');
      ++i;
      continue;
    }
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  if (out.rfind("x10", 0) == 0) out.erase(0, 1);
  for (const char* power : {"10^", "10e"}) {
    if (out.rfind(power, 0) == 0) out.replace(0, 3, "10*");
  }
  return out;
}

constexpr std::array<std::pair<std::string_view, Unit>, 58> kSpellings = {{
    {"", Unit::kNone},
    {"{ratio}", Unit::kNone},
    {"{inr}", Unit::kNone},
    {"ratio", Unit::kNone},
    {"inr", Unit::kNone},
    {"u/l", Unit::kUnitsPerL},
    {"iu/l", Unit::kUnitsPerL},
    {"[iu]/l", Unit::kUnitsPerL},
    {"units/l", Unit::kUnitsPerL},
    {"mg/dl", Unit::kMgPerDl},
    {"mg/l", Unit::kMgPerL},
    {"umol/l", Unit::kUmolPerL},
    {"mmol/l", Unit::kMmolPerL},
    {"meq/l", Unit::kMeqPerL},
    {"g/dl", Unit::kGPerDl},
    {"g/l", Unit::kGPerL},
    {"10*9/l", Unit::kGigaPerL},
    {"10*3/ul", Unit::kGigaPerL},
    {"10*3/mm3", Unit::kGigaPerL},
    {"k/ul", Unit::kGigaPerL},
    {"thou/ul", Unit::kGigaPerL},
    {"gpt/l", Unit::kGigaPerL},
    {"giga/l", Unit::kGigaPerL},
    {"/ul", Unit::kPerUl},
    {"/mm3", Unit::kPerUl},
    {"cells/ul", Unit::kPerUl},
    {"cells/mm3", Unit::kPerUl},
    {"s", Unit::kSeconds},
    {"sec", Unit::kSeconds},
    {"seconds", Unit::kSeconds},
    {"ng/ml", Unit::kNgPerMl},
    {"ug/l", Unit::kNgPerMl},
    {"ng/l", Unit::kNgPerL},
    {"pg/ml", Unit::kNgPerL},
    {"%", Unit::kPercent},
    {"ml/min/{1.73_m2}", Unit::kMlPerMinPer173M2},
    {"ml/min/1.73m2", Unit::kMlPerMinPer173M2},
    {"ml/min/1.73_m2", Unit::kMlPerMinPer173M2},
    {"l/min", Unit::kLPerMin},
    {"lpm", Unit::kLPerMin},
    {"cel", Unit::kCelsius},
    {"degc", Unit::kCelsius},
    {"[degf]", Unit::kFahrenheit},
    {"mm[hg]", Unit::kMmHg},
    {"mmhg", Unit::kMmHg},
    {"m[iu]/l", Unit::kMilliIuPerL},
    {"miu/l", Unit::kMilliIuPerL},
    {"mu/l", Unit::kMilliIuPerL},
    {"u[iu]/ml", Unit::kMilliIuPerL},
    {"uiu/ml", Unit::kMilliIuPerL},
    {"mcunits/ml", Unit::kMilliIuPerL},
    // Counts per 24 hours (LOINC example unit "#/24 H").
    {"/d", Unit::kPerDay},
    {"{#}/d", Unit::kPerDay},
    {"{stools}/d", Unit::kPerDay},
    {"/(24.h)", Unit::kPerDay},
    {"/24h", Unit::kPerDay},
    {"#/24h", Unit::kPerDay},
    {"/day", Unit::kPerDay},
}};

}  // namespace

std::optional<Unit> ParseUnit(std::string_view text) {
  const std::string folded = Fold(text);
  for (const auto& [spelling, unit] : kSpellings) {
    if (folded == spelling) return unit;
  }
  // Degree signs: "°C", "°F" (U+00B0 is C2 B0 in UTF-8).
  if (folded ==
      "\xc2\xb0"
      "c")
    return Unit::kCelsius;
  if (folded ==
          "\xc2\xb0"
          "f" ||
      folded == "degf")
    return Unit::kFahrenheit;
  return std::nullopt;
}

std::string_view UnitName(Unit u) {
  switch (u) {
    case Unit::kNone:
      return "";
    case Unit::kUnitsPerL:
      return "U/L";
    case Unit::kMgPerDl:
      return "mg/dL";
    case Unit::kMgPerL:
      return "mg/L";
    case Unit::kUmolPerL:
      return "umol/L";
    case Unit::kMmolPerL:
      return "mmol/L";
    case Unit::kMeqPerL:
      return "meq/L";
    case Unit::kGPerDl:
      return "g/dL";
    case Unit::kGPerL:
      return "g/L";
    case Unit::kGigaPerL:
      return "10*9/L";
    case Unit::kPerUl:
      return "/uL";
    case Unit::kSeconds:
      return "s";
    case Unit::kNgPerMl:
      return "ng/mL";
    case Unit::kNgPerL:
      return "ng/L";
    case Unit::kPercent:
      return "%";
    case Unit::kMlPerMinPer173M2:
      return "mL/min/{1.73_m2}";
    case Unit::kLPerMin:
      return "L/min";
    case Unit::kCelsius:
      return "Cel";
    case Unit::kFahrenheit:
      return "[degF]";
    case Unit::kMmHg:
      return "mm[Hg]";
    case Unit::kMilliIuPerL:
      return "m[IU]/L";
    case Unit::kPerDay:
      return "/d";
  }
  return "";
}

std::optional<double> CountToGigaPerL(double value, Unit u) {
  if (u == Unit::kGigaPerL) return value;
  if (u == Unit::kPerUl) return value / 1000.0;  // 1000/mm3 = 1.0 x 10*9/L
  return std::nullopt;
}

std::optional<double> ToCelsius(double value, Unit u) {
  if (u == Unit::kCelsius) return value;
  if (u == Unit::kFahrenheit) return (value - 32.0) * 5.0 / 9.0;
  return std::nullopt;
}

}  // namespace iraed::grading
