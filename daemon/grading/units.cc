#include "grading/units.h"

#include <array>
#include <cctype>
#include <cstdlib>
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

constexpr std::array<std::pair<std::string_view, Unit>, 61> kSpellings = {{
    {"", Unit::kNone},
    {"[ph]", Unit::kNone},  // UCUM [pH]: pH has no unit
    {"ph", Unit::kNone},
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
    {"ml/min", Unit::kMlPerMin},
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

// Count units by exponent per litre, 10^6 (/uL) to 10^12 (10*6/uL).
constexpr std::array<std::pair<int, Unit>, 7> kCountUnits = {{
    {6, Unit::kPerUl},
    {7, Unit::kCount10e7PerL},
    {8, Unit::kCount10e8PerL},
    {9, Unit::kGigaPerL},
    {10, Unit::kCount10e10PerL},
    {11, Unit::kCount10e11PerL},
    {12, Unit::kTeraPerL},
}};

// Spaces removed, micro signs as "u", superscript digits as digits, a
// leading "x" or "×" dropped; case kept.
std::string CountText(std::string_view text) {
  std::string out;
  // "10⁹": a superscript exponent right after the base is "10^9".
  const auto superscript = [&out](char digit) {
    if (out.size() >= 2 && out.compare(out.size() - 2, 2, "10") == 0) {
      out.push_back('^');
    }
    out.push_back(digit);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = [&text](std::size_t k) {
      return k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
    };
    const unsigned char c = b(i);
    if (c == ' ') continue;
    if ((c == 0xC2 && b(i + 1) == 0xB5) || (c == 0xCE && b(i + 1) == 0xBC)) {
      out.push_back('u');  // U+00B5, U+03BC
      ++i;
    } else if (c == 0xC2 &&
               (b(i + 1) == 0xB2 || b(i + 1) == 0xB3 || b(i + 1) == 0xB9)) {
      superscript(b(i + 1) == 0xB2 ? '2' : b(i + 1) == 0xB3 ? '3' : '1');
      ++i;  // superscript 2, 3, 1
    } else if (c == 0xE2 && b(i + 1) == 0x81 &&
               (b(i + 2) == 0xB0 || (b(i + 2) >= 0xB4 && b(i + 2) <= 0xB9))) {
      superscript(static_cast<char>('0' + (b(i + 2) - 0xB0)));
      i += 2;  // superscript 0, 4-9
    } else if (c == 0xC3 && b(i + 1) == 0x97 && out.empty()) {
      ++i;  // a leading multiplication sign
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (!out.empty() && (out.front() == 'x' || out.front() == 'X')) {
    out.erase(0, 1);
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The power of ten a count's numerator stands for; nullopt when it is not
// a count ("mg", "g", "mmol" ...).
std::optional<int> CountNumerator(std::string_view n) {
  // {annotations} are comments in UCUM: "{cells}/uL" is "/uL".
  if (!n.empty() && n.front() == '{' && n.back() == '}') return 0;
  if (n.empty() || n == "#") return 0;
  const std::string lower = Lower(n);
  if (lower == "cells" || lower == "cell") return 0;
  if (lower.rfind("10", 0) == 0 && lower.size() > 3 &&
      (lower[2] == '*' || lower[2] == '^' || lower[2] == 'e')) {
    int v = 0;
    const std::string_view digits = std::string_view(lower).substr(3);
    if (digits.empty() || digits.size() > 2) return std::nullopt;
    for (char c : digits) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v <= 15 ? std::optional<int>(v) : std::nullopt;
  }
  // Case decides single letters: G giga but g grams, M mega but m milli.
  if (n == "K" || n == "k" || lower == "thou" || lower == "thousand") return 3;
  if (n == "M" || lower == "mil" || lower == "million") return 6;
  if (n == "G" || lower == "gpt" || lower == "giga") return 9;
  if (n == "T" || lower == "tpt" || lower == "tera") return 12;
  return std::nullopt;
}

// The litre exponent of a volume ("uL" -6); nullopt when not a volume.
std::optional<int> VolumeExponent(std::string_view v) {
  const std::string lower = Lower(v);
  if (lower == "l") return 0;
  if (lower == "dl") return -1;
  if (lower == "ml") return -3;
  if (lower == "ul" || lower == "mm3" || lower == "cumm" || lower == "cmm") {
    return -6;
  }
  if (lower == "nl") return -9;
  return std::nullopt;
}

// A count unit, read by its structure (header comment).
std::optional<Unit> ParseCountUnit(std::string_view text) {
  const std::string t = CountText(text);
  const std::size_t slash = t.find('/');
  if (slash == std::string::npos ||
      t.find('/', slash + 1) != std::string::npos) {
    return std::nullopt;
  }
  std::string numerator = t.substr(0, slash);
  // "10*3cells", "10^3{cells}": the annotation adds nothing.
  for (const char* note : {"cells", "{cells}"}) {
    const std::string_view n(note);
    if (numerator.size() > n.size() &&
        Lower(numerator.substr(numerator.size() - n.size())) == n) {
      numerator.erase(numerator.size() - n.size());
    }
  }
  const auto count = CountNumerator(numerator);
  const auto volume = VolumeExponent(t.substr(slash + 1));
  if (!count || !volume) return std::nullopt;
  const int per_litre = *count - *volume;
  for (const auto& [exponent, unit] : kCountUnits) {
    if (exponent == per_litre) return unit;
  }
  return std::nullopt;  // a count, but no analyte is measured in it
}

}  // namespace

std::optional<Unit> ParseUnit(std::string_view text) {
  if (auto count = ParseCountUnit(text)) return count;
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
    case Unit::kMlPerMin:
      return "mL/min";
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
    case Unit::kCount10e7PerL:
      return "10*7/L";
    case Unit::kCount10e8PerL:
      return "10*8/L";
    case Unit::kCount10e10PerL:
      return "10*10/L";
    case Unit::kCount10e11PerL:
      return "10*11/L";
    case Unit::kTeraPerL:
      return "10*12/L";
  }
  return "";
}

std::optional<int> CountExponentPerLitre(Unit u) {
  for (const auto& [exponent, unit] : kCountUnits) {
    if (unit == u) return exponent;
  }
  return std::nullopt;
}

std::optional<double> CountToGigaPerL(double value, Unit u) {
  const std::optional<int> exponent = CountExponentPerLitre(u);
  if (!exponent) return std::nullopt;
  // Powers of ten up to 10^22 are exact doubles, so one division or one
  // multiplication rounds once: 1500 /uL is exactly the double 1.5.
  double scale = 1;
  for (int k = 0; k < std::abs(*exponent - 9); ++k) scale *= 10;
  return *exponent < 9 ? value / scale : value * scale;
}

std::optional<double> ToCelsius(double value, Unit u) {
  if (u == Unit::kCelsius) return value;
  if (u == Unit::kFahrenheit) return (value - 32.0) * 5.0 / 9.0;
  return std::nullopt;
}

}  // namespace iraed::grading
