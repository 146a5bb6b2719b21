// File: store/hematotox_step.h
//
// CAR-HEMATOTOX (grading/car_hematotox.h; rule sets from iraed-rules-4) as
// a risk finding of a CAR-T patient: grading system "CAR-HEMATOTOX 2021",
// term "CAR-HEMATOTOX", grade 1 high risk (HT-high) and 0 low risk, at the
// infusion's time, with the score, every input and the cut-offs in its
// evidence (labelled partially verified). It pages nobody.
//
// When a message stores a CAR-T infusion, a lymphodepletion dose, or a
// platelet, neutrophil, hemoglobin, CRP or ferritin result of a patient,
// the patient's latest CAR-T infusion is scored from the last value of
// each input before the first lymphodepletion dose within
// lymphodepletion_window_ms before the infusion (or before the infusion
// when none is recorded), within hematotox_lookback_ms. A finding is
// written when none is in force for the infusion or its class or
// completeness changed. A missing input leaves the class unknown below
// the high-risk line: grade 0, provisional, the missing inputs named.
#ifndef IRAED_STORE_HEMATOTOX_STEP_H_
#define IRAED_STORE_HEMATOTOX_STEP_H_

#include "common/status.h"
#include "grading/grading_options.h"
#include "store/finding_writer.h"
#include "surveillance/grading_step.h"
#include "surveillance/patient_timeline.h"

namespace iraed::store {

class HematotoxStep : public surveillance::GradingStep {
 public:
  // `writer`, `timeline` and `options` must outlive the step.
  HematotoxStep(FindingWriter& writer, surveillance::PatientTimeline& timeline,
                const grading::GradingOptions& options)
      : writer_(writer), timeline_(timeline), options_(options) {}

  Status OnObservation(surveillance::MessageWork& work,
                       const surveillance::StoredObservation& o) override;
  Status OnAdministration(surveillance::MessageWork& work,
                          const model::MedicationAdministration& m,
                          grading::DrugClass drug_class) override;
  Status OnTherapy(surveillance::MessageWork& work,
                   const model::TherapyEvent& t) override;
  Status OnMessageDone(surveillance::MessageWork& work) override;

 private:
  bool On() const { return options_.rule_set >= grading::RuleSet::kRules4; }
  // Scores the patient's latest CAR-T infusion (see above).
  Status Score(surveillance::MessageWork& work);

  FindingWriter& writer_;
  surveillance::PatientTimeline& timeline_;
  const grading::GradingOptions& options_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_HEMATOTOX_STEP_H_
