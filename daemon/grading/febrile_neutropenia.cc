#include "grading/febrile_neutropenia.h"

#include "grading/exact.h"
#include "grading/format.h"

namespace iraed::grading {

std::optional<FnGrade> GradeFebrileNeutropenia(
    std::optional<double> anc_giga_per_l,
    const std::vector<TemperatureReading>& temperatures) {
  if (!anc_giga_per_l) return std::nullopt;
  const std::string anc = "ANC " + FormatNumber(*anc_giga_per_l) + " x 10^9/L";
  FnGrade g;
  if (Ge(*anc_giga_per_l, kFnAncBelow)) {
    g.rule = anc + " (>= 1.0)";
    return g;
  }
  if (temperatures.empty()) return std::nullopt;
  const TemperatureReading& now = temperatures.back();
  const std::string with = anc + " (< 1.0) with ";
  // The current fever: the run of readings >= 38.0 Cel ending at the
  // current one. It is febrile neutropenia when it holds a reading > 38.3
  // (the episode lasts while the fever does: 38.6 then 38.2 an hour later
  // is the same episode) or spans more than an hour.
  std::size_t first = temperatures.size();
  while (first > 0 && Ge(temperatures[first - 1].celsius, kFnSustainedFrom)) {
    --first;
  }
  for (std::size_t i = first; i < temperatures.size(); ++i) {
    if (!Gt(temperatures[i].celsius, kFnSingleAbove)) continue;
    g.grade = 3;
    g.rule = with + "a temperature of " +
             FormatNumber(temperatures[i].celsius) + " Cel (> 38.3)" +
             (i + 1 == temperatures.size() ? "" : ", fever continuing");
    g.decisive.assign(temperatures.begin() + static_cast<long>(i),
                      temperatures.end());
    return g;
  }
  if (first < temperatures.size() &&
      now.at_ms - temperatures[first].at_ms > kFnSustainedMs) {
    g.grade = 3;
    g.rule = with + "a temperature >= 38.0 Cel sustained for more than 1 h (" +
             std::to_string(temperatures.size() - first) + " readings over " +
             std::to_string((now.at_ms - temperatures[first].at_ms) / 60000) +
             " min)";
    g.decisive.assign(temperatures.begin() + static_cast<long>(first),
                      temperatures.end());
    return g;
  }
  g.rule = with + "no fever meeting the definition (current temperature " +
           FormatNumber(now.celsius) + " Cel)";
  return g;
}

}  // namespace iraed::grading
