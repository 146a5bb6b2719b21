// The period summary and its plot (pv/period_summary.h); therapy class
// labels (pv/therapy_class.h).
#include "pv/period_summary.h"

#include <gtest/gtest.h>

#include "pv/therapy_class.h"

namespace iraed::pv {
namespace {

const char* const kIci = "checkpoint inhibitor (PD-1)";
const char* const kCarT = "CAR-T cell therapy";

std::vector<EpisodeForSummary> Episodes() {
  return {
      {1, kIci, "Alanine aminotransferase increased", "CTCAE 5.0", 3},
      {1, kIci, "Alanine aminotransferase increased", "CTCAE 5.0", 1},
      {2, kIci, "Alanine aminotransferase increased", "CTCAE 5.0", 1},
      {3, kCarT, "Cytokine release syndrome", "ASTCT 2019", 2},
  };
}

TEST(PeriodSummaryTest, CountsEpisodesPatientsAtTheirWorstAndIncidence) {
  const std::map<std::string, std::set<std::int64_t>> at_risk = {
      {kIci, {1, 2, 4, 5}}, {kCarT, {3, 6, 7}}};
  const auto rows = Summarise(Episodes(), at_risk);
  ASSERT_EQ(rows.size(), 3u);
  // CAR-T sorts before checkpoint (by class text).
  EXPECT_EQ(rows[0].therapy_class, kCarT);
  EXPECT_EQ(rows[0].episodes, 1);
  EXPECT_EQ(rows[0].patients, 1);
  EXPECT_EQ(rows[0].patients_at_risk, 3);
  EXPECT_NEAR(rows[0].incidence_percent, 33.333, 0.001);
  // ALT grade 1: two episodes (patients 1 and 2), but patient 1's worst is
  // 3: one patient at grade 1, one at grade 3.
  EXPECT_EQ(rows[1].worst_grade, 1);
  EXPECT_EQ(rows[1].episodes, 2);
  EXPECT_EQ(rows[1].patients, 1);
  EXPECT_DOUBLE_EQ(rows[1].incidence_percent, 25);
  EXPECT_EQ(rows[2].worst_grade, 3);
  EXPECT_EQ(rows[2].episodes, 1);
  EXPECT_EQ(rows[2].patients, 1);
}

TEST(PeriodSummaryTest, NoPatientsAtRiskGivesNoIncidence) {
  const auto rows = Summarise(Episodes(), {});
  for (const SummaryRow& r : rows) {
    EXPECT_EQ(r.patients_at_risk, 0);
    EXPECT_EQ(r.incidence_percent, 0);
  }
}

TEST(PeriodSummaryTest, PlotHasOneBarPerTermAndGradeAndEscapesText) {
  auto episodes = Episodes();
  episodes.push_back({9, kIci, "A <term> & \"more\"", "CTCAE 5.0", 5});
  const std::string svg = IncidencePlotSvg(episodes, 10, "2026-09 <x>");
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  // ALT: patient 1 at grade 3, patient 2 at grade 1: two segments.
  EXPECT_NE(svg.find("grade 3: 1 patient(s), 10.0 %"), std::string::npos);
  EXPECT_NE(svg.find("grade 1: 1 patient(s), 10.0 %"), std::string::npos);
  EXPECT_NE(svg.find("grade 2: 1 patient(s), 10.0 %"), std::string::npos);
  EXPECT_NE(svg.find("grade 5: 1 patient(s), 10.0 %"), std::string::npos);
  EXPECT_NE(svg.find("A &lt;term&gt; &amp; &quot;more&quot;"),
            std::string::npos);
  EXPECT_NE(svg.find("2026-09 &lt;x&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<term>"), std::string::npos);
  EXPECT_NE(svg.find("10 patient(s) at risk"), std::string::npos);
  // A label too long for the label column is shortened with an ellipsis.
  const std::string long_term(100, 'x');
  const std::string cut =
      IncidencePlotSvg({{1, kIci, long_term, "CTCAE 5.0", 1}}, 1, "p");
  EXPECT_EQ(cut.find(long_term), std::string::npos);
  EXPECT_NE(cut.find(std::string(71, 'x') + "\u2026"), std::string::npos);
  const std::string empty = IncidencePlotSvg({}, 0, "p");
  EXPECT_NE(empty.find("no episode began in the period"), std::string::npos);
}

TEST(TherapyClassTest, ReadableClasses) {
  EXPECT_EQ(TherapyClassLabel("checkpoint_inhibitor_dose", "PD-L1"),
            "checkpoint inhibitor (PD-L1)");
  EXPECT_EQ(TherapyClassLabel("checkpoint_inhibitor_dose", ""),
            "checkpoint inhibitor");
  EXPECT_EQ(TherapyClassLabel("car_t_infusion", ""), "CAR-T cell therapy");
  EXPECT_EQ(TherapyClassLabel("bispecific_t_cell_engager", ""),
            "bispecific T-cell engager");
}

}  // namespace
}  // namespace iraed::pv
