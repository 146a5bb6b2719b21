// File: surveillance/charted_value.h
//
// Plain values read from a patient's record for grading: a charted state
// at a moment, and the monitored therapy a finding is dated from. The
// store fills them (store/patient_timeline.h); the assemblers of this
// folder read them. Nothing here knows SQL.
#ifndef IRAED_SURVEILLANCE_CHARTED_VALUE_H_
#define IRAED_SURVEILLANCE_CHARTED_VALUE_H_

#include <optional>
#include <string>

#include "common/clock.h"

namespace iraed::surveillance {

// The value of a charted concept in force at a moment: the latest one
// observed at or before it and within its freshness window, neither
// superseded by a correction nor withdrawn.
struct ChartedValue {
  std::optional<double> number;  // numeric concepts (temperature, ICE ...)
  std::string token;             // coded concepts (device, seizure ...)
  UnixMillis observed_at = 0;
};

// A monitored therapy event (CAR-T infusion, bispecific or checkpoint-
// inhibitor dose) as stored: `kind` is its storage name.
struct TherapyRef {
  std::string kind;
  std::string product;
  UnixMillis at = 0;
};

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_CHARTED_VALUE_H_
