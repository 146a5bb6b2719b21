// Which analyte an observation measures: its own code first, then its
// alternate codings in the order sent (OBX-3's alternate identifier).
#include "surveillance/observation_analyte.h"

#include <gtest/gtest.h>

namespace iraed::surveillance {
namespace {

using grading::Analyte;

grading::AnalyteCatalog Catalog() {
  grading::AnalyteCatalog c;
  c.Add("LN", "1742-6", Analyte::kAlt);
  c.Add("LN", "1920-8", Analyte::kAst);
  c.Add("99LAB", "ALT", Analyte::kAlt);
  return c;
}

model::Observation Coded(model::Code code, std::vector<model::Code> alts) {
  model::Observation o;
  o.code = std::move(code);
  o.alternate_codes = std::move(alts);
  return o;
}

TEST(ObservationAnalyteTest, TheCodeComesBeforeItsAlternates) {
  EXPECT_EQ(ObservationAnalyte(
                Catalog(), Coded({"LN", "1920-8", ""}, {{"99LAB", "ALT", ""}})),
            Analyte::kAst);
}

TEST(ObservationAnalyteTest, AlternatesAreTriedInTheOrderSent) {
  EXPECT_EQ(ObservationAnalyte(Catalog(), Coded({"99LAB", "UNKNOWN", ""},
                                                {{"LN", "0000-0", ""},
                                                 {"99LAB", "ALT", ""},
                                                 {"LN", "1920-8", ""}})),
            Analyte::kAlt);
}

TEST(ObservationAnalyteTest, NothingMappedIsNoAnalyte) {
  EXPECT_EQ(ObservationAnalyte(Catalog(), Coded({"LN", "1742-6X", ""},
                                                {{"99LAB", "alt", ""}})),
            std::nullopt);
  // A code's system matters: the same code in another system is not it.
  EXPECT_EQ(ObservationAnalyte(Catalog(), Coded({"SNM", "1742-6", ""}, {})),
            std::nullopt);
}

}  // namespace
}  // namespace iraed::surveillance
