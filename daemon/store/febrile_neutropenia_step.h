// File: store/febrile_neutropenia_step.h
//
// The febrile neutropenia step of the store thread (reference 5.4 and
// 10.2; grading/febrile_neutropenia.h), under rule sets from
// iraed-rules-3. For every monitored patient (a therapy on record at or
// before the moment), at the time of each neutrophil count or body
// temperature just stored (final, corrected, cancelled or entered in
// error): the latest count within the ANC freshness and the temperatures
// charted within the temperature's freshness are read, graded, and a
// finding ("Febrile neutropenia", CTCAE 5.0, MedDRA 10016288) is written
// when the grade differs from the one in force then; and so at every
// temperature charted after it that reads it (within the ANC freshness
// after a count, as when the count is resulted after the fever it
// explains; within the temperature's freshness after a temperature),
// 48 moments at most. Grade 3 pages (the Febrile neutropenia syndrome),
// inside a CAR-T window too and beside CRS: neutropenic fever is an
// emergency whatever its cause. A moment where the ANC or the temperature
// is unknown writes nothing new; an episode in force there is no longer
// current (its inputs withdrawn, or the fever over) and falls back to 0,
// so the next episode pages again; a count gone stale while the fever goes
// on keeps it (the same episode must not page twice).
#ifndef IRAED_STORE_FEBRILE_NEUTROPENIA_STEP_H_
#define IRAED_STORE_FEBRILE_NEUTROPENIA_STEP_H_

#include "common/status.h"
#include "grading/grading_options.h"
#include "store/finding_writer.h"
#include "surveillance/grading_step.h"
#include "surveillance/patient_timeline.h"

namespace iraed::store {

class FebrileNeutropeniaStep : public surveillance::GradingStep {
 public:
  // `writer`, `timeline` and `options` must outlive the step.
  FebrileNeutropeniaStep(FindingWriter& writer,
                         surveillance::PatientTimeline& timeline,
                         const grading::GradingOptions& options)
      : writer_(writer), timeline_(timeline), options_(options) {}

  Status OnObservation(surveillance::MessageWork& work,
                       const surveillance::StoredObservation& o) override;

 private:
  // Grades febrile neutropenia at `at` and writes a finding when the grade
  // differs from the one in force. Nothing gradable with an episode in
  // force: grade 0 (no longer current), unless only the count went stale
  // while the fever goes on and no `withdrawal` brought the moment.
  Status GradeMoment(surveillance::MessageWork& work,
                     std::int64_t observation_row,
                     const surveillance::TherapyRef& first, UnixMillis at,
                     bool withdrawal);
  std::int64_t TemperatureFreshness() const;

  FindingWriter& writer_;
  surveillance::PatientTimeline& timeline_;
  const grading::GradingOptions& options_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_FEBRILE_NEUTROPENIA_STEP_H_
