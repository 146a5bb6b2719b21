// File: surveillance/patient_timeline.h
//
// What a patient's record holds at a moment, as the grading steps ask it:
// the read side of the store, as an interface. The store answers it on the
// writer's connection inside the open group transaction
// (store/sql_patient_timeline.h), so a step sees the rows the same message
// and the messages before it in the group wrote. Answers follow the
// clinical reading rules of the CRS/ICANS assemblers: the latest value of a
// concept within its freshness window, corrected results superseding,
// withdrawn ones gone (see store/astct_grading_step.h).
#ifndef IRAED_SURVEILLANCE_PATIENT_TIMELINE_H_
#define IRAED_SURVEILLANCE_PATIENT_TIMELINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "grading/analytes.h"
#include "surveillance/charted_value.h"
#include "surveillance/crs_assembly.h"
#include "surveillance/icans_assembly.h"
#include "surveillance/lab_assembly.h"

namespace iraed::surveillance {

enum class AstctSyndrome { kCrs, kIcans };

// A stored lab result read back to be graded again (a later result of the
// same analyte after a grade changed): its rows and what it said.
struct StoredLabResult {
  std::int64_t row = 0;      // observations.id
  std::int64_t message = 0;  // messages.id
  model::Observation observation;
};

struct CarTDay {
  TherapyRef infusion;
  int day = 0;
};

class PatientTimeline {
 public:
  virtual ~PatientTimeline() = default;

  // The latest CAR-T infusion or bispecific dose at or before `at` that was
  // not entered in error, within the ASTCT window; nullopt when none.
  virtual Result<std::optional<TherapyRef>> EffectorTherapyAt(
      std::int64_t patient, UnixMillis at) = 0;
  // The latest CAR-T infusion at or before `at` that counts (not entered
  // in error, nor withdrawn), however long ago, and the calendar day of
  // `at` after it in the site's time zone (day 0: the infusion's day);
  // nullopt when none.
  virtual Result<std::optional<CarTDay>> CarTDayAt(std::int64_t patient,
                                                   UnixMillis at) = 0;
  // The site's calendar day of an instant (days since 1970-01-01 in the
  // site's time zone).
  virtual std::int64_t SiteDay(UnixMillis at) const = 0;
  // The current value of `what` at `at` (within its freshness window).
  virtual Result<std::optional<ChartedValue>> StateAt(std::int64_t patient,
                                                      grading::Analyte what,
                                                      UnixMillis at) = 0;
  // Everything CRS and ICANS grading read at `at`.
  virtual Result<CrsSnapshot> CrsSnapshotAt(std::int64_t patient,
                                            UnixMillis at) = 0;
  virtual Result<IcansSnapshot> IcansSnapshotAt(std::int64_t patient,
                                                UnixMillis at) = 0;
  // The stored moments of a syndrome in (after, until], in time order: the
  // times of its charted inputs and, for CRS, the starts and ends of the
  // doses it reads (vasopressors, masking drugs).
  virtual Result<std::vector<UnixMillis>> StoredMoments(AstctSyndrome which,
                                                        std::int64_t patient,
                                                        UnixMillis after,
                                                        UnixMillis until) = 0;
  // The first stored moment of a syndrome after `after`.
  virtual Result<std::optional<UnixMillis>> NextStoredMoment(
      AstctSyndrome which, std::int64_t patient, UnixMillis after) = 0;
  // `until` extended by the masking window of every masking dose started
  // in [after, until] (and of those the extension reaches).
  virtual Result<UnixMillis> ReachOfStoredMasking(std::int64_t patient,
                                                  UnixMillis after,
                                                  UnixMillis until) = 0;
  // Therapy records that count (not entered in error, nor withdrawn by a
  // later entered-in-error record of the same event id): the first the
  // patient had, and the latest at or before `at`.
  virtual Result<std::optional<TherapyRef>> FirstTherapy(
      std::int64_t patient) = 0;
  virtual Result<std::optional<TherapyRef>> LatestTherapyAt(
      std::int64_t patient, UnixMillis at) = 0;
  // Whether a checkpoint-inhibitor dose that counts was given by `at`.
  virtual Result<bool> CheckpointDoseBy(std::int64_t patient,
                                        UnixMillis at) = 0;
  // The latest final or corrected numeric result of (system, code)
  // observed in [since, before): the baseline candidate.
  virtual Result<std::optional<StoredResult>> LatestResultBetween(
      std::int64_t patient, const model::Code& code, UnixMillis since,
      UnixMillis before) = 0;
  // Up to 16 results of `code` (any system) observed after `after`, other
  // than row `exclude_row`, final or corrected, numeric without a
  // comparator, and neither superseded nor withdrawn by a later row of the
  // same result; in time order.
  virtual Result<std::vector<StoredLabResult>> GradableResultsAfter(
      std::int64_t patient, const std::string& code, UnixMillis after,
      std::int64_t exclude_row) = 0;
  // Every result of `analyte` (any code and system the catalogue maps to
  // it) observed in [from, to], final or corrected, numeric without a
  // comparator, and neither superseded nor withdrawn by a later row of the
  // same result; in time order.
  virtual Result<std::vector<StoredLabResult>> AnalyteResultsBetween(
      std::int64_t patient, grading::Analyte analyte, UnixMillis from,
      UnixMillis to) = 0;
  // The latest of those results (AnalyteResultsBetween) observed in
  // [from, at]; nullopt when none.
  virtual Result<std::optional<StoredLabResult>> LatestAnalyteResult(
      std::int64_t patient, grading::Analyte analyte, UnixMillis from,
      UnixMillis at) = 0;
  // The values of a charted concept (clinical_states) observed in [from,
  // to], neither superseded nor withdrawn; in time order.
  virtual Result<std::vector<ChartedValue>> ChartedSeries(std::int64_t patient,
                                                          grading::Analyte what,
                                                          UnixMillis from,
                                                          UnixMillis to) = 0;
  // The time of the latest result of `analyte` observed in [from, at] that
  // was sent with a comparator ("<5"), final or corrected and not
  // superseded; nullopt when none (such results are not graded).
  virtual Result<std::optional<UnixMillis>> LatestComparatorResult(
      std::int64_t patient, grading::Analyte analyte, UnixMillis from,
      UnixMillis at) = 0;
  // The start of the first administration of `drug_class` (storage name)
  // started in [from, to], given (completed or in progress) and not
  // withdrawn; nullopt when none.
  virtual Result<std::optional<UnixMillis>> FirstDoseOfClass(
      std::int64_t patient, std::string_view drug_class, UnixMillis from,
      UnixMillis to) = 0;
  // The earliest and latest administration times of the therapy records
  // with `event_id` that are not entered in error; nullopt when none.
  virtual Result<std::optional<std::pair<UnixMillis, UnixMillis>>>
  TherapyEventSpan(std::int64_t patient, const std::string& event_id) = 0;
};

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_PATIENT_TIMELINE_H_
