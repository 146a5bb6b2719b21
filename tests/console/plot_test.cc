// The patient page's plots: bands found by asking the grading rules, at
// their edges; one dot per value; the text alternative.
#include "console/plot.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "console/grade_bands.h"

namespace iraed::console {
namespace {

using grading::Analyte;
using grading::Unit;

// The edge between two bands is where the rule's grade changes, to the
// precision of the bisection.
void ExpectEdge(const std::vector<Band>& bands, int grade, double low) {
  for (const Band& b : bands) {
    if (b.grade == grade) {
      EXPECT_NEAR(b.low, low, 1e-9 * std::max(1.0, low)) << "grade " << grade;
      return;
    }
  }
  ADD_FAILURE() << "no band of grade " << grade;
}

TEST(PlotTest, BandsFollowTheRuleTheyAreGiven) {
  const auto bands = BandsBySampling(
      0, 20,
      [](double v) -> std::optional<int> {
        if (v >= 10) return 2;
        if (v >= 5) return 1;
        return std::nullopt;
      },
      200);
  ASSERT_EQ(bands.size(), 2u);
  EXPECT_EQ(bands[0].grade, 1);
  EXPECT_NEAR(bands[0].low, 5, 1e-9);
  EXPECT_NEAR(bands[0].high, 10, 1e-9);
  EXPECT_EQ(bands[1].grade, 2);
  EXPECT_DOUBLE_EQ(bands[1].high, 20);
  EXPECT_TRUE(BandsBySampling(5, 5, [](double) { return 1; }).empty());
}

TEST(PlotTest, AltBandsAreTheCtcaeGradesAtTheLatestUln) {
  // CTCAE 5.0, normal baseline: > ULN, > 3, > 5 and > 20 x ULN.
  BandContext c{Analyte::kAlt, Unit::kUnitsPerL, 56.0, 7.0,
                grading::CtcaeVersion::kV5};
  const auto bands = BandsBySampling(0, 1200, CtcaeGradeOf(c), 400);
  ExpectEdge(bands, 1, 56);
  ExpectEdge(bands, 2, 168);
  ExpectEdge(bands, 3, 280);
  ExpectEdge(bands, 4, 1120);
  // At the edge itself the rule's strict ">" keeps the lower grade: the
  // band's first value is just above it.
  for (const Band& b : bands) {
    if (b.grade == 2) {
      EXPECT_GT(b.low, 168);
    }
  }
  EXPECT_EQ(BandSource(c, "U/L"),
            "CTCAE 5.0 at ULN 56 U/L, LLN 7 U/L, normal baseline");
}

TEST(PlotTest, PlateletBandsFallWithTheCount) {
  BandContext c{Analyte::kPlatelets, Unit::kGigaPerL, 400.0, 150.0,
                grading::CtcaeVersion::kV5};
  const auto bands = BandsBySampling(0, 200, CtcaeGradeOf(c), 400);
  // < 25 grade 4, < 50 grade 3, < 75 grade 2, < LLN grade 1.
  ASSERT_EQ(bands.size(), 4u);
  EXPECT_EQ(bands[0].grade, 4);
  EXPECT_DOUBLE_EQ(bands[0].low, 0);
  EXPECT_NEAR(bands[0].high, 25, 1e-9);
  EXPECT_EQ(bands[1].grade, 3);
  EXPECT_NEAR(bands[1].high, 50, 1e-9);
  EXPECT_EQ(bands[2].grade, 2);
  EXPECT_NEAR(bands[2].high, 75, 1e-9);
  EXPECT_EQ(bands[3].grade, 1);
  EXPECT_NEAR(bands[3].high, 150, 1e-9);
}

TEST(PlotTest, IceBandsAreAstctIcans) {
  const auto bands = BandsBySampling(-0.5, 10.5, IcansGradeOf(false), 1100);
  // ICE 7-9 grade 1, 3-6 grade 2, 0-2 grade 3, 10 no ICANS.
  ASSERT_EQ(bands.size(), 3u);
  // Scores are whole numbers: each edge is where rounding moves to the
  // next score.
  EXPECT_EQ(bands[0].grade, 3);
  EXPECT_NEAR(bands[0].high, 2.5, 1e-9);
  EXPECT_EQ(bands[1].grade, 2);
  EXPECT_NEAR(bands[1].high, 6.5, 1e-9);
  EXPECT_EQ(bands[2].grade, 1);
  EXPECT_NEAR(bands[2].high, 9.5, 1e-9);
}

TEST(PlotTest, OneDotPerValueAndATextAlternative) {
  PlotSpec p;
  p.id = "alt";
  p.title = "ALT <x>";
  p.unit = "U/L";
  p.points = {{1000, 45}, {2000, 300}, {3000, 120}};
  p.bands = {{56, 168, 1}, {168, 280, 2}, {280, 1120, 3}};
  p.bands_from = "CTCAE 5.0 at ULN 56 U/L";
  p.from = 0;
  p.to = 4000;
  p.low = 0;
  p.high = 400;
  p.markers = {{500, "CAR-T infusion (day 0): KYM"}};
  const std::string svg = RenderPlot(p, TimeZone::Utc());
  const std::regex circle("<circle class=\"point\"");
  EXPECT_EQ(std::distance(std::sregex_iterator(svg.begin(), svg.end(), circle),
                          std::sregex_iterator()),
            3);
  // The band above the axis (280..1120) is clipped, not left out.
  const std::regex band("<rect class=\"band g");
  EXPECT_EQ(std::distance(std::sregex_iterator(svg.begin(), svg.end(), band),
                          std::sregex_iterator()),
            3);
  EXPECT_NE(svg.find("data-points=\"3\""), std::string::npos);
  EXPECT_NE(svg.find("ALT &lt;x&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<x>"), std::string::npos);
  EXPECT_NE(svg.find("3 value(s), latest 120"), std::string::npos);
  EXPECT_NE(svg.find("bands: CTCAE 5.0 at ULN 56 U/L"), std::string::npos);
  EXPECT_NE(svg.find("CAR-T infusion (day 0): KYM"), std::string::npos);
}

TEST(PlotTest, AnEmptySeriesSaysSo) {
  PlotSpec p;
  p.id = "ice";
  p.title = "ICE score";
  p.unit = "points";
  p.to = 1000;
  const std::string svg = RenderPlot(p, TimeZone::Utc());
  EXPECT_NE(svg.find("0 value(s)"), std::string::npos);
  EXPECT_EQ(svg.find("<circle"), std::string::npos);
}

}  // namespace
}  // namespace iraed::console
