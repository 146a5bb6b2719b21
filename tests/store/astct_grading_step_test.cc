// ASTCT CRS and ICANS inside the store: the supportive-care context is
// rebuilt from a real SQLite file at each grading moment, findings and
// alerts commit with the message that caused them.
#include "store/astct_grading_step.h"

#include <gtest/gtest.h>

#include "support/store_fixture.h"

namespace iraed::store {
namespace {

namespace pb = ::iraed::v1;

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kInfusion = 1790000000;  // day 0, seconds
// Counts CRS findings; append " AND ..." conditions.
const std::string kCountCrsFindings =
    "SELECT count(*) FROM findings WHERE term='Cytokine release syndrome'";

// One charted value of patient P1 at kInfusion + offset seconds.
struct Chart {
  std::string system;
  std::string code;
  std::optional<double> numeric;
  std::optional<std::string> text;
  std::string unit;
  std::int64_t offset = 0;
  pb::ResultStatus status = pb::RESULT_STATUS_FINAL;
  std::string result_id = "";
};

Chart Temp(double c, std::int64_t offset, std::string result_id = "") {
  return {"LN",
          "8310-5",
          c,
          std::nullopt,
          "Cel",
          offset,
          pb::RESULT_STATUS_FINAL,
          std::move(result_id)};
}
// The temperature result `result_id` cancelled or entered in error.
Chart WithdrawnTemp(std::int64_t offset, std::string result_id,
                    pb::ResultStatus status) {
  Chart c = Temp(0, offset, std::move(result_id));
  c.numeric.reset();
  c.status = status;
  return c;
}
Chart Device(const std::string& text, std::int64_t offset) {
  return {"IRAED", "O2-DEVICE", std::nullopt, text, "", offset};
}
Chart Flow(double l_min, std::int64_t offset) {
  return {"LN", "3151-8", l_min, std::nullopt, "L/min", offset};
}
Chart Sbp(double mm_hg, std::int64_t offset) {
  return {"LN", "8480-6", mm_hg, std::nullopt, "mm[Hg]", offset};
}
Chart Fio2(double percent, std::int64_t offset) {
  return {"LN", "3150-0", percent, std::nullopt, "%", offset};
}
Chart Capd(double score, std::int64_t offset) {
  return {"IRAED", "CAPD", score, std::nullopt, "", offset};
}
Chart Ice(double score, std::int64_t offset) {
  return {"IRAED", "ICE-SCORE", score, std::nullopt, "", offset};
}
Chart State(const std::string& code, const std::string& text,
            std::int64_t offset) {
  return {"IRAED", code, std::nullopt, text, "", offset};
}

// The ASTCT mechanics as rule set iraed-rules-3 grades them: from
// iraed-rules-4 each CRS moment also records the CTCAE 5.0 CRS scale under
// the same term (reference 10.6) and children are graded by CAPD (10.5),
// tested by AstctGradingStepRules4Test below.
class AstctGradingStepTest : public ::iraed::testing::StoreTest {
 protected:
  void SetUp() override { Open(grading::GradingOptions{}); }
  void Open(grading::GradingOptions g) {
    if (g.rule_set == grading::kCurrentRuleSet) {
      g.rule_set = grading::RuleSet::kRules3;
    }
    StoreTest::Open(std::move(g));
  }
  // A therapy event with its own event id "ev-N", or withdrawing
  // `withdraws` (entered in error).
  void Therapy(pb::TherapyKind kind, const std::string& product,
               std::int64_t offset = 0, const std::string& withdraws = "") {
    pb::Envelope env;
    env.set_message_id("therapy-" + std::to_string(++n_));
    env.set_source("pharmacy");
    auto* t = env.mutable_therapy_event();
    t->mutable_patient()->set_id("P1");
    t->set_kind(kind);
    t->mutable_product()->set_display(product);
    t->mutable_administered_at()->set_seconds(kInfusion + offset);
    t->set_event_id(withdraws.empty() ? "ev-" + std::to_string(n_) : withdraws);
    t->set_entered_in_error(!withdraws.empty());
    File(env);
  }
  void CarT() { Therapy(pb::THERAPY_KIND_CAR_T_INFUSION, "tisagenlecleucel"); }

  void Charts(std::initializer_list<Chart> charts) {
    pb::Envelope env;
    env.set_message_id("obs-" + std::to_string(++n_));
    env.set_source("icu");
    auto* b = env.mutable_observations();
    b->mutable_patient()->set_id("P1");
    b->mutable_patient()->set_birth_date(birth_date_);
    for (const Chart& c : charts) {
      auto* o = b->add_observations();
      o->mutable_code()->set_system(c.system);
      o->mutable_code()->set_code(c.code);
      if (c.numeric) o->set_numeric(*c.numeric);
      if (c.text) o->set_text(*c.text);
      o->set_unit(c.unit);
      o->set_status(c.status);
      o->mutable_observed_at()->set_seconds(kInfusion + c.offset);
      o->set_result_id(c.result_id);
    }
    File(env);
  }

  void Drug(const std::string& name, pb::AdministrationStatus status,
            std::int64_t start, std::optional<std::int64_t> end = {},
            const std::string& admin_id = "") {
    pb::Envelope env;
    env.set_message_id("med-" + std::to_string(++n_));
    env.set_source("mar");
    auto* m = env.mutable_medication_administration();
    m->mutable_patient()->set_id("P1");
    m->mutable_drug()->set_display(name);
    m->mutable_started_at()->set_seconds(kInfusion + start);
    if (end) m->mutable_ended_at()->set_seconds(kInfusion + *end);
    m->set_administration_id(admin_id);
    m->set_status(status);
    File(env);
  }

  // The patient's latest grade for a term (-1: no finding).
  std::int64_t Latest(const std::string& term) {
    return Count("SELECT coalesce((SELECT grade FROM findings WHERE term='" +
                 term +
                 "' ORDER BY observed_at_ms DESC, id DESC LIMIT 1), -1)");
  }
  std::int64_t Crs() { return Latest("Cytokine release syndrome"); }
  std::int64_t Icans() {
    return Latest("Immune effector cell-associated neurotoxicity syndrome");
  }

  int n_ = 0;
  std::string birth_date_;  // sent with every chart ("" none)
};

// Reference 10.4 (iraed-rules-3): a fever with another documented cause is
// not CRS fever. Under iraed-rules-2, which this build still grades with
// for replay, the concept is stored as an observation only: no CRS state,
// no CRS moment, the fever graded as before.
TEST_F(AstctGradingStepTest, FeverWithAnotherCauseIsNotCrsFromRuleSetThree) {
  CarT();
  Charts(
      {Temp(38.6, 20 * kHour), State("FEVER-OTHER-CAUSE", "yes", 20 * kHour)});
  EXPECT_EQ(Crs(), -1);  // CRS 0: no finding
  EXPECT_EQ(Count("SELECT count(*) FROM clinical_states WHERE "
                  "concept='fever_other_cause'"),
            1);
  grading::GradingOptions rules2;
  rules2.rule_set = grading::RuleSet::kRules2;
  Open(rules2);
  Charts(
      {Temp(38.7, 21 * kHour), State("FEVER-OTHER-CAUSE", "yes", 21 * kHour)});
  EXPECT_EQ(Crs(), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM clinical_states WHERE "
                  "concept='fever_other_cause'"),
            1);  // the rule set 2 one was not stored as a CRS input
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term='Cytokine "
                  "release syndrome' AND rule_version="
                  "'astct-2019-crs/iraed-2'"),
            1);
}

TEST_F(AstctGradingStepTest, FeverAfterCarTIsCrsGradeOneWithOneAlert) {
  CarT();
  Charts({Temp(38.0, 20 * kHour)});
  EXPECT_EQ(Crs(), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term='Cytokine "
                  "release syndrome' AND grading_system='ASTCT 2019' AND "
                  "meddra_code='10052015' AND previous_grade=0 AND "
                  "rule_version LIKE 'astct-2019-crs/%' AND "
                  "json_extract(evidence,'$.therapy.product')="
                  "'tisagenlecleucel' AND "
                  "json_extract(evidence,'$.therapy.day')=0 AND "
                  "json_extract(evidence,'$.temperature_cel.value')=38"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='CRS' AND "
                  "grade=1 AND summary LIKE 'CRS grade 1 (was 0): fever 38%'"),
            1);
  // A fever of 39.5 is CTCAE fever grade 2, but the nurse is told by the
  // CRS alert, not by a second "Fever" alert.
  Charts({Temp(39.5, 22 * kHour)});
  EXPECT_EQ(Latest("Fever"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Fever'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
}

TEST_F(AstctGradingStepTest, AfebrileBelowThirtyEight) {
  CarT();
  Charts({Temp(37.9, kHour)});
  EXPECT_EQ(Crs(), -1);  // 0 = no change from the default: no finding
  Charts({Temp(38.0, 2 * kHour)});
  EXPECT_EQ(Crs(), 1);
  Charts({Temp(37.9, 3 * kHour)});
  EXPECT_EQ(Crs(), 0);  // resolved, recorded, no alert
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
}

TEST_F(AstctGradingStepTest, FahrenheitIsConverted) {
  CarT();
  Charts({{"LN", "8310-5", 100.4, std::nullopt, "[degF]", kHour}});
  EXPECT_EQ(Crs(), 1);
}

TEST_F(AstctGradingStepTest, CheckpointPatientsGetNoCrsButAFeverAlert) {
  Therapy(pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE, "nivolumab");
  Charts({Temp(39.5, kHour), Device("non-rebreather", kHour)});
  EXPECT_EQ(Crs(), -1);
  EXPECT_EQ(Latest("Fever"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='Fever'"), 1);
}

TEST_F(AstctGradingStepTest, NothingBeforeInfusionNorLongAfter) {
  Charts({Temp(39.0, -kHour)});
  CarT();
  EXPECT_EQ(Crs(), -1);
  Charts({Temp(39.0, 31 * 24 * kHour)});  // past the 30-day window
  EXPECT_EQ(Crs(), -1);
  Charts({Temp(39.0, 29 * 24 * kHour)});
  EXPECT_EQ(Crs(), 1);
}

TEST_F(AstctGradingStepTest, BispecificPatientsAreGraded) {
  Therapy(pb::THERAPY_KIND_BISPECIFIC_T_CELL_ENGAGER, "teclistamab");
  Charts({Temp(38.3, kHour)});
  EXPECT_EQ(Crs(), 1);
}

TEST_F(AstctGradingStepTest, HypoxiaByDeviceAndFlowAtTheSixLitreBoundary) {
  CarT();
  Charts({Temp(38.5, kHour), Device("nasal cannula", kHour), Flow(6.0, kHour)});
  EXPECT_EQ(Crs(), 2);
  Charts({Temp(38.5, 2 * kHour), Device("Nasal Cannula", 2 * kHour),
          Flow(6.5, 2 * kHour)});
  EXPECT_EQ(Crs(), 3);
  Charts({Temp(38.5, 3 * kHour), Device("BiPAP", 3 * kHour)});
  EXPECT_EQ(Crs(), 4);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='CRS'"), 3);
}

TEST_F(AstctGradingStepTest, FlowFromAnEarlierDeviceIsNotUsed) {
  CarT();
  Charts({Temp(38.5, kHour), Device("HFNC", kHour), Flow(40, kHour)});
  EXPECT_EQ(Crs(), 3);
  // Back to a nasal cannula with no new flow: the 40 L/min belonged to the
  // high-flow device; the cannula without a flow is taken as low-flow.
  Charts({Device("nasal cannula", 2 * kHour)});
  EXPECT_EQ(Crs(), 2);
  EXPECT_EQ(Count("SELECT provisional FROM findings WHERE term='Cytokine "
                  "release syndrome' ORDER BY id DESC LIMIT 1"),
            1);
}

TEST_F(AstctGradingStepTest, VasopressorsCountedByDrugWithVasopressinApart) {
  CarT();
  Charts({Temp(38.5, kHour)});
  Drug("Norepinephrine 4 mg in 250 mL", pb::ADMINISTRATION_STATUS_IN_PROGRESS,
       2 * kHour, {}, "ne-1");
  EXPECT_EQ(Crs(), 3);
  Drug("vasopressin", pb::ADMINISTRATION_STATUS_IN_PROGRESS, 3 * kHour, {},
       "vp-1");
  EXPECT_EQ(Crs(), 3);  // with or without vasopressin: still 3
  Drug("Adrenaline", pb::ADMINISTRATION_STATUS_IN_PROGRESS, 4 * kHour, {},
       "epi-1");
  EXPECT_EQ(Crs(), 4);  // multiple vasopressors
  Drug("epinephrine", pb::ADMINISTRATION_STATUS_STOPPED, 4 * kHour, 5 * kHour,
       "epi-1");
  EXPECT_EQ(Crs(), 3);
  Drug("norepinephrine", pb::ADMINISTRATION_STATUS_STOPPED, 2 * kHour,
       5 * kHour + 60, "ne-1");
  EXPECT_EQ(Crs(), 3);  // vasopressin alone still counts as a vasopressor
  Drug("vasopressin", pb::ADMINISTRATION_STATUS_STOPPED, 3 * kHour,
       5 * kHour + 120, "vp-1");
  EXPECT_EQ(Crs(), 1);  // the fever at 1 h is still current
}

TEST_F(AstctGradingStepTest, PlannedEndOfAnInfusionDoesNotHideItsStart) {
  CarT();
  Charts({Temp(38.5, kHour)});
  Drug("tocilizumab 8 mg/kg", pb::ADMINISTRATION_STATUS_COMPLETED, 90 * 60);
  // Running from 2 h with a planned end at 32 h: grade 3 now, paged; the
  // end is not graded ahead of time.
  Drug("norepinephrine", pb::ADMINISTRATION_STATUS_IN_PROGRESS, 2 * kHour,
       32 * kHour, "ne-1");
  EXPECT_EQ(Crs(), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE grade=3"), 1);
  // Once it is reported stopped at 32 h, the end is a moment.
  Drug("norepinephrine", pb::ADMINISTRATION_STATUS_STOPPED, 2 * kHour,
       32 * kHour, "ne-1");
  EXPECT_EQ(Crs(), 1);  // fever masked by tocilizumab, no pressor
}

TEST_F(AstctGradingStepTest, TwoRowsOfTheSameDrugAreOneVasopressor) {
  CarT();
  Charts({Temp(38.5, kHour)});
  Drug("norepinephrine", pb::ADMINISTRATION_STATUS_IN_PROGRESS, kHour, {}, "a");
  Drug("levophed", pb::ADMINISTRATION_STATUS_IN_PROGRESS, 2 * kHour, {}, "b");
  EXPECT_EQ(Crs(), 3);
}

TEST_F(AstctGradingStepTest, InfusionWithoutUpdatesGoesStale) {
  CarT();
  Drug("norepinephrine", pb::ADMINISTRATION_STATUS_IN_PROGRESS, kHour, {}, "a");
  Charts({Temp(38.5, 2 * kHour)});
  EXPECT_EQ(Crs(), 3);
  Charts({Temp(38.5, 26 * kHour)});  // 25 h after the last update
  EXPECT_EQ(Crs(), 1);
}

TEST_F(AstctGradingStepTest, HypotensionBySystolicBelowNinety) {
  CarT();
  Charts({Temp(38.5, kHour), Sbp(90, kHour)});
  EXPECT_EQ(Crs(), 1);
  Charts({Sbp(89, 2 * kHour)});
  EXPECT_EQ(Crs(), 2);
}

TEST_F(AstctGradingStepTest, SystolicThresholdIsASiteSetting) {
  grading::GradingOptions o;
  o.hypotension_systolic_below.reset();
  Open(o);
  CarT();
  Charts({Temp(38.5, kHour), Sbp(70, kHour)});
  EXPECT_EQ(Crs(), 1);
  Charts({State("HYPOTENSION", "yes", 2 * kHour)});
  EXPECT_EQ(Crs(), 2);
}

TEST_F(AstctGradingStepTest, AntipyreticGivenDuringCrsMasksFever) {
  CarT();
  Charts({Temp(38.6, kHour)});
  ASSERT_EQ(Crs(), 1);
  Drug("Paracetamol 1 g", pb::ADMINISTRATION_STATUS_COMPLETED, 2 * kHour);
  Charts({Temp(37.2, 4 * kHour), Device("nasal cannula", 4 * kHour),
          Flow(3, 4 * kHour)});
  EXPECT_EQ(Crs(), 2);  // fever no longer required
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE json_extract(evidence,"
                  "'$.fever_masked_by.drug')='acetaminophen'"),
            1);
  // Masked, afebrile, back on room air: held at 1, provisionally.
  Charts({Temp(37.0, 6 * kHour), Device("room air", 6 * kHour)});
  EXPECT_EQ(Crs(), 1);
  // Past the 24 h antipyretic window, afebrile: resolved.
  Charts({Temp(37.0, 27 * kHour), Device("room air", 27 * kHour)});
  EXPECT_EQ(Crs(), 0);
}

TEST_F(AstctGradingStepTest, ContextSurvivesARestart) {
  CarT();
  Charts({Temp(38.6, kHour)});
  Drug("tocilizumab 8 mg/kg", pb::ADMINISTRATION_STATUS_COMPLETED, 2 * kHour);
  Drug("norepinephrine", pb::ADMINISTRATION_STATUS_IN_PROGRESS, 2 * kHour, {},
       "ne");
  Open(grading::GradingOptions{});  // the daemon restarts: nothing kept in
                                    // memory
  Charts({Temp(37.1, 3 * kHour)});
  EXPECT_EQ(Crs(), 3);  // masked fever, vasopressor still running
}

TEST_F(AstctGradingStepTest, AntipyreticBeforeAnyCrsMasksNothing) {
  CarT();
  Drug("acetaminophen", pb::ADMINISTRATION_STATUS_COMPLETED, kHour);
  Charts({Temp(37.2, 2 * kHour), Device("nasal cannula", 2 * kHour),
          Flow(3, 2 * kHour)});
  EXPECT_EQ(Crs(), -1);  // afebrile, no CRS: nothing recorded
}

TEST_F(AstctGradingStepTest, TocilizumabMaskingCanBeTurnedOff) {
  grading::GradingOptions o;
  o.fever_masking.tocilizumab = false;
  Open(o);
  CarT();
  Charts({Temp(38.6, kHour)});
  Drug("Actemra", pb::ADMINISTRATION_STATUS_COMPLETED, 2 * kHour);
  Charts({Temp(37.2, 4 * kHour), Device("face mask", 4 * kHour)});
  EXPECT_EQ(Crs(), 0);
}

TEST_F(AstctGradingStepTest, StaleTemperatureIsNotUsed) {
  CarT();
  Charts({Temp(38.5, kHour)});
  ASSERT_EQ(Crs(), 1);
  // Seven hours later the temperature is stale (6 h): the new device
  // reading cannot be graded for CRS, and nothing is recorded as normal.
  Charts({Device("non-rebreather", 8 * kHour)});
  EXPECT_EQ(Crs(), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term='Cytokine "
                  "release syndrome'"),
            1);
}

TEST_F(AstctGradingStepTest, LateResultIsGradedAtItsObservationTime) {
  CarT();
  Charts({Temp(37.0, 10 * kHour)});
  Charts({Temp(38.8, 5 * kHour)});  // arrives late
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term='Cytokine "
                  "release syndrome' AND grade=1 AND observed_at_ms=" +
                  std::to_string((kInfusion + 5 * kHour) * 1000)),
            1);
  // The afebrile 37.0 charted at 10 h is still the newest temperature: the
  // grade in force now is 0 again, and the fever that has passed is a
  // finding, not a page.
  EXPECT_EQ(Crs(), 0);
  EXPECT_EQ(Count(kCountCrsFindings +
                  " AND grade=0 AND "
                  "json_extract(evidence,'$.regraded_for_late_input') AND "
                  "observed_at_ms=" +
                  std::to_string((kInfusion + 10 * kHour) * 1000)),
            1);
  // So is the CTCAE fever: the 10 h temperature is graded again too.
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term='Fever' AND "
                  "grade=0 AND previous_grade=1 AND "
                  "json_extract(evidence,'$.regraded_for_late_input')"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 0);
}

TEST_F(AstctGradingStepTest, LateTemperatureRegradesTheOxygenChartedAfterIt) {
  CarT();
  // Oxygen charted first: no temperature yet, so no CRS grade.
  Charts({Device("nasal cannula", 2 * kHour), Flow(2, 2 * kHour)});
  EXPECT_EQ(Crs(), -1);
  // The 1 h temperature arrives late: fever alone at 1 h, fever with
  // low-flow oxygen at 2 h.
  Charts({Temp(38.6, kHour)});
  EXPECT_EQ(Crs(), 2);
  EXPECT_EQ(Count(kCountCrsFindings +
                  " AND grade=1 AND "
                  "observed_at_ms=" +
                  std::to_string((kInfusion + kHour) * 1000) +
                  " AND json_extract(evidence,'$.regraded_for_late_input') "
                  "IS NULL"),
            1);
  EXPECT_EQ(Count(kCountCrsFindings +
                  " AND grade=2 AND "
                  "previous_grade=1 AND observed_at_ms=" +
                  std::to_string((kInfusion + 2 * kHour) * 1000) +
                  " AND json_extract(evidence,'$.regraded_for_late_input')=1"
                  " AND observation IS NULL"),
            1);
  // One page, at the grade the patient is at now.
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='CRS' AND "
                  "grade=2 AND summary LIKE '%regraded: an earlier-timed "
                  "input arrived late%'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
}

TEST_F(AstctGradingStepTest, LateInputReachesAsFarAsItStaysCurrent) {
  // A late 1 h temperature stays current for 6 h: it decides the oxygen
  // charted just before and at 7 h, not the one a second after.
  CarT();
  std::int64_t day = 0;  // each case two days after the previous one
  for (std::int64_t device_at : {7 * kHour - 1, 7 * kHour, 7 * kHour + 1}) {
    SCOPED_TRACE(device_at);
    day += 2 * 24 * kHour;
    const std::int64_t before = Count(kCountCrsFindings);
    // No temperature yet: no grade.
    Charts({Device("nasal cannula", day + device_at)});
    Charts({Temp(38.5, day + kHour)});
    EXPECT_EQ(Crs(), device_at <= 7 * kHour ? 2 : 1);
    EXPECT_EQ(Count(kCountCrsFindings) - before,
              device_at <= 7 * kHour ? 2 : 1);
    // Afebrile again before the next case.
    Charts({Temp(37.0, day + 12 * kHour)});
  }
}

TEST_F(AstctGradingStepTest, LateGradeIsCarriedUntilAStoredMomentIsGradable) {
  CarT();
  // 3 h: oxygen without a temperature (no grade). 7 h 30: a device with no
  // current temperature (no grade). 8 h: afebrile on room air (grade 0,
  // nothing written: it was 0 already).
  Charts({Device("nasal cannula", 3 * kHour)});
  Charts({Device("nasal cannula", 7 * kHour + 1800)});
  Charts({Temp(37.0, 8 * kHour), Device("room air", 8 * kHour)});
  ASSERT_EQ(Crs(), -1);
  // The 1 h fever arrives late: grade 1 at 1 h and 2 at 3 h. Its reach ends
  // at 7 h; 7 h 30 is not gradable, so the 2 stays in force there; 8 h is
  // gradable and brings the grade in force back to 0.
  Charts({Temp(38.5, kHour)});
  EXPECT_EQ(Crs(), 0);
  auto at = [](std::int64_t offset) {
    return std::to_string((kInfusion + offset) * 1000);
  };
  EXPECT_EQ(Count(kCountCrsFindings +
                  " AND grade=1 AND "
                  "observed_at_ms=" +
                  at(kHour)),
            1);
  EXPECT_EQ(Count(kCountCrsFindings +
                  " AND grade=2 AND "
                  "observed_at_ms=" +
                  at(3 * kHour)),
            1);
  EXPECT_EQ(Count(kCountCrsFindings +
                  " AND grade=0 AND "
                  "previous_grade=2 AND observed_at_ms=" +
                  at(8 * kHour)),
            1);
  EXPECT_EQ(Count(kCountCrsFindings), 3);
  // The episode is on record; the patient is at grade 0 now: no page.
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 0);
}

TEST_F(AstctGradingStepTest, LateVasopressorStartRegradesTheLaterPressure) {
  CarT();
  Charts({Temp(38.5, kHour)});
  Charts({Sbp(85, 3 * kHour)});
  ASSERT_EQ(Crs(), 2);  // hypotension without a vasopressor
  // The 2 h norepinephrine start is entered late: grade 3 from 2 h, and the
  // 3 h pressure is graded again with it.
  Drug("norepinephrine", pb::ADMINISTRATION_STATUS_IN_PROGRESS, 2 * kHour, {},
       "ne-1");
  EXPECT_EQ(Crs(), 3);
}

TEST_F(AstctGradingStepTest, LateTemperatureRegradesAStoredVasopressorStart) {
  CarT();
  Drug("norepinephrine", pb::ADMINISTRATION_STATUS_IN_PROGRESS, 2 * kHour, {},
       "ne-1");
  ASSERT_EQ(Crs(), -1);  // no temperature: no grade
  Charts({Temp(38.5, kHour)});
  EXPECT_EQ(Crs(), 3);
  EXPECT_EQ(Count(kCountCrsFindings + " AND grade=3 AND observed_at_ms=" +
                  std::to_string((kInfusion + 2 * kHour) * 1000)),
            1);
}

TEST_F(AstctGradingStepTest, LateInfusionRecordGradesWhatWasChartedSince) {
  // Vital signs and an ICE score charted after the infusion, before the
  // infusion itself was recorded: nothing to grade them against yet.
  Charts({Temp(36.9, -kHour)});  // before the infusion: never CRS
  Charts({Temp(38.4, 20 * kHour), Device("nasal cannula", 20 * kHour)});
  Charts({Ice(8, 30 * kHour)});
  ASSERT_EQ(Crs(), -1);
  ASSERT_EQ(Icans(), -1);
  CarT();  // day 0 is kInfusion, recorded now
  EXPECT_EQ(Crs(), 2);
  EXPECT_EQ(Icans(), 1);
  EXPECT_EQ(Count(kCountCrsFindings +
                  " AND json_extract(evidence,'$.regraded_for_late_input')=1"
                  " AND observed_at_ms=" +
                  std::to_string((kInfusion + 20 * kHour) * 1000)),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome IN "
                  "('CRS', 'ICANS')"),
            2);
  // The same infusion recorded again changes nothing.
  Therapy(pb::THERAPY_KIND_CAR_T_INFUSION, "tisagenlecleucel");
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term IN ('Cytokine "
                  "release syndrome', 'Immune effector cell-associated "
                  "neurotoxicity syndrome')"),
            2);
}

TEST_F(AstctGradingStepTest, LateInfusionRecordStopsAtTheWindow) {
  Charts({Temp(38.4, 31 * 24 * kHour)});  // day 31: outside the 30 days
  CarT();
  EXPECT_EQ(Crs(), -1);
}

TEST_F(AstctGradingStepTest, LateGradeBeforeAStoredDoseMasksForItsWindow) {
  // In arrival order: fever at 1 h (CRS 1), paracetamol at 6 h masks fever
  // from then on, afebrile at 7 h 30, hypotension at 8 h: CRS 2.
  CarT();
  Drug("Paracetamol 1 g", pb::ADMINISTRATION_STATUS_COMPLETED, 6 * kHour);
  Charts({Temp(37.0, 7 * kHour + 1800)});
  Charts({Sbp(85, 8 * kHour)});
  ASSERT_EQ(Crs(), -1);  // no CRS when the dose was given: no masking
  // The 1 h fever charted late puts CRS at 1 before the dose, which now
  // masks for 24 h: the 8 h hypotension is graded again beyond the fever's
  // own 6 h.
  Charts({Temp(39.0, kHour)});
  EXPECT_EQ(Crs(), 2);
}

TEST_F(AstctGradingStepTest, LateSedationTakesBackTheIceGrade) {
  CarT();
  Charts({Ice(8, 2 * kHour)});
  ASSERT_EQ(Icans(), 1);
  // Sedated from 1 h, charted late: the 2 h ICE is not gradable, and the
  // grade it gave is taken back (in arrival order it would never have been
  // given).
  Charts({State("SEDATED", "yes", kHour)});
  EXPECT_EQ(Icans(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=0 AND "
                  "json_extract(evidence,'$.grade_restored')=0 AND "
                  "json_extract(evidence,'$.regraded_for_late_input')=1"),
            1);
}

TEST_F(AstctGradingStepTest, WithdrawnLateTemperatureTakesBackItsRegrades) {
  CarT();
  Charts({Device("nasal cannula", 2 * kHour), Flow(2, 2 * kHour)});
  Charts({Temp(38.6, kHour, "t-1")});  // late: 1 at 1 h, 2 at 2 h
  ASSERT_EQ(Crs(), 2);
  Charts({WithdrawnTemp(kHour, "t-1", pb::RESULT_STATUS_ENTERED_IN_ERROR)});
  // No temperature is left: neither grade stands.
  EXPECT_EQ(Crs(), 0);
  EXPECT_EQ(Count(kCountCrsFindings + " AND grade=0 AND observed_at_ms=" +
                  std::to_string((kInfusion + 2 * kHour) * 1000)),
            1);
}

TEST_F(AstctGradingStepTest, InfusionEnteredInErrorTakesBackCrsAndIcans) {
  CarT();  // event "ev-1"
  Charts({Temp(38.5, kHour)});
  Charts({Temp(38.6, 3 * kHour), Device("nasal cannula", 3 * kHour)});
  Charts({Ice(8, 4 * kHour)});
  ASSERT_EQ(Crs(), 2);
  ASSERT_EQ(Icans(), 1);
  // The infusion record was a mistake; the correction carries no time of
  // its own (it is read from the record it withdraws).
  Therapy(pb::THERAPY_KIND_CAR_T_INFUSION, "tisagenlecleucel", 10 * kHour,
          "ev-1");
  EXPECT_EQ(Crs(), 0);
  EXPECT_EQ(Icans(), 0);
  EXPECT_EQ(Count(kCountCrsFindings +
                  " AND json_extract(evidence,'$.therapy_withdrawn')=1"),
            2);  // the grade 1 at 1 h and the grade 2 at 3 h
  // A fever charted later is not CRS any more.
  Charts({Temp(39.0, 12 * kHour)});
  EXPECT_EQ(Crs(), 0);
}

// The grade in force at a dose decides whether it masks: a fever charted
// late at the very minute of the paracetamol counts, as one a minute
// before does.
class LateFeverAtADoseTest
    : public AstctGradingStepTest,
      public ::testing::WithParamInterface<std::int64_t> {};

TEST_P(LateFeverAtADoseTest, MakesItMask) {
  CarT();
  Drug("Paracetamol 1 g", pb::ADMINISTRATION_STATUS_COMPLETED, 6 * kHour);
  Charts({Temp(37.0, 7 * kHour + 1800)});
  Charts({Temp(37.0, 12 * kHour + 1800)});
  Charts({Sbp(85, 13 * kHour)});
  ASSERT_EQ(Crs(), -1);
  Charts({Temp(39.0, GetParam())});
  EXPECT_EQ(Crs(), 2);
}

INSTANTIATE_TEST_SUITE_P(AtAndJustBefore, LateFeverAtADoseTest,
                         ::testing::Values(6 * kHour - 60, 6 * kHour));

TEST_F(AstctGradingStepTest, WithdrawalDatedEarlierCoversTheWholeWindow) {
  CarT();  // ev-1 at day 0
  Charts({Temp(38.5, 28 * 24 * kHour)});
  ASSERT_EQ(Crs(), 1);
  // The withdrawal carries an earlier time than the infusion record.
  Therapy(pb::THERAPY_KIND_CAR_T_INFUSION, "tisagenlecleucel", -5 * 24 * kHour,
          "ev-1");
  EXPECT_EQ(Crs(), 0);
}

TEST_F(AstctGradingStepTest, WithdrawingOneInfusionKeepsTheOther) {
  CarT();  // ev-1 at day 0
  Therapy(pb::THERAPY_KIND_CAR_T_INFUSION, "tisagenlecleucel",
          20 * 24 * kHour);               // ev-2 at day 20
  Charts({Temp(38.6, 10 * 24 * kHour)});  // day 10: ev-1's window
  Charts({Temp(38.5, 32 * 24 * kHour)});  // day 32: only ev-2's
  ASSERT_EQ(Crs(), 1);
  Therapy(pb::THERAPY_KIND_CAR_T_INFUSION, "tisagenlecleucel", 20 * 24 * kHour,
          "ev-2");
  EXPECT_EQ(Crs(), 0);  // day 32 is outside ev-1's 30 days
  // Day 10 is still in ev-1's window: its grade stands.
  EXPECT_EQ(Count(kCountCrsFindings + " AND grade=1 AND observed_at_ms=" +
                  std::to_string((kInfusion + 10 * 24 * kHour) * 1000)),
            1);
}

TEST_F(AstctGradingStepTest, LateLevelOfConsciousnessRegradesIcans) {
  CarT();
  Charts({Ice(8, 2 * kHour)});
  ASSERT_EQ(Icans(), 1);
  Charts({State("LOC", "unarousable", kHour)});  // charted late
  EXPECT_EQ(Icans(), 4);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grade=4 AND "
                  "json_extract(evidence,'$.regraded_for_late_input')=1"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='ICANS' AND "
                  "grade=4"),
            1);
}

TEST_F(AstctGradingStepTest, CorrectedAndWithdrawnTemperatures) {
  CarT();
  Charts({Temp(38.4, kHour, "t-1")});
  ASSERT_EQ(Crs(), 1);
  Chart corrected = Temp(37.4, kHour, "t-1");
  corrected.status = pb::RESULT_STATUS_CORRECTED;
  Charts({corrected});
  EXPECT_EQ(Crs(), 0);
  Charts({Temp(38.9, 2 * kHour, "t-2")});
  ASSERT_EQ(Crs(), 1);
  Charts({WithdrawnTemp(2 * kHour, "t-2", pb::RESULT_STATUS_ENTERED_IN_ERROR)});
  // The corrected 37.4 at 1 h is current again: no fever.
  EXPECT_EQ(Crs(), 0);
}

TEST_F(AstctGradingStepTest, WithdrawnOnlyEvidenceRestoresTheGradeBefore) {
  CarT();
  Charts({Temp(38.9, kHour, "t-1")});
  ASSERT_EQ(Crs(), 1);
  Charts({WithdrawnTemp(kHour, "t-1", pb::RESULT_STATUS_CANCELLED)});
  EXPECT_EQ(Crs(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term='Cytokine "
                  "release syndrome' AND "
                  "json_extract(evidence,'$.grade_restored')=0"),
            1);
}

TEST_F(AstctGradingStepTest, UnreadableValuesAreRecordedNotGuessed) {
  CarT();
  Charts({Device("tent", kHour),
          Temp(38.5, kHour),
          {"LN", "3151-8", 4, std::nullopt, "mL/h", kHour}});
  EXPECT_EQ(Count("SELECT count(*) FROM data_quality WHERE "
                  "issue='unreadable_value'"),
            2);
  EXPECT_EQ(Crs(), 1);  // fever; oxygen support unknown
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE "
                  "json_extract(evidence,'$.not_current') LIKE "
                  "'%oxygen support%'"),
            1);
}

TEST_F(AstctGradingStepTest, IcansByIceScoreBands) {
  CarT();
  Charts({Ice(10, kHour)});
  EXPECT_EQ(Icans(), -1);  // grade 0, no change
  Charts({Ice(9, 2 * kHour)});
  EXPECT_EQ(Icans(), 1);
  Charts({Ice(7, 3 * kHour)});
  EXPECT_EQ(Icans(), 1);
  Charts({Ice(6, 4 * kHour)});
  EXPECT_EQ(Icans(), 2);
  Charts({Ice(3, 5 * kHour)});
  EXPECT_EQ(Icans(), 2);
  Charts({Ice(2, 6 * kHour)});
  EXPECT_EQ(Icans(), 3);
  Charts({Ice(0, 7 * kHour), State("LOC", "unarousable", 7 * kHour)});
  EXPECT_EQ(Icans(), 4);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='ICANS'"), 4);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term='Immune effector "
                  "cell-associated neurotoxicity syndrome' AND meddra_code "
                  "IS NULL AND grading_system='ASTCT 2019'"),
            4);  // 9, 6, 2 and 0-unarousable changed the grade
}

TEST_F(AstctGradingStepTest, SedatedPatientIsNotGradedOnIceOrConsciousness) {
  CarT();
  Charts({State("SEDATED", "yes", kHour), Ice(2, kHour),
          State("LOC", "unarousable", kHour)});
  EXPECT_EQ(Icans(), -1);
  Charts({State("SEIZURE", "status epilepticus", 2 * kHour)});
  EXPECT_EQ(Icans(), 4);  // other domains still count
}

TEST_F(AstctGradingStepTest, SeizureWithoutItsCourseIsProvisionalGradeThree) {
  CarT();
  Charts({State("SEIZURE", "yes", kHour)});
  EXPECT_EQ(Icans(), 3);
  EXPECT_EQ(Count("SELECT provisional FROM findings ORDER BY id DESC LIMIT 1"),
            1);
}

TEST_F(AstctGradingStepTest, MotorAndOedemaDomains) {
  CarT();
  Charts({State("CEREBRAL-EDEMA", "focal", kHour)});
  EXPECT_EQ(Icans(), 3);
  Charts({State("MOTOR-WEAKNESS", "hemiparesis", 2 * kHour)});
  EXPECT_EQ(Icans(), 4);
}

TEST_F(AstctGradingStepTest, CarTGivenAsAnAdministrationStartsMonitoring) {
  Drug("Kymriah", pb::ADMINISTRATION_STATUS_COMPLETED, 0, {}, "inf-1");
  EXPECT_EQ(Count("SELECT count(*) FROM therapies WHERE "
                  "kind='car_t_infusion' AND event_id='inf-1'"),
            1);
  Charts({Temp(38.2, kHour)});
  EXPECT_EQ(Crs(), 1);
}

TEST_F(AstctGradingStepTest, AdministrationsKeepTheirCatalogueClass) {
  Drug("Solu-Medrol 125 mg", pb::ADMINISTRATION_STATUS_COMPLETED, 0);
  Drug("unknown drug", pb::ADMINISTRATION_STATUS_COMPLETED, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM medication_administrations WHERE "
                  "drug_class='corticosteroid' AND "
                  "drug_generic='methylprednisolone'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM medication_administrations WHERE "
                  "drug_class IS NULL"),
            1);
}

TEST_F(AstctGradingStepTest, CheckpointTargetFilledFromTheCatalogue) {
  Therapy(pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE, "Yervoy");
  EXPECT_EQ(Count("SELECT count(*) FROM therapies WHERE target='CTLA-4'"), 1);
}

// Rule set iraed-rules-4: the CTCAE v5 CRS scale beside ASTCT (reference
// 10.6) and CAPD for children under 12 (10.5).
class AstctGradingStepRules4Test : public AstctGradingStepTest {
 protected:
  void SetUp() override { StoreTest::Open(grading::GradingOptions{}); }
  std::int64_t Scale(const std::string& term, const std::string& system) {
    return Count("SELECT coalesce((SELECT grade FROM findings WHERE term='" +
                 term + "' AND grading_system='" + system +
                 "' ORDER BY observed_at_ms DESC, id DESC LIMIT 1), -1)");
  }
};

TEST_F(AstctGradingStepRules4Test,
       CtcaeCrsIsRecordedBesideAstctAndPagesNobody) {
  CarT();
  Charts({Temp(38.6, kHour), Device("facemask", kHour), Fio2(50, kHour)});
  EXPECT_EQ(Scale("Cytokine release syndrome", "ASTCT 2019"), 3);
  EXPECT_EQ(Scale("Cytokine release syndrome", "CTCAE 5.0"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grading_system="
                  "'CTCAE 5.0' AND rule_version='ctcae-5.0-crs/iraed-1' AND "
                  "meddra_code='10052015' AND json_extract(evidence, "
                  "'$.fio2_percent.value') = 50"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='CRS' AND "
                  "grade=3"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alert_findings af JOIN findings f ON "
                  "f.id = af.finding WHERE f.grading_system='CTCAE 5.0'"),
            0);
  // FiO2 35 %: CTCAE 2, ASTCT still 3 (device-based): no new finding for
  // ASTCT, no alert.
  Charts({Fio2(35, 2 * kHour)});
  EXPECT_EQ(Scale("Cytokine release syndrome", "CTCAE 5.0"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grading_system="
                  "'ASTCT 2019' AND term='Cytokine release syndrome'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
  // Back up to 45 %: the CTCAE scale rises again and still pages nobody
  // (the CRS grade before is read from the ASTCT findings only).
  Charts({Fio2(45, 3 * kHour)});
  EXPECT_EQ(Scale("Cytokine release syndrome", "CTCAE 5.0"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
}

TEST_F(AstctGradingStepRules4Test, InspiredOxygenIsRecordOnlyBeforeRuleSet4) {
  grading::GradingOptions o;
  o.rule_set = grading::RuleSet::kRules3;
  StoreTest::Open(o);
  CarT();
  Charts({Temp(38.6, kHour), Device("facemask", kHour), Fio2(50, kHour)});
  EXPECT_EQ(Scale("Cytokine release syndrome", "CTCAE 5.0"), -1);
  EXPECT_EQ(Count("SELECT count(*) FROM clinical_states WHERE "
                  "concept='inspired_oxygen'"),
            0);
}

TEST_F(AstctGradingStepRules4Test, AChildUnderTwelveIsGradedByCapd) {
  birth_date_ = "2019-03-01";  // 7 years old
  CarT();
  Charts({Ice(2, kHour), State("LOC", "alert", kHour), Capd(4, kHour)});
  // ICE 2 would be grade 3; CAPD 4 while alert is grade 1.
  EXPECT_EQ(Icans(), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE json_extract(evidence,"
                  " '$.encephalopathy_scale') = 'CAPD' AND json_extract("
                  "evidence, '$.age_years') = 7 AND rule_version = "
                  "'astct-2019-icans/iraed-3'"),
            1);
  Charts({Capd(12, 2 * kHour)});
  EXPECT_EQ(Icans(), 3);
}

TEST_F(AstctGradingStepRules4Test, WithoutABirthDateIceGradesAndSaysSo) {
  CarT();
  Charts({Ice(2, kHour), State("LOC", "alert", kHour), Capd(4, kHour)});
  EXPECT_EQ(Icans(), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE json_type(evidence, "
                  "'$.age_years') = 'null' AND json_extract(evidence, "
                  "'$.rule') LIKE '%age unknown (no birth date): the ICE "
                  "scale applies%'"),
            1);
  // A birth date sent later makes the patient a child from then on.
  birth_date_ = "2020-01-01";
  Charts({Capd(0, 2 * kHour)});
  EXPECT_EQ(Icans(), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM patients WHERE birth_date = "
                  "'2020-01-01'"),
            1);
}

TEST_F(AstctGradingStepRules4Test, CapdAndFio2StayCurrentForTwelveHours) {
  birth_date_ = "2019-03-01";
  CarT();
  Charts({Capd(12, kHour), State("LOC", "alert", kHour)});
  EXPECT_EQ(Icans(), 3);
  // Three hours later only the level of consciousness is charted: the
  // CAPD is still current.
  Charts({State("LOC", "alert", 4 * kHour)});
  EXPECT_EQ(Icans(), 3);
  Charts({Temp(38.6, kHour), Device("facemask", kHour), Fio2(35, kHour)});
  EXPECT_EQ(Scale("Cytokine release syndrome", "CTCAE 5.0"), 2);
  Charts({Temp(38.7, 5 * kHour)});
  EXPECT_EQ(Scale("Cytokine release syndrome", "CTCAE 5.0"), 2);
}

TEST_F(AstctGradingStepRules4Test, AWithdrawnFio2NeverPagesTheCtcaeScale) {
  CarT();
  Charts({Temp(38.6, kHour), Device("nasal cannula", kHour), Flow(2, kHour)});
  EXPECT_EQ(Scale("Cytokine release syndrome", "ASTCT 2019"), 2);
  EXPECT_EQ(Scale("Cytokine release syndrome", "CTCAE 5.0"), 3);  // no FiO2
  Chart fio2 = Fio2(30, kHour + 60);
  fio2.result_id = "F1";
  Charts({fio2});
  EXPECT_EQ(Scale("Cytokine release syndrome", "CTCAE 5.0"), 2);
  fio2.numeric.reset();
  fio2.status = pb::RESULT_STATUS_ENTERED_IN_ERROR;
  Charts({fio2});
  EXPECT_EQ(Scale("Cytokine release syndrome", "CTCAE 5.0"), 3);
  EXPECT_EQ(Scale("Cytokine release syndrome", "ASTCT 2019"), 2);
  // One CRS alert, at the ASTCT grade.
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome='CRS' AND "
                  "grade=2"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE grading_system="
                  "'CTCAE 5.0' AND json_type(evidence, '$.record_only') "
                  "<> 'text'"),
            0);
}

}  // namespace
}  // namespace iraed::store
