// File: store/sql_patient_timeline.h
//
// surveillance::PatientTimeline answered with SQL on the writer's
// connection: the reads of the grading steps (therapies, observations,
// clinical_states, medication_administrations, and the CRS grade in force
// from findings).
// Used inside the open group transaction, so it sees the rows written
// before it in the same transaction. One thread (the store's) at a time.
#ifndef IRAED_STORE_SQL_PATIENT_TIMELINE_H_
#define IRAED_STORE_SQL_PATIENT_TIMELINE_H_

#include <memory>

#include "common/time_zone.h"
#include "grading/grading_options.h"
#include "store/finding_writer.h"
#include "store/sqlite_db.h"
#include "surveillance/patient_timeline.h"

namespace iraed::store {

class SqlPatientTimeline : public surveillance::PatientTimeline {
 public:
  // Prepares every statement. `db`, `findings` (for the CRS grade in force
  // at a masking dose) and `options` (freshness, windows) must outlive it.
  // `site_zone` counts calendar days (CarTDayAt, SiteDay).
  static Result<std::unique_ptr<SqlPatientTimeline>> Prepare(
      Database& db, FindingWriter& findings,
      const grading::GradingOptions& options, TimeZone site_zone);
  ~SqlPatientTimeline() override;

  Result<std::optional<surveillance::TherapyRef>> EffectorTherapyAt(
      std::int64_t patient_row, UnixMillis at) override;
  Result<std::optional<surveillance::CarTDay>> CarTDayAt(
      std::int64_t patient_row, UnixMillis at) override;
  std::int64_t SiteDay(UnixMillis at) const override {
    return site_zone_.LocalDayNumber(at);
  }
  Result<std::optional<surveillance::ChartedValue>> StateAt(
      std::int64_t patient_row, grading::Analyte what, UnixMillis at) override;
  Result<surveillance::CrsSnapshot> CrsSnapshotAt(std::int64_t patient_row,
                                                  UnixMillis at) override;
  Result<surveillance::IcansSnapshot> IcansSnapshotAt(std::int64_t patient_row,
                                                      UnixMillis at) override;
  Result<std::vector<UnixMillis>> StoredMoments(
      surveillance::AstctSyndrome which, std::int64_t patient_row,
      UnixMillis after, UnixMillis until) override;
  Result<std::optional<UnixMillis>> NextStoredMoment(
      surveillance::AstctSyndrome which, std::int64_t patient_row,
      UnixMillis after) override;
  Result<UnixMillis> ReachOfStoredMasking(std::int64_t patient_row,
                                          UnixMillis after,
                                          UnixMillis until) override;
  Result<std::optional<surveillance::TherapyRef>> FirstTherapy(
      std::int64_t patient_row) override;
  Result<std::optional<surveillance::TherapyRef>> LatestTherapyAt(
      std::int64_t patient_row, UnixMillis at) override;
  Result<bool> CheckpointDoseBy(std::int64_t patient_row,
                                UnixMillis at) override;
  Result<std::optional<surveillance::StoredResult>> LatestResultBetween(
      std::int64_t patient_row, const model::Code& code, UnixMillis since,
      UnixMillis before) override;
  Result<std::vector<surveillance::StoredLabResult>> GradableResultsAfter(
      std::int64_t patient_row, const std::string& code, UnixMillis after,
      std::int64_t exclude_row) override;
  Result<std::vector<surveillance::StoredLabResult>> AnalyteResultsBetween(
      std::int64_t patient_row, grading::Analyte analyte, UnixMillis from,
      UnixMillis to) override;
  Result<std::optional<surveillance::StoredLabResult>> LatestAnalyteResult(
      std::int64_t patient_row, grading::Analyte analyte, UnixMillis from,
      UnixMillis at) override;
  Result<std::vector<surveillance::ChartedValue>> ChartedSeries(
      std::int64_t patient_row, grading::Analyte what, UnixMillis from,
      UnixMillis to) override;
  Result<std::optional<UnixMillis>> LatestComparatorResult(
      std::int64_t patient_row, grading::Analyte analyte, UnixMillis from,
      UnixMillis at) override;
  Result<std::optional<UnixMillis>> FirstDoseOfClass(
      std::int64_t patient_row, std::string_view drug_class, UnixMillis from,
      UnixMillis to) override;
  Result<std::optional<std::pair<UnixMillis, UnixMillis>>> TherapyEventSpan(
      std::int64_t patient_row, const std::string& event_id) override;

 private:
  struct Statements;
  static Status PrepareChartReads(Database& db, Statements& st);
  static Status PrepareMomentReads(Database& db, Statements& st);
  static Status PrepareLabReads(Database& db, Statements& st);
  static Status PrepareContextReads(Database& db, Statements& st);
  SqlPatientTimeline(FindingWriter& findings,
                     const grading::GradingOptions& options, TimeZone site_zone,
                     std::unique_ptr<Statements> st);

  FindingWriter& writer_;
  const grading::GradingOptions& options_;
  const TimeZone site_zone_;
  std::unique_ptr<Statements> st_;
};

}  // namespace iraed::store

#endif  // IRAED_STORE_SQL_PATIENT_TIMELINE_H_
