// File: store/icaht_grading_step.h
//
// The ICAHT grading step of the store thread (reference sections 4 and
// 10.1; grading/icaht.h, surveillance/icaht_assembly.h), under rule sets
// from iraed-rules-3. For a neutrophil count just stored (final, corrected,
// cancelled or entered in error) of a patient with a CAR-T infusion on
// record at or before it, on calendar day 0-100 after that infusion (the
// site's time zone):
//   1. every gradable neutrophil count from the infusion's day to day 100
//      is read (any code the catalogue maps to neutrophils; superseded and
//      withdrawn ones left out), so a late, corrected or withdrawn count
//      changes the grade as the record now reads;
//   2. early ICAHT (days 0-30) and late ICAHT (days 31-100) are graded
//      from them (surveillance::AssessIcaht);
//   3. each is written as a finding ("Early ICAHT", "Late ICAHT"; grading
//      system "EHA/EBMT ICAHT 2023"; rule version with the counting
//      method) when its grade, or whether it is provisional, differs from
//      the finding in force at its time; a window left without a usable
//      count (withdrawn, corrected away) falls back to grade 0 at the
//      result's time. Early ICAHT belongs to the ICAHT syndrome, which
//      pages from grade 3; late ICAHT pages nobody.
// A CAR-T infusion stored after counts does not grade them again (noted in
// README): the next count does.
#ifndef IRAED_STORE_ICAHT_GRADING_STEP_H_
#define IRAED_STORE_ICAHT_GRADING_STEP_H_

#include <memory>

#include "common/status.h"
#include "grading/grading_options.h"
#include "store/finding_writer.h"
#include "surveillance/grading_step.h"
#include "surveillance/icaht_assembly.h"
#include "surveillance/patient_timeline.h"

namespace iraed::store {

class IcahtGradingStep : public surveillance::GradingStep {
 public:
  // `writer`, `timeline` and `options` must outlive the step.
  IcahtGradingStep(FindingWriter& writer,
                   surveillance::PatientTimeline& timeline,
                   const grading::GradingOptions& options)
      : writer_(writer), timeline_(timeline), options_(options) {}

  Status OnObservation(surveillance::MessageWork& work,
                       const surveillance::StoredObservation& o) override;

 private:
  // The patient's neutrophil counts from day 0 to day 100 of `infusion`.
  Result<std::vector<surveillance::NeutrophilCount>> CountsSince(
      std::int64_t patient_row, const surveillance::TherapyRef& infusion);
  // Step 3 for one of the two ICAHT terms.
  Status WriteIfChanged(surveillance::MessageWork& work,
                        std::int64_t observation_row,
                        const surveillance::TherapyRef& infusion, bool early,
                        const surveillance::IcahtAt& graded,
                        const surveillance::IcahtAssessment& assessment);

  FindingWriter& writer_;
  surveillance::PatientTimeline& timeline_;
  const grading::GradingOptions& options_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_ICAHT_GRADING_STEP_H_
