// Independent tests of grading/units.h, written from the header contract and
// the UCUM notes of clinical-grading.md section 7: the UCUM spellings and the
// variants real feeds send are recognised, unknown spellings never guessed.
#include "grading/units.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace iraed::grading {
namespace {

struct Spelling {
  const char* text;
  Unit unit;
};

class UnitSpellingTest : public testing::TestWithParam<Spelling> {};

TEST_P(UnitSpellingTest, Parses) {
  const Spelling& s = GetParam();
  std::optional<Unit> u = ParseUnit(s.text);
  ASSERT_TRUE(u.has_value()) << "'" << s.text << "' not recognised";
  EXPECT_EQ(*u, s.unit) << "'" << s.text << "' parsed as '" << UnitName(*u)
                        << "', expected '" << UnitName(s.unit) << "'";
}

std::string SpellingName(const testing::TestParamInfo<Spelling>& info) {
  std::string out;
  for (const char* p = info.param.text; *p != '\0'; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else {
      out += '_';
    }
  }
  return std::to_string(info.index) + "_" + out;
}

INSTANTIATE_TEST_SUITE_P(
    Ucum, UnitSpellingTest,
    testing::Values(
        Spelling{"10*9/L", Unit::kGigaPerL},
        Spelling{"10*3/uL", Unit::kGigaPerL}, Spelling{"/uL", Unit::kPerUl},
        Spelling{"U/L", Unit::kUnitsPerL}, Spelling{"mg/dL", Unit::kMgPerDl},
        Spelling{"mg/L", Unit::kMgPerL}, Spelling{"umol/L", Unit::kUmolPerL},
        Spelling{"mmol/L", Unit::kMmolPerL}, Spelling{"g/dL", Unit::kGPerDl},
        Spelling{"g/L", Unit::kGPerL}, Spelling{"s", Unit::kSeconds},
        Spelling{"ng/mL", Unit::kNgPerMl}, Spelling{"ng/L", Unit::kNgPerL},
        Spelling{"%", Unit::kPercent},
        Spelling{"mL/min/{1.73_m2}", Unit::kMlPerMinPer173M2},
        Spelling{"L/min", Unit::kLPerMin}, Spelling{"Cel", Unit::kCelsius},
        Spelling{"[degF]", Unit::kFahrenheit}, Spelling{"mm[Hg]", Unit::kMmHg},
        Spelling{"m[IU]/L", Unit::kMilliIuPerL}),
    SpellingName);

INSTANTIATE_TEST_SUITE_P(
    FeedVariants, UnitSpellingTest,
    testing::Values(
        Spelling{"10^9/L", Unit::kGigaPerL},
        Spelling{"x10E3/uL", Unit::kGigaPerL}, Spelling{"/mm3", Unit::kPerUl},
        Spelling{"mg/dl", Unit::kMgPerDl},
        Spelling{"\xC2\xB5mol/L", Unit::kUmolPerL},  // µ U+00B5
        Spelling{"mEq/L", Unit::kMeqPerL}, Spelling{"IU/L", Unit::kUnitsPerL},
        Spelling{"mmHg", Unit::kMmHg}, Spelling{"uIU/mL", Unit::kMilliIuPerL},
        Spelling{"mIU/L", Unit::kMilliIuPerL}, Spelling{"lpm", Unit::kLPerMin},
        Spelling{"/d", Unit::kPerDay}, Spelling{"{#}/d", Unit::kPerDay},
        Spelling{"#/24 H", Unit::kPerDay},  // LOINC example unit
        Spelling{"/(24.h)", Unit::kPerDay},
        Spelling{"\xC2\xB0"
                 "C",
                 Unit::kCelsius}),  // °C
    SpellingName);

class UnknownUnitTest : public testing::TestWithParam<const char*> {};

TEST_P(UnknownUnitTest, IsNeverGuessed) {
  std::optional<Unit> u = ParseUnit(GetParam());
  EXPECT_FALSE(u.has_value())
      << "'" << GetParam() << "' guessed as '" << UnitName(*u) << "'";
}

INSTANTIATE_TEST_SUITE_P(
    Spellings, UnknownUnitTest,
    testing::Values("furlong/fortnight", "xyz", "cm[H2O]", "/min", "kg",
                    "nmol/L", "mol/L", "mg", "mg/dL/h", "10*9", "g/mL",
                    // Counts that are not counts, or not per volume.
                    "10*3", "/", "10*3/kg", "cells", "m/uL", "10*3/uL/L",
                    "10*/uL", "10*123/uL", "10*15/L", "10*3/h", "mg/uL"),
    [](const testing::TestParamInfo<const char*>& info) {
      return "Unknown" + std::to_string(info.index);
    });

// Every spelling of clinical-grading.md section 7 and the real-world forms:
// read by structure (units.h), each to the power of ten per litre it means.
INSTANTIATE_TEST_SUITE_P(
    Counts, UnitSpellingTest,
    testing::Values(
        // 10^9/L (= 10^3/uL)
        Spelling{"10*3/uL", Unit::kGigaPerL},
        Spelling{"10^3/uL", Unit::kGigaPerL},
        Spelling{"10*3/mm3", Unit::kGigaPerL},
        Spelling{"K/uL", Unit::kGigaPerL},
        Spelling{"k/\xC2\xB5L", Unit::kGigaPerL},
        Spelling{"x10E3/uL", Unit::kGigaPerL},
        Spelling{"X10E3/UL", Unit::kGigaPerL},
        Spelling{"10*9/L", Unit::kGigaPerL},
        Spelling{"10^9/L", Unit::kGigaPerL},
        Spelling{"x10^9/L", Unit::kGigaPerL},
        Spelling{"\xC3\x97"
                 "10\xE2\x81\xB9/L",
                 Unit::kGigaPerL},                          // ×10⁹/L
        Spelling{"10\xC2\xB3/\xCE\xBCL", Unit::kGigaPerL},  // 10³/μL
        Spelling{"10E9/L", Unit::kGigaPerL}, Spelling{"G/L", Unit::kGigaPerL},
        Spelling{"Gpt/L", Unit::kGigaPerL}, Spelling{"/nL", Unit::kGigaPerL},
        Spelling{"thou/uL", Unit::kGigaPerL},
        Spelling{"10 ^ 3 / uL", Unit::kGigaPerL},
        Spelling{"10*3{cells}/uL", Unit::kGigaPerL},
        // 10^6/L (= /uL)
        Spelling{"/uL", Unit::kPerUl}, Spelling{"/mm3", Unit::kPerUl},
        Spelling{"cells/uL", Unit::kPerUl}, Spelling{"cells/mm3", Unit::kPerUl},
        Spelling{"{cells}/uL", Unit::kPerUl}, Spelling{"#/uL", Unit::kPerUl},
        Spelling{"10*3/mL", Unit::kPerUl}, Spelling{"10^3/mL", Unit::kPerUl},
        Spelling{"10*6/L", Unit::kPerUl},
        // Other powers (Japanese platelets in 10^4/uL; red cells).
        Spelling{"10^4/uL", Unit::kCount10e10PerL},
        Spelling{"10*2/uL", Unit::kCount10e8PerL},
        Spelling{"10*1/uL", Unit::kCount10e7PerL},
        Spelling{"10*5/uL", Unit::kCount10e11PerL},
        Spelling{"10*6/uL", Unit::kTeraPerL},
        Spelling{"10^12/L", Unit::kTeraPerL}, Spelling{"T/L", Unit::kTeraPerL},
        Spelling{"M/uL", Unit::kTeraPerL},
        Spelling{"million/uL", Unit::kTeraPerL}),
    SpellingName);

// Case decides where UCUM's does: G giga, g grams.
TEST(CountUnitTest, CaseSeparatesGigaFromGrams) {
  EXPECT_EQ(ParseUnit("G/L"), Unit::kGigaPerL);
  EXPECT_EQ(ParseUnit("g/L"), Unit::kGPerL);
  EXPECT_EQ(ParseUnit("g/dL"), Unit::kGPerDl);
  EXPECT_FALSE(ParseUnit("m/uL").has_value());  // milli per uL: no count
}

// Conversions are exact: a power of ten, applied once.
TEST(CountUnitTest, ConversionsAreExact) {
  EXPECT_EQ(*CountToGigaPerL(1500, *ParseUnit("10^3/mL")), 1.5);
  EXPECT_EQ(*CountToGigaPerL(1500, *ParseUnit("cells/uL")), 1.5);
  EXPECT_EQ(*CountToGigaPerL(499, *ParseUnit("/mm3")), 0.499);
  EXPECT_EQ(*CountToGigaPerL(2.5, *ParseUnit("10^4/uL")), 25.0);
  EXPECT_EQ(*CountToGigaPerL(7.5, *ParseUnit("10^4/uL")), 75.0);
  EXPECT_EQ(*CountToGigaPerL(4.5, *ParseUnit("10^12/L")), 4500.0);
  EXPECT_EQ(*CountToGigaPerL(0.7, *ParseUnit("G/L")), 0.7);
  EXPECT_EQ(*CountToGigaPerL(5, *ParseUnit("10*2/uL")), 0.5);
  EXPECT_EQ(*CountToGigaPerL(3, *ParseUnit("10*1/uL")), 0.03);
  EXPECT_EQ(*CountToGigaPerL(1, *ParseUnit("10*5/uL")), 100.0);
  EXPECT_EQ(CountExponentPerLitre(Unit::kPerUl), 6);
  EXPECT_EQ(CountExponentPerLitre(Unit::kTeraPerL), 12);
  EXPECT_FALSE(CountExponentPerLitre(Unit::kMgPerDl).has_value());
}

TEST(UnitNameTest, CanonicalUcumSpellings) {
  EXPECT_EQ(UnitName(Unit::kNone), "");
  EXPECT_EQ(UnitName(Unit::kGigaPerL), "10*9/L");
  EXPECT_EQ(UnitName(Unit::kCelsius), "Cel");
  EXPECT_EQ(UnitName(Unit::kFahrenheit), "[degF]");
  EXPECT_EQ(UnitName(Unit::kUnitsPerL), "U/L");
  EXPECT_EQ(UnitName(Unit::kMgPerDl), "mg/dL");
  EXPECT_EQ(UnitName(Unit::kMgPerL), "mg/L");
  EXPECT_EQ(UnitName(Unit::kUmolPerL), "umol/L");
  EXPECT_EQ(UnitName(Unit::kMmolPerL), "mmol/L");
  EXPECT_EQ(UnitName(Unit::kGPerDl), "g/dL");
  EXPECT_EQ(UnitName(Unit::kGPerL), "g/L");
  EXPECT_EQ(UnitName(Unit::kPerUl), "/uL");
  EXPECT_EQ(UnitName(Unit::kSeconds), "s");
  EXPECT_EQ(UnitName(Unit::kNgPerMl), "ng/mL");
  EXPECT_EQ(UnitName(Unit::kNgPerL), "ng/L");
  EXPECT_EQ(UnitName(Unit::kPercent), "%");
  EXPECT_EQ(UnitName(Unit::kMlPerMinPer173M2), "mL/min/{1.73_m2}");
  EXPECT_EQ(UnitName(Unit::kLPerMin), "L/min");
}

TEST(UnitNameTest, CanonicalNamesParseBack) {
  for (Unit u :
       {Unit::kUnitsPerL,     Unit::kMgPerDl,          Unit::kMgPerL,
        Unit::kUmolPerL,      Unit::kMmolPerL,         Unit::kGPerDl,
        Unit::kGPerL,         Unit::kGigaPerL,         Unit::kPerUl,
        Unit::kSeconds,       Unit::kNgPerMl,          Unit::kNgPerL,
        Unit::kPercent,       Unit::kMlPerMinPer173M2, Unit::kLPerMin,
        Unit::kCelsius,       Unit::kFahrenheit,       Unit::kCount10e7PerL,
        Unit::kCount10e8PerL, Unit::kCount10e10PerL,   Unit::kCount10e11PerL,
        Unit::kTeraPerL}) {
    std::optional<Unit> back = ParseUnit(UnitName(u));
    ASSERT_TRUE(back.has_value()) << UnitName(u);
    EXPECT_EQ(*back, u) << UnitName(u);
  }
}

TEST(UnitsCountToGigaPerLTest, GigaPerLIsUnchanged) {
  ASSERT_TRUE(CountToGigaPerL(1.5, Unit::kGigaPerL).has_value());
  EXPECT_DOUBLE_EQ(*CountToGigaPerL(1.5, Unit::kGigaPerL), 1.5);
  EXPECT_DOUBLE_EQ(*CountToGigaPerL(150, Unit::kGigaPerL), 150);
  EXPECT_DOUBLE_EQ(*CountToGigaPerL(0, Unit::kGigaPerL), 0);
}

TEST(UnitsCountToGigaPerLTest, PerMicrolitreIsDividedByAThousand) {
  // 1500/mm3 = 1.5 x 10*9/L (reference section 7 UCUM notes).
  ASSERT_TRUE(CountToGigaPerL(1500, Unit::kPerUl).has_value());
  EXPECT_DOUBLE_EQ(*CountToGigaPerL(1500, Unit::kPerUl), 1.5);
  EXPECT_DOUBLE_EQ(*CountToGigaPerL(1000, Unit::kPerUl), 1.0);
  EXPECT_DOUBLE_EQ(*CountToGigaPerL(500, Unit::kPerUl), 0.5);
  EXPECT_DOUBLE_EQ(*CountToGigaPerL(75000, Unit::kPerUl), 75);
  EXPECT_DOUBLE_EQ(*CountToGigaPerL(200, Unit::kPerUl), 0.2);
  // Parsed spellings flow through: "/mm3" and "10*3/uL".
  EXPECT_DOUBLE_EQ(*CountToGigaPerL(1500, *ParseUnit("/mm3")), 1.5);
  EXPECT_DOUBLE_EQ(*CountToGigaPerL(1.5, *ParseUnit("10*3/uL")), 1.5);
}

TEST(UnitsCountToGigaPerLTest, NonCountUnitsAreRefused) {
  for (Unit u : {Unit::kNone, Unit::kMgPerDl, Unit::kGPerDl, Unit::kPercent,
                 Unit::kUnitsPerL, Unit::kMmolPerL, Unit::kCelsius}) {
    EXPECT_FALSE(CountToGigaPerL(1500, u).has_value()) << UnitName(u);
  }
}

TEST(UnitsToCelsiusTest, CelsiusIsUnchanged) {
  ASSERT_TRUE(ToCelsius(38.0, Unit::kCelsius).has_value());
  EXPECT_DOUBLE_EQ(*ToCelsius(38.0, Unit::kCelsius), 38.0);
  EXPECT_DOUBLE_EQ(*ToCelsius(-5.5, Unit::kCelsius), -5.5);
}

TEST(UnitsToCelsiusTest, FahrenheitIsConverted) {
  ASSERT_TRUE(ToCelsius(100.4, Unit::kFahrenheit).has_value());
  EXPECT_NEAR(*ToCelsius(100.4, Unit::kFahrenheit), 38.0, 1e-9);
  EXPECT_NEAR(*ToCelsius(102.2, Unit::kFahrenheit), 39.0, 1e-9);
  EXPECT_NEAR(*ToCelsius(104.0, Unit::kFahrenheit), 40.0, 1e-9);
  EXPECT_NEAR(*ToCelsius(98.6, Unit::kFahrenheit), 37.0, 1e-9);
  EXPECT_NEAR(*ToCelsius(212, Unit::kFahrenheit), 100.0, 1e-9);
  EXPECT_NEAR(*ToCelsius(32, Unit::kFahrenheit), 0.0, 1e-9);
  EXPECT_NEAR(*ToCelsius(-40, Unit::kFahrenheit), -40.0, 1e-9);
}

TEST(UnitsToCelsiusTest, NonTemperatureUnitsAreRefused) {
  for (Unit u :
       {Unit::kNone, Unit::kMgPerDl, Unit::kPercent, Unit::kGigaPerL}) {
    EXPECT_FALSE(ToCelsius(38, u).has_value()) << UnitName(u);
  }
}

}  // namespace
}  // namespace iraed::grading
