// File: surveillance/grading_step.h
//
// A clinical grading step of the store thread. The store holds its steps
// as a list and tells each, in order, what one message stored: every
// observation, administration and therapy event as its row is written,
// then that the message is done. A step reads the patient's record and
// writes findings through the store (its implementation lives there);
// everything it notes for the message goes into the MessageWork it is
// handed, never into itself. A new clinical step is one class and one
// registration line (MessageStore::PrepareGrading).
#ifndef IRAED_SURVEILLANCE_GRADING_STEP_H_
#define IRAED_SURVEILLANCE_GRADING_STEP_H_

#include <cstdint>
#include <optional>

#include "common/status.h"
#include "grading/analytes.h"
#include "grading/drug_catalog.h"
#include "model/message.h"
#include "surveillance/message_work.h"

namespace iraed::surveillance {

// An observation as stored: its row, and what it measures (looked up once
// by the store for every step; nullopt when its code maps to no analyte).
struct StoredObservation {
  std::int64_t row = 0;
  const model::Observation& observation;
  std::optional<grading::Analyte> analyte;
};

class GradingStep {
 public:
  virtual ~GradingStep() = default;

  // REQUIRES (all): inside the group transaction, after the row was
  // written; work.patient_row is the patient it concerns.
  virtual Status OnObservation(MessageWork& work, const StoredObservation& o) {
    (void)work;
    (void)o;
    return Status::Ok();
  }
  // An administration of a catalogued drug (`drug_class`).
  virtual Status OnAdministration(MessageWork& work,
                                  const model::MedicationAdministration& m,
                                  grading::DrugClass drug_class) {
    (void)work;
    (void)m;
    (void)drug_class;
    return Status::Ok();
  }
  virtual Status OnTherapy(MessageWork& work, const model::TherapyEvent& t) {
    (void)work;
    (void)t;
    return Status::Ok();
  }
  // Every row of the message is written.
  virtual Status OnMessageDone(MessageWork& work) {
    (void)work;
    return Status::Ok();
  }
};

}  // namespace iraed::surveillance

#endif  // IRAED_SURVEILLANCE_GRADING_STEP_H_
