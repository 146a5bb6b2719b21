// File: grading/clinical_states.h
//
// The values of the concepts ASTCT CRS and ICANS grading needs, read as
// real flowsheets chart them, and normalised to one stored form. Pure.
//
// Numeric concepts are normalised to one unit: body temperature to Cel
// (from Cel or [degF]), systolic pressure to mm[Hg], oxygen flow to L/min,
// ICE score to whole points 0-10. Charted states are read from text with
// the synonyms listed in README "Clinical state values" (case, spaces and
// punctuation ignored: "Non-rebreather", "NRB", "non rebreather mask")
// and stored as a canonical token ("non_rebreather"). Yes/no concepts also
// accept 1 and 0. Anything else is never guessed: the result carries the
// reason, and the caller records a data-quality row.
#ifndef IRAED_GRADING_CLINICAL_STATES_H_
#define IRAED_GRADING_CLINICAL_STATES_H_

#include <optional>
#include <string>
#include <string_view>

#include "grading/analytes.h"
#include "grading/crs.h"
#include "grading/icans.h"

namespace iraed::grading {

// Whether the concept feeds ASTCT CRS or ICANS grading (body temperature
// included: it feeds both CTCAE fever and CRS; inspired oxygen feeds the
// CTCAE CRS scale beside ASTCT).
bool IsAstctInput(Analyte a);

// The concepts CRS grading reads, and those ICANS grading reads.
// Each list in the order the rule sets added them (inspired oxygen for the
// CTCAE CRS scale and CAPD from iraed-rules-4).
inline constexpr Analyte kCrsInputs[] = {
    Analyte::kBodyTemperature, Analyte::kSystolicBp, Analyte::kHypotension,
    Analyte::kOxygenDevice,    Analyte::kOxygenFlow, Analyte::kFeverOtherCause,
    Analyte::kInspiredOxygen};
inline constexpr Analyte kIcansInputs[] = {
    Analyte::kIceScore,      Analyte::kConsciousness, Analyte::kSeizure,
    Analyte::kMotorWeakness, Analyte::kCerebralEdema, Analyte::kSedation,
    Analyte::kCapd};

// Whether the concept is one of kCrsInputs.
bool IsCrsInput(Analyte a);

struct StateValue {
  std::optional<double> number;  // numeric concepts, normalised unit
  std::string token;             // state concepts, canonical token
};

struct StateReading {
  std::optional<StateValue> value;
  std::string problem;  // set when value is empty: why
};

// Normalises one observation value of an ASTCT concept. `numeric` and
// `text` are the observation's value (at most one set), `unit` as sent.
StateReading ReadClinicalState(Analyte what,
                               const std::optional<double>& numeric,
                               const std::optional<std::string>& text,
                               std::string_view unit);

// Canonical tokens back to grading enums (tokens written by
// ReadClinicalState; nullopt for anything else).
std::optional<OxygenDevice> OxygenDeviceFromToken(std::string_view token);
std::optional<Consciousness> ConsciousnessFromToken(std::string_view token);
std::optional<Seizure> SeizureFromToken(std::string_view token);
std::optional<CerebralEdema> CerebralEdemaFromToken(std::string_view token);
std::optional<bool> YesNoFromToken(std::string_view token);

}  // namespace iraed::grading

#endif  // IRAED_GRADING_CLINICAL_STATES_H_
