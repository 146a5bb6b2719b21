// File: store/lab_grading_step.h
//
// The grading step of the store thread for observations (architecture.md:
// normalise -> context -> grade -> findings), run inside the group
// transaction right after an observation row is written, so that its
// findings commit, or roll back, together with it.
//
// Which results are graded, limit precedence, baseline choice and the
// evidence are decided on plain values in surveillance/lab_assembly.h;
// this step reads what they need from the database and writes findings.
// For one stored numeric observation with status final or corrected:
//   1. analyte from the code (AnalyteCatalog); none: nothing to grade;
//   2. unit (ParseUnit); unknown: a data_quality row, no grade;
//   3. monitored therapy: the patient's first therapy event (CAR-T,
//      bispecific or checkpoint-inhibitor dose, not entered in error) at or
//      before the observation; none: stored only (it may become a baseline);
//   4. limits from the observation's reference range (numbers, else its
//      text); baseline: the last value of the same code before the first
//      therapy, within the look-back, in the same unit;
//   5. CTCAE v5 grades (grading/ctcae_labs.h, pure), from iraed-rules-4 the
//      CTCAE v6 grades beside them (grading/ctcae6_labs.h; the findings of
//      the version `ctcae_alert_version` does not name are recorded with
//      evidence.record_only and page nobody), and the ASCO grades
//      valued from labs (grading/asco_irae.h): nephritis from creatinine
//      against baseline, hypothyroidism from TSH ("persistently > 10" when
//      the grade in force was already 2), diabetes from glucose, and (from
//      iraed-rules-3) hepatitis from the latest ALT, AST and bilirubin as
//      multiples of ULN whatever the baseline; the hepatitis findings'
//      one-line text names their scale ("[CTCAE 5.0]", "[ASCO 2021]");
//   6. a finding for each term whose grade differs from the patient's
//      latest grade for that term and grading system at or before this
//      observation time; a
//      cytopenia term of a CAR-T patient from the infusion's day through
//      icaht_window_days is under the CAR-T paging policy (reference
//      10.1, grading/syndromes.h), which its evidence names.
// A corrected result re-grades through the same path (its grade is compared
// with the one in force). A late result (observed before one already
// stored) that wrote a finding has the stored results of its analyte after
// it graded again until one is gradable, so that the grade in force after
// that one is its own (FollowOn). A cancelled or entered-in-error result
// withdraws what the earlier result with the same result_id (and code)
// caused: each of its findings still in force at its own time gets a
// finding restoring the grade before, and the results after it are graded
// again. The patient context is read from the database inside the
// transaction, so nothing in memory can run ahead of what is committed.
#ifndef IRAED_STORE_LAB_GRADING_STEP_H_
#define IRAED_STORE_LAB_GRADING_STEP_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "grading/grading_options.h"
#include "model/message.h"
#include "store/finding_writer.h"
#include "store/sqlite_db.h"
#include "surveillance/charted_value.h"
#include "surveillance/grading_step.h"
#include "surveillance/lab_assembly.h"
#include "surveillance/patient_timeline.h"

namespace iraed::store {

class LabGradingStep : public surveillance::GradingStep {
 public:
  using MessageWork = surveillance::MessageWork;

  // Prepares the statements on `db`; `db`, `writer` and `timeline` must
  // outlive the step. Findings go through `writer`, which raises the
  // alerts; what the record holds is read from `timeline`.
  static Result<std::unique_ptr<LabGradingStep>> Prepare(
      Database& db, FindingWriter& writer,
      surveillance::PatientTimeline& timeline, grading::GradingOptions options);
  ~LabGradingStep() override;

  // Steps 1-6 above for an observation just stored by work's message.
  Status OnObservation(MessageWork& work,
                       const surveillance::StoredObservation& o) override;

 private:
  struct Statements;
  LabGradingStep(FindingWriter& writer, surveillance::PatientTimeline& timeline,
                 grading::GradingOptions options,
                 std::unique_ptr<Statements> st);
  enum class GradeResult { kNotGradable, kUnchanged, kWritten };
  // Why a stored result is graded: its own arrival; again after a result
  // of the same message; again after a late one (its findings say so). A
  // result graded again writes no data-quality record again.
  enum class Revisit { kNo, kSameMessage, kLate };
  // Steps 1-6 above for one stored result.
  Result<GradeResult> Grade(MessageWork& work, std::int64_t observation_row,
                            const model::Observation& o,
                            std::optional<grading::Analyte> analyte,
                            Revisit revisit);
  // A finding for each of `assessment`'s term grades that differs from the
  // grade in force at the result (its evidence names the therapy, the
  // latest dose and whether a checkpoint inhibitor was given).
  Result<GradeResult> WriteChangedGrades(
      MessageWork& work, std::int64_t observation_row,
      const model::Observation& o,
      const surveillance::LabAssessment& assessment,
      const surveillance::TherapyRef& first, bool late);
  // Whether the result is graded under the rule set (LabIsGraded, and the
  // analytes added with iraed-rules-3 only from it).
  bool GradedUnderRuleSet(const model::Observation& o,
                          std::optional<grading::Analyte> analyte) const;
  // Why a result is worth a data-quality row "alternate_code_only" (known
  // only by an alternate coding while results of its analyte are read back
  // by their code); "" when it is not.
  std::string AlternateCodeOnly(const model::Observation& o,
                                grading::Analyte analyte) const;
  // Reference 10.3 (rule sets from iraed-rules-3): for an ALT, AST or
  // bilirubin result, the ASCO 2021 hepatitis band of it and the latest of
  // the other two since the first therapy, added to `assessment` as the
  // "Hepatitis" term (the Hepatitis alert is the higher of it and the
  // CTCAE terms).
  Status AddAscoHepatitis(std::int64_t patient_row, const model::Observation& o,
                          grading::Analyte analyte,
                          const surveillance::TherapyRef& first,
                          surveillance::LabAssessment& assessment);
  // The site paging policy for a finding of `term` at `at` (reference
  // section 10.1: a cytopenia term of a CAR-T patient from the infusion's
  // day through icaht_window_days), written into `evidence` when it is not
  // the default.
  Result<grading::PagingPolicy> PagingPolicyOf(
      std::int64_t patient_row, std::string_view term, UnixMillis at,
      surveillance::LabFindingEvidence& evidence);
  // The evidence's record_only text of a finding of the CTCAE version that
  // does not drive alerts at the site.
  std::string RecordOnlyText() const;
  // After a grade written (or restored) at `after`: the stored results of
  // `analyte` after it (any code the catalogue maps to it, other than row
  // `exclude_row`) are graded again in time order until one is gradable.
  Status FollowOn(MessageWork& work, grading::Analyte analyte, UnixMillis after,
                  std::int64_t exclude_row);
  // A cancelled or entered-in-error result: the grades its earlier
  // observation(s) with the same result id caused, if still in force, fall
  // back to the grade before them (a new finding each).
  Status Withdraw(MessageWork& work, std::int64_t observation_row,
                  const model::Observation& o,
                  std::optional<grading::Analyte> analyte);

  FindingWriter& writer_;
  surveillance::PatientTimeline& timeline_;
  const grading::GradingOptions options_;
  std::unique_ptr<Statements> st_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_LAB_GRADING_STEP_H_
