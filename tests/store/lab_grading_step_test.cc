// The grading step inside the store: findings land in the same transaction
// as the observations that cause them, only for patients on therapy.
#include "store/lab_grading_step.h"

#include <gtest/gtest.h>

#include "support/store_fixture.h"

namespace iraed::store {
namespace {

namespace pb = ::iraed::v1;
using ::iraed::testing::SubmissionFor;
using ::iraed::testing::TempDir;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kDose = 1790000000;  // therapy time, seconds

// One result of patient P1, observed at kDose + offset seconds.
struct Result {
  std::string code;
  std::optional<double> value;
  std::string unit;
  std::optional<double> low;
  std::optional<double> high;
  std::int64_t offset = 0;
  pb::ResultStatus status = pb::RESULT_STATUS_FINAL;
  std::string result_id;
  std::string system = "LN";
};

pb::Envelope Results(const std::string& id, std::initializer_list<Result> rs) {
  pb::Envelope env;
  env.set_message_id(id);
  env.set_source("lab");
  auto* b = env.mutable_observations();
  b->mutable_patient()->set_id("P1");
  for (const Result& r : rs) {
    auto* o = b->add_observations();
    o->mutable_code()->set_system(r.system);
    o->mutable_code()->set_code(r.code);
    if (r.value) o->set_numeric(*r.value);
    o->set_unit(r.unit);
    if (r.low) o->mutable_reference_range()->set_low(*r.low);
    if (r.high) o->mutable_reference_range()->set_high(*r.high);
    o->set_status(r.status);
    o->mutable_observed_at()->set_seconds(kDose + r.offset);
    o->set_result_id(r.result_id);
  }
  return env;
}

// An ALT result (ULN 40 U/L).
Result AltValue(std::optional<double> value, std::int64_t offset,
                pb::ResultStatus status = pb::RESULT_STATUS_FINAL,
                const std::string& result_id = "") {
  return Result{"1742-6", value, "U/L", 7, 40, offset, status, result_id, "LN"};
}

pb::Envelope TherapyEvent(const std::string& event_id, pb::TherapyKind kind,
                          const std::string& product, bool entered_in_error) {
  pb::Envelope env;
  env.set_message_id(event_id + (entered_in_error ? "-withdrawn" : ""));
  env.set_source("pharmacy");
  auto* t = env.mutable_therapy_event();
  t->mutable_patient()->set_id("P1");
  t->set_kind(kind);
  t->mutable_product()->set_display(product);
  t->mutable_administered_at()->set_seconds(kDose);
  t->set_event_id(event_id);
  t->set_entered_in_error(entered_in_error);
  return env;
}

// The CTCAE and ASCO mechanics (which results, baselines, late and
// withdrawn results, alerts) as rule set iraed-rules-2 grades them, which
// this build still carries for replay; what iraed-rules-3 adds to them
// (the ASCO hepatitis band beside every ALT, AST and bilirubin) is tested
// by LabGradingStepRules3Test below.
class LabGradingStepTest : public ::iraed::testing::StoreTest {
 protected:
  void SetUp() override { Open(grading::GradingOptions{}); }
  void Open(grading::GradingOptions g) {
    g.rule_set = grading::RuleSet::kRules2;
    StoreTest::Open(std::move(g));
  }

  void Therapy(const std::string& id, bool entered_in_error = false) {
    File(TherapyEvent(id, pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE,
                      "pembrolizumab", entered_in_error));
  }

  // One lab value of patient P1 at kDose + `offset` seconds.
  void Lab(const std::string& id, const std::string& loinc, double value,
           const std::string& unit, std::optional<double> low,
           std::optional<double> high, std::int64_t offset,
           pb::ResultStatus status = pb::RESULT_STATUS_FINAL) {
    File(Results(
        id, {Result{loinc, value, unit, low, high, offset, status, "", "LN"}}));
  }

  void Alt(const std::string& id, double value, std::int64_t offset) {
    File(Results(id, {AltValue(value, offset)}));
  }

  // The grade of `term` in force at kDose + `offset` (0: none).
  std::int64_t GradeAt(
      std::int64_t offset,
      const std::string& term = "Alanine aminotransferase increased") {
    return Count(
        "SELECT coalesce((SELECT grade FROM findings WHERE term='" + term +
        "' AND observed_at_ms <= " + std::to_string((kDose + offset) * 1000) +
        " ORDER BY observed_at_ms DESC, id DESC LIMIT 1), 0)");
  }
};

TEST_F(LabGradingStepTest, NothingIsGradedBeforeTherapy) {
  Alt("a1", 500, -kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
  Therapy("dose-1");
  Alt("a2", 500, -3600);  // observed before the dose: still baseline
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
}

TEST_F(LabGradingStepTest, GradeChangesBecomeFindings) {
  Therapy("dose-1");
  Alt("a1", 130, 2 * kDay);  // (3, 5] x ULN 40
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE "
                  "term='Alanine aminotransferase increased' AND "
                  "meddra_code='10001551' AND grading_system='CTCAE 5.0' AND "
                  "grade=2 AND previous_grade=0 AND provisional=0 AND "
                  "observed_at='2026-09-23T14:13:20.000Z' AND "
                  "rule_version LIKE 'ctcae-5.0/%'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE "
                  "json_extract(evidence, '$.therapy.first.product') = "
                  "'pembrolizumab' AND json_extract(evidence, "
                  "'$.therapy.first.day') = 2 AND json_extract(evidence, "
                  "'$.uln') = 40 AND json_extract(evidence, "
                  "'$.observation.value') = 130"),
            1);
  Alt("a2", 140, 3 * kDay);  // same grade: no new finding
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 1);
  Alt("a3", 30, 4 * kDay);  // resolves
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=0 AND "
                  "previous_grade=2"),
            1);
}

TEST_F(LabGradingStepTest, AbnormalBaselineChangesTheRule) {
  Alt("pre", 60, -2 * kDay);  // baseline above ULN 40
  Therapy("dose-1");
  Alt("a1", 89, kDay);  // < 1.5 x 60: grade 0, nothing to record
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
  Alt("a2", 90, 2 * kDay);  // exactly 1.5 x baseline: grade 1
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=1 AND "
                  "json_extract(evidence, '$.baseline.value') = 60"),
            1);
}

TEST_F(LabGradingStepTest, BaselineOutsideTheLookBackIsIgnored) {
  Alt("old", 60, -31 * kDay);
  Therapy("dose-1");
  Alt("a1", 89, kDay);  // ULN rule: (1, 3] x 40 -> grade 1
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=1 AND "
                  "json_extract(evidence, '$.baseline') IS NULL"),
            1);
}

TEST_F(LabGradingStepTest, CreatinineBaselineRuleWithinNormalLimits) {
  Lab("pre", "2160-0", 0.7, "mg/dL", 0.6, 1.2, -kDay);
  Therapy("dose-1");
  Lab("c1", "2160-0", 1.1, "mg/dL", 0.6, 1.2, kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE "
                  "term='Creatinine increased' AND grade=2"),
            1);
}

TEST_F(LabGradingStepTest, UnknownUnitIsADataQualityRecord) {
  Therapy("dose-1");
  Lab("n1", "751-8", 0.4, "furlongs", 1.8, 7.7, kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality WHERE "
                  "issue='unknown_unit' AND detail LIKE '%furlongs%'"),
            1);
}

TEST_F(LabGradingStepTest, MissingLimitIsNotGradedAndRecorded) {
  Therapy("dose-1");
  Lab("a1", "1742-6", 500, "U/L", std::nullopt, std::nullopt, kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality WHERE "
                  "issue='not_graded' AND detail LIKE '%upper limit%'"),
            1);
}

TEST_F(LabGradingStepTest, WithdrawnTherapyDoesNotMonitor) {
  Therapy("dose-1");
  Therapy("dose-1", /*entered_in_error=*/true);
  Alt("a1", 500, kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
}

TEST_F(LabGradingStepTest, PreliminaryResultsAreNotGraded) {
  Therapy("dose-1");
  Lab("p1", "1742-6", 500, "U/L", 7, 40, kDay, pb::RESULT_STATUS_PRELIMINARY);
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
}

TEST_F(LabGradingStepTest, FindingsRollBackWithTheirGroup) {
  Therapy("dose-1");
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(
      store_->Apply(SubmissionFor(Results("rb", {AltValue(900, kDay)}))).ok());
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 1);
  store_->Rollback();
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
}

TEST_F(LabGradingStepTest, RolledBackTherapyIsForgotten) {
  // A group holding a therapy event and a result is rolled back; the row
  // ids are then reused by a group without the therapy.
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_
                  ->Apply(SubmissionFor(
                      TherapyEvent("dose", pb::THERAPY_KIND_CAR_T_INFUSION,
                                   "tisagenlecleucel", false)))
                  .ok());
  ASSERT_TRUE(
      store_->Apply(SubmissionFor(Results("x2", {AltValue(900, kDay)}))).ok());
  store_->Rollback();
  ASSERT_TRUE(store_->Begin().ok());
  pb::Envelope other;  // takes row 1, so the result below gets row 2 again
  other.set_message_id("adt");
  other.set_source("adt");
  other.mutable_patient_event()->mutable_patient()->set_id("P2");
  other.mutable_patient_event()->set_kind(pb::PATIENT_EVENT_KIND_REGISTERED);
  other.mutable_patient_event()->mutable_occurred_at()->set_seconds(kDose);
  ASSERT_TRUE(store_->Apply(SubmissionFor(other)).ok());
  auto outcome =
      store_->Apply(SubmissionFor(Results("y2", {AltValue(900, kDay)})));
  ASSERT_TRUE(outcome.ok());
  ASSERT_EQ(outcome->message_row, 2);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);
}

// One message with ALT and AST results of patient P1.
pb::Envelope LiverPanel(const std::string& id, double alt, double ast,
                        std::int64_t offset) {
  return Results(
      id, {AltValue(alt, offset), Result{"1920-8", ast, "U/L", 7, 40, offset,
                                         pb::RESULT_STATUS_FINAL, "", "LN"}});
}

TEST_F(LabGradingStepTest, RisingSyndromeRaisesOneAlert) {
  Therapy("dose-1");
  File(LiverPanel("m1", 130, 30, kDay));  // ALT grade 2
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Hepatitis' "
                  "AND grade=2 AND previous_grade=0 AND provisional=0 AND "
                  "action LIKE '%ASCO21%' AND summary LIKE 'Hepatitis grade 2 "
                  "(was 0): %day 1 after pembrolizumab%' AND "
                  "json_array_length(finding_ids)=1"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alert_findings af JOIN findings f ON "
                  "f.id = af.finding WHERE f.term = "
                  "'Alanine aminotransferase increased'"),
            1);
  File(LiverPanel("m2", 140, 30, 2 * kDay));  // same grade: no alert
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
}

TEST_F(LabGradingStepTest, LateResultIsFollowedByTheNextStoredResult) {
  Therapy("dose-1");
  Alt("a1", 50, kDay);      // grade 1
  Alt("a2", 55, 2 * kDay);  // grade 1 again: no finding
  // ALT 300 at 1.5 days arrives late: grade 3 then, and the 2-day result
  // is graded again so that grade 1 is in force after it, as it was.
  Alt("late", 300, kDay + kDay / 2);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=3"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM findings f JOIN observations o ON "
                  "o.id = f.observation WHERE f.grade=1 AND f.previous_grade=3 "
                  "AND json_extract(f.evidence,'$.regraded_for_late_input') "
                  "AND o.value_numeric=55"),
            1);
  // The episode is over by the time it is known: a finding, not a page.
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 0);
  // A new grade 3 is a rise from the grade 1 in force: paged.
  Alt("a3", 300, 3 * kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE grade=3 AND "
                  "previous_grade=1"),
            1);
}

TEST_F(LabGradingStepTest, FollowOnFindsTheAnalyteUnderAnyCodeOrSystem) {
  Therapy("dose-1");
  Alt("a1", 50, kDay);  // grade 1
  // The 2-day ALT came through another feed: LOINC spelled as a URI.
  Result fhir = AltValue(55, 2 * kDay);
  fhir.system = "http://loinc.org";
  File(Results("a2", {fhir}));
  Alt("late", 300, kDay + kDay / 2);  // grade 3 at 1.5 days, late
  EXPECT_EQ(GradeAt(3 * kDay), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 0);
  // TSH under its two shipped codes.
  auto tsh = [&](const std::string& id, const std::string& code, double v,
                 std::int64_t at) {
    File(Results(id, {Result{code, v, "m[IU]/L", 0.4, 4.5, at,
                             pb::RESULT_STATUS_FINAL, "", "LN"}}));
  };
  tsh("t1", "3016-3", 7, kDay);       // grade 1
  tsh("t2", "11580-8", 8, 2 * kDay);  // grade 1 (third-generation assay)
  tsh("late-tsh", "3016-3", 12, kDay + kDay / 2);  // grade 2, late
  EXPECT_EQ(GradeAt(3 * kDay, "Hypothyroidism"), 1);
}

TEST_F(LabGradingStepTest, FollowOnWalksPastAnUngradableResult) {
  Therapy("dose-1");
  Alt("a1", 50, kDay);  // grade 1
  File(Results("bad", {Result{"1742-6", 55, "xyz", 7, 40, 2 * kDay,
                              pb::RESULT_STATUS_FINAL, "", "LN"}}));
  Alt("a3", 55, 3 * kDay);            // grade 1 again: no finding
  Alt("late", 300, kDay + kDay / 2);  // grade 3 at 1.5 days, late
  EXPECT_EQ(GradeAt(4 * kDay), 1);
  // The unknown unit was recorded once, when it arrived.
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality WHERE "
                  "issue='unknown_unit'"),
            1);
}

TEST_F(LabGradingStepTest, WithdrawnLateResultIsTakenBack) {
  Therapy("dose-1");
  Alt("a1", 50, kDay);      // grade 1
  Alt("a2", 55, 2 * kDay);  // grade 1: no finding
  File(Results("late", {AltValue(300, kDay + kDay / 2, pb::RESULT_STATUS_FINAL,
                                 "r-late")}));
  ASSERT_EQ(GradeAt(kDay + kDay / 2), 3);
  File(Results("late-x",
               {AltValue(std::nullopt, kDay + kDay / 2,
                         pb::RESULT_STATUS_ENTERED_IN_ERROR, "r-late")}));
  // Nothing but grade 1 was ever measured.
  EXPECT_EQ(GradeAt(kDay + kDay / 2), 1);
  EXPECT_EQ(GradeAt(3 * kDay), 1);
}

TEST_F(LabGradingStepTest, ResultsOfOneMessageInAnyOrderAreNotLate) {
  Therapy("dose-1");
  Alt("a1", 50, kDay);  // grade 1
  // One message, newest first (as some laboratory systems batch them).
  File(Results("m", {AltValue(55, 2 * kDay), AltValue(300, kDay + kDay / 2)}));
  EXPECT_EQ(GradeAt(3 * kDay), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE "
                  "json_extract(evidence,'$.regraded_for_late_input')"),
            0);
}

TEST_F(LabGradingStepTest, InOrderResultsNeedNoFollowOn) {
  Therapy("dose-1");
  Alt("a1", 130, kDay);      // grade 2
  Alt("a2", 50, 2 * kDay);   // grade 1
  Alt("a3", 300, 3 * kDay);  // grade 3
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE "
                  "json_extract(evidence,'$.regraded_for_late_input')"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 3);
}

TEST_F(LabGradingStepTest, AscoActionsAreForCheckpointInhibitorPatients) {
  // A CAR-T patient's hepatitis is graded and paged, but "hold checkpoint
  // inhibitor" would be wrong advice.
  File(TherapyEvent("cart-1", pb::THERAPY_KIND_CAR_T_INFUSION,
                    "tisagenlecleucel", false));
  File(LiverPanel("m1", 130, 30, kDay));  // ALT grade 2
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Hepatitis' "
                  "AND grade=2 AND action LIKE '%do not apply%' AND action "
                  "NOT LIKE '%Hold%'"),
            1);
  // Once a checkpoint inhibitor is given, its actions apply.
  File(TherapyEvent("dose-1", pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE,
                    "pembrolizumab", false));
  File(LiverPanel("m2", 300, 30, 2 * kDay));  // ALT grade 3
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Hepatitis' "
                  "AND grade=3 AND action LIKE '%methylprednisolone%'"),
            1);
}

TEST_F(LabGradingStepTest, TermsMovingTogetherGiveOneAlert) {
  Therapy("dose-1");
  File(LiverPanel("m1", 250, 210, kDay));  // ALT 3, AST 3 (> 5 x ULN)
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
  EXPECT_EQ(Count("SELECT json_array_length(finding_ids) FROM alerts"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM alert_findings"), 2);
}

TEST_F(LabGradingStepTest, BelowThresholdNoAlertThenRiseAlerts) {
  Therapy("dose-1");
  File(LiverPanel("m1", 60, 30, kDay));  // grade 1: monitor, no page
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 0);
  File(LiverPanel("m2", 130, 30, 2 * kDay));  // grade 2
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE grade=2 AND "
                  "previous_grade=1"),
            1);
}

TEST_F(LabGradingStepTest, FallThenRiseAlertsAgainButFallDoesNot) {
  Therapy("dose-1");
  File(LiverPanel("m1", 130, 30, kDay));
  File(LiverPanel("m2", 30, 30, 2 * kDay));  // resolves: a finding, no alert
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
  File(LiverPanel("m3", 250, 30, 3 * kDay));  // grade 3
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE grade=3 AND "
                  "previous_grade=0"),
            1);
}

TEST_F(LabGradingStepTest, TroponinWithoutCutOffIsAProvisionalAlert) {
  Therapy("dose-1");
  Lab("t1", "10839-9", 0.05, "ng/mL", std::nullopt, 0.04, kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Myocarditis' "
                  "AND grade=3 AND provisional=1 AND summary LIKE "
                  "'%provisional%'"),
            1);
}

// An ALT result with a result id, for corrections and withdrawals.
pb::Envelope AltResult(const std::string& id, const std::string& result_id,
                       std::optional<double> value, pb::ResultStatus status,
                       std::int64_t offset) {
  return Results(id, {AltValue(value, offset, status, result_id)});
}

TEST_F(LabGradingStepTest, CorrectedResultReGrades) {
  Therapy("dose-1");
  File(AltResult("m1", "R1", 130, pb::RESULT_STATUS_FINAL, kDay));
  File(AltResult("m2", "R1", 60, pb::RESULT_STATUS_CORRECTED, kDay));
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=1 AND "
                  "previous_grade=2 AND json_extract(evidence, "
                  "'$.observation.status')='corrected'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);  // the fall: no alert
}

TEST_F(LabGradingStepTest, CancelledResultWithdrawsWhatItCaused) {
  Therapy("dose-1");
  File(AltResult("m1", "R1", 60, pb::RESULT_STATUS_FINAL, kDay));       // G1
  File(AltResult("m2", "R2", 130, pb::RESULT_STATUS_FINAL, 2 * kDay));  // G2
  File(AltResult("m3", "R2", std::nullopt, pb::RESULT_STATUS_CANCELLED,
                 2 * kDay));
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=1 AND "
                  "previous_grade=2 AND json_extract(evidence, "
                  "'$.withdrawn.result_id')='R2'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
  // A later result after the withdrawal compares with the restored grade.
  File(AltResult("m4", "R3", 60, pb::RESULT_STATUS_FINAL, 3 * kDay));
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 3);
}

TEST_F(LabGradingStepTest, WithdrawalOfAnOlderResultKeepsTheCurrentGrade) {
  Therapy("dose-1");
  File(AltResult("m1", "R1", 130, pb::RESULT_STATUS_FINAL, kDay));      // G2
  File(AltResult("m2", "R2", 250, pb::RESULT_STATUS_FINAL, 2 * kDay));  // G3
  const std::int64_t alerts = Count("SELECT count(*) FROM alerts");
  File(AltResult("m3", "R1", std::nullopt, pb::RESULT_STATUS_ENTERED_IN_ERROR,
                 kDay));
  // The day-1 grade is taken back at its own time; day 2 still decides
  // the grade in force, which stays 3, and nobody is paged again.
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=0 AND "
                  "previous_grade=2 AND observed_at_ms=" +
                  std::to_string((kDose + kDay) * 1000)),
            1);
  EXPECT_EQ(Count("SELECT grade FROM findings ORDER BY observed_at_ms DESC, "
                  "id DESC LIMIT 1"),
            3);
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), alerts);
}

TEST_F(LabGradingStepTest, SiteDefaultLimitsApplyWithoutAReferenceRange) {
  grading::GradingOptions g;
  g.default_limits[{grading::Analyte::kAlt, grading::Unit::kUnitsPerL}] = {7,
                                                                           40};
  Open(g);
  Therapy("dose-1");
  Lab("a1", "1742-6", 130, "U/L", std::nullopt, std::nullopt, kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=2 AND "
                  "json_extract(evidence, '$.limits_from')='site default'"),
            1);
}

TEST_F(LabGradingStepTest, SiteCodeMapAndTroponinCutoff) {
  grading::GradingOptions g;
  g.analytes.Add("99LAB", "TNI", grading::Analyte::kTroponinI);
  g.mi_cutoffs[{"99LAB", "TNI"}] = {grading::Unit::kNgPerMl, 0.4};
  Open(g);
  Therapy("dose-1");
  Lab("t1", "TNI", 0.1, "ng/mL", std::nullopt, 0.04, kDay);  // code system LN
  EXPECT_EQ(Count("SELECT count(*) FROM findings"), 0);      // LN|TNI unknown
  // Above ULN, below the MI cut-off: grade 1.
  Result tni{
      "TNI", 0.1,    "ng/mL", std::nullopt, 0.04, kDay, pb::RESULT_STATUS_FINAL,
      "",    "99LAB"};
  File(Results("t2", {tni}));
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE "
                  "term='Cardiac troponin I increased' AND grade=1 AND "
                  "provisional=0"),
            1);
  tni.value = 0.4;  // at the cut-off: grade 3
  File(Results("t3", {tni}));
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=3 AND "
                  "json_extract(evidence, '$.mi_cutoff')=0.4"),
            1);
}

TEST_F(LabGradingStepTest, AscoNephritisBesideCtcaeCreatinine) {
  Lab("pre", "2160-0", 0.7, "mg/dL", 0.6, 1.2, -kDay);
  Therapy("dose-1");
  // 1.1 = 1.57 x baseline: ASCO nephritis grade 1; CTCAE creatinine grade 2
  // by its baseline rule. The syndrome takes the higher.
  Lab("c1", "2160-0", 1.1, "mg/dL", 0.6, 1.2, kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term='Nephritis' AND "
                  "grading_system='ASCO 2021' AND grade=1 AND meddra_code IS "
                  "NULL AND rule_version LIKE 'asco-2021/%'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Nephritis' "
                  "AND grade=2 AND action LIKE '%KIDNEY-CMP%'"),
            1);
  // 2.2 > 3 x baseline: both grade 3, one alert, two findings behind it.
  Lab("c2", "2160-0", 2.2, "mg/dL", 0.6, 1.2, 2 * kDay);
  EXPECT_EQ(Count("SELECT json_array_length(finding_ids) FROM alerts WHERE "
                  "grade=3"),
            2);
}

TEST_F(LabGradingStepTest, WithdrawalCoversAscoFindingsToo) {
  Lab("pre", "2160-0", 0.7, "mg/dL", 0.6, 1.2, -kDay);
  Therapy("dose-1");
  File(Results("c1", {Result{"2160-0", 2.2, "mg/dL", 0.6, 1.2, kDay,
                             pb::RESULT_STATUS_FINAL, "CR1", "LN"}}));
  File(Results("c1x", {Result{"2160-0", std::nullopt, "mg/dL", 0.6, 1.2, kDay,
                              pb::RESULT_STATUS_CANCELLED, "CR1", "LN"}}));
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=0 AND "
                  "json_extract(evidence, '$.withdrawn.result_id')='CR1'"),
            2);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=0 AND "
                  "term='Nephritis' AND grading_system='ASCO 2021' AND "
                  "meddra_code IS NULL"),
            1);
}

// Stool frequency (IRAED STOOLS-24H) graded as CTCAE Diarrhea against the
// pre-treatment frequency; the Colitis alert from grade 2 with its ASCO21
// action.
TEST_F(LabGradingStepTest, StoolFrequencyOverBaselineIsDiarrheaAndColitis) {
  auto stools = [](const std::string& id, double per_day, std::int64_t offset) {
    return Results(
        id, {Result{"STOOLS-24H", per_day, "/d", std::nullopt, std::nullopt,
                    offset, pb::RESULT_STATUS_FINAL, "", "IRAED"}});
  };
  File(stools("pre", 2, -kDay));  // baseline: 2 a day
  Therapy("dose-1");
  File(stools("s1", 4, kDay));  // +2: grade 1, no page
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term='Diarrhea' AND "
                  "grade=1 AND meddra_code='10012727' AND provisional=0 AND "
                  "grading_system='CTCAE 5.0'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 0);
  File(stools("s2", 6, 2 * kDay));  // +4: grade 2
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Colitis' AND "
                  "grade=2 AND previous_grade=1 AND provisional=0 AND "
                  "action LIKE 'Hold checkpoint inhibitor until grade <= 1%'"),
            1);
  File(stools("s3", 9, 3 * kDay));  // +7: grade 3
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Colitis' AND "
                  "grade=3 AND action LIKE '%UNVERIFIED%'"),
            1);
}

TEST_F(LabGradingStepTest, StoolBaselineWithoutAUnitCountsPerDay) {
  auto stools = [](const std::string& id, double n, const std::string& unit,
                   std::int64_t offset) {
    return Results(
        id, {Result{"STOOLS-24H", n, unit, std::nullopt, std::nullopt, offset,
                    pb::RESULT_STATUS_FINAL, "", "IRAED"}});
  };
  File(stools("pre", 5, "", -kDay));  // baseline 5 a day, sent without unit
  Therapy("dose-1");
  File(stools("s1", 6, "/d", kDay));  // +1: grade 1, not +6
  EXPECT_EQ(Count("SELECT grade FROM findings WHERE term='Diarrhea'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 0);
}

TEST_F(LabGradingStepTest, StoolFrequencyWithoutBaselineIsProvisional) {
  Therapy("dose-1");
  File(Results("s1", {Result{"STOOLS-24H", 5, "", std::nullopt, std::nullopt,
                             kDay, pb::RESULT_STATUS_FINAL, "", "IRAED"}}));
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Colitis' AND "
                  "grade=2 AND provisional=1"),
            1);
}

// Rule set 3 (reference 10.3): an ALT, AST or bilirubin result also grades
// the ASCO 2021 "Hepatitis" band from the latest of the three, whatever the
// baseline; a withdrawn result takes it back like its CTCAE term.
class LabGradingStepRules3Test : public LabGradingStepTest {
 protected:
  void SetUp() override { StoreTest::Open(grading::GradingOptions{}); }
};

TEST_F(LabGradingStepRules3Test, AscoHepatitisBandBesideTheCtcaeTerms) {
  Therapy("dose-1");
  // Bilirubin 2.0 mg/dL (ULN 1.2: 1.67 x, band 2), then ALT 130 (ULN 40:
  // 3.25 x, band 2): the band is the worst of the latest values.
  Lab("b1", "1975-2", 2.0, "mg/dL", 0.1, 1.2, kDay);
  EXPECT_EQ(GradeAt(kDay, "Hepatitis"), 2);
  File(Results("a1", {AltValue(250, 2 * kDay)}));  // 6.25 x ULN: band 3
  EXPECT_EQ(GradeAt(2 * kDay, "Hepatitis"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term='Hepatitis' AND "
                  "grading_system='ASCO 2021' AND grade=3 AND "
                  "json_array_length(evidence, '$.asco_hepatitis_values') = 2"),
            1);
  // The alert names the scale that drove it: CTCAE 3 and ASCO 3 tie, the
  // CTCAE term is named.
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Hepatitis' "
                  "AND grade=3 AND summary LIKE '%[CTCAE 5.0]%'"),
            1);
}

TEST_F(LabGradingStepRules3Test, WithdrawingAResultTakesTheBandBack) {
  Therapy("dose-1");
  File(Results("a1", {AltValue(130, kDay, pb::RESULT_STATUS_FINAL, "R1")}));
  EXPECT_EQ(GradeAt(kDay, "Hepatitis"), 2);
  File(Results("a2", {AltValue(std::nullopt, kDay,
                               pb::RESULT_STATUS_ENTERED_IN_ERROR, "R1")}));
  EXPECT_EQ(GradeAt(kDay, "Hepatitis"), 0);
  EXPECT_EQ(GradeAt(kDay), 0);
}

TEST_F(LabGradingStepRules3Test, ACountKnownOnlyByAnAlternateCodeLeavesATrace) {
  // 99LAB|ALTX is not in the catalogue; its LOINC alternate is.
  Therapy("dose-1");
  pb::Envelope env =
      Results("a1", {Result{"ALTX", 130, "U/L", 7, 40, kDay,
                            pb::RESULT_STATUS_FINAL, "", "99LAB"}});
  auto* alt = env.mutable_observations()
                  ->mutable_observations(0)
                  ->add_alternate_codes();
  alt->set_system("LN");
  alt->set_code("1742-6");
  File(env);
  EXPECT_EQ(GradeAt(kDay), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality WHERE "
                  "issue='alternate_code_only' AND detail LIKE "
                  "'alt: code 99LAB|ALTX is known only by an alternate%'"),
            1);
}

// CTCAE 6.0 beside 5.0 (rule set iraed-rules-4): both versions' findings
// in the same transaction, the site's ctcae_alert_version picking which
// page.
class LabGradingStepCtcae6Test : public LabGradingStepTest {
 protected:
  void SetUp() override {}
  void OpenAlerting(grading::CtcaeVersion v) {
    grading::GradingOptions g;
    g.ctcae_alert_version = v;
    StoreTest::Open(std::move(g));
  }
  void Platelets(const std::string& id, double value, std::int64_t offset,
                 pb::ResultStatus status = pb::RESULT_STATUS_FINAL,
                 const std::string& result_id = "") {
    File(Results(id, {Result{"777-3", value, "10*9/L", 150, 400, offset, status,
                             result_id, "LN"}}));
  }
  std::int64_t Grade(const std::string& term, const std::string& system) {
    return Count("SELECT coalesce((SELECT grade FROM findings WHERE term='" +
                 term + "' AND grading_system='" + system +
                 "' ORDER BY observed_at_ms DESC, id DESC LIMIT 1), -1)");
  }
};

TEST_F(LabGradingStepCtcae6Test, BothVersionsAreRecordedAndV5PagesByDefault) {
  OpenAlerting(grading::CtcaeVersion::kV5);
  Therapy("dose-1");
  Platelets("p1", 20, kDay);  // v5 [< 25] 4; v6 Thrombocytopenia [10, 50) 3
  EXPECT_EQ(Grade("Platelet count decreased", "CTCAE 5.0"), 4);
  EXPECT_EQ(Grade("Thrombocytopenia", "CTCAE 6.0"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grading_system="
                  "'CTCAE 6.0' AND rule_version='ctcae-6.0/iraed-1' AND "
                  "meddra_code='10043554' AND json_extract(evidence, "
                  "'$.record_only') LIKE 'CTCAE 6.0 findings are recorded%'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grading_system="
                  "'CTCAE 5.0' AND json_type(evidence, '$.record_only') "
                  "IS NOT NULL"),
            0);
  // One Cytopenia alert, at the v5 grade, linked to the v5 finding only.
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Cytopenia' "
                  "AND grade=4"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM alert_findings af JOIN findings f ON "
                  "f.id = af.finding WHERE f.grading_system='CTCAE 6.0'"),
            0);
}

TEST_F(LabGradingStepCtcae6Test, ASiteOnV6PagesByV6AndReadsItsGradeBefore) {
  OpenAlerting(grading::CtcaeVersion::kV6);
  Therapy("dose-1");
  Platelets("p1", 20, kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Cytopenia' "
                  "AND grade=3 AND summary LIKE 'Cytopenia grade 3 (was 0)%'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grading_system="
                  "'CTCAE 5.0' AND json_extract(evidence, '$.record_only') "
                  "LIKE 'CTCAE 5.0 findings are recorded%'"),
            1);
  // 40: v5 grade 3 (a change, recorded), v6 still 3: no finding, no page.
  Platelets("p2", 40, 2 * kDay);
  EXPECT_EQ(Grade("Platelet count decreased", "CTCAE 5.0"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term="
                  "'Thrombocytopenia'"),
            1);
  // 8: v6 grade 4 pages (was 3, read from the v6 findings, although the
  // v5 term's latest finding is newer).
  Platelets("p3", 8, 3 * kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Cytopenia' "
                  "AND grade=4 AND previous_grade=3"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 2);
}

TEST_F(LabGradingStepCtcae6Test, AWithdrawnResultRestoresEachVersionsGrade) {
  OpenAlerting(grading::CtcaeVersion::kV5);
  Therapy("dose-1");
  Platelets("p1", 20, kDay, pb::RESULT_STATUS_FINAL, "R1");
  Platelets("p2", 0, kDay, pb::RESULT_STATUS_ENTERED_IN_ERROR, "R1");
  EXPECT_EQ(Grade("Platelet count decreased", "CTCAE 5.0"), 0);
  EXPECT_EQ(Grade("Thrombocytopenia", "CTCAE 6.0"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grading_system="
                  "'CTCAE 6.0' AND grade=0 AND json_extract(evidence, "
                  "'$.withdrawn.result_id')='R1' AND json_type(evidence, "
                  "'$.record_only') = 'text'"),
            1);
}

TEST_F(LabGradingStepCtcae6Test, ThresholdsThatMovedBetweenVersions) {
  OpenAlerting(grading::CtcaeVersion::kV5);
  Therapy("dose-1");
  // ANC 0.3: v5 grade 4, v6 grade 3.
  Lab("n1", "751-8", 0.3, "10*9/L", 1.8, 7.7, kDay);
  EXPECT_EQ(Grade("Neutrophil count decreased", "CTCAE 5.0"), 4);
  EXPECT_EQ(Grade("Neutrophil count decreased", "CTCAE 6.0"), 3);
  // A non-fasting glucose of 300 mg/dL: v6 hyperglycemia 3; v5 has none.
  Lab("g1", "2345-7", 300, "mg/dL", 70, 99, kDay);
  EXPECT_EQ(Grade("Hyperglycemia", "CTCAE 6.0"), 3);
  EXPECT_EQ(Grade("Hyperglycemia", "CTCAE 5.0"), -1);
  // HDL (v6 only) below LLN.
  Lab("h1", "2085-9", 30, "mg/dL", 40, std::nullopt, kDay);
  EXPECT_EQ(Grade("HDL decreased", "CTCAE 6.0"), 1);
  // A measured clearance of 30 mL/min: v6 grade 2.
  Lab("c1", "2164-2", 30, "mL/min", 90, 140, kDay);
  EXPECT_EQ(Grade("Creatinine clearance decreased", "CTCAE 6.0"), 2);
}

TEST_F(LabGradingStepCtcae6Test, RuleSet3GradesNoV6Term) {
  grading::GradingOptions g;
  g.rule_set = grading::RuleSet::kRules3;
  g.ctcae_alert_version = grading::CtcaeVersion::kV6;  // no effect under 3
  StoreTest::Open(std::move(g));
  Therapy("dose-1");
  Platelets("p1", 20, kDay);
  Lab("h1", "2085-9", 30, "mg/dL", 40, std::nullopt, kDay);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grading_system="
                  "'CTCAE 6.0'"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality WHERE detail LIKE "
                  "'%hdl%'"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Cytopenia' "
                  "AND grade=4"),
            1);
}

}  // namespace
}  // namespace iraed::store
