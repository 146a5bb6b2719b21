// File: surveillance/crs_assembly.h
//
// CRS by ASTCT 2019 (grading/crs.h) from what the patient's record holds
// at one moment: a CrsSnapshot, filled by the store, turned into the
// grading inputs, the finding's evidence and the domains that were not
// current. Pure: no I/O, the moment and the site's options passed in.
//
// Which inputs count:
//   - temperature: the charted value in force (snapshot), used if numeric;
//   - fever masking: the newest masking dose whose drug class the site's
//     FeverMaskingPolicy counts, within that class's masking window before
//     the moment, given while the patient's CRS grade was at least 1;
//   - hypotension: a charted hypotension flag, or a systolic pressure
//     below hypotension_systolic_below (either suffices);
//   - vasopressors running: per administration (its id, else its row), a
//     start at or before the moment, not stopped or ended by then, not
//     entered in error, and updated within vasopressor_freshness_ms (an
//     infusion with a known end after the moment counts as updated at the
//     moment). Distinct drugs are counted; vasopressin apart;
//   - oxygen: the device in force, and the flow in force unless it was
//     charted before the device (it belongs to an earlier device);
//   - fever with another documented cause (rule sets from iraed-rules-3,
//     reference 10.4): the yes/no in force; "yes" takes the fever out of
//     CRS grading (the CTCAE Fever finding is still recorded);
//   - inspired oxygen fraction (rule sets from iraed-rules-4, reference
//     10.6): the value in force unless charted before the device, for the
//     CTCAE CRS scale only.
#ifndef IRAED_SURVEILLANCE_CRS_ASSEMBLY_H_
#define IRAED_SURVEILLANCE_CRS_ASSEMBLY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/json.h"
#include "grading/crs.h"
#include "grading/drug_catalog.h"
#include "grading/grading_options.h"
#include "surveillance/astct_evidence.h"
#include "surveillance/charted_value.h"

namespace iraed::surveillance {

// How far back vasopressor administrations are read for one moment.
inline constexpr std::int64_t kVasopressorLookBackMs = 14 * grading::kDayMs;

// One stored administration of a vasopressor or vasopressin.
struct VasopressorRecord {
  std::string drug_class;  // "vasopressor" or "vasopressin"
  std::string generic;
  std::string administration_id;  // "" when the feed sent none
  std::int64_t row = 0;           // its row, the key when no id was sent
  std::string status;             // storage name (in_progress, completed ...)
  UnixMillis started_at = 0;
  std::optional<UnixMillis> ended_at;
};

// One stored dose of a drug class that may mask fever, with the CRS grade
// in force when it was given.
struct MaskingDose {
  grading::DrugClass drug_class;
  std::string generic;
  UnixMillis at = 0;
  int crs_grade_at_dose = 0;
};

// What the record holds at `at` for CRS.
struct CrsSnapshot {
  UnixMillis at = 0;
  std::optional<ChartedValue> temperature;
  std::optional<ChartedValue> hypotension_flag;
  std::optional<ChartedValue> systolic;
  std::optional<ChartedValue> oxygen_device;
  std::optional<ChartedValue> oxygen_flow;
  // "Fever with another documented cause" (yes/no) in force.
  std::optional<ChartedValue> fever_other_cause;
  // Inspired oxygen fraction (%) in force (rule sets from iraed-rules-4,
  // for the CTCAE CRS scale).
  std::optional<ChartedValue> inspired_oxygen;
  // Administrations started in [at - kVasopressorLookBackMs, at], in the
  // order they were stored.
  std::vector<VasopressorRecord> vasopressors;
  // Masking doses (completed or running, not entered in error) started in
  // [at - LongestMaskingWindow, at], newest first.
  std::vector<MaskingDose> masking_doses;
};

struct CrsAssessment {
  grading::CrsInputs inputs;
  // False when neither a current temperature nor masking is known: the
  // grade cannot be known at the moment (never graded as normal).
  bool gradable = false;
  // What was read, as the finding's evidence shows it
  // (surveillance/astct_evidence.h).
  CrsEvidence evidence;
  // The domains with no current value: "blood pressure", "oxygen support"
  // (comma-separated), or "".
  std::string not_current;
};

// How long a dose of `drug_class` masks fever; nullopt when the site's
// policy does not count the class as masking (or names no window).
std::optional<std::int64_t> MaskingWindow(
    const grading::GradingOptions& options, grading::DrugClass drug_class);
// The longest masking window of any class that masks; 0 when none does.
std::int64_t LongestMaskingWindow(const grading::GradingOptions& options);

struct RunningVasopressors {
  std::vector<std::string> pressors;  // distinct generics, sorted
  bool vasopressin = false;
};
RunningVasopressors VasopressorsRunning(
    const std::vector<VasopressorRecord>& records, UnixMillis at,
    std::int64_t freshness_ms);

CrsAssessment AssembleCrs(const CrsSnapshot& s,
                          const grading::GradingOptions& options);

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_CRS_ASSEMBLY_H_
