// File: pv/period_summary.h
//
// The safety physician's period summary: adverse-event episodes that began
// in a period, counted by therapy class, term and worst grade, beside the
// patients at risk on each therapy class; and one plot of it (incidence by
// worst grade per term) as SVG for a safety report. Pure: the episodes and
// exposures are passed in.
//
// Counting rules (README "Period summary"):
//   - an episode counts when its onset lies in the period, under the therapy
//     class in force at its onset;
//   - a patient counts once per therapy class, term and grading system, at
//     the worst grade of their episodes begun in the period;
//   - patients at risk on a class: those with a dose or infusion of it
//     before the end of the period who had not died before its start;
//   - incidence = patients / patients at risk on the class, in percent.
#ifndef IRAED_PV_PERIOD_SUMMARY_H_
#define IRAED_PV_PERIOD_SUMMARY_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace iraed::pv {

struct EpisodeForSummary {
  std::int64_t patient = 0;
  std::string therapy_class;  // "" when no therapy came before the onset
  std::string term, grading_system;
  int worst_grade = 0;
};

struct SummaryRow {
  std::string therapy_class, term, grading_system;
  int worst_grade = 0;
  std::int64_t episodes = 0;
  std::int64_t patients = 0;
  std::int64_t patients_at_risk = 0;
  double incidence_percent = 0;  // patients / at risk x 100; 0 without
};

// Rows ordered by therapy class, term, grading system, worst grade.
// `at_risk`: therapy class -> the patients at risk on it.
std::vector<SummaryRow> Summarise(
    const std::vector<EpisodeForSummary>& episodes,
    const std::map<std::string, std::set<std::int64_t>>& at_risk);

// One SVG image: per term and grading system, a horizontal bar of the
// incidence of patients by worst grade (1 to 5, stacked, one colour each)
// over the patients at risk on any monitored therapy; a title with the
// period and the number at risk; a legend. `period` is the title's text.
std::string IncidencePlotSvg(const std::vector<EpisodeForSummary>& episodes,
                             std::int64_t patients_at_risk,
                             const std::string& period);

}  // namespace iraed::pv

#endif  // IRAED_PV_PERIOD_SUMMARY_H_
