// File: surveillance/icans_assembly.h
//
// ICANS by ASTCT 2019 (grading/icans.h) from the charted values in force
// at one moment (IcansSnapshot, filled by the store): the grading inputs
// and the finding's evidence. Pure. A value counts when it is in force
// (charted at or before the moment, within its freshness window, not
// superseded or withdrawn); an ICE score counts only when numeric; a
// sedated patient is one charted sedated "yes".
#ifndef IRAED_SURVEILLANCE_ICANS_ASSEMBLY_H_
#define IRAED_SURVEILLANCE_ICANS_ASSEMBLY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.h"
#include "grading/icans.h"
#include "surveillance/astct_evidence.h"
#include "surveillance/charted_value.h"

namespace iraed::surveillance {

struct IcansSnapshot {
  std::optional<ChartedValue> ice_score;
  std::optional<ChartedValue> consciousness;
  std::optional<ChartedValue> seizure;
  std::optional<ChartedValue> motor_weakness;
  std::optional<ChartedValue> cerebral_edema;
  std::optional<ChartedValue> sedated;
  // Reference 10.5 (rule sets from iraed-rules-4; false before, and the
  // two fields below are then not read): whether the patient's age decides
  // the encephalopathy scale.
  bool by_age = false;
  // The patient's birth date ("YYYY-MM-DD", "" when none is on record)
  // and the site's calendar day of the moment (days since 1970-01-01).
  std::string birth_date;
  std::int64_t local_day = 0;
  std::optional<ChartedValue> capd;
};

// Whole years from `birth_date` ("YYYY-MM-DD") to the calendar day
// `local_day` (days since 1970-01-01); nullopt for no or an unreadable
// birth date, or one after that day.
std::optional<int> AgeInYears(std::string_view birth_date,
                              std::int64_t local_day);

struct IcansAssessment {
  grading::IcansInputs inputs;
  // Each domain's charted value (number, else token) with its time, or
  // null (surveillance/astct_evidence.h).
  IcansEvidence evidence;
};

IcansAssessment AssembleIcans(const IcansSnapshot& s);

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_ICANS_ASSEMBLY_H_
