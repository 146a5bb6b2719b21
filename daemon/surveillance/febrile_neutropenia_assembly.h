// File: surveillance/febrile_neutropenia_assembly.h
//
// Febrile neutropenia (grading/febrile_neutropenia.h; reference 5.4 and
// 10.2) at a moment, from what the record holds then, and the evidence of
// its findings (store/febrile_neutropenia_step.h reads the record and
// writes them). Pure: no I/O.
//
//   - the ANC is the latest gradable neutrophil count within the ANC
//     freshness (`fn_anc_freshness_ms`, 24 h by default) at or before the
//     moment, in a count unit (grading/units.h); another unit makes it
//     unknown, never normal;
//   - the temperatures are those charted within the body temperature's
//     freshness (6 h by default) up to the moment, in Cel.
#ifndef IRAED_SURVEILLANCE_FEBRILE_NEUTROPENIA_ASSEMBLY_H_
#define IRAED_SURVEILLANCE_FEBRILE_NEUTROPENIA_ASSEMBLY_H_

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "grading/febrile_neutropenia.h"
#include "surveillance/charted_value.h"

namespace iraed::surveillance {

struct AncValue {
  double value = 0;
  std::string unit;
  UnixMillis observed_at = 0;
};

struct FnSnapshot {
  UnixMillis at = 0;
  std::optional<AncValue> anc;
  std::vector<ChartedValue> temperatures;  // in time order
};

struct FnAssessment {
  std::optional<grading::FnGrade> grade;  // nullopt: not gradable
  std::optional<double> anc_giga_per_l;
};

FnAssessment AssessFebrileNeutropenia(const FnSnapshot& s);

// The evidence of a febrile neutropenia finding (findings.evidence). Keys
// are frozen and written in this order: anc {value, unit, observed_at} or
// null, anc_giga_per_l or null, temperatures [{value_cel, observed_at}] (the
// readings that decided; for grade 0 the current one), rule, therapy {first,
// latest}.
struct FnFindingEvidence {
  std::optional<AncValue> anc;  // null when no count was current
  std::optional<double> anc_giga_per_l;
  std::vector<grading::TemperatureReading> temperatures;
  std::string rule;
  Json therapy_first;
  Json therapy_latest;
};

Json ToJson(const FnFindingEvidence& e);

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_FEBRILE_NEUTROPENIA_ASSEMBLY_H_
