// File: store/lab_grading_step.h
//
// The grading step of the store thread for observations (architecture.md:
// normalise -> context -> grade -> findings), run inside the group
// transaction right after an observation row is written, so that its
// findings commit, or roll back, together with it.
//
// For one stored numeric observation with status final or corrected:
//   1. analyte from the code (AnalyteCatalog); none: nothing to grade;
//   2. unit (ParseUnit); unknown: a data_quality row, no grade;
//   3. monitored therapy: the patient's first therapy event (CAR-T,
//      bispecific or checkpoint-inhibitor dose, not entered in error) at or
//      before the observation; none: stored only (it may become a baseline);
//   4. limits from the observation's reference range (numbers, else its
//      text); baseline: the last value of the same code before the first
//      therapy, within the look-back, in the same unit;
//   5. CTCAE v5 grades (grading/ctcae_labs.h, pure);
//   6. a finding for each term whose grade differs from the patient's
//      latest grade for that term at or before this observation time.
// A corrected result re-grades through the same path (its grade is compared
// with the one in force). A cancelled or entered-in-error result withdraws
// what the earlier result with the same result_id (and code) caused: each
// of its findings still in force gets a finding restoring the grade before.
// The patient context is read from the database inside the transaction,
// so nothing in memory can run ahead of what is committed.
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
#include "grading/analytes.h"
#include "grading/units.h"
#include "model/message.h"
#include "store/sqlite_db.h"

namespace iraed::store {

struct GradingOptions {
  grading::AnalyteCatalog analytes = grading::AnalyteCatalog::Defaults();
  // How far before the first therapy a value still counts as baseline.
  std::int64_t baseline_lookback_ms = 30LL * 24 * 3600 * 1000;
  // Limits for results sent without a reference range, by analyte and unit.
  struct Limits {
    std::optional<double> low;
    std::optional<double> high;
  };
  std::map<std::pair<grading::Analyte, grading::Unit>, Limits> default_limits;
  // Troponin MI cut-offs by assay code (system, code), in `unit`.
  struct Cutoff {
    grading::Unit unit;
    double value;
  };
  std::map<std::pair<std::string, std::string>, Cutoff> mi_cutoffs;
};

class LabGradingStep {
 public:
  struct Therapy {
    std::string kind;
    std::string product;
    UnixMillis at = 0;
  };

  // Prepares the statements on `db`, which must outlive the step.
  static Result<std::unique_ptr<LabGradingStep>> Prepare(
      Database& db, GradingOptions options);
  ~LabGradingStep();

  // After every observation of message `message_row` went through
  // OnObservation: raises one alert per syndrome whose grade rose to at
  // least its threshold through this message's findings (several terms of
  // one syndrome moving together give one alert).
  Status OnMessageDone(std::int64_t message_row, std::int64_t patient_row,
                       UnixMillis recorded_at);

  // Forgets what was looked up in the current transaction; called at every
  // Begin and Rollback (row ids are reused after a rollback).
  void ResetCache() {
    cached_message_ = 0;
    cached_first_.reset();
    message_findings_.clear();
  }

  // REQUIRES: inside the group transaction; `o` was just stored as
  // observations row `observation_row` of message `message_row`.
  Status OnObservation(std::int64_t message_row, std::int64_t patient_row,
                       std::int64_t observation_row,
                       const model::Observation& o, UnixMillis recorded_at);

 private:
  struct Statements;
  LabGradingStep(Database& db, GradingOptions options,
                 std::unique_ptr<Statements> st);
  // A cancelled or entered-in-error result: the grades its earlier
  // observation(s) with the same result id caused, if still in force, fall
  // back to the grade before them (a new finding each).
  Status Withdraw(std::int64_t message_row, std::int64_t patient_row,
                  std::int64_t observation_row, const model::Observation& o,
                  UnixMillis recorded_at);

  Database& db_;
  const GradingOptions options_;
  std::unique_ptr<Statements> st_;
  // The patient's first therapy, looked up once per message.
  std::int64_t cached_message_ = 0;
  std::optional<Therapy> cached_first_;
  // Findings written for the message being filed.
  struct NewFinding {
    std::int64_t id;
    std::string term;
    int grade;
    bool provisional;
    UnixMillis observed_at;
    std::string what;     // "ALT 250 U/L (3.0, 5.0] x ULN (ULN 56)"
    std::string therapy;  // "day 2 after nivolumab"
  };
  std::vector<NewFinding> message_findings_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_LAB_GRADING_STEP_H_
