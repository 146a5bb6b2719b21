// File: grading/febrile_neutropenia.h
//
// CTCAE v5.0 "Febrile neutropenia" (MedDRA 10016288; source key CTCAE5,
// clinical-grading.md section 5.4, and iraed's policy in section 10.2): an
// ANC < 1000/mm3 (1.0 x 10^9/L) with a single temperature > 38.3 Cel, or a
// temperature >= 38.0 Cel sustained for more than one hour. Grade 3 by
// definition; grade 4 ("life-threatening consequences; urgent intervention
// indicated") is clinical and never read from data. Pure: the values and
// the moment graded are passed in.
//
// At a moment, with the current ANC and the temperatures charted up to it:
//   - no current ANC: not gradable (nullopt), never "normal";
//   - ANC >= 1.0 x 10^9/L: grade 0;
//   - ANC < 1.0 and no current temperature: not gradable;
//   - ANC < 1.0 and the current fever (the run of readings >= 38.0 Cel
//     ending at the current one) holds a reading > 38.3 Cel: grade 3 (the
//     episode lasts while the fever does);
//   - ANC < 1.0 and that run spans more than 1 h (the fever has been
//     charted continuously for more than an hour): grade 3;
//   - otherwise grade 0.
// "Sustained" is read from the readings charted: two readings >= 38.0
// Cel more than one hour apart with none below 38.0 between them. Values
// compare at 12 significant digits (grading/exact.h).
#ifndef IRAED_GRADING_FEBRILE_NEUTROPENIA_H_
#define IRAED_GRADING_FEBRILE_NEUTROPENIA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iraed::grading {

inline constexpr std::string_view kFebrileNeutropeniaTerm =
    "Febrile neutropenia";
inline constexpr std::string_view kFebrileNeutropeniaMeddra = "10016288";
// The rule version of its findings (the CTCAE 5.0 term, iraed's reading).
inline constexpr const char* kFebrileNeutropeniaRuleVersion =
    "ctcae-5.0-febrile-neutropenia/iraed-1";
// ANC below this (x 10^9/L) is neutropenic for febrile neutropenia.
inline constexpr double kFnAncBelow = 1.0;
// A single temperature above this (Cel), or one at or above
// kFnSustainedFrom for more than kFnSustainedMs.
inline constexpr double kFnSingleAbove = 38.3;
inline constexpr double kFnSustainedFrom = 38.0;
inline constexpr std::int64_t kFnSustainedMs = 60LL * 60 * 1000;

struct TemperatureReading {
  std::int64_t at_ms = 0;
  double celsius = 0;
};

struct FnGrade {
  int grade = 0;  // 0 or 3
  std::string rule;
  // The readings that decided (the single one, or the sustained run).
  std::vector<TemperatureReading> decisive;
};

// `temperatures`: the readings charted up to the moment, in time order;
// the last is the current temperature (the caller keeps only readings
// within its freshness window).
std::optional<FnGrade> GradeFebrileNeutropenia(
    std::optional<double> anc_giga_per_l,
    const std::vector<TemperatureReading>& temperatures);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_FEBRILE_NEUTROPENIA_H_
