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
                    "10*6/uL",  // RBC scale: not a 10*9/L count
                    "10*12/L", "nmol/L", "mol/L", "mg", "mg/dL/h", "10*9",
                    "g/mL"),
    [](const testing::TestParamInfo<const char*>& info) {
      return "Unknown" + std::to_string(info.index);
    });

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
  for (Unit u : {Unit::kUnitsPerL, Unit::kMgPerDl, Unit::kMgPerL,
                 Unit::kUmolPerL, Unit::kMmolPerL, Unit::kGPerDl, Unit::kGPerL,
                 Unit::kGigaPerL, Unit::kPerUl, Unit::kSeconds, Unit::kNgPerMl,
                 Unit::kNgPerL, Unit::kPercent, Unit::kMlPerMinPer173M2,
                 Unit::kLPerMin, Unit::kCelsius, Unit::kFahrenheit}) {
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
