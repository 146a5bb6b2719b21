// File: store/astct_grading_step.h
//
// The ASTCT 2019 step of the store thread: cytokine release syndrome and
// ICANS for patients after a CAR-T infusion or a bispecific T-cell engager
// dose (LEE-CRS, LEE-ICANS; grading/crs.h, grading/icans.h). Runs inside
// the group transaction, after the message's rows were written, so that
// its findings commit or roll back with the message.
//
// Inputs are rebuilt from the database at each grading moment, never kept
// in memory: the step reads a snapshot from its surveillance::PatientTimeline
// (CrsSnapshotAt, IcansSnapshotAt; store/sql_patient_timeline.h) and
// surveillance/crs_assembly.h and icans_assembly.h turn it into grading
// inputs and evidence. What counts:
//   - charted states (clinical_states, written by OnObservation): the
//     latest value of each what observed at or before the moment and
//     within its freshness window (grading::GradingOptions::freshness_ms); a
//     corrected result supersedes, a cancelled one withdraws. An oxygen
//     flow charted before the latest device reading is not used with it.
//   - vasopressors running (medication_administrations by drug class):
//     started at or before the moment, not stopped or ended by then, not
//     entered in error, and updated (start or rate change) within
//     vasopressor_freshness_ms. Distinct drugs are counted; vasopressin
//     apart.
//   - fever masking: a dose of a masking drug (FeverMaskingPolicy) within
//     its masking window before the moment, given while the patient's CRS
//     grade was at least 1.
//   - hypotension: a charted hypotension flag, or a systolic pressure below
//     hypotension_systolic_below.
// Grading moments: the observation time of each CRS or ICANS input in the
// message, and the start and end of each vasopressor or masking dose.
// A finding is written when the grade at that moment differs from the
// grade in force then.
// Late inputs: an input can arrive after others charted later than it (a
// temperature charted late, a vasopressor start entered after the blood
// pressures). The stored moments it bears on, those after the message's
// earliest moment and within the reach of its inputs (their freshness,
// the vasopressor freshness, the masking window), are graded again, in
// time order with the message's own; when that changed a grade, the stored
// moments after the reach are graded again until one is gradable, so that
// the grade in force afterwards is the one the stored data gives; a stored
// moment graded again that is not gradable any more gives back its grade
// (FallBack). Masking doses stored in the span extend it by their window (a
// grade written before a dose changes whether it masks). Such a finding
// says "regraded_for_late_input" in its evidence. A CAR-T infusion
// or bispecific dose is such an input too: the stored moments from it to
// the end of the CRS/ICANS window are graded when it is stored. Nothing is
// written when the grade cannot be known: CRS without a current temperature
// (and no masking), ICANS with no current domain or a sedated patient with
// nothing else positive. Missing data is never graded as normal. At the moment
// of a withdrawn result that leaves nothing gradable, the grade returns to the
// one in force just before that moment.
#ifndef IRAED_STORE_ASTCT_GRADING_STEP_H_
#define IRAED_STORE_ASTCT_GRADING_STEP_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "grading/drug_catalog.h"
#include "grading/grading_options.h"
#include "model/message.h"
#include "store/finding_writer.h"
#include "store/sqlite_db.h"
#include "surveillance/charted_value.h"
#include "surveillance/crs_assembly.h"
#include "surveillance/grading_step.h"
#include "surveillance/icans_assembly.h"
#include "surveillance/message_work.h"
#include "surveillance/patient_timeline.h"
#include "surveillance/regrade_plan.h"

namespace iraed::store {

class AstctGradingStep : public surveillance::GradingStep {
 public:
  using Moment = surveillance::GradingMoment;
  using MessageWork = surveillance::MessageWork;

  // `db`, `writer`, `timeline` and `options` must outlive the step.
  static Result<std::unique_ptr<AstctGradingStep>> Prepare(
      Database& db, FindingWriter& writer,
      surveillance::PatientTimeline& timeline,
      const grading::GradingOptions& options);
  ~AstctGradingStep() override;

  // Records the normalised value of an ASTCT input (or a data_quality row
  // when it cannot be read) and notes the moment in work.astct.
  Status OnObservation(MessageWork& work,
                       const surveillance::StoredObservation& o) override;
  // Notes the moments a stored administration of `drug_class` bears on.
  Status OnAdministration(MessageWork& work,
                          const model::MedicationAdministration& m,
                          grading::DrugClass drug_class) override;
  // Notes a stored therapy event: a CAR-T infusion or bispecific dose
  // entered after data charted since it has those moments graded; one
  // entered in error has them graded again without it (a moment with no
  // effector therapy left returns CRS and ICANS to grade 0).
  Status OnTherapy(MessageWork& work, const model::TherapyEvent& t) override;
  // Grades CRS and ICANS at each noted moment (see above).
  Status OnMessageDone(MessageWork& work) override;

 private:
  struct Statements;
  using Therapy = surveillance::TherapyRef;
  using State = surveillance::ChartedValue;
  AstctGradingStep(FindingWriter& writer,
                   const grading::GradingOptions& options,
                   std::unique_ptr<Statements> st,
                   surveillance::PatientTimeline& timeline);

  // What grading one moment did.
  enum class Graded {
    kUnknown,    // the grade cannot be known at the moment: nothing written
    kUnchanged,  // the grade equals the one in force
    kWritten,    // a finding was written
    kRestored,   // not gradable: the grade before the moment was restored
  };
  using Which = surveillance::AstctSyndrome;
  // Grades `moments` (this message's) of one syndrome, with the stored
  // moments a late input or `span` bears on (see above).
  Status GradeMoments(MessageWork& work, Which which,
                      std::vector<Moment> moments,
                      std::optional<UnixMillis> reach,
                      const std::optional<surveillance::TherapySpan>& span);
  // Grade 0 at `m` when a grade is in force there (no effector therapy on
  // record at the moment any more).
  Status ClearWithoutTherapy(MessageWork& work, Which which, const Moment& m);
  // One scale's finding of `term` (by `system`) back to 0 there.
  Status ClearScale(MessageWork& work, const Moment& m, std::string_view term,
                    std::string_view meddra, std::string_view rule_version,
                    std::string_view system);
  Result<Graded> GradeAt(MessageWork& work, Which which, const Moment& m,
                         const Therapy& therapy);
  Result<Graded> GradeCrsAt(MessageWork& work, const Moment& m,
                            const Therapy& therapy);
  // The grade returns to the one in force just before `m`: a moment that is
  // not gradable any more (a withdrawal, or a stored moment graded again)
  // keeps no grade of its own.
  // `system`: the grading system of the term's findings (the CTCAE CRS
  // scale's are "CTCAE 5.0" and page nobody).
  Result<Graded> FallBack(MessageWork& work, const Moment& m,
                          const Therapy& therapy, std::string_view term,
                          std::string_view meddra,
                          std::string_view rule_version,
                          std::string_view system = grading::kAstctSystem);
  // Reference 10.6 (rule sets from iraed-rules-4): the CTCAE v5 CRS grade
  // of the same inputs, recorded beside ASTCT when it changes; it pages
  // nobody (grading/ctcae_crs.h).
  Result<Graded> GradeCtcaeCrsAt(MessageWork& work, const Moment& m,
                                 const Therapy& therapy,
                                 const surveillance::CrsAssessment& a,
                                 int astct_grade);
  Result<Graded> GradeIcansAt(MessageWork& work, const Moment& m,
                              const Therapy& therapy);
  // How far after `at` an input or a dose bears on the grade.
  static void Extend(std::optional<UnixMillis>& reach, UnixMillis until) {
    reach = reach ? std::max(*reach, until) : until;
  }

  FindingWriter& writer_;
  const grading::GradingOptions& options_;
  std::unique_ptr<Statements> st_;
  // What the record holds at a moment: the snapshots the assemblers in
  // surveillance/ turn into grading inputs and evidence, the stored moments
  // a late input bears on (store/sql_patient_timeline.h).
  surveillance::PatientTimeline& timeline_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_ASTCT_GRADING_STEP_H_
