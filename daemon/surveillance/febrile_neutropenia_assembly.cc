#include "surveillance/febrile_neutropenia_assembly.h"

#include "common/time_format.h"
#include "grading/units.h"

namespace iraed::surveillance {

FnAssessment AssessFebrileNeutropenia(const FnSnapshot& s) {
  FnAssessment a;
  if (s.anc) {
    if (auto unit = grading::ParseUnit(s.anc->unit)) {
      a.anc_giga_per_l = grading::CountToGigaPerL(s.anc->value, *unit);
    }
  }
  std::vector<grading::TemperatureReading> readings;
  for (const ChartedValue& t : s.temperatures) {
    if (t.number) readings.push_back({t.observed_at, *t.number});
  }
  a.grade = grading::GradeFebrileNeutropenia(a.anc_giga_per_l, readings);
  if (a.grade && a.grade->decisive.empty() && !readings.empty()) {
    a.grade->decisive = {readings.back()};
  }
  return a;
}

Json ToJson(const FnFindingEvidence& e) {
  Json temperatures = Json::array();
  for (const grading::TemperatureReading& t : e.temperatures) {
    temperatures.push_back({{"value_cel", JsonNumber(t.celsius)},
                            {"observed_at", FormatUtcMillis(t.at_ms)}});
  }
  return {
      {"anc", e.anc ? Json{{"value", JsonNumber(e.anc->value)},
                           {"unit", e.anc->unit},
                           {"observed_at", FormatUtcMillis(e.anc->observed_at)}}
                    : Json()},
      {"anc_giga_per_l", JsonNumber(e.anc_giga_per_l)},
      {"temperatures", std::move(temperatures)},
      {"rule", e.rule},
      {"therapy", {{"first", e.therapy_first}, {"latest", e.therapy_latest}}}};
}

}  // namespace iraed::surveillance
